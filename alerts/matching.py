"""Does a figure repeat a claim already in the ledger? Compared in SQL, as numbers.

Same currency: the amounts must be equal (both ends of a range; a missing top equals only a missing
top) — "Rmb160bn" and "Rmb 160 billion" agree, "Rmb160bn" and "Rmb165bn" do not. Different currency,
when the claim has no figure in the figure's currency: both are taken to US dollars with the dated
rate table (each at its own reported date; a US-dollar equivalent written beside the claim's first
figure is used as is), and they agree when the claim's value is within :data:`USD_TOLERANCE` (5%) of
the figure's — wide enough for "Rmb160bn" against "$22bn" written months later, narrow enough that
Rmb150bn and Rmb160bn (6.7% apart) stay different numbers.

USD values are kept to the cent, or to the dollar when that would need more than 15 significant
digits, so that SQLite holds them as exact numbers (see ``store.types.Money``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from store.models import Article, Claim, ClaimFigure, Figure
from store.rates import RateTable

#: How far apart two amounts in different currencies may be, in US dollars, and still agree.
USD_TOLERANCE = Decimal("0.05")
_CENT = Decimal("0.01")
_DOLLAR = Decimal(1)
_SQLITE_EXACT_DIGITS = 15
#: Aliases for "a figure of this claim" in EXISTS subqueries, built once: building them per query
#: costs more than running the query.
_MEMBER = aliased(Figure, name="member")
_LINK = aliased(ClaimFigure, name="member_link")


def storable_usd(value: Decimal, rounding: str = ROUND_HALF_EVEN) -> Decimal:
    """``value`` to the cent, or to the dollar past 15 significant digits (exact on SQLite too)."""
    cents = value.quantize(_CENT, rounding=rounding)
    if len(cents.normalize().as_tuple().digits) <= _SQLITE_EXACT_DIGITS:
        return cents
    return value.quantize(_DOLLAR, rounding=rounding)


@dataclass(frozen=True, slots=True)
class UsdValue:
    """An amount (and range top) in US dollars, and the day of the rate used (None: no conversion)."""

    low: Decimal
    high: Decimal | None
    rate_day: date | None


def to_usd(rates: RateTable, amount: Decimal, high: Decimal | None, currency: str, day: date | None) -> UsdValue | None:
    """``amount``–``high`` of ``currency`` in US dollars on ``day``; None for a currency with no rate."""
    low = rates.to_usd(amount, currency, day)
    if low is None:
        return None
    top = rates.to_usd(high, currency, day) if high is not None else None
    rate = low[1]
    return UsdValue(storable_usd(low[0]), storable_usd(top[0]) if top is not None else None, rate.day if rate else None)


def _usd_band(column: object, value: Decimal | None) -> object:
    """SQL: ``column`` is within the tolerance of ``value`` (or both are missing)."""
    if value is None:
        return column.is_(None)  # type: ignore[attr-defined]
    low = storable_usd(value * (1 - USD_TOLERANCE), ROUND_FLOOR)
    high = storable_usd(value * (1 + USD_TOLERANCE), ROUND_CEILING)
    return column.between(low, high)  # type: ignore[attr-defined]


def matching_claim(session: Session, key: tuple[str, str, int], figure: Figure, usd: UsdValue | None) -> Claim | None:
    """The earliest known claim with ``key`` (subject key, metric, year) whose amount ``figure`` repeats.

    A claim every figure of which a reviewer rejected is not known: it cannot be repeated.
    """
    subject_key, metric, year = key
    member, link = _MEMBER, _LINK

    def has_member(*conditions: object) -> object:
        return exists().where(link.claim_id == Claim.id, link.figure_id == member.id, *conditions)

    same_amount = has_member(
        member.currency == figure.currency,
        member.amount == figure.amount,
        member.amount_high.is_not_distinct_from(figure.amount_high),
    )
    conditions = [same_amount]
    if usd is not None:
        conditions.append(
            and_(
                ~has_member(member.currency == figure.currency),
                _usd_band(Claim.amount_usd, usd.low),
                _usd_band(Claim.amount_high_usd, usd.high),
            )
        )
    query = (
        select(Claim)
        .where(
            Claim.kind != "uncompared",
            Claim.subject_key == subject_key,
            Claim.metric == metric,
            Claim.year == year,
            has_member(member.status != "rejected"),
            or_(*conditions),
        )
        .order_by(Claim.id)
        .limit(1)
    )
    return session.scalars(query).first()


def latest_claim(session: Session, key: tuple[str, str, int], article_id: int) -> Claim | None:
    """What was known before for ``key``: the claim most recently reported by *another* article
    (the first in reading order when that article made several). Claims of the same article are not
    "before": an article giving a total and a part for one year makes two claims, not a change."""
    subject_key, metric, year = key
    member, link = _MEMBER, _LINK
    query = (
        select(Claim)
        .join(ClaimFigure, and_(ClaimFigure.claim_id == Claim.id, ClaimFigure.relation == "first"))
        .join(Figure, Figure.id == ClaimFigure.figure_id)
        .join(Article, Article.id == Figure.article_id)
        .where(
            Claim.kind != "uncompared",
            Claim.subject_key == subject_key,
            Claim.metric == metric,
            Claim.year == year,
            Figure.article_id != article_id,
            exists().where(link.claim_id == Claim.id, link.figure_id == member.id, member.status != "rejected"),
        )
        .order_by(func.coalesce(Article.published, Article.fetched).desc(), Article.id.desc(), Figure.start, Claim.id)
        .limit(1)
    )
    return session.scalars(query).first()
