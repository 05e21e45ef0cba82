"""A subject's timeline: every approved number, by the year it is for, with who reported it first.

Built from **effective** values (a reviewer's corrections win over what the rules read) of
approved figures only. The same number for the same year from the same source is one
:class:`Claim`, however many articles repeated it; its first report is the earliest publication.
Equivalents written side by side in one article ("150 billion yuan ($20.6 billion)", which the
extractor gives the same ``claim`` number) count once, in the currency written first.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from review.queue import Conversion, convert, report_day
from store.decisions import ReviewState, review_states
from store.models import Figure
from store.rates import RateTable

#: How a figure with no source is labelled.
UNATTRIBUTED = "unattributed"
#: The metric a timeline shows first when the subject has it.
DEFAULT_METRIC = "capex"


@dataclass(frozen=True, slots=True)
class Report:
    """One article that reported a claim."""

    figure_id: int
    written: str
    outlet: str | None
    title: str | None
    url: str
    day: date


@dataclass(frozen=True, slots=True)
class Claim:
    """One number for one year from one source, and every approved report of it (earliest first)."""

    year: int | None
    source: str
    metric: str
    currency: str
    amount: Decimal
    amount_high: Decimal | None
    usd: Conversion | None
    reports: tuple[Report, ...]

    @property
    def first(self) -> Report:
        return self.reports[0]


def _approved(session: Session) -> list[tuple[Figure, ReviewState]]:
    """Approved figures and their states, in article order (so equivalents meet the first one first)."""
    query = select(Figure).options(joinedload(Figure.article)).where(Figure.status == "approved")
    figures = list(session.scalars(query.order_by(Figure.article_id, Figure.start, Figure.id)))
    states = review_states(session, figures)
    return [(figure, states[figure.id]) for figure in figures]


def subjects(session: Session) -> list[tuple[str, int]]:
    """Subjects with approved figures and how many, most first (spelled as first approved)."""
    spelled: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for _figure, state in _approved(session):
        subject = state.effective["subject"]
        if subject:
            spelled.setdefault(subject.casefold(), subject)
            counts[subject.casefold()] += 1
    return [(spelled[key], number) for key, number in counts.most_common()]


def metrics(session: Session, subject: str) -> list[str]:
    """The metrics of ``subject``'s approved figures, the default first."""
    found = {
        state.effective["metric"]
        for _figure, state in _approved(session)
        if (state.effective["subject"] or "").casefold() == subject.casefold()
    }
    return sorted(found, key=lambda metric: (metric != DEFAULT_METRIC, metric))


def claims(session: Session, subject: str, metric: str, rates: RateTable) -> list[Claim]:
    """``subject``'s approved ``metric`` figures as claims, by year (undated last) then first report."""
    grouped: dict[tuple[Any, ...], list[tuple[Figure, dict[str, Any]]]] = {}
    equivalents: set[tuple[int, int]] = set()
    for figure, state in _approved(session):
        values = state.effective
        if (values["subject"] or "").casefold() != subject.casefold() or values["metric"] != metric:
            continue
        if figure.claim:  # "150 billion yuan ($20.6 billion)": one claim written twice; keep the first
            if (figure.article_id, figure.claim) in equivalents:
                continue
            equivalents.add((figure.article_id, figure.claim))
        source = values["source"] or UNATTRIBUTED
        key = (values["year"], source.casefold(), values["currency"], values["amount"], values["amount_high"])
        grouped.setdefault(key, []).append((figure, values))
    result: list[Claim] = []
    for members in grouped.values():
        reports = sorted(
            (Report(figure.id, figure.text, figure.article.outlet, figure.article.title, figure.article.url,
                    report_day(figure, figure.article)) for figure, _values in members),
            key=lambda report: (report.day, report.figure_id),
        )  # fmt: skip
        values = members[0][1]
        result.append(
            Claim(
                year=values["year"], source=values["source"] or UNATTRIBUTED, metric=metric,
                currency=values["currency"], amount=values["amount"], amount_high=values["amount_high"],
                usd=convert(rates, values, reports[0].day), reports=tuple(reports),
            )  # fmt: skip
        )
    return sorted(result, key=lambda c: (c.year is None, c.year or 0, c.first.day, c.source.casefold()))


