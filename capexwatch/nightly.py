"""One crawl as a recorded run: the stages around the crawl, in order, in one place.

``capexwatch crawl`` and every firing of ``capexwatch schedule`` run :func:`run_nightly`:

1. **begin** — take the run lock (refuse if a live crawl holds it; take over one left by a dead
   process and mark its run interrupted) and create the run row, in one transaction;
2. **crawl and figures** — :func:`crawl_and_extract`: the crawl stores every kept article, then the
   figure stage extracts the figures of every article without figures of the current rules; both
   store the run's id on what they add; the per-source counts are recorded from the crawl report;
3. **claims** — every figure not yet in the ledger into its claim, and the alerts that calls for, in
   one transaction (``alerts.ledger``, ``alerts.outbox``);
4. **approved scan and source health** — alerts for newly approved claims (``on = "approved"``) and for
   sources failing N runs in a row or recovering;
5. **deliver** — the outbox to every channel (``alerts.delivery``): tonight's alerts and any left over;
6. **finish** — the run's status, report and end time, and the lock released, in one transaction.

The run's final status is decided by :func:`run_status` alone and written by ``store.runs.finish_run``
alone, so making exit status and run status agree (signals, every source failing, …) has one place.

A distributed crawl (``--distributed``) is one run too: the first process takes the lock and creates
the run, the others join it (``crawler.distributed.shared_run_id``), crawl and extract their share
under its id and add their per-source counts; the first process alone runs the claims and alert
stages and finishes the run. Figures that a helper process stores after that are taken into the
ledger by the next run.
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
from store.runs import create_run, finish_run, record_source_counts

if TYPE_CHECKING:
    from crawler.figure_stage import FigureReport
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
    figures: FigureReport | None = None
    lead: bool = True  # False: a helper process of a distributed run (no claims, alerts or finish)
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
        if not self.lead:
            return [f"run {self.run_id}: this process crawled its share; the first process records claims and alerts"]
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
        finish_run(session, run.id, "interrupted", message=message)


def crawl_and_extract(
    config: Config,
    sources: Sequence[Source],
    *,
    run_id: int | None = None,
    progress: Callable[[str], None] | None = None,
    log_level: str = "WARNING",
    redis_url: str | None = None,
) -> tuple[CrawlReport, FigureReport]:
    """The crawl stage, then the figure stage (stage 2 above):

    1. the crawl stores every kept article (with ``run_id``), page text extracted in a pool of
       ``[crawl] workers`` processes;
    2. the figure stage extracts and stores the figures of every article without figures of the
       current rule-set (with ``run_id``), in a pool of its own — forked once the crawl is over
       from a process that built the rules once, and only if some article needs them.

    The crawl report comes back with the figure counts added, per source. With ``redis_url`` this
    process is one of several crawling together, and the figure stage splits its articles with them.
    """
    from crawler.figure_stage import extract_figures
    from crawler.run import run_crawl
    from crawler.workers import WorkerPool

    overrides = {**config.crawl.scrapy_settings(), "LOG_LEVEL": log_level}
    with WorkerPool(config.crawl.pool_size, config.watch, rules=False) as pool:
        crawl_report = run_crawl(
            sources, config.watch, config.database_url,
            run_id=run_id, settings_overrides=overrides, progress=progress, pool=pool, redis_url=redis_url,
        )  # fmt: skip
    claim = None
    if redis_url:
        from crawler.distributed import figure_claim
        from extract.version import RULESET

        claim = figure_claim(redis_url, RULESET)
    figure_report = extract_figures(
        config.database_url, config.watch, run_id=run_id, workers=config.crawl.pool_size, claim=claim,
        progress=progress,
    )  # fmt: skip
    crawl_report.add_figures(figure_report)
    return crawl_report, figure_report


def begin(
    sessions: sessionmaker[Session], config: Config, holder: Holder, sources: Sequence[Source] = ()
) -> tuple[AcquiredLock, int]:
    """Take the lock and create the run with a row of counts per source (so the processes of a
    distributed run only ever add to existing rows), in one transaction; raises ``store.locks.LockHeld``."""
    from extract.version import RULESET

    with sessions.begin() as session:
        lock = acquire_lock(session, holder)
        _close_dead_runs(session, lock)
        run = create_run(session, kind="crawl", config_hash=config.fingerprint(), ruleset=RULESET)
        record_source_counts(session, run.id, {source.name: {} for source in sources})
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
    log_level: str = "WARNING",
    progress: Callable[[str], None] | None = None,
    redis_url: str | None = None,
) -> NightlyResult:
    """One recorded crawl of ``sources`` with every stage (see the module docstring).

    Raises ``store.locks.LockHeld`` (nothing done) when another live crawl holds the lock; any other
    error ends the run as failed (or interrupted) and is raised again.
    """
    sessions = session_factory(engine)
    holder = Holder.this_process("capexwatch crawl")
    if redis_url:
        from crawler.distributed import shared_run_id

        taken: list[AcquiredLock] = []

        def lead_run() -> int:
            lock, run_id = begin(sessions, config, holder, sources)
            taken.append(lock)
            return run_id

        run_id = shared_run_id(redis_url, lead_run)
        if not taken:
            return _help_run(sessions, config, sources, run_id, log_level, progress, redis_url)
        lock = taken[0]
    else:
        lock, run_id = begin(sessions, config, holder, sources)
    error: BaseException | None = None
    result: NightlyResult | None = None
    try:
        with Heartbeat(sessions, lock):
            crash_point(config, "after_lock")
            started = time.monotonic()
            report, figures = crawl_and_extract(
                config, sources, run_id=run_id, progress=progress, log_level=log_level, redis_url=redis_url
            )
            crawled = time.monotonic() - started
            result = after_crawl(sessions, config, run_id, report, {s.name: s.url for s in sources})
            result.figures = figures
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


def _help_run(
    sessions: sessionmaker[Session],
    config: Config,
    sources: Sequence[Source],
    run_id: int,
    log_level: str,
    progress: Callable[[str], None] | None,
    redis_url: str,
) -> NightlyResult:
    """A helper process of a distributed run: crawl and extract its share under the lead's run id and
    add its per-source counts to the run; the lead process does the rest."""
    report, figures = crawl_and_extract(
        config, sources, run_id=run_id, progress=progress, log_level=log_level, redis_url=redis_url
    )
    with sessions.begin() as session:
        record_source_counts(session, run_id, report.to_json()["per_source"])
    return NightlyResult(run_id=run_id, crawl=report, figures=figures, lead=False)


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
