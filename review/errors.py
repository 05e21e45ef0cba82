"""Every refusal as a clear 4xx page (or JSON for a client that asks for JSON), never a traceback.

The store's own errors map to statuses here, in one table: an unknown figure is 404, a decision
that cannot be recorded 400, a figure that changed under the reviewer 409. The request's database
session is rolled back before the error page is rendered, so a refused request changes nothing.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from review import db
from review.queue import FilterError
from store.errors import DecisionConflict, InvalidDecision, UnknownFigure, UserError

log = logging.getLogger(__name__)

#: Our errors -> (HTTP status, title).
STATUS_OF: dict[type[Exception], tuple[int, str]] = {
    UnknownFigure: (404, "No such figure"),
    DecisionConflict: (409, "Changed under you"),
    InvalidDecision: (400, "Cannot record that"),
    UserError: (400, "Cannot do that"),
    FilterError: (400, "Bad filter"),
}


def wants_json() -> bool:
    """True when the client prefers JSON to HTML (a script, ``fetch``), or posted JSON."""
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return request.is_json or best == "application/json"


def error_response(status: int, title: str, message: str) -> tuple[Response | str, int]:
    db.discard()
    if wants_json():
        return jsonify({"error": title, "message": message, "status": status}), status
    return render_template("error.html", status=status, title=title, message=message), status


def _http(exc: HTTPException) -> tuple[Response | str, int]:
    status = exc.code or 500
    if status >= 500:
        return error_response(status, "Something went wrong", "The error was logged; try again.")
    return error_response(status, exc.name, exc.description or exc.name)


def _csrf(exc: CSRFError) -> tuple[Response | str, int]:
    return error_response(
        400, "Form expired or forged",
        f"{exc.description} Nothing was changed: reload the page and try again.",
    )  # fmt: skip


def _ours(exc: Exception) -> tuple[Response | str, int]:
    for kind, (status, title) in STATUS_OF.items():
        if isinstance(exc, kind):
            return error_response(status, title, str(exc))
    raise exc  # not reached: registered only for the kinds above


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf)
    app.register_error_handler(HTTPException, _http)
    for kind in STATUS_OF:
        app.register_error_handler(kind, _ours)
