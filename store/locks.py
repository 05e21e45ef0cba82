"""The run lock: acquire it (or learn who holds it), take over one left by a dead process, release it.

One row per held lock in ``run_locks`` (see :mod:`store.models.locks`). Acquiring happens in one
transaction that is serialised across processes — ``BEGIN IMMEDIATE`` on SQLite (how the store's
engine begins every transaction) and a transaction-scoped advisory lock on PostgreSQL — so two crawls
starting at the same instant cannot both win.

A held lock is **stale**, and may be taken over, when its process is known to be gone (same host,
no such process id) or when its heartbeat is older than ``stale_after`` (a holder on another host, or
a process id reused by an unrelated program: a live holder refreshes the heartbeat every
:data:`HEARTBEAT_SECONDS`). Hosts are told apart by name, so two machines sharing one database must not
share a host name.
"""

from __future__ import annotations

import os
import secrets
import socket
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from store.errors import StoreError
from store.models.locks import RunLock
from store.types import utcnow

#: The lock every crawl (and ``alerts retry``) takes.
CRAWL_LOCK = "crawl"
#: How often a holder refreshes its heartbeat.
HEARTBEAT_SECONDS = 60.0
#: A lock whose heartbeat is older than this is stale whoever holds it.
STALE_AFTER = timedelta(minutes=10)
#: Arbitrary constant key of the PostgreSQL advisory lock that serialises acquirers ("cwlock").
PG_LOCK_KEY = 0x6377_6C6F_636B


@dataclass(frozen=True, slots=True)
class Holder:
    """Who wants or holds a lock: this machine, this process, and what it is doing."""

    host: str
    pid: int
    what: str

    @classmethod
    def this_process(cls, what: str) -> Holder:
        return cls(host=socket.gethostname(), pid=os.getpid(), what=what)


@dataclass(frozen=True, slots=True)
class LockInfo:
    """A snapshot of a held lock, for messages and for closing a dead holder's run."""

    name: str
    run_id: int | None
    holder: str
    host: str
    pid: int
    acquired: datetime
    heartbeat: datetime

    @classmethod
    def of(cls, row: RunLock) -> LockInfo:
        return cls(row.name, row.run_id, row.holder, row.host, row.pid, row.acquired, row.heartbeat)

    def describe(self, now: datetime | None = None) -> str:
        """ "run 12 (capexwatch crawl), pid 4242 on nightly-1, since 2026-12-03 02:00:01 UTC, heartbeat 20 s ago"."""
        now = now or utcnow()
        run = f"run {self.run_id} ({self.holder})" if self.run_id is not None else self.holder
        age = max(0, int((now - self.heartbeat).total_seconds()))
        return (
            f"{run}, pid {self.pid} on {self.host}, since {self.acquired:%Y-%m-%d %H:%M:%S} UTC, heartbeat {age} s ago"
        )


class LockHeld(StoreError):
    """Another live process holds the lock."""

    def __init__(self, lock: LockInfo) -> None:
        self.lock = lock
        super().__init__(f"another capexwatch is working on this database: {lock.describe()}")


@dataclass(frozen=True, slots=True)
class AcquiredLock:
    """A lock now held by us (``token`` proves it), and the stale lock it replaced, if any."""

    name: str
    token: str
    taken_over: LockInfo | None = None
    stale_reason: str | None = None


def process_gone(host: str, pid: int) -> bool:
    """True when ``pid`` is known not to run on ``host``; False when it runs or cannot be checked here."""
    if host != socket.gethostname():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # it exists, owned by someone else
        return False
    return False


def stale_reason(lock: RunLock | LockInfo, now: datetime, stale_after: timedelta = STALE_AFTER) -> str | None:
    """Why ``lock`` may be taken over, or ``None`` while its holder looks alive."""
    if process_gone(lock.host, lock.pid):
        return f"process {lock.pid} on {lock.host} is gone"
    silent = now - lock.heartbeat
    if silent > stale_after:
        return f"no heartbeat for {int(silent.total_seconds())} s (more than {int(stale_after.total_seconds())} s)"
    return None


def _serialise(session: Session) -> None:
    """Make concurrent acquirers queue; SQLite's BEGIN IMMEDIATE already does."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_LOCK_KEY})


def acquire_lock(
    session: Session, holder: Holder, *, name: str = CRAWL_LOCK, stale_after: timedelta = STALE_AFTER
) -> AcquiredLock:
    """Take lock ``name`` for ``holder`` in the caller's transaction; raise :class:`LockHeld` if a live
    holder has it. A stale holder's lock is replaced and returned as ``taken_over`` so the caller can
    close its run (in the same transaction)."""
    _serialise(session)
    now = utcnow()
    existing = session.scalars(
        select(RunLock).where(RunLock.name == name).execution_options(populate_existing=True)
    ).first()
    taken_over: LockInfo | None = None
    reason: str | None = None
    if existing is not None:
        reason = stale_reason(existing, now, stale_after)
        if reason is None:
            raise LockHeld(LockInfo.of(existing))
        taken_over = LockInfo.of(existing)
        session.delete(existing)
        session.flush()
    token = secrets.token_hex(16)
    session.add(
        RunLock(name=name, run_id=None, holder=holder.what, host=holder.host, pid=holder.pid,
                token=token, acquired=now, heartbeat=now)
    )  # fmt: skip
    session.flush()
    return AcquiredLock(name=name, token=token, taken_over=taken_over, stale_reason=reason)


def attach_run(session: Session, lock: AcquiredLock, run_id: int) -> None:
    """Record which run the lock protects (shown to anyone refused)."""
    session.execute(update(RunLock).where(RunLock.name == lock.name, RunLock.token == lock.token).values(run_id=run_id))


def release_lock(session: Session, lock: AcquiredLock) -> bool:
    """Drop the lock if it is still ours; False if another process took it over meanwhile."""
    result = session.execute(delete(RunLock).where(RunLock.name == lock.name, RunLock.token == lock.token))
    return bool(result.rowcount)


def beat(session: Session, lock: AcquiredLock) -> bool:
    """Refresh the heartbeat; False if the lock is no longer ours."""
    result = session.execute(
        update(RunLock).where(RunLock.name == lock.name, RunLock.token == lock.token).values(heartbeat=utcnow())
    )
    return bool(result.rowcount)


def current_lock(session: Session, name: str = CRAWL_LOCK) -> LockInfo | None:
    """The lock as held now, or ``None``."""
    row = session.get(RunLock, name)
    return LockInfo.of(row) if row is not None else None


class Heartbeat:
    """Refreshes a held lock's heartbeat from a background thread until stopped.

    A failed refresh (the database busy for longer than its timeout) is retried at the next beat:
    missing one beat is harmless, as a lock goes stale only after :data:`STALE_AFTER`.
    """

    def __init__(self, sessions: sessionmaker[Session], lock: AcquiredLock, every: float = HEARTBEAT_SECONDS) -> None:
        self._sessions = sessions
        self._lock = lock
        self._every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="capexwatch-heartbeat", daemon=True)

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(self._every):
            try:
                with self._sessions.begin() as session:
                    beat(session, self._lock)
            except DBAPIError:
                continue
