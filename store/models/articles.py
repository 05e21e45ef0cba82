"""Articles kept, the money figures found in them, and every URL fetched."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from store.models.base import Base, in_list
from store.types import utcnow

if TYPE_CHECKING:
    from store.models.review import ReviewDecision

#: A figure's review state; "pending" until a reviewer decides, then the status its latest standing
#: decision gives it (``store.models.review.DECISION_STATUS``). Every status lives in this one tuple
#: (the CHECK constraint, the queue's and export's filters read it); a new one is added here and by
#: a migration that rebuilds ``ck_figures_status``.
FIGURE_STATUSES: tuple[str, ...] = ("pending", "approved", "rejected")


class Article(Base):
    """One kept news page: its final URL, metadata, extracted text and a hash of that text.

    ``url`` and ``content_hash`` are unique so two crawls (even concurrent ones) cannot store the
    same page twice; ``canonical_url`` is only indexed because publishers sometimes point many
    pages at one canonical, and the store checks it before inserting rather than refusing it.
    """

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    canonical_url: Mapped[str | None] = mapped_column(Text, index=True)
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(200))
    author: Mapped[str | None] = mapped_column(Text)
    published: Mapped[datetime | None] = mapped_column(index=True)
    fetched: Mapped[datetime]
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    source_name: Mapped[str] = mapped_column(String(200))
    language: Mapped[str | None] = mapped_column(String(35))
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"), index=True)
    #: The rule-set whose figures this article has (the figure stage's mark); null: not read yet.
    figures_ruleset: Mapped[str | None] = mapped_column(String(100), index=True)

    figures: Mapped[list[Figure]] = relationship(
        back_populates="article", order_by="Figure.start", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"Article(id={self.id!r}, url={self.url!r})"


class Figure(Base):
    """One money amount found in an article, with the words and offsets it was read from.

    Mirrors ``extract.figure.Figure`` (without importing it: the store depends on nothing of
    ours). ``start``/``end`` index ``article.text``; ``text`` is the amount as written and
    ``sentence`` the sentence around it, kept so a reviewer always sees the exact words.
    """

    __tablename__ = "figures"
    __table_args__ = (
        CheckConstraint(in_list("status", FIGURE_STATUSES), name="status"),
        Index("ix_figures_article_id_start", "article_id", "start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"))
    amount: Mapped[Decimal]
    amount_high: Mapped[Decimal | None]
    currency: Mapped[str] = mapped_column(String(3))
    year: Mapped[int | None]
    source: Mapped[str | None] = mapped_column(Text)
    subject: Mapped[str | None] = mapped_column(Text)
    anonymous: Mapped[bool] = mapped_column(default=False)
    qualifier: Mapped[str | None] = mapped_column(String(100))
    metric: Mapped[str] = mapped_column(String(100), default="other")
    claim: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(Text)
    sentence: Mapped[str] = mapped_column(Text)
    sentence_start: Mapped[int]
    start: Mapped[int]
    end: Mapped[int]
    rule: Mapped[str] = mapped_column(String(200))
    ruleset: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    #: Raised by every decision: a reviewer's form carries the version it was shown, and a decision
    #: on any other version is refused as "changed under you" (optimistic locking).
    version: Mapped[int] = mapped_column(default=0, server_default="0")
    created: Mapped[datetime] = mapped_column(default=utcnow)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"), index=True)

    article: Mapped[Article] = relationship(back_populates="figures")
    decisions: Mapped[list[ReviewDecision]] = relationship(
        back_populates="figure", order_by="ReviewDecision.id"
    )

    def __repr__(self) -> str:
        return f"Figure(id={self.id!r}, amount={self.amount!r}, currency={self.currency!r})"


class SeenUrl(Base):
    """Every page fetched and what became of it, so the next crawl does not fetch it again."""

    __tablename__ = "seen_urls"

    url: Mapped[str] = mapped_column(Text, primary_key=True)
    outcome: Mapped[str] = mapped_column(String(50))
    source_name: Mapped[str | None] = mapped_column(String(200))
    first_seen: Mapped[datetime]
    last_seen: Mapped[datetime]

    def __repr__(self) -> str:
        return f"SeenUrl(url={self.url!r}, outcome={self.outcome!r})"
