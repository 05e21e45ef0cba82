"""A consistent copy of a SQLite database, taken while a crawl may be writing to it.

Copying the file with ``cp`` while a writer is in the middle of a transaction can give a torn copy;
SQLite's online backup API copies pages under the database's own locking, restarting on pages a
writer changes, so the copy is always a state the database was in at some commit. PostgreSQL has
``pg_dump`` for the same job (see the README).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy.engine import make_url

from store.errors import StoreError


class BackupError(StoreError):
    """The backup could not be made; nothing was written at the destination."""


def backup_sqlite(url: str, destination: Path, pages_per_step: int = 256) -> int:
    """Copy the SQLite database at ``url`` to ``destination`` (which must not exist); returns its size.

    Copies ``pages_per_step`` pages at a time so a running crawl is held up only briefly between steps.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        raise BackupError("backup copies SQLite databases; for PostgreSQL use pg_dump (see the README)")
    if parsed.database in (None, "", ":memory:"):
        raise BackupError("an in-memory database has nothing to back up")
    source_path = Path(parsed.database).expanduser()
    if not source_path.is_file():
        raise BackupError(f"no database file at {source_path}")
    if destination.exists():
        raise BackupError(f"{destination} exists; choose a new file name (nothing is overwritten)")
    partial = destination.with_name(destination.name + ".partial")
    try:
        with (
            closing(sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)) as source,
            closing(sqlite3.connect(partial)) as target,
        ):
            source.backup(target, pages=pages_per_step)
        partial.rename(destination)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"cannot back up {source_path} to {destination}: {exc}") from exc
    return destination.stat().st_size
