"""Build articles and figures in a real store the way a crawl leaves them, for ledger and outbox tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from store.models import Article, Figure
from store.queries import add_article
from store.records import NewArticle, NewFigure
from store.runs import create_run


@dataclass(frozen=True)
class Said:
    """One figure as an article writes it: ``text`` must occur in ``sentence``."""

    text: str
    amount: str
    currency: str
    year: int | None
    subject: str | None = "ByteDance"
    source: str | None = "Financial Times"
    metric: str = "capex"
    claim: int = 1
    amount_high: str | None = None


def publish(
    session: Session, slug: str, outlet: str, day: str, sentence: str, *said: Said, run: bool = True
) -> Article:
    """Store an article whose text is ``sentence`` with ``said`` figures, as run ``run_id`` of a new run
    (or with no run, like figures stored before runs were recorded)."""
    figures = []
    cursor = 0
    for item in said:
        start = sentence.index(item.text, cursor)
        cursor = start + len(item.text)
        figures.append(
            NewFigure(
                amount=Decimal(item.amount), amount_high=Decimal(item.amount_high) if item.amount_high else None,
                currency=item.currency, year=item.year, source=item.source, subject=item.subject, text=item.text,
                sentence=sentence, start=start, end=cursor, metric=item.metric, claim=item.claim, rule="test",
                ruleset="test",
            )
        )  # fmt: skip
    published = datetime.fromisoformat(day).replace(hour=6, tzinfo=UTC)
    record = NewArticle(
        url=f"https://news.example/{slug}", canonical_url=None, title=f"Story {slug}", outlet=outlet, author=None,
        published=published, fetched=datetime.now(UTC), text=sentence, source_name="test",
    )  # fmt: skip
    article = add_article(session, record, figures)
    assert article is not None
    if run:
        run_id = create_run(session).id
        article.run_id = run_id
        for figure in session.query(Figure).filter(Figure.article_id == article.id):
            figure.run_id = run_id
        session.flush()
    return article
