"""Recording runs: create one, store its per-source counts, finish it, and read them back.

A run's status is written in exactly one place, :func:`finish_run` (a run starts as ``running``):
whoever decides how a run ended — the nightly job, a signal handler, the next run finding a dead
holder's lock — calls it, so the rule "exit status and run status agree" has one spot to live in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
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


def adopt_unassigned_rows(session: Session, run_id: int, since: datetime) -> tuple[int, int]:
    """INTERIM (until the crawl stores ``run_id`` itself): give run ``run_id`` the articles fetched
    since ``since`` that have no run yet, and their figures; returns (articles, figures).

    Safe because runs hold the crawl lock: no other ``capexwatch crawl`` stores articles meanwhile.
    Articles stored before runs were recorded were fetched earlier and keep a null run.
    """
    articles = session.execute(
        update(Article).where(Article.run_id.is_(None), Article.fetched >= since).values(run_id=run_id)
    ).rowcount
    figures = session.execute(
        update(Figure)
        .where(Figure.run_id.is_(None), Figure.article_id.in_(select(Article.id).where(Article.run_id == run_id)))
        .values(run_id=run_id)
    ).rowcount
    return int(articles or 0), int(figures or 0)


def record_source_counts(session: Session, run_id: int, per_source: Mapping[str, Mapping[str, Any]]) -> None:
    """Store each source's counts for the run, from the crawl report's ``per_source`` (plain data:
    ``failed``, ``listed``, ``pages_fetched``, ``articles``, ``figures``, ``errors`` by kind)."""
    for name, entry in per_source.items():
        session.merge(
            RunSource(
                run_id=run_id,
                source_name=name,
                failed=bool(entry.get("failed")),
                listed=int(entry.get("listed", 0) or 0),
                fetched=int(entry.get("pages_fetched", entry.get("fetched", 0)) or 0),
                kept=int(entry.get("articles", entry.get("kept", 0)) or 0),
                figures=int(entry.get("figures", 0) or 0),
                errors={str(k): int(v) for k, v in dict(entry.get("errors") or {}).items()},
            )
        )
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
