"""Reviewers' decisions on figures: appended, never overwritten or deleted.

The history of a figure is the list of its decisions in order. An ``undo`` is itself a decision
that names the one it takes back (``undoes_id``), so undoing rewrites nothing: the figure's status
is worked out again from the decisions still standing (:mod:`store.decisions`).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from store.models.base import Base, in_list
from store.types import utcnow

if TYPE_CHECKING:
    from store.models.articles import Figure
    from store.models.users import User

#: What a reviewer can decide about a figure, and the status each decision gives it. A correction
#: approves the figure with corrected values (the reviewed data set is ``status = approved``,
#: corrected or not); which fields were corrected stays in the decision.
DECISION_STATUS: dict[str, str] = {"approved": "approved", "rejected": "rejected", "corrected": "approved"}
#: Every kind of record in ``review_decisions``: the decisions above, and ``undo``.
DECISIONS: tuple[str, ...] = (*DECISION_STATUS, "undo")


class ReviewDecision(Base):
    """A reviewer's verdict on a figure: who, when, what, and any corrected values.

    ``corrected`` maps figure field names to the values the reviewer says are right (amounts as
    decimal strings, to stay exact in JSON); ``note`` is the reason given (required to reject).
    An ``undo`` record points at the decision it takes back; ``undoes_id`` is unique, so a
    decision cannot be undone twice, even by two reviewers at once.
    """

    __tablename__ = "review_decisions"
    __table_args__ = (CheckConstraint(in_list("decision", DECISIONS), name="decision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    figure_id: Mapped[int] = mapped_column(ForeignKey("figures.id"), index=True)
    decision: Mapped[str] = mapped_column(String(20))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)
    note: Mapped[str | None] = mapped_column(Text)
    corrected: Mapped[dict[str, Any] | None]
    undoes_id: Mapped[int | None] = mapped_column(ForeignKey("review_decisions.id"), unique=True)

    figure: Mapped[Figure] = relationship(back_populates="decisions")
    user: Mapped[User] = relationship(lazy="joined")

    @property
    def reviewer(self) -> str:
        """The name of the user who made this decision."""
        return self.user.name

    def __repr__(self) -> str:
        return f"ReviewDecision(id={self.id!r}, figure_id={self.figure_id!r}, {self.decision!r})"
