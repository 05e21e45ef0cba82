"""What a request reaches through the app: one database session, the rate table, the app's services.

One session per request, opened on first use and closed (rolled back if not committed) when the
request ends, so a view that fails half way leaves nothing behind. Views that change something
call ``db().commit()`` once, at the end.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from flask import Flask, current_app, g
from sqlalchemy.orm import Session, sessionmaker

from store.rates import RateTable

if TYPE_CHECKING:
    from review.auth import SignInLimiter

EXTENSION = "capexwatch"


@dataclass(frozen=True, slots=True)
class AppSettings:
    """What ``capexwatch serve`` tells the app (from the ``[review]`` configuration table)."""

    session_hours: float = 12.0
    secure_cookies: bool = False
    sign_in_attempts: int = 5
    page_size: int = 50


@dataclass(frozen=True, slots=True)
class Services:
    """The app's long-lived parts, kept in ``app.extensions``."""

    sessions: sessionmaker[Session]
    limiter: SignInLimiter
    settings: AppSettings


def services() -> Services:
    return current_app.extensions[EXTENSION]


def db() -> Session:
    """This request's database session."""
    if "db" not in g:
        g.db = services().sessions()
    return g.db


def rates() -> RateTable:
    """The exchange rates (bundled and imported), read once per request."""
    if "rates" not in g:
        g.rates = RateTable.load(db())
    return g.rates


def discard() -> None:
    """Roll back and close this request's session (after an error, before rendering its page)."""
    session = g.pop("db", None)
    if session is not None:
        session.expunge_all()  # the signed-in user stays readable (detached) for the error page
        session.rollback()
        session.close()


def init_app(app: Flask) -> None:
    app.teardown_appcontext(lambda _exc: discard())
