"""People who review figures, and the app's own secrets.

A decision points at the user who made it (``review_decisions.user_id``), so "who decided" is a
fact the database keeps, not free text a typo can split in two. Passwords are stored only as
argon2 hashes (:mod:`store.users` makes and checks them); a user without a hash cannot sign in
(revision 0010_review creates such disabled users for names found in older decisions).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from store.models.base import Base, in_list
from store.types import utcnow

#: What a user may do: reviewers review; admins also manage users.
USER_ROLES: tuple[str, ...] = ("reviewer", "admin")


class User(Base):
    """A reviewer or admin: a unique name, an argon2 password hash, a role, enabled or not.

    ``session_version`` is copied into each signed session cookie; raising it (a password change,
    disabling) invalidates every session the user has open, wherever it is.
    """

    __tablename__ = "users"
    __table_args__ = (CheckConstraint(in_list("role", USER_ROLES), name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    password_hash: Mapped[str | None] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(20), default="reviewer")
    active: Mapped[bool] = mapped_column(default=True)
    session_version: Mapped[int] = mapped_column(default=0)
    created: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def __repr__(self) -> str:
        return f"User(id={self.id!r}, name={self.name!r}, role={self.role!r}, active={self.active!r})"


class AppSecret(Base):
    """A named random secret the web app needs on every process (the session-signing key).

    Kept in the database rather than in a file or the environment so that every ``serve``
    process on the same database signs and checks cookies with the same key, and sessions
    survive a restart; whoever can read this table can already write decisions directly.
    """

    __tablename__ = "app_secrets"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    created: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return f"AppSecret(name={self.name!r})"
