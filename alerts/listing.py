"""Reading the ledger back: claims with their sources, first and last reported dates and review status.

What ``capexwatch claims`` prints. A claim's review status sums up its figures': ``approved`` once a
reviewer approved (as extracted or corrected) any of them, ``rejected`` when every one was rejected, else
``pending``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from alerts.ledger import subject_key
from alerts.messages import money_label
from store.models import Article, Claim, ClaimFigure, Figure


@dataclass(frozen=True, slots=True)
class ClaimSource:
    """One figure of a claim and the article it was read in."""

    figure_id: int
    relation: str
    text: str
    currency: str
    attribution: str | None
    outlet: str | None
    reported: datetime
    title: str | None
    url: str
    status: str


@dataclass(slots=True)
class ClaimRow:
    claim: Claim
    sources: list[ClaimSource] = field(default_factory=list)

    @property
    def first_reported(self) -> datetime | None:
        return min((s.reported for s in self.sources), default=None)

    @property
    def last_reported(self) -> datetime | None:
        return max((s.reported for s in self.sources), default=None)

    @property
    def status(self) -> str:
        statuses = {s.status for s in self.sources}
        if "approved" in statuses:
            return "approved"
        if statuses and statuses == {"rejected"}:
            return "rejected"
        return "pending"

    @property
    def value(self) -> str:
        return money_label(self.claim.amount, self.claim.amount_high, self.claim.currency)

    def to_json(self) -> dict[str, Any]:
        claim = self.claim

        def money(value: Any) -> str | None:
            return None if value is None else format(value, "f")

        return {
            "id": claim.id,
            "subject": claim.subject,
            "metric": claim.metric,
            "year": claim.year,
            "amount": money(claim.amount),
            "amount_high": money(claim.amount_high),
            "currency": claim.currency,
            "amount_usd": money(claim.amount_usd),
            "amount_high_usd": money(claim.amount_high_usd),
            "usd_rate_day": claim.usd_rate_day.isoformat() if claim.usd_rate_day else None,
            "kind": claim.kind,
            "previous_claim_id": claim.previous_claim_id,
            "status": self.status,
            "first_reported": self.first_reported.isoformat() if self.first_reported else None,
            "last_reported": self.last_reported.isoformat() if self.last_reported else None,
            "alert_id": claim.alert_id,
            "sources": [
                {
                    "figure_id": s.figure_id, "relation": s.relation, "text": s.text, "attribution": s.attribution,
                    "outlet": s.outlet, "reported": s.reported.isoformat(), "title": s.title, "url": s.url,
                    "status": s.status,
                }
                for s in self.sources
            ],
        }  # fmt: skip


def list_claims(session: Session, subject: str | None = None, year: int | None = None) -> list[ClaimRow]:
    """Claims (optionally of one subject, any case, and one year) by subject, metric, year, id."""
    query = select(Claim).order_by(Claim.subject_key.is_(None), Claim.subject_key, Claim.metric, Claim.year, Claim.id)
    if subject is not None:
        query = query.where(Claim.subject_key == subject_key(subject))
    if year is not None:
        query = query.where(Claim.year == year)
    rows = {claim.id: ClaimRow(claim) for claim in session.scalars(query)}
    if not rows:
        return []
    members = session.execute(
        select(ClaimFigure.claim_id, ClaimFigure.relation, Figure, Article)
        .join(Figure, ClaimFigure.figure_id == Figure.id)
        .join(Article, Figure.article_id == Article.id)
        .where(ClaimFigure.claim_id.in_(list(rows)))
        .order_by(Article.published.is_(None), Article.published, Article.id, Figure.start)
    )
    for claim_id, relation, figure, article in members:
        rows[claim_id].sources.append(
            ClaimSource(
                figure_id=figure.id, relation=relation, text=figure.text, currency=figure.currency,
                attribution=figure.source, outlet=article.outlet, reported=article.published or article.fetched,
                title=article.title, url=article.url, status=figure.status,
            )
        )  # fmt: skip
    return list(rows.values())
