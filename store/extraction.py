"""Reads and writes of the figure stage: which articles still need figures, and storing them.

The crawl stores a kept article without figures; the figure stage (and a later re-extraction)
reads every article whose ``figures_ruleset`` is not the current rule-set, extracts its figures
and stores them with :func:`store_figures`. That function is the guard that makes the stage safe
to run twice at once (two crawl processes, or a crawl and a re-extraction): the article is marked
with a conditional UPDATE first, and only the transaction whose UPDATE changed the row adds the
figures, so an article never gets one rule-set's figures twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, or_, select, update
from sqlalchemy.orm import Session

from store.models import Article, Figure
from store.queries import _check_provenance, _figure_row
from store.records import NewFigure


@dataclass(frozen=True, slots=True)
class PendingArticle:
    """What the figure stage needs of one article: its text, its date, its source."""

    id: int
    text: str
    published: datetime | None
    source_name: str


def _needs(ruleset: str):  # -> a SQL condition
    return or_(Article.figures_ruleset.is_(None), Article.figures_ruleset != ruleset)


def pending_article_ids(session: Session, ruleset: str) -> list[int]:
    """Ids of the articles without figures of ``ruleset``, oldest first (ids only: cheap)."""
    return list(session.scalars(select(Article.id).where(_needs(ruleset)).order_by(Article.id)))


def pending_articles(session: Session, ids: Iterable[int]) -> list[PendingArticle]:
    """The articles ``ids`` (those that still exist), in id order."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    rows = session.execute(
        select(Article.id, Article.text, Article.published, Article.source_name)
        .where(Article.id.in_(wanted))
        .order_by(Article.id)
    )
    return [PendingArticle(*row) for row in rows]


def store_figures(
    session: Session,
    article_id: int,
    ruleset: str,
    figures: Sequence[NewFigure],
    *,
    text: str | None = None,
    run_id: int | None = None,
) -> bool:
    """Mark article ``article_id`` as read by ``ruleset`` and add its ``figures``; False (and
    nothing written) if it already has that rule-set's figures or no longer exists.

    ``text`` (the article's text, when the caller has it) checks every figure's offsets before
    anything is written, as :func:`store.queries.add_article` does. Flushes, does not commit:
    the caller's transaction (or savepoint) makes it all-or-nothing.
    """
    if text is not None:
        for figure in figures:
            _check_provenance(text, figure)
    marked = session.execute(
        update(Article)
        .where(Article.id == article_id, _needs(ruleset))
        .values(figures_ruleset=ruleset)
        .execution_options(synchronize_session=False)
    )
    if marked.rowcount != 1:
        return False
    if figures:
        # One executemany, not an ORM object per figure: a nightly run stores thousands.
        session.execute(insert(Figure), [_figure_values(article_id, figure, run_id) for figure in figures])
    return True


def _figure_values(article_id: int, figure: NewFigure, run_id: int | None) -> dict[str, Any]:
    """The column values of ``figure``'s row (what :func:`store.queries._figure_row` would hold)."""
    row = _figure_row(article_id, figure, run_id)
    return {column.key: getattr(row, column.key) for column in Figure.__table__.columns if column.key != "id"}
