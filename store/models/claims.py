"""The ledger of known claims: one row per reported number, and which figures report it.

A claim is one reported number — subject, metric, year and amount (both ends of a range) — across
articles and outlets. Every figure belongs to exactly one claim (``claim_figures.figure_id`` is the
primary key): the figure that first reported it, the equivalents written beside it ("Rmb160bn
($22bn)") and every later figure that agreed with it (a corroboration). ``kind`` says what the claim
was when it entered the ledger: ``new`` (nothing known for its subject, metric and year), ``change``
(something was, with another amount; ``previous_claim_id`` is what was known) or ``uncompared`` (no
subject or no year: a claim of its own, never compared).

The amounts are the first figure's, as written; ``amount_usd``/``amount_high_usd`` are their US-dollar
value (from the equivalent written beside it, else the dated rate of ``usd_rate_day``), which is how
an amount in another currency is matched in SQL. ``alert_id`` is the alert that announced the claim
(many claims share one in a digest): a claim is announced once.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from store.models.base import Base, in_list
from store.types import utcnow

#: What a claim was when it entered the ledger.
CLAIM_KINDS: tuple[str, ...] = ("new", "change", "uncompared")
#: How a figure came to belong to its claim.
FIGURE_RELATIONS: tuple[str, ...] = ("first", "equivalent", "corroboration")


class Claim(Base):
    """One reported number; see the module docstring."""

    __tablename__ = "claims"
    __table_args__ = (
        CheckConstraint(in_list("kind", CLAIM_KINDS), name="kind"),
        Index("ix_claims_subject_key_metric_year", "subject_key", "metric", "year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str | None] = mapped_column(Text)
    subject_key: Mapped[str | None] = mapped_column(String(200))
    metric: Mapped[str] = mapped_column(String(100))
    year: Mapped[int | None]
    amount: Mapped[Decimal]
    amount_high: Mapped[Decimal | None]
    currency: Mapped[str] = mapped_column(String(3))
    amount_usd: Mapped[Decimal | None]
    amount_high_usd: Mapped[Decimal | None]
    usd_rate_day: Mapped[date | None] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))
    previous_claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id"))
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"), index=True)
    created: Mapped[datetime] = mapped_column(default=utcnow)
    alert_id: Mapped[int | None] = mapped_column(ForeignKey("alerts.id"), index=True)

    def __repr__(self) -> str:
        return (
            f"Claim(id={self.id!r}, {self.subject!r}, {self.metric!r}, {self.year!r}, "
            f"{self.amount!r} {self.currency!r}, kind={self.kind!r})"
        )


class ClaimFigure(Base):
    """A figure's place in the ledger: its claim, how it got there, and the run that put it there."""

    __tablename__ = "claim_figures"
    __table_args__ = (CheckConstraint(in_list("relation", FIGURE_RELATIONS), name="relation"),)

    figure_id: Mapped[int] = mapped_column(ForeignKey("figures.id"), primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), index=True)
    relation: Mapped[str] = mapped_column(String(20))
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"))
    assigned: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return f"ClaimFigure(figure_id={self.figure_id!r}, claim_id={self.claim_id!r}, {self.relation!r})"
