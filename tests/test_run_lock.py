"""The run lock on SQLite and PostgreSQL: a live holder refuses a second crawl (exit 1, a clear
message), a holder whose process is gone or whose heartbeat stopped is taken over."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from clirun import capexwatch
from sqlalchemy import select

from store.database import open_database, session_factory
from store.locks import Holder, LockHeld, acquire_lock, attach_run, beat, current_lock, release_lock
from store.models import Run, RunLock
from store.runs import create_run
from store.types import utcnow


@pytest.fixture
def sessions(database_url: str):
    engine = open_database(database_url)
    yield session_factory(engine)
    engine.dispose()


def gone_pid() -> int:
    """The id of a process that has already exited."""
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(child.stdout)


def test_a_live_holder_refuses_a_second_one(sessions) -> None:
    with sessions.begin() as session:
        lock = acquire_lock(session, Holder.this_process("capexwatch crawl"))
        run = create_run(session)
        attach_run(session, lock, run.id)
    with sessions.begin() as session, pytest.raises(LockHeld) as refused:
        acquire_lock(session, Holder.this_process("capexwatch crawl"))
    assert refused.value.lock.run_id == run.id
    assert str(refused.value).startswith(
        f"another capexwatch is working on this database: run {run.id} (capexwatch crawl)"
    )
    with sessions.begin() as session:
        assert beat(session, lock) and release_lock(session, lock)
        assert current_lock(session) is None
        assert not release_lock(session, lock)  # no longer ours


def test_a_dead_holder_is_taken_over(sessions) -> None:
    with sessions.begin() as session:
        acquire_lock(session, Holder(host=Holder.this_process("x").host, pid=gone_pid(), what="capexwatch crawl"))
    with sessions.begin() as session:
        taken = acquire_lock(session, Holder.this_process("capexwatch crawl"))
    assert taken.taken_over is not None and "is gone" in (taken.stale_reason or "")


def test_a_holder_elsewhere_is_trusted_until_its_heartbeat_is_stale(sessions) -> None:
    elsewhere = Holder(host="another-machine", pid=1, what="capexwatch crawl")
    with sessions.begin() as session:
        acquire_lock(session, elsewhere)
    with sessions.begin() as session, pytest.raises(LockHeld):
        acquire_lock(session, Holder.this_process("capexwatch crawl"))
    with sessions.begin() as session:
        session.scalars(select(RunLock)).one().heartbeat = utcnow() - timedelta(minutes=11)
    with sessions.begin() as session:
        taken = acquire_lock(session, Holder.this_process("capexwatch crawl"))
    assert "no heartbeat for" in (taken.stale_reason or "")


def test_overlapping_crawls_and_retries_are_refused(database_url: str, sessions, tmp_path: Path) -> None:
    """A crawl starting while another holds the lock exits 1 at once, fetching nothing, recording no run."""
    config = tmp_path / "capexwatch.toml"
    config.write_text(
        '[[sources]]\nname = "Unreachable"\nkind = "feed"\nurl = "http://127.0.0.1:9/rss.xml"\n\n'
        '[alerts]\nnotify = ["json://127.0.0.1:9/hook"]\n',
        encoding="utf-8",
    )
    with sessions.begin() as session:
        lock = acquire_lock(session, Holder.this_process("capexwatch crawl"))
        run = create_run(session)
        attach_run(session, lock, run.id)
    for command in (["crawl"], ["alerts", "retry"]):
        refused = capexwatch("--config", str(config), "--db", database_url, *command, cwd=tmp_path)
        assert refused.returncode == 1, refused.stderr
        assert refused.stderr.startswith(
            f"capexwatch: another capexwatch is working on this database: run {run.id} (capexwatch crawl), pid "
        )
        assert refused.stdout == ""
    with sessions() as session:
        assert session.scalars(select(Run.id)).all() == [run.id]


def test_a_crawl_killed_while_holding_the_lock_is_taken_over_by_the_next(database_url: str, tmp_path: Path) -> None:
    config = tmp_path / "capexwatch.toml"
    config.write_text('[crawl]\nretries = 0\n\n[[sources]]\nname = "Unreachable"\nkind = "feed"\nurl = "http://127.0.0.1:9/rss.xml"\n')
    args = ("--config", str(config), "--db", database_url, "crawl", "-q")
    killed = capexwatch(*args, cwd=tmp_path, env={"CAPEXWATCH_CRASH_AT": "after_lock"})
    assert killed.returncode == -signal.SIGKILL
    after = capexwatch(*args, cwd=tmp_path)
    assert after.returncode == 0, after.stderr
    assert "capexwatch: took over the lock of run 1 (capexwatch crawl), pid " in after.stderr
    assert "run 2 completed" in after.stdout
    engine = open_database(database_url)
    try:
        with session_factory(engine)() as session:
            runs = {run.id: (run.status, run.message) for run in session.scalars(select(Run))}
            assert current_lock(session) is None
    finally:
        engine.dispose()
    assert runs[1][0] == "interrupted"
    assert re.fullmatch(
        r"capexwatch crawl \(pid (\d+) on (\S+)\) stopped without finishing: process \1 on \2 is gone;"
        r" its lock was taken over by the next run",
        runs[1][1],
    ), runs[1][1]
    assert runs[2] == ("completed", None)


def test_a_run_left_running_without_a_lock_is_closed_by_the_next(sessions, tmp_path: Path) -> None:
    from capexwatch.config import load_config
    from capexwatch.nightly import begin

    with sessions.begin() as session:
        orphan = create_run(session).id  # its process died after losing its lock row somehow
    config = load_config(None, environ={})  # the built-in defaults
    lock, run_id = begin(sessions, config, Holder.this_process("capexwatch crawl"))
    with sessions.begin() as session:
        old, new = session.get_one(Run, orphan), session.get_one(Run, run_id)
        assert (old.status, new.status) == ("interrupted", "running")
        assert old.message == "found still running while no process held the run lock: it stopped without finishing"
        assert new.config_hash == config.fingerprint() and new.ruleset
        assert current_lock(session).run_id == run_id and release_lock(session, lock)
