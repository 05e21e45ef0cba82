"""Runs: one row per crawl (or re-extraction), so what a night did is recorded, not printed and forgotten.

Articles and figures point at the run that added them (``run_id``), which is how a run lists what it
added and how the claims and alerts stages find tonight's new figures. The per-source counts and the
stage reports live in ``report`` (JSON): their shape follows the crawler's report and may grow
without a migration.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from store.models.base import Base, in_list
from store.types import utcnow

#: ``running`` until the run ends; then what became of it. ``interrupted``: stopped by a signal,
#: or found still ``running`` after its process died.
RUN_STATUSES: tuple[str, ...] = ("running", "completed", "failed", "interrupted")


class Run(Base):
    """One crawl or re-extraction: when, how it ended, with which configuration and rules."""

    __tablename__ = "runs"
    __table_args__ = (CheckConstraint(in_list("status", RUN_STATUSES), name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default="crawl")
    started: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    finished: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(20), default="running")
    config_hash: Mapped[str | None] = mapped_column(String(64))
    ruleset: Mapped[str | None] = mapped_column(String(100))
    report: Mapped[dict[str, Any] | None]
    message: Mapped[str | None] = mapped_column(Text)

    def __repr__(self) -> str:
        return f"Run(id={self.id!r}, kind={self.kind!r}, status={self.status!r})"


class RunSource(Base):
    """One source's counts in one run: what it listed, fetched, kept and found, and its errors by kind.

    A row per source per run (rather than only the run's JSON report) so that source health — "this
    feed failed or listed nothing on its last N runs" — is a query, not a walk through JSON.
    """

    __tablename__ = "run_sources"

    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id"), primary_key=True)
    source_name: Mapped[str] = mapped_column(String(200), primary_key=True, index=True)
    failed: Mapped[bool] = mapped_column(default=False)
    listed: Mapped[int] = mapped_column(default=0)
    fetched: Mapped[int] = mapped_column(default=0)
    kept: Mapped[int] = mapped_column(default=0)
    figures: Mapped[int] = mapped_column(default=0)
    errors: Mapped[dict[str, Any]] = mapped_column(default=dict)

    def __repr__(self) -> str:
        return f"RunSource(run_id={self.run_id!r}, source_name={self.source_name!r}, failed={self.failed!r})"
