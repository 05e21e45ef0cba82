"""Source health: alert once when a source failed or listed nothing on N consecutive runs, and once
more when it works again (changedetection.io's "N consecutive failures" rule, reset on success).

A run counts against a source when its feed or sitemap could not be read (``failed``) or listed no
entry at all (``listed == 0``: a feed that silently went empty is as broken as one that 500s). Only
runs that crawled the source count (``crawl --source X`` runs leave the others alone). Whether a source
is down is read from the outbox itself: from its ``source_down`` alert until its ``source_recovered``
one, so the state cannot drift from what people were told.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from alerts.messages import render
from alerts.outbox import record_alert
from alerts.settings import AlertSettings
from store.models import Alert, RunSource


@dataclass(frozen=True, slots=True)
class SourceChange:
    """A source that went down or came back in this run, and the alert that says so."""

    source: str
    state: str  # "down" | "recovered"
    alert_id: int


def bad_reason(row: RunSource) -> str | None:
    """Why this run counts against the source ("failed (http_500 1)", "listed nothing"), or None."""
    if row.failed:
        errors = ", ".join(f"{kind} {n}" for kind, n in sorted(row.errors.items()))
        return f"failed ({errors})" if errors else "failed"
    if row.listed == 0:
        return "listed nothing"
    return None


def _is_down(session: Session, source: str) -> bool:
    last = session.scalars(
        select(Alert.kind)
        .where(Alert.source_name == source, Alert.kind.in_(("source_down", "source_recovered")))
        .order_by(Alert.id.desc())
        .limit(1)
    ).first()
    return last == "source_down"


def _recent(session: Session, source: str, limit: int) -> list[RunSource]:
    return list(
        session.scalars(
            select(RunSource).where(RunSource.source_name == source).order_by(RunSource.run_id.desc()).limit(limit)
        )
    )


def check_sources(
    session: Session, run_id: int, settings: AlertSettings, urls: Mapping[str, str] | None = None
) -> list[SourceChange]:
    """Record a ``source_down`` alert for each source of run ``run_id`` that just reached
    ``settings.source_failures`` bad runs in a row, and a ``source_recovered`` alert for each that
    was down and is fine in this run. ``urls`` (source name → listing URL) only adds context."""
    threshold = settings.source_failures
    if not settings.enabled or threshold <= 0:
        return []
    urls = urls or {}
    changes: list[SourceChange] = []
    for row in session.scalars(select(RunSource).where(RunSource.run_id == run_id).order_by(RunSource.source_name)):
        name = row.source_name
        down = _is_down(session, name)
        if bad_reason(row) is None:
            if down:
                streak = 0
                for earlier in _recent(session, name, 1000)[1:]:
                    if bad_reason(earlier) is None:
                        break
                    streak += 1
                fields = {"source": name, "count": streak, "runs": run_id, "url": urls.get(name, "(not configured)")}
                title, body = render("source_recovered", fields)
                alert = record_alert(session, "source_recovered", title, body, fields, run_id, source_name=name)
                changes.append(SourceChange(name, "recovered", alert.id))
            continue
        recent = _recent(session, name, threshold)
        if down or len(recent) < threshold or any(bad_reason(r) is None for r in recent):
            continue
        fields = {
            "source": name,
            "reason": bad_reason(row),
            "count": threshold,
            "runs": ", ".join(str(r.run_id) for r in reversed(recent)),
            "url": urls.get(name, "(not configured)"),
        }
        title, body = render("source_down", fields)
        alert = record_alert(session, "source_down", title, body, fields, run_id, source_name=name)
        changes.append(SourceChange(name, "down", alert.id))
    return changes
