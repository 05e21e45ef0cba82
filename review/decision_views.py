"""Recording decisions over HTTP: approve, reject, correct, undo, and several figures at once.

Each form carries the figure version the reviewer was shown; the store refuses a decision on any
other version (409, "changed under you") and the request's transaction is rolled back, so nothing
is recorded. A bulk decision is one transaction: every figure is decided, or none.

An HTML form gets a redirect back (303) to where it came from; a client asking for JSON gets the
figures' new status and version.
"""

from __future__ import annotations

from flask import Blueprint, flash, jsonify, redirect, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import BadRequest

from review.auth import current_user, safe_next
from review.db import db
from review.errors import wants_json
from review.forms import BulkForm, CorrectForm, DecisionForm, RejectForm, picks, validated
from store.decisions import record_decision, undo_decision
from store.models import Figure

bp = Blueprint("decisions", __name__)


def _done(figure_ids: list[int], message: str, next_url: str | None) -> ResponseReturnValue:
    """Commit, then answer: JSON with each figure's new state, or a redirect with a message."""
    session = db()
    session.commit()
    if wants_json():
        figures = [session.get_one(Figure, fid) for fid in figure_ids]
        return jsonify(
            {"message": message, "figures": [{"id": f.id, "status": f.status, "version": f.version} for f in figures]}
        )
    flash(message, "done")
    return redirect(safe_next(next_url) or url_for("queue.queue"), 303)


@bp.post("/figures/<int:figure_id>/approve")
def approve(figure_id: int) -> ResponseReturnValue:
    form = validated(DecisionForm(request.form))
    done = record_decision(db(), figure_id, "approved", current_user(), expected_version=form.version.data)
    return _done([figure_id], f"Approved figure {figure_id} ({done.figure.text}).", form.next.data)


@bp.post("/figures/<int:figure_id>/reject")
def reject(figure_id: int) -> ResponseReturnValue:
    form = validated(RejectForm(request.form))
    done = record_decision(
        db(), figure_id, "rejected", current_user(), note=form.reason.data, expected_version=form.version.data
    )
    return _done([figure_id], f"Rejected figure {figure_id} ({done.figure.text}): {done.note}.", form.next.data)


@bp.post("/figures/<int:figure_id>/correct")
def correct(figure_id: int) -> ResponseReturnValue:
    form = validated(CorrectForm(request.form))
    decision = record_decision(
        db(), figure_id, "corrected", current_user(),
        note=form.note.data, corrected=form.corrected(), expected_version=form.version.data,
    )  # fmt: skip
    changed = ", ".join(sorted(decision.corrected or {}))
    return _done([figure_id], f"Corrected figure {figure_id} ({changed}) and approved it.", form.next.data)


@bp.post("/figures/<int:figure_id>/undo")
def undo(figure_id: int) -> ResponseReturnValue:
    form = validated(DecisionForm(request.form))
    undone = undo_decision(db(), figure_id, current_user(), expected_version=form.version.data)
    return _done([figure_id], f"Undid decision {undone.undoes_id} on figure {figure_id}.", form.next.data)


@bp.post("/decisions/bulk")
def bulk() -> ResponseReturnValue:
    form = validated(BulkForm(request.form))
    chosen = picks(request.form.getlist("pick"))
    user = current_user()
    if form.action.data == "reject" and not (form.reason.data or "").strip():
        raise BadRequest("Give a reason for rejecting the selected figures.")
    decision = "approved" if form.action.data == "approve" else "rejected"
    note = form.reason.data if decision == "rejected" else None
    for figure_id, version in chosen:
        record_decision(db(), figure_id, decision, user, note=note, expected_version=version)
    ids = [figure_id for figure_id, _ in chosen]
    return _done(ids, f"{decision.capitalize()} {len(ids)} figure(s): {', '.join(map(str, ids))}.", form.next.data)
