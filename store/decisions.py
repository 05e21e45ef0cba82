"""Review decisions: recording them, undoing them, and what a figure's values and status are after them.

Decisions are appended, never changed (``store.models.review``). Everything a reader needs is
derived from that log:

- the **standing** decisions are those not taken back by an ``undo``;
- a figure's **status** is the status its latest standing decision gives (``DECISION_STATUS``),
  or ``pending`` when none stands; ``figures.status`` holds it so queues can filter in SQL, and is
  only ever written here, in the same transaction as the decision that changes it;
- its **effective values** are the extracted ones with every standing correction applied in order
  (a later correction of a field wins); the extracted values are never overwritten.

Two reviewers deciding the same figure: every decision raises ``figures.version`` with an
``UPDATE … WHERE version = <the version the reviewer saw>``. The database serialises the two
updates (PostgreSQL's row lock, SQLite's write lock), so the second matches no row and gets
:class:`~store.errors.DecisionConflict`; its transaction records nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, aliased

from store.errors import DecisionConflict, InvalidDecision, UnknownFigure
from store.models import DECISION_STATUS, Figure, ReviewDecision, User
from store.types import canonical_decimal, utcnow

#: Figure fields a reviewer may correct; amounts are kept as decimal strings in the JSON column.
CORRECTABLE_FIELDS: tuple[str, ...] = (
    "amount", "amount_high", "currency", "year", "source", "subject", "anonymous", "qualifier", "metric",
)  # fmt: skip
MONEY_FIELDS = frozenset({"amount", "amount_high"})
#: Years a figure can plausibly be for; anything else in a correction is a typo.
YEAR_RANGE = range(1900, 2201)
MAX_TEXT_LENGTH = {"source": 2000, "subject": 2000, "qualifier": 100, "metric": 100}
MAX_NOTE_LENGTH = 2000


@dataclass(frozen=True, slots=True)
class ReviewState:
    """Where a figure stands after its decisions (see the module doc)."""

    status: str
    effective: dict[str, Any]
    latest: ReviewDecision | None  # the standing decision that gives the status
    corrected_fields: frozenset[str]  # fields whose effective value comes from a correction
    history: tuple[ReviewDecision, ...]


def standing(decisions: Iterable[ReviewDecision]) -> list[ReviewDecision]:
    """The decisions (not undos) that no ``undo`` took back, in order."""
    ordered = sorted(decisions, key=lambda d: d.id)
    undone = {d.undoes_id for d in ordered if d.decision == "undo"}
    return [d for d in ordered if d.decision != "undo" and d.id not in undone]


def extracted_values(figure: Figure) -> dict[str, Any]:
    """The figure's correctable fields as the rules extracted them."""
    return {name: getattr(figure, name) for name in CORRECTABLE_FIELDS}


def correction_values(corrected: Mapping[str, Any]) -> dict[str, Any]:
    """A stored correction (JSON) as Python values: amounts back to ``Decimal``."""
    return {
        key: Decimal(value) if key in MONEY_FIELDS and value is not None else value
        for key, value in corrected.items()
    }


def review_state(figure: Figure, decisions: Sequence[ReviewDecision] | None = None) -> ReviewState:
    """The status, effective values and latest standing decision of ``figure``.

    ``decisions`` defaults to ``figure.decisions`` (pass them to avoid a query per figure).
    """
    history = tuple(sorted(figure.decisions if decisions is None else decisions, key=lambda d: d.id))
    stand = standing(history)
    values = extracted_values(figure)
    fields: set[str] = set()
    for decision in stand:
        if decision.corrected:
            changes = correction_values(decision.corrected)
            values.update(changes)
            fields.update(changes)
    latest = stand[-1] if stand else None
    status = DECISION_STATUS[latest.decision] if latest is not None else "pending"
    return ReviewState(status, values, latest, frozenset(fields), history)


def review_states(session: Session, figures: Sequence[Figure]) -> dict[int, ReviewState]:
    """:func:`review_state` of many figures, reading all their decisions in one query."""
    by_figure: dict[int, list[ReviewDecision]] = {figure.id: [] for figure in figures}
    if by_figure:
        query = select(ReviewDecision).where(ReviewDecision.figure_id.in_(list(by_figure)))
        for decision in session.scalars(query.order_by(ReviewDecision.id)):
            by_figure[decision.figure_id].append(decision)
    return {figure.id: review_state(figure, by_figure[figure.id]) for figure in figures}


