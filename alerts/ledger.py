"""The claims stage: put every figure not yet in the ledger into one claim, and say what it was.

Figures are taken in the order they were reported (article publication time, then article, then
position), a group at a time: the figures an article writes side by side as equivalents ("Rmb160bn
($22bn)", the extractor's per-article ``claim`` number) always share one claim. For a group whose
first figure has a subject and a year, the key is (subject, metric, year):

- it **corroborates** a known claim with that key whose amount one of its figures repeats (see
  :mod:`alerts.matching`): the figures join that claim as further sources;
- else it is a **change** when another article reported a claim with that key (with another amount),
  and **new** when none did: a claim of its own either way. Figures of one article are compared only
  with what other articles reported: "Rmb160bn for 2026 … roughly Rmb85bn of it on chips" makes two
  new claims, not a change from the article's own total.

A group with no subject or no year is an ``uncompared`` claim of its own. Only new claims and changes
can alert (:mod:`alerts.outbox` decides). The stage takes *every* figure not yet in the ledger, not
only tonight's, so a run that died before this stage is caught up by the next one; figures with no run
(stored before runs were recorded) enter the ledger as what was already known and never alert.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, contains_eager

from alerts.matching import UsdValue, latest_claim, matching_claim, to_usd
from store.models import Article, Claim, ClaimFigure, Figure
from store.rates import RateTable
from store.types import utcnow


@dataclass(frozen=True, slots=True)
class ClaimEvent:
    """What one group of figures did to the ledger.

    ``relation``: ``new``, ``change``, ``corroboration`` or ``uncompared``. ``previous_claim_id``: for a
    change, the claim known before. ``from_run``: the figures came from a recorded run (figures from
    before runs were recorded never alert).
    """

    claim_id: int
    relation: str
    figure_ids: tuple[int, ...]
    metric: str
    previous_claim_id: int | None = None
    from_run: bool = True


def subject_key(subject: str) -> str:
    """How subjects are compared: case and spacing do not matter ("Bytedance" is "ByteDance")."""
    return " ".join(subject.casefold().split())


def reported_day(article: Article) -> date:
    """The day a figure was reported: its article's publication date, else the day it was fetched."""
    return (article.published or article.fetched).date()


def unassigned_groups(session: Session) -> Iterator[list[Figure]]:
    """Figures in no claim yet, grouped by article and per-article claim number, in reported order."""
    query = (
        select(Figure)
        .join(Figure.article)
        .outerjoin(ClaimFigure, ClaimFigure.figure_id == Figure.id)
        .where(ClaimFigure.figure_id.is_(None))
        .options(contains_eager(Figure.article))
        .order_by(Article.published.is_(None), Article.published, Article.id, Figure.claim, Figure.start, Figure.id)
    )
    group: list[Figure] = []
    for figure in list(session.scalars(query)):  # read all first: the caller writes between groups
        # claim 0 means "not grouped" (a figure stored without the extractor's grouping): alone.
        if group and (figure.article_id, figure.claim) == (group[0].article_id, group[0].claim) and figure.claim:
            group.append(figure)
            continue
        if group:
            yield group
        group = [figure]
    if group:
        yield group


def _claim_usd(rates: RateTable, group: Sequence[Figure], day: date) -> UsdValue | None:
    """The claim's value in US dollars: a dollar figure written beside it, else the dated rate."""
    first = group[0]
    dollars = next((f for f in group if f.currency == "USD"), None)
    if dollars is not None:
        return UsdValue(dollars.amount, dollars.amount_high, None)
    return to_usd(rates, first.amount, first.amount_high, first.currency, day)


def _link(session: Session, claim: Claim, group: Sequence[Figure], relation: str | None, run_id: int | None) -> None:
    now = utcnow()
    for position, figure in enumerate(group):
        kind = relation or ("first" if position == 0 else "equivalent")
        session.add(ClaimFigure(figure_id=figure.id, claim_id=claim.id, relation=kind, run_id=run_id, assigned=now))


def _new_claim(
    session: Session,
    group: Sequence[Figure],
    kind: str,
    usd: UsdValue | None,
    previous: Claim | None,
    run_id: int | None,
) -> Claim:
    first = group[0]
    claim = Claim(
        subject=first.subject,
        subject_key=subject_key(first.subject) if first.subject else None,
        metric=first.metric,
        year=first.year,
        amount=first.amount,
        amount_high=first.amount_high,
        currency=first.currency,
        amount_usd=usd.low if usd else None,
        amount_high_usd=usd.high if usd else None,
        usd_rate_day=usd.rate_day if usd else None,
        kind=kind,
        previous_claim_id=previous.id if previous else None,
        run_id=run_id,
        created=utcnow(),
    )
    session.add(claim)
    session.flush()
    _link(session, claim, group, None, run_id)
    return claim


def assign_group(session: Session, group: Sequence[Figure], rates: RateTable, run_id: int | None) -> ClaimEvent:
    """Put one group of equivalent figures into the ledger (flushes; the caller commits)."""
    first = group[0]
    day = reported_day(first.article)
    ids = tuple(f.id for f in group)
    from_run = first.run_id is not None
    if first.subject is None or first.year is None:
        claim = _new_claim(session, group, "uncompared", _claim_usd(rates, group, day), None, run_id)
        return ClaimEvent(claim.id, "uncompared", ids, first.metric, from_run=from_run)
    key = (subject_key(first.subject), first.metric, first.year)
    for figure in group:
        usd = to_usd(rates, figure.amount, figure.amount_high, figure.currency, day)
        known = matching_claim(session, key, figure, usd)
        if known is not None:
            _link(session, known, group, "corroboration", run_id)
            session.flush()
            return ClaimEvent(known.id, "corroboration", ids, first.metric, from_run=from_run)
    previous = latest_claim(session, key, first.article_id)
    kind = "change" if previous is not None else "new"
    claim = _new_claim(session, group, kind, _claim_usd(rates, group, day), previous, run_id)
    return ClaimEvent(claim.id, kind, ids, first.metric, previous.id if previous else None, from_run)


def assign_claims(session: Session, rates: RateTable, run_id: int | None) -> list[ClaimEvent]:
    """Every figure not yet in the ledger, into its claim; the events in the order they happened."""
    return [assign_group(session, group, rates, run_id) for group in unassigned_groups(session)]


def summarise(events: Sequence[ClaimEvent]) -> dict[str, int]:
    """How many groups were new, changes, corroborations and uncompared (every key present)."""
    counts = Counter(event.relation for event in events)
    return {relation: counts.get(relation, 0) for relation in ("new", "change", "corroboration", "uncompared")}
