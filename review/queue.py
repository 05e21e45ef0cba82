"""The review queue's queries: which figures match the filters, in what order, with what around them.

Used by the web app and by ``capexwatch review list``. Filters on correctable fields (subject,
metric, source, year) match a figure's **effective** values — what a reviewer's corrections made
of it — not only what the rules extracted: SQL narrows the figures down to those whose extracted
values match or that were ever corrected, and the corrected ones are then checked in Python
against their effective values. Filtering on status uses ``figures.status``, which the store keeps
equal to the latest standing decision.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import UTC, date, datetime, time
from decimal import Decimal
from math import ceil
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, joinedload

from store.decisions import ReviewState, review_states
from store.models import FIGURE_STATUSES, Article, Figure, ReviewDecision, User
from store.rates import Rate, RateTable

#: Statuses that still need a reviewer: the queue's default. Extend it (and FIGURE_STATUSES) to
#: send more figures to the queue.
TO_REVIEW: tuple[str, ...] = ("pending",)
#: What the status filter accepts: a status, or every figure.
STATUS_CHOICES: tuple[str, ...] = (*FIGURE_STATUSES, "all")
#: Filters compared without regard to case, on effective values (``outlet`` is the article's).
TEXT_FILTERS: tuple[str, ...] = ("subject", "metric", "source")
PAGE_SIZE = 50
#: Figures whose decisions are read per query when effective values must be checked.
CHECK_BATCH = 500


class FilterError(ValueError):
    """A filter value that cannot be used (a year that is not a number, an unknown status)."""


@dataclass(frozen=True, slots=True)
class QueueFilters:
    """What the queue shows; ``None`` means "any". ``decided_by`` is a user name."""

    subject: str | None = None
    metric: str | None = None
    source: str | None = None
    year: int | None = None
    outlet: str | None = None
    status: str = TO_REVIEW[0]
    decided_by: str | None = None

    @classmethod
    def parse(cls, args: Mapping[str, str]) -> QueueFilters:
        """Filters from query-string or option values; blank values mean "any"."""
        values: dict[str, Any] = {}
        for field in fields(cls):
            raw = (args.get(field.name) or "").strip()
            if raw:
                values[field.name] = raw
        if "year" in values:
            try:
                values["year"] = int(values["year"])
            except ValueError:
                raise FilterError(f"year {values['year']!r} is not a year; expected e.g. 2026") from None
        status = values.get("status", TO_REVIEW[0])
        if status not in STATUS_CHOICES:
            raise FilterError(f"status {status!r} is not known; expected one of {', '.join(STATUS_CHOICES)}")
        return cls(**values)

    def as_args(self, **changes: Any) -> dict[str, str]:
        """The filters as query-string arguments (only those set), with ``changes`` applied."""
        merged = {**asdict(self), **changes}
        return {key: str(value) for key, value in merged.items() if value not in (None, "")}

    def matches(self, effective: Mapping[str, Any]) -> bool:
        """True if a figure with these effective values passes the value filters."""
        for name in TEXT_FILTERS:
            wanted = getattr(self, name)
            if wanted is not None and (effective[name] or "").casefold() != wanted.casefold():
                return False
        return self.year is None or effective["year"] == self.year


@dataclass(frozen=True, slots=True)
class Conversion:
    """A US-dollar equivalent and the rate it used (``None`` for an amount already in USD)."""

    usd: Decimal
    usd_high: Decimal | None
    rate: Rate | None


@dataclass(frozen=True, slots=True)
class QueueItem:
    """One figure as the queue shows it."""

    figure: Figure
    article: Article
    state: ReviewState
    usd: Conversion | None

    @property
    def effective(self) -> dict[str, Any]:
        return self.state.effective


@dataclass(frozen=True, slots=True)
class QueueResult:
    """One page of matching figures, how many match in all, and how they split by status."""

    items: list[QueueItem]
    total: int
    page: int
    pages: int
    by_status: dict[str, int]


def report_day(figure: Figure, article: Article) -> date:
    """The day a figure was reported: the article's publication day, else the day it was stored."""
    return (article.published or figure.created).date()


def convert(rates: RateTable, values: Mapping[str, Any], day: date | None) -> Conversion | None:
    """The effective amount in US dollars at the rate of ``day``; ``None`` if the currency is unknown."""
    converted = rates.to_usd(values["amount"], values["currency"], day)
    if converted is None:
        return None
    usd, rate = converted
    high = values.get("amount_high")
    usd_high = None
    if high is not None:
        usd_high = high if rate is None else high * rate.usd_per_unit
    return Conversion(usd, usd_high, rate)


