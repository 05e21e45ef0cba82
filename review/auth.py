"""Who is signed in, and who may see what — decided here, in one place, for every request.

Sessions are Flask's signed cookies (itsdangerous, HMAC with a key kept in the database):
HttpOnly, SameSite=Lax, Secure when served over https, expiring after ``session_hours``. A session
holds the user's id and ``session_version``; every request reloads the user, so a user who is
disabled (or whose password changes) is signed out at their next request, wherever they are.

Access policy (:func:`enforce_access`, run before every view): the endpoints in
:data:`PUBLIC_ENDPOINTS` are open; everything else needs a signed-in, enabled user; blueprints in
:data:`ADMIN_BLUEPRINTS` need an admin. A new route is therefore private unless it is added to the
public set — and ``tests/test_review_access.py`` requests every route the app has, signed out.

Sign-in attempts are rate-limited with ``limits`` (a moving window in memory, per process):
``sign_in_attempts`` failures per name and address in 15 minutes, and ten times that per address.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from flask import Blueprint, Flask, abort, flash, g, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from limits import RateLimitItem, parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from review.db import db, services
from review.errors import wants_json
from review.forms import SignInForm, validated
from store.models import User
from store.users import authenticate

bp = Blueprint("auth", __name__)

#: Endpoints anyone may reach: the sign-in form, the health check, the stylesheet and script.
PUBLIC_ENDPOINTS: frozenset[str] = frozenset({"auth.sign_in", "health", "static"})
#: Blueprints whose every endpoint needs an admin.
ADMIN_BLUEPRINTS: frozenset[str] = frozenset({"admin"})
WINDOW = "15 minutes"


class SignInLimiter:
    """Counts failed sign-ins per (address, name) and per address; refuses past the limits."""

    def __init__(self, attempts: int) -> None:
        self.per_name: RateLimitItem = parse(f"{attempts} per {WINDOW}")
        self.per_address: RateLimitItem = parse(f"{attempts * 10} per {WINDOW}")
        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    def _keys(self, address: str, name: str) -> list[tuple[RateLimitItem, tuple[str, ...]]]:
        return [(self.per_name, (address, name.strip().casefold())), (self.per_address, (address,))]

    def allowed(self, address: str, name: str) -> bool:
        return all(self._limiter.test(item, *keys) for item, keys in self._keys(address, name))

    def failed(self, address: str, name: str) -> None:
        for item, keys in self._keys(address, name):
            self._limiter.hit(item, *keys)

    def succeeded(self, address: str, name: str) -> None:
        item, keys = self._keys(address, name)[0]
        self._limiter.clear(item, *keys)

    def retry_after(self, address: str, name: str) -> int:
        """Seconds until the next attempt may be made."""
        stats = [self._limiter.get_window_stats(item, *keys) for item, keys in self._keys(address, name)]
        return max(1, int(max(s.reset_time for s in stats if s.remaining == 0) - time.time()) + 1)


def current_user() -> User:
    """The signed-in user (views behind :func:`enforce_access` always have one)."""
    user: User | None = g.get("user")
    if user is None:  # not an assert: must hold under python -O
        abort(401)
    return user


def _load_user() -> User | None:
    """The session's user if still enabled and the session still valid; else sign the session out."""
    user_id = session.get("uid")
    if user_id is None:
        return None
    user = db().get(User, user_id)
    if user is None or not user.active or session.get("sv") != user.session_version:
        session.clear()
        flash("You were signed out: your account was disabled or its password changed.", "error")
        return None
    return user


def enforce_access() -> ResponseReturnValue | None:
    """The access policy (see the module doc); returns a response to refuse, else ``None``."""
    endpoint = request.endpoint
    if endpoint == "static":
        return None
    g.user = _load_user()
    if endpoint is None or endpoint in PUBLIC_ENDPOINTS:
        return None  # unknown URLs fall through to the router's 404/405
    if g.user is None:
        if request.method == "GET" and not wants_json():
            return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))
        abort(401, "Sign in first.")
    if request.blueprint in ADMIN_BLUEPRINTS and not g.user.is_admin:
        abort(403, "Only admins manage users.")
    return None


def safe_next(target: str | None) -> str | None:
    """``target`` if it is a path on this site (never another host: no open redirect), else ``None``."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None


@bp.route("/sign-in", methods=["GET", "POST"])
def sign_in() -> ResponseReturnValue:
    """The sign-in form; a correct name and password start a session."""
    next_url = safe_next(request.values.get("next"))
    if request.method == "GET":
        if g.get("user") is not None:
            return redirect(next_url or url_for("queue.queue"))
        return render_template("sign_in.html", next=next_url, name="")
    form = validated(SignInForm(request.form))
    name, password = form.name.data or "", form.password.data or ""
    address = request.remote_addr or "unknown"
    limiter = services().limiter
    if not limiter.allowed(address, name):
        wait = limiter.retry_after(address, name)
        response = render_template(
            "sign_in.html", next=next_url, name=name,
            error=f"Too many failed sign-ins. Try again in {max(1, round(wait / 60))} minute(s).",
        )  # fmt: skip
        return response, 429, {"Retry-After": str(wait)}
    user = authenticate(db(), name, password)
    if user is None:
        limiter.failed(address, name)
        return render_template("sign_in.html", next=next_url, name=name, error="Wrong name or password."), 401
    limiter.succeeded(address, name)
    db().commit()  # a rehashed password, if the hash parameters changed
    session.clear()  # a fresh session (and CSRF token) for the signed-in user
    session.permanent = True
    session["uid"] = user.id
    session["sv"] = user.session_version
    return redirect(next_url or url_for("queue.queue"), 303)


@bp.post("/sign-out")
def sign_out() -> ResponseReturnValue:
    session.clear()
    flash("Signed out.", "info")
    return redirect(url_for("auth.sign_in"), 303)


def init_app(app: Flask) -> None:
    """Register the policy before any other request hook (CSRF included): refuse first, then check."""
    app.before_request(enforce_access)
    app.register_blueprint(bp)
