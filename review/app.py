"""The application factory: one Flask app per database, with its policy, headers and pages.

Order matters and is fixed here: the access policy runs before CSRF checking (a signed-out visitor
is refused as signed out, whatever they post), then the view; every response gets the security
headers; every error becomes a 4xx page or JSON (``review.errors``).
"""

from __future__ import annotations

from datetime import timedelta

from flask import Flask, jsonify
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import Engine, text

from review import (
    admin_views,
    auth,
    decision_views,
    errors,
    figure_views,
    formatting,
    queue_views,
    security,
    timeline_views,
)
from review import db as request_db
from review.db import EXTENSION, AppSettings, Services
from review.forms import REJECT_REASONS
from store.database import session_factory
from store.users import app_secret

#: The name of the database secret the session cookies are signed with.
SESSION_KEY = "session_signing_key"
#: Requests larger than this are refused (413) before a view reads them.
MAX_REQUEST_BYTES = 1024 * 1024


def create_app(engine: Engine, settings: AppSettings | None = None) -> Flask:
    """The review app on ``engine`` (whose schema is already at the newest revision)."""
    settings = settings or AppSettings()
    app = Flask(__name__)
    sessions = session_factory(engine)
    with sessions.begin() as session:
        secret = app_secret(session, SESSION_KEY)
    app.config.update(
        SECRET_KEY=secret,
        SESSION_COOKIE_NAME="capexwatch_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        PERMANENT_SESSION_LIFETIME=timedelta(hours=settings.session_hours),
        # The session's lifetime bounds the token's: a reviewer can leave the queue open all day.
        WTF_CSRF_TIME_LIMIT=None,
        MAX_CONTENT_LENGTH=MAX_REQUEST_BYTES,
        JSON_SORT_KEYS=False,
    )
    app.extensions[EXTENSION] = Services(sessions, auth.SignInLimiter(settings.sign_in_attempts), settings)
    request_db.init_app(app)
    auth.init_app(app)  # before CSRFProtect: its hook must run first
    CSRFProtect(app)
    security.init_app(app, https=settings.secure_cookies)
    errors.init_app(app)
    for blueprint in (queue_views.bp, decision_views.bp, figure_views.bp, timeline_views.bp, admin_views.bp):
        app.register_blueprint(blueprint)
    app.add_url_rule("/healthz", "health", health)
    app.jinja_env.filters.update(
        money=formatting.money, compact=formatting.compact, full=formatting.full, day=formatting.day,
        stamp=formatting.stamp, web_url=formatting.web_url, editable_amount=formatting.editable_amount,
    )  # fmt: skip
    app.jinja_env.globals.update(sentence_segments=formatting.sentence_segments, reasons=REJECT_REASONS)
    return app


def health() -> ResponseReturnValue:
    """For load balancers and monitors: 200 when the database answers, 503 when it does not."""
    try:
        request_db.db().execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any failure to reach the database means "not healthy"
        request_db.discard()
        return jsonify({"status": "database unreachable"}), 503
    return jsonify({"status": "ok"})
