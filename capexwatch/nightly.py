"""One crawl as a recorded run: the stages around the crawl, in order, in one place.

``capexwatch crawl`` and every firing of ``capexwatch schedule`` run :func:`run_nightly`:

1. **begin** — take the run lock (refuse if a live crawl holds it; take over one left by a dead
   process and mark its run interrupted) and create the run row, in one transaction;
2. **crawl** — ``crawler.run.run_crawl`` as it is, then (INTERIM, see :func:`_adopt`) give the run the
   articles and figures it stored; the per-source counts are recorded from the crawl report;
3. **claims** — every figure not yet in the ledger into its claim, and the alerts that calls for, in
   one transaction (``alerts.ledger``, ``alerts.outbox``);
4. **approved scan and source health** — alerts for newly approved claims (``on = "approved"``) and for
   sources failing N runs in a row or recovering;
5. **deliver** — the outbox to every channel (``alerts.delivery``): tonight's alerts and any left over;
6. **finish** — the run's status, report and end time, and the lock released, in one transaction.

The run's final status is decided by :func:`run_status` alone and written by ``store.runs.finish_run``
alone, so making exit status and run status agree (signals, every source failing, …) has one place.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from alerts.delivery import DeliveryReport, deliver_pending, make_channels
from alerts.health import SourceChange, check_sources
from alerts.ledger import assign_claims, summarise
from alerts.outbox import record_approved_alerts, record_claim_alerts
from capexwatch.config import Config
from crawler.sources import Source
from store.database import session_factory
from store.locks import AcquiredLock, Heartbeat, Holder, LockInfo, acquire_lock, attach_run, release_lock
from store.models import Run
from store.rates import RateTable
from store.runs import adopt_unassigned_rows, create_run, finish_run, record_source_counts

if TYPE_CHECKING:
    from crawler.report import CrawlReport


def crash_point(config: Config, name: str) -> None:
    """Die here, at once and without clean-up, when ``$CAPEXWATCH_CRASH_AT`` names this point (tests)."""
    if config.crash_at == name:
        os.kill(os.getpid(), signal.SIGKILL)


def run_status(error: BaseException | None) -> str:
    """How a run ended, from what stopped it: the one place this is decided."""
    if error is None:
        return "completed"
    if isinstance(error, KeyboardInterrupt | SystemExit):
        return "interrupted"
    return "failed"


@dataclass(slots=True)
class NightlyResult:
    """What one run did, for the command's summary and the run's stored report."""

    run_id: int
    crawl: CrawlReport
    taken_over: LockInfo | None = None
    claims: dict[str, int] = field(default_factory=dict)
    alerts_recorded: int = 0
    delivery: DeliveryReport = field(default_factory=DeliveryReport)
    sources: list[SourceChange] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # how long each stage took

    def report(self) -> dict[str, Any]:
        """The run's stored report (JSON)."""
        return {
            "crawl": self.crawl.to_json(),
            "claims": self.claims,
            "alerts": {"recorded": self.alerts_recorded, **self.delivery.to_json()},
            "sources": [{"source": c.source, "state": c.state, "alert_id": c.alert_id} for c in self.sources],
            "seconds": {stage: round(value, 3) for stage, value in self.seconds.items()},
        }

    def summary_lines(self) -> list[str]:
        """The lines ``capexwatch crawl`` prints after the crawl's own summary."""
        claims = self.claims
        lines = [
            f"run {self.run_id} completed · claims: {claims.get('new', 0)} new, {claims.get('change', 0)} changed,"
            f" {claims.get('corroboration', 0)} corroborated, {claims.get('uncompared', 0)} not compared"
            f" · alerts: {self.alerts_recorded} recorded, {self.delivery.sent} sent, {self.delivery.pending} pending"
        ]
        lines += [f"source {c.state}: {c.source} (alert {c.alert_id})" for c in self.sources]
        return lines


def _close_dead_runs(session: Session, lock: AcquiredLock) -> None:
    """Runs still ``running`` when we hold the lock have no live process: give each what it stored and
    mark it interrupted — the one whose lock we took over, and any other found without a lock at all."""
    dead = lock.taken_over
    for run in session.scalars(select(Run).where(Run.status == "running").order_by(Run.id)):
        if dead is not None and dead.run_id == run.id:
            message = (
                f"{dead.holder} (pid {dead.pid} on {dead.host}) stopped without finishing: {lock.stale_reason};"
                " its lock was taken over by the next run"
            )
        else:
            message = "found still running while no process held the run lock: it stopped without finishing"
        _adopt(session, run.id, run)
        finish_run(session, run.id, "interrupted", message=message)


