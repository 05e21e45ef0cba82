"""Recording runs: create one, store its per-source counts, finish it, and read them back.

A run's status is written in exactly one place, :func:`finish_run` (a run starts as ``running``):
whoever decides how a run ended — the nightly job, a signal handler, the next run finding a dead
holder's lock — calls it, so the rule "exit status and run status agree" has one spot to live in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store.errors import StoreError
from store.models import RUN_STATUSES, Alert, Article, Claim, Figure, Run, RunSource
from store.types import utcnow

#: Statuses a run can end with (everything but ``running``).
FINAL_STATUSES: tuple[str, ...] = tuple(status for status in RUN_STATUSES if status != "running")


def create_run(
    session: Session, *, kind: str = "crawl", config_hash: str | None = None, ruleset: str | None = None
) -> Run:
    """A new ``running`` run, flushed so its id can be handed to the stages."""
    run = Run(kind=kind, started=utcnow(), status="running", config_hash=config_hash, ruleset=ruleset)
    session.add(run)
    session.flush()
    return run


def finish_run(
    session: Session,
    run_id: int,
    status: str,
    *,
    message: str | None = None,
    report: Mapping[str, Any] | None = None,
) -> Run:
    """End run ``run_id`` with ``status`` (completed, failed or interrupted): the only writer of a
    run's final status. ``report`` replaces the stored report when given; ``message`` says why a run
    did not complete."""
    if status not in FINAL_STATUSES:
        raise StoreError(f"a run cannot end as {status!r}; expected one of {', '.join(FINAL_STATUSES)}")
    run = session.get_one(Run, run_id)
    run.status = status
    run.finished = utcnow()
    if message is not None:
        run.message = message
    if report is not None:
        run.report = dict(report)
    session.flush()
    return run


def record_source_counts(session: Session, run_id: int, per_source: Mapping[str, Mapping[str, Any]]) -> None:
    """Add each source's counts to the run, from a crawl report's ``per_source`` (plain data:
    ``failed``, ``listed``, ``pages_fetched``, ``articles``, ``figures``, ``errors`` by kind).

    Adds rather than replaces: the processes of a distributed run each report their share of one run.
    """
    for name, entry in per_source.items():
        row = session.get(RunSource, (run_id, name), with_for_update=True)  # processes add to one row
        if row is None:
            row = RunSource(run_id=run_id, source_name=name, failed=False, listed=0, fetched=0, kept=0, figures=0,
                            errors={})  # fmt: skip
            session.add(row)
        row.failed = row.failed or bool(entry.get("failed"))
        row.listed += int(entry.get("listed", 0) or 0)
        row.fetched += int(entry.get("pages_fetched", entry.get("fetched", 0)) or 0)
        row.kept += int(entry.get("articles", entry.get("kept", 0)) or 0)
        row.figures += int(entry.get("figures", 0) or 0)
        errors = dict(row.errors or {})
        for kind, number in dict(entry.get("errors") or {}).items():
            errors[str(kind)] = errors.get(str(kind), 0) + int(number)
        row.errors = errors
    session.flush()


@dataclass(slots=True)
class RunSummary:
    """A run and what it added: the row of ``capexwatch runs``."""

    run: Run
    articles: int = 0
    figures: int = 0
    claims: dict[str, int] = field(default_factory=dict)
    alerts: int = 0
    sources: list[RunSource] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        run = self.run
        return {
            "id": run.id,
            "kind": run.kind,
            "status": run.status,
            "started": run.started.isoformat(),
            "finished": run.finished.isoformat() if run.finished else None,
            "config_hash": run.config_hash,
            "ruleset": run.ruleset,
            "message": run.message,
            "added": {"articles": self.articles, "figures": self.figures},
            "claims": self.claims,
            "alerts": self.alerts,
            "sources": {
                s.source_name: {
                    "failed": s.failed, "listed": s.listed, "fetched": s.fetched, "kept": s.kept,
                    "figures": s.figures, "errors": s.errors,
                }
                for s in self.sources
            },
        }  # fmt: skip


def _count_by_run(session: Session, column: Any, run_ids: list[int]) -> dict[int, int]:
    rows = session.execute(select(column, func.count()).where(column.in_(run_ids)).group_by(column))
    return {run_id: number for run_id, number in rows}


def list_runs(session: Session, limit: int | None = None, run_id: int | None = None) -> list[RunSummary]:
    """Runs newest first (or the one ``run_id``), each with what it added and its per-source counts."""
    query = select(Run).order_by(Run.id.desc())
    if run_id is not None:
        query = query.where(Run.id == run_id)
    if limit is not None:
        query = query.limit(limit)
    runs = list(session.scalars(query))
    ids = [run.id for run in runs]
    if not ids:
        return []
    articles = _count_by_run(session, Article.run_id, ids)
    figures = _count_by_run(session, Figure.run_id, ids)
    alerts = _count_by_run(session, Alert.run_id, ids)
    claims: dict[int, dict[str, int]] = {}
    for rid, kind, number in session.execute(
        select(Claim.run_id, Claim.kind, func.count()).where(Claim.run_id.in_(ids)).group_by(Claim.run_id, Claim.kind)
    ):
        claims.setdefault(rid, {})[kind] = number
    sources: dict[int, list[RunSource]] = {}
    for row in session.scalars(
        select(RunSource).where(RunSource.run_id.in_(ids)).order_by(RunSource.run_id, RunSource.source_name)
    ):
        sources.setdefault(row.run_id, []).append(row)
    return [
        RunSummary(
            run=run,
            articles=articles.get(run.id, 0),
            figures=figures.get(run.id, 0),
            claims=claims.get(run.id, {}),
            alerts=alerts.get(run.id, 0),
            sources=sources.get(run.id, []),
        )
        for run in runs
    ]


def run_articles(session: Session, run_id: int) -> list[Article]:
    """The articles run ``run_id`` added, in the order they were stored."""
    return list(session.scalars(select(Article).where(Article.run_id == run_id).order_by(Article.id)))
