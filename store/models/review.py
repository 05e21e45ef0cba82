"""Reviewers' decisions on figures: appended, never overwritten."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from store.models.base import Base, in_list
from store.types import utcnow

if TYPE_CHECKING:
    from store.models.articles import Figure

#: What a reviewer can decide about a figure (each sets the figure's status of the same name).
DECISIONS: tuple[str, ...] = ("approved", "rejected", "corrected")


class ReviewDecision(Base):
    """A reviewer's verdict on a figure: who, when, what, and any corrected values.

    Decisions are appended, never overwritten, so the history of a figure stays auditable; the
    figure's ``status`` is the latest decision. ``corrected`` maps figure field names to the
    values the reviewer says are right (amounts as decimal strings, to stay exact in JSON).
    """

    __tablename__ = "review_decisions"
    __table_args__ = (CheckConstraint(in_list("decision", DECISIONS), name="decision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    figure_id: Mapped[int] = mapped_column(ForeignKey("figures.id"), index=True)
    decision: Mapped[str] = mapped_column(String(20))
    reviewer: Mapped[str] = mapped_column(String(200))
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)
    note: Mapped[str | None] = mapped_column(Text)
    corrected: Mapped[dict[str, Any] | None]

    figure: Mapped[Figure] = relationship(back_populates="decisions")

    def __repr__(self) -> str:
        return f"ReviewDecision(id={self.id!r}, figure_id={self.figure_id!r}, {self.decision!r})"
