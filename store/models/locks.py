"""The run lock: at most one crawl at a time on a database, and a crashed holder can be told apart.

A row exists only while the lock is held. It records who holds it (host, process id, what command)
and a heartbeat the holder refreshes while it works, so a second crawl can tell a live holder (refuse
to start) from one whose process died (take the lock over and mark its run interrupted). Held as a
row rather than a PostgreSQL advisory lock or a lock file so that it works the same on SQLite and
PostgreSQL and can be shown to the user ("run 12, pid 4242 on nightly-1, since 02:00").
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from store.models.base import Base


class RunLock(Base):
    """A held lock: its name ("crawl"), the run it protects, and the process holding it."""

    __tablename__ = "run_locks"

    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"))
    holder: Mapped[str] = mapped_column(String(200))
    host: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int]
    token: Mapped[str] = mapped_column(String(64))
    acquired: Mapped[datetime]
    heartbeat: Mapped[datetime]

    def __repr__(self) -> str:
        return f"RunLock(name={self.name!r}, run_id={self.run_id!r}, pid={self.pid!r}, host={self.host!r})"
