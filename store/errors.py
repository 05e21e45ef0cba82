"""The errors the store raises, so callers (CLI, crawler pipeline) catch ours and no others."""

from __future__ import annotations


class StoreError(Exception):
    """Base of every error raised on purpose by :mod:`store`."""


class UnsupportedDatabase(StoreError):
    """The database URL names a backend the store does not support (only SQLite and PostgreSQL)."""


class DatabaseUnreachable(StoreError):
    """The database could not be opened or connected to (server down, bad credentials, bad path)."""


class InvalidRecord(StoreError, ValueError):
    """A record that would store broken provenance (a figure's offsets do not point at its text)."""


class SchemaMismatch(StoreError):
    """The database's schema revision is unknown to this release (made by a newer capexwatch?)."""


class InvalidDecision(StoreError):
    """A review decision that cannot be recorded (unknown decision, no such figure, bad values)."""


class UnknownFigure(InvalidDecision):
    """A decision about a figure id that does not exist."""


class DecisionConflict(StoreError):
    """The figure changed since the reviewer saw it (another decision came first); nothing was recorded."""


class UserError(StoreError):
    """A user that cannot be added, found or changed (name taken, unknown, disabled, weak password)."""