def _candidates(session: Session, filters: QueueFilters) -> list[tuple[int, str, bool]]:
    """``(figure id, status, needs a Python check)`` of every figure that may match, in queue order.

    Newest article first (undated last), then by position in the article.
    """
    corrected = select(ReviewDecision.figure_id).where(ReviewDecision.decision == "corrected")
    conditions = [
        func.lower(getattr(Figure, name)) == getattr(filters, name).lower()
        for name in TEXT_FILTERS
        if getattr(filters, name) is not None
    ]
    if filters.year is not None:
        conditions.append(Figure.year == filters.year)
    query = select(Figure.id, Figure.status, Figure.id.in_(corrected)).join(Figure.article)
    if conditions:
        query = query.where(or_(and_(*conditions), Figure.id.in_(corrected)))
    if filters.outlet is not None:
        query = query.where(func.lower(Article.outlet) == filters.outlet.lower())
    if filters.decided_by is not None:
        mine = select(ReviewDecision.figure_id).join(ReviewDecision.user).where(User.name == filters.decided_by)
        query = query.where(Figure.id.in_(mine))
    query = query.order_by(
        Article.published.is_(None), Article.published.desc(), Article.id.desc(), Figure.start, Figure.id
    )
    check_all = filters.decided_by is not None
    return [(fid, status, check_all or (bool(conditions) and bool(was_corrected)))
            for fid, status, was_corrected in session.execute(query)]  # fmt: skip


def _states(session: Session, ids: Sequence[int]) -> dict[int, ReviewState]:
    """Review states of the figures ``ids``, a batch of figures and decisions per query."""
    states: dict[int, ReviewState] = {}
    for start in range(0, len(ids), CHECK_BATCH):
        batch = list(session.scalars(select(Figure).where(Figure.id.in_(ids[start : start + CHECK_BATCH]))))
        states.update(review_states(session, batch))
    return states


def find_figures(
    session: Session,
    filters: QueueFilters,
    rates: RateTable,
    *,
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> QueueResult:
    """The figures matching ``filters``, page ``page`` (1-based, clamped to the last page)."""
    candidates = _candidates(session, filters)
    checked = _states(session, [fid for fid, _status, check in candidates if check])
    kept: list[tuple[int, str]] = []
    for fid, status, check in candidates:
        if check:
            state = checked[fid]
            if not filters.matches(state.effective):
                continue
            if filters.decided_by is not None and (
                state.latest is None or state.latest.user.name != filters.decided_by
            ):
                continue
        kept.append((fid, status))
    by_status = dict.fromkeys(FIGURE_STATUSES, 0) | Counter(status for _fid, status in kept)
    selected = [fid for fid, status in kept if filters.status in ("all", status)]
    pages = max(1, ceil(len(selected) / page_size))
    page = min(max(1, page), pages)
    page_ids = selected[(page - 1) * page_size : page * page_size]
    figures = {
        figure.id: figure
        for figure in session.scalars(
            select(Figure).options(joinedload(Figure.article)).where(Figure.id.in_(page_ids))
        )
    }
    ordered = [figures[fid] for fid in page_ids]
    states = review_states(session, ordered)
    items = [
        QueueItem(figure, figure.article, states[figure.id],
                  convert(rates, states[figure.id].effective, report_day(figure, figure.article)))
        for figure in ordered
    ]  # fmt: skip
    return QueueResult(items, len(selected), page, pages, by_status)


def figure_item(session: Session, figure: Figure, rates: RateTable) -> QueueItem:
    """One figure with its article, review state and USD equivalent (for the figure page)."""
    state = review_states(session, [figure])[figure.id]
    return QueueItem(figure, figure.article, state, convert(rates, state.effective, report_day(figure, figure.article)))


def filter_choices(session: Session) -> dict[str, list[str]]:
    """Values seen in the store for each filter, for the filter form's suggestions."""
    def distinct(column: Any) -> list[str]:
        query = select(column).where(column.is_not(None)).distinct().order_by(column)
        return [str(value) for value in session.scalars(query)]

    return {
        "subject": distinct(Figure.subject),
        "metric": distinct(Figure.metric),
        "source": distinct(Figure.source),
        "year": [str(year) for year in reversed([int(y) for y in distinct(Figure.year)])],
        "outlet": distinct(Article.outlet),
        "currency": distinct(Figure.currency),
    }


def decided_today(session: Session, user: User, now: datetime | None = None) -> int:
    """How many decisions (not undos) ``user`` made since midnight UTC — the reviewer's progress."""
    moment = now or datetime.now(UTC)
    midnight = datetime.combine(moment.date(), time(), tzinfo=UTC)
    query = select(func.count()).where(
        ReviewDecision.user_id == user.id, ReviewDecision.decision != "undo", ReviewDecision.decided_at >= midnight
    )
    return session.scalar(query) or 0