def _adopt(session: Session, run_id: int, run: Run) -> None:
    """INTERIM until the crawl stores articles and figures with their ``run_id`` itself (issue 8): the
    articles fetched since the run started that have no run yet, and their figures, are the run's.
    When ``run_crawl(..., run_id=...)`` lands, this call and ``store.runs.adopt_unassigned_rows`` go."""
    adopt_unassigned_rows(session, run_id, run.started)


def begin(sessions: sessionmaker[Session], config: Config, holder: Holder) -> tuple[AcquiredLock, int]:
    """Take the lock and create the run, in one transaction; raises ``store.locks.LockHeld``."""
    from extract.version import RULESET

    with sessions.begin() as session:
        lock = acquire_lock(session, holder)
        _close_dead_runs(session, lock)
        run = create_run(session, kind="crawl", config_hash=config.fingerprint(), ruleset=RULESET)
        attach_run(session, lock, run.id)
        return lock, run.id


def after_crawl(
    sessions: sessionmaker[Session], config: Config, run_id: int, report: CrawlReport, urls: Mapping[str, str]
) -> NightlyResult:
    """Stages 2 (end) to 5 over the database, for run ``run_id`` whose crawl produced ``report``."""
    result = NightlyResult(run_id=run_id, crawl=report)
    clock = time.monotonic()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.monotonic()
        result.seconds[stage] = now - clock
        clock = now

    with sessions.begin() as session:
        run = session.get_one(Run, run_id)
        _adopt(session, run_id, run)
        run.report = {"crawl": report.to_json()}  # kept even if a later stage fails or the process dies
        record_source_counts(session, run_id, report.to_json()["per_source"])
    with sessions.begin() as session:  # the ledger and the alerts it calls for: together or not at all
        events = assign_claims(session, RateTable.load(session), run_id)
        recorded = record_claim_alerts(session, events, config.alerts, run_id)
    result.claims = summarise(events)
    lap("claims")
    crash_point(config, "before_delivery")
    with sessions.begin() as session:
        recorded += record_approved_alerts(session, config.alerts, run_id)
        result.sources = check_sources(session, run_id, config.alerts, urls)
    result.alerts_recorded = len(recorded) + len(result.sources)
    lap("approved_and_health")
    result.delivery = deliver_pending(sessions, make_channels(config.alerts.notify))
    lap("delivery")
    return result


def run_nightly(
    engine: Engine,
    config: Config,
    sources: Sequence[Source],
    *,
    settings_overrides: Mapping[str, Any] | None = None,
    progress: Callable[[str], None] | None = None,
) -> NightlyResult:
    """One recorded crawl of ``sources`` with every stage (see the module docstring).

    Raises ``store.locks.LockHeld`` (nothing done) when another live crawl holds the lock; any other
    error ends the run as failed (or interrupted) and is raised again.
    """
    from crawler.run import run_crawl

    sessions = session_factory(engine)
    lock, run_id = begin(sessions, config, Holder.this_process("capexwatch crawl"))
    error: BaseException | None = None
    result: NightlyResult | None = None
    try:
        with Heartbeat(sessions, lock):
            crash_point(config, "after_lock")
            started = time.monotonic()
            report = run_crawl(
                sources, config.watch, config.database_url, settings_overrides=settings_overrides, progress=progress
            )
            crawled = time.monotonic() - started
            result = after_crawl(sessions, config, run_id, report, {s.name: s.url for s in sources})
            result.seconds = {"crawl": crawled, **result.seconds}
            result.taken_over = lock.taken_over
    except BaseException as exc:
        error = exc
        raise
    finally:
        with sessions.begin() as session:
            finish_run(
                session, run_id, run_status(error),
                message=f"{type(error).__name__}: {error}" if error is not None else None,
                report=result.report() if result is not None else None,
            )  # fmt: skip
            release_lock(session, lock)
    return result


def retry_alerts(engine: Engine, config: Config) -> tuple[int, DeliveryReport]:
    """``capexwatch alerts retry``: under the run lock (so it never delivers alongside a crawl), scan
    for approved claims to announce and deliver the outbox; returns (alerts recorded, delivery).

    Raises ``store.locks.LockHeld`` while a live crawl holds the lock (that crawl delivers at its end).
    """
    sessions = session_factory(engine)
    with sessions.begin() as session:
        lock = acquire_lock(session, Holder.this_process("capexwatch alerts retry"))
        _close_dead_runs(session, lock)
    try:
        with Heartbeat(sessions, lock):
            with sessions.begin() as session:
                recorded = record_approved_alerts(session, config.alerts, None)
            return len(recorded), deliver_pending(sessions, make_channels(config.alerts.notify))
    finally:
        with sessions.begin() as session:
            release_lock(session, lock)
