"""StorePipeline: the article and its figures in one transaction, and its URLs marked seen."""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime, timezone

from crawler.items import PageItem
from crawler.pipelines.base import CrawlerPipeline
from crawler.resources import run_ledger, session_maker
from crawler.stats import count
from crawler.urls import usable_canonical
from store.queries import add_article, mark_seen
from store.records import NewArticle, NewFigure

_FIGURE_FIELDS = tuple(f.name for f in fields(NewFigure))


def aware(value: datetime | None) -> datetime | None:
    """A naive date (a page's bare "2019-11-19") taken as UTC: the store refuses naive ones,
    and losing a whole article over a missing zone would be worse than a few hours off."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value


class StorePipeline(CrawlerPipeline):
    """One ``with Session.begin()`` per article: the article, its figures and its seen URLs
    commit together or not at all, so a crash never leaves an article without its figures."""

    def open_spider(self) -> None:
        database_url = self.crawler.settings["CAPEXWATCH_DATABASE_URL"]
        self.Session = session_maker(database_url)
        self.ledger = run_ledger(database_url)

    def process_item(self, item: PageItem) -> PageItem:
        article = item.article
        canonical = usable_canonical(article.canonical_url)
        record = NewArticle(
            url=item.url,
            canonical_url=canonical,
            title=article.title or item.listed_title,
            outlet=item.listed_outlet or article.outlet,
            author=article.author or item.listed_author,
            published=aware(article.published or item.listed_published),
            fetched=item.fetched,
            text=article.text,
            source_name=item.source_name,
            language=article.language or item.listed_language,
        )
        figures = [NewFigure(**{name: getattr(f, name) for name in _FIGURE_FIELDS}) for f in item.figures]
        with self.Session.begin() as session:
            stored = add_article(session, record, figures)
            if stored is not None:
                for url in self.ledger.judge(item.seen_urls(), "kept"):
                    mark_seen(session, url, "kept", item.source_name)
        if stored is None:
            self.drop(item, "duplicate", "duplicate (same URL, canonical URL or text)")
        item.outcome = "kept"
        count(self.crawler, item.source_name, "articles_kept")
        count(self.crawler, item.source_name, "figures", len(figures))
        return item