def _check_value(key: str, value: Any) -> Any:
    """One corrected value, checked; amounts as exact decimal text for the JSON column."""
    if key in MONEY_FIELDS:
        if value is None:
            if key == "amount":
                raise InvalidDecision("a corrected amount cannot be empty")
            return None
        if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
            raise InvalidDecision(f"corrected {key} must be Decimal or int, not {type(value).__name__}")
        amount = Decimal(value)
        if not amount.is_finite() or amount < 0:
            raise InvalidDecision(f"corrected {key} must be a finite amount of at least 0, not {value}")
        return format(canonical_decimal(amount), "f")
    if key == "year":
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value not in YEAR_RANGE):
            raise InvalidDecision(f"corrected year must be a whole year from {YEAR_RANGE[0]} to {YEAR_RANGE[-1]}")
        return value
    if key == "currency":
        if not isinstance(value, str) or len(value) != 3 or not value.isascii() or not value.isalpha():
            raise InvalidDecision(f"corrected currency must be an ISO 4217 code such as USD or CNY, not {value!r}")
        return value.upper()
    if key == "anonymous":
        if not isinstance(value, bool):
            raise InvalidDecision("corrected anonymous must be true or false")
        return value
    if value is not None and not isinstance(value, str):
        raise InvalidDecision(f"corrected {key} must be text")
    text = value.strip() if isinstance(value, str) else None
    if key == "metric" and not text:
        raise InvalidDecision("a corrected metric cannot be empty")
    if text is not None and len(text) > MAX_TEXT_LENGTH[key]:
        raise InvalidDecision(f"corrected {key} has at most {MAX_TEXT_LENGTH[key]} characters")
    return text or None


def _changes(current: Mapping[str, Any], corrected: Mapping[str, Any]) -> dict[str, Any]:
    """The corrected values (checked, JSON-ready) that differ from the ``current`` effective ones."""
    unknown = set(corrected) - set(CORRECTABLE_FIELDS)
    if unknown:
        raise InvalidDecision(
            f"cannot correct {', '.join(sorted(unknown))}; correctable: {', '.join(CORRECTABLE_FIELDS)}"
        )
    checked = {key: _check_value(key, value) for key, value in corrected.items()}
    after = {**current, **correction_values(checked)}
    if after["amount_high"] is not None and after["amount_high"] < after["amount"]:
        raise InvalidDecision("the top of a range (amount_high) cannot be below the amount")
    return {key: value for key, value in checked.items() if correction_values({key: value})[key] != current[key]}


def _note(note: str | None) -> str | None:
    text = (note or "").strip()
    if len(text) > MAX_NOTE_LENGTH:
        raise InvalidDecision(f"a reason or note has at most {MAX_NOTE_LENGTH} characters")
    return text or None


def _figure(session: Session, figure_id: int) -> Figure:
    figure = session.get(Figure, figure_id, populate_existing=True)
    if figure is None:
        raise UnknownFigure(f"no figure with id {figure_id}")
    return figure


def decisions_of(session: Session, figure_id: int) -> list[ReviewDecision]:
    """Every record about the figure, oldest first, read now (not from the session's cache)."""
    query = select(ReviewDecision).where(ReviewDecision.figure_id == figure_id).order_by(ReviewDecision.id)
    return list(session.scalars(query.execution_options(populate_existing=True)))


def _conflict(session: Session, figure_id: int, seen: int) -> DecisionConflict:
    """The error for a figure that moved past version ``seen``, saying what happened to it."""
    figure = _figure(session, figure_id)
    state = review_state(figure, decisions_of(session, figure_id))
    last = state.history[-1] if state.history else None
    what = (
        f"{last.decision} by {last.reviewer} at {last.decided_at:%Y-%m-%d %H:%M:%S} UTC"
        if last is not None
        else "changed"
    )
    return DecisionConflict(
        f"figure {figure_id} changed under you: it was {what} (now {state.status}, version "
        f"{figure.version}; you saw version {seen}); nothing was recorded — reload it and decide again"
    )


