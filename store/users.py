"""Users: adding, finding, enabling and disabling them, and checking their passwords.

Passwords are hashed with argon2id (``argon2-cffi``, the Password Hashing Competition winner and
OWASP's first choice) with the library's current parameters; a hash made with older parameters is
replaced at the next successful sign-in. Checking a name that does not exist still spends the
time of one hash, so the answer's timing does not tell whether the name exists.

The caller owns the session and the transaction, as everywhere in the store.
"""

from __future__ import annotations

import secrets
import unicodedata

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store.errors import UserError
from store.models.users import USER_ROLES, AppSecret, User
from store.queries import _insert
from store.types import utcnow

#: Shorter passwords are refused (NIST SP 800-63B's minimum for user-chosen secrets).
MIN_PASSWORD_LENGTH = 8
#: Longer ones too: hashing megabytes on every sign-in attempt would be a denial of service.
MAX_PASSWORD_LENGTH = 1024
MAX_NAME_LENGTH = 200

_hasher = PasswordHasher()
#: Verified against when the name is unknown, so both answers take as long.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def check_name(name: str) -> str:
    """``name`` as stored: stripped; refused if empty, too long or containing control characters."""
    cleaned = name.strip()
    if not cleaned:
        raise UserError("a user name cannot be empty")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise UserError(f"a user name has at most {MAX_NAME_LENGTH} characters")
    if any(unicodedata.category(ch).startswith("C") for ch in cleaned):
        raise UserError("a user name cannot contain control characters")
    return cleaned


def hash_password(password: str) -> str:
    """An argon2id hash of ``password`` after checking its length."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise UserError(f"a password has at most {MAX_PASSWORD_LENGTH} characters")
    return _hasher.hash(password)


def find_user(session: Session, name: str) -> User | None:
    """The user called exactly ``name`` (after stripping), or ``None``."""
    return session.scalar(select(User).where(User.name == name.strip()))


def active_user(session: Session, name: str) -> User:
    """The enabled user called ``name``; :class:`UserError` saying why not otherwise."""
    user = find_user(session, name)
    if user is None:
        known = ", ".join(session.scalars(select(User.name).where(User.active).order_by(User.name))) or "none"
        raise UserError(f"no user named {name!r} (enabled users: {known}); add one with `capexwatch users add`")
    if not user.active:
        raise UserError(f"user {user.name!r} is disabled")
    return user


def add_user(session: Session, name: str, password: str, role: str = "reviewer") -> User:
    """Create an enabled user; refuses a taken name (ignoring case), an unknown role, a weak password."""
    cleaned = check_name(name)
    if role not in USER_ROLES:
        raise UserError(f"unknown role {role!r}; expected one of {', '.join(USER_ROLES)}")
    taken = session.scalar(select(User.name).where(func.lower(User.name) == cleaned.lower()))
    if taken is not None:
        raise UserError(f"a user named {taken!r} already exists")
    user = User(name=cleaned, password_hash=hash_password(password), role=role, active=True, created=utcnow())
    session.add(user)
    session.flush()
    return user


def list_users(session: Session) -> list[User]:
    """Every user, by name."""
    return list(session.scalars(select(User).order_by(User.name)))


def _existing(session: Session, name: str) -> User:
    user = find_user(session, name)
    if user is None:
        raise UserError(f"no user named {name!r}")
    return user


def set_active(session: Session, name: str, active: bool) -> User:
    """Enable or disable ``name``; disabling also ends every session the user has open."""
    user = _existing(session, name)
    if active and user.password_hash is None:
        raise UserError(f"user {user.name!r} has no password; set one first with `capexwatch users password`")
    if user.active != active:
        user.active = active
        user.session_version += 1
    session.flush()
    return user


def set_password(session: Session, name: str, password: str) -> User:
    """Give ``name`` a new password; every session the user had open ends."""
    user = _existing(session, name)
    user.password_hash = hash_password(password)
    user.session_version += 1
    session.flush()
    return user


def authenticate(session: Session, name: str, password: str) -> User | None:
    """The enabled user ``name`` if ``password`` is theirs, else ``None`` (same time either way).

    A stored hash made with weaker parameters than today's is replaced (the caller commits).
    """
    user = find_user(session, name) if name.strip() and len(password) <= MAX_PASSWORD_LENGTH else None
    stored = user.password_hash if user is not None and user.password_hash else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or stored is _DUMMY_HASH or not user.active:
        return None
    if _hasher.check_needs_rehash(stored):
        user.password_hash = _hasher.hash(password)
        session.flush()
    return user


def app_secret(session: Session, name: str) -> str:
    """The secret called ``name``, made (32 random bytes) and stored the first time it is asked for.

    Two processes asking at once both insert; ``ON CONFLICT DO NOTHING`` keeps the first and both
    read it back, so they end up signing with the same key.
    """
    statement = _insert(session)(AppSecret).values(
        name=name, value=secrets.token_urlsafe(32), created=utcnow()
    ).on_conflict_do_nothing()
    session.execute(statement)
    return session.scalars(select(AppSecret.value).where(AppSecret.name == name)).one()
