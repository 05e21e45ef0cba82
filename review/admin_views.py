"""``/admin/users``: admins add, enable and disable users (every route here needs an admin: see auth)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy import func, select

from review.auth import current_user
from review.db import db
from review.forms import AddUserForm, validated
from store.models import USER_ROLES, ReviewDecision, User
from store.users import add_user, list_users, set_active

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("/users")
def users() -> ResponseReturnValue:
    counts = dict(
        db().execute(
            select(ReviewDecision.user_id, func.count())
            .where(ReviewDecision.decision != "undo")
            .group_by(ReviewDecision.user_id)
        ).all()
    )
    return render_template("users.html", users=list_users(db()), decisions=counts, roles=USER_ROLES)


@bp.post("/users")
def add() -> ResponseReturnValue:
    form = validated(AddUserForm(request.form))
    user = add_user(db(), form.name.data or "", form.password.data or "", form.role.data or "reviewer")
    db().commit()
    flash(f"Added {user.role} {user.name}.", "done")
    return redirect(url_for("admin.users"), 303)


def _toggle(user_id: int, active: bool) -> ResponseReturnValue:
    user = db().get(User, user_id)
    if user is None:
        abort(404, f"There is no user {user_id}.")
    if not active and user.id == current_user().id:
        abort(400, "You cannot disable yourself; ask another admin.")
    set_active(db(), user.name, active)
    db().commit()
    flash(f"{'Enabled' if active else 'Disabled'} {user.name}.", "done")
    return redirect(url_for("admin.users"), 303)


@bp.post("/users/<int:user_id>/disable")
def disable(user_id: int) -> ResponseReturnValue:
    return _toggle(user_id, False)


@bp.post("/users/<int:user_id>/enable")
def enable(user_id: int) -> ResponseReturnValue:
    return _toggle(user_id, True)