def _advance(session: Session, figure: Figure, expected_version: int | None, status: str) -> int:
    """Set ``figure``'s status and raise its version, if it is still at ``expected_version``.

    Returns the new version; raises :class:`DecisionConflict` when another decision came first.
    """
    seen = figure.version if expected_version is None else expected_version
    result = session.execute(
        update(Figure)
        .where(Figure.id == figure.id, Figure.version == seen)
        .values(status=status, version=Figure.version + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise _conflict(session, figure.id, seen)
    session.expire(figure, ["status", "version"])
    return seen + 1


def _require_active(user: User) -> None:
    if not user.active:
        raise InvalidDecision(f"user {user.name!r} is disabled and cannot decide")


def record_decision(
    session: Session,
    figure_id: int,
    decision: str,
    user: User,
    note: str | None = None,
    corrected: Mapping[str, Any] | None = None,
    *,
    expected_version: int | None = None,
) -> ReviewDecision:
    """Record ``user``'s decision on a figure and set the figure's status from it.

    ``decision`` is "approved", "rejected" (needs ``note``, the reason) or "corrected" (needs
    ``corrected``: right values by field name, of which only those that differ from the figure's
    current effective values are kept; a correction approves the figure). ``expected_version`` is
    the figure version the reviewer was shown: if the figure has moved on, nothing is recorded and
    :class:`DecisionConflict` is raised. Approving an approved figure (or rejecting a rejected one)
    changes nothing and is refused. Flushes, does not commit.
    """
    if decision not in DECISION_STATUS:
        raise InvalidDecision(f"unknown decision {decision!r}; expected one of {', '.join(DECISION_STATUS)}")
    _require_active(user)
    reason = _note(note)
    if decision == "rejected" and reason is None:
        raise InvalidDecision("rejecting a figure needs a reason")
    if decision == "corrected" and not corrected:
        raise InvalidDecision("a 'corrected' decision needs the corrected values")
    if decision != "corrected" and corrected:
        raise InvalidDecision(f"corrected values given with decision {decision!r}; use 'corrected'")
    figure = _figure(session, figure_id)
    if expected_version is not None and figure.version != expected_version:
        raise _conflict(session, figure_id, expected_version)
    if decision != "corrected" and DECISION_STATUS[decision] == figure.status:
        latest = review_state(figure, decisions_of(session, figure_id)).latest
        who = f" by {latest.reviewer} at {latest.decided_at:%Y-%m-%d %H:%M} UTC" if latest is not None else ""
        raise InvalidDecision(f"figure {figure_id} is already {figure.status}{who}; nothing to change")
    changes: dict[str, Any] | None = None
    if corrected:
        changes = _changes(review_state(figure, decisions_of(session, figure_id)).effective, corrected)
        if not changes:
            raise InvalidDecision(
                f"nothing to correct: the values given are figure {figure_id}'s current ones; approve it instead"
            )
    _advance(session, figure, expected_version, DECISION_STATUS[decision])
    record = ReviewDecision(
        figure_id=figure.id, decision=decision, user_id=user.id, decided_at=utcnow(), note=reason, corrected=changes
    )
    session.add(record)
    session.flush()
    return record


def undo_decision(
    session: Session, figure_id: int, user: User, *, expected_version: int | None = None
) -> ReviewDecision:
    """Take back the figure's latest standing decision by appending an ``undo`` record.

    The figure returns to the status of the decision before it (``pending`` if none). Raises
    :class:`InvalidDecision` when there is nothing to undo and :class:`DecisionConflict` when the
    figure moved past ``expected_version``.
    """
    _require_active(user)
    figure = _figure(session, figure_id)
    stand = standing(decisions_of(session, figure_id))
    if not stand:
        raise InvalidDecision(f"figure {figure_id} has no decision to undo")
    status = DECISION_STATUS[stand[-2].decision] if len(stand) > 1 else "pending"
    _advance(session, figure, expected_version, status)
    record = ReviewDecision(
        figure_id=figure.id, decision="undo", user_id=user.id, decided_at=utcnow(), undoes_id=stand[-1].id
    )
    session.add(record)
    session.flush()
    session.expire(figure, ["decisions"])
    return record


def last_undoable(session: Session, user: User) -> tuple[ReviewDecision, Figure] | None:
    """``user``'s most recent decision that still stands and is still its figure's latest.

    What "undo" in the queue takes back; ``None`` if someone decided that figure since, or the
    user has nothing standing.
    """
    undo = aliased(ReviewDecision)
    query = (
        select(ReviewDecision)
        .where(
            ReviewDecision.user_id == user.id,
            ReviewDecision.decision != "undo",
            ~select(undo.id).where(undo.undoes_id == ReviewDecision.id).exists(),
        )
        .order_by(ReviewDecision.id.desc())
        .limit(1)
    )
    mine = session.scalar(query)
    if mine is None:
        return None
    figure = _figure(session, mine.figure_id)
    state = review_state(figure, decisions_of(session, figure.id))
    if state.latest is None or state.latest.id != mine.id:
        return None
    return mine, figure
