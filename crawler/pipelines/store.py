"""StorePipeline: the kept article and the URLs it answers to, committed together, off the reactor.

The write is handed to :class:`crawler.store_writer.StoreWriter`, which commits it with the other
pages of its batch on its own thread; the article and its seen URLs share one savepoint, so they
are stored together or not at all. Figures are not written here: the figure stage reads them from
the stored article after the crawl (:mod:`crawler.figure_stage`).
"""

from __future__ import annotations

from datetime import UTC, datetime

from scrapy.exceptions import NotConfigured

from crawler.items import PageItem
from crawler.pipelines.base import CrawlerPipeline
from crawler.stats import count
from crawler.store_writer import StoreWriter
from crawler.urls import usable_canonical
from store.records import NewArticle


def aware(value: datetime | None) -> datetime | None:
    """A naive date (a page's bare "2019-11-19") taken as UTC: the store refuses naive ones,
    and losing a whole article over a missing zone would be worse than a few hours off."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def article_record(item: PageItem) -> NewArticle:
    """What the store keeps of a page: the page's own metadata first, the listing's as fallback."""
    article = item.article
    return NewArticle(
        url=item.url,
        canonical_url=usable_canonical(article.canonical_url),
        title=article.title or item.listed_title,
        outlet=item.listed_outlet or article.outlet,
        author=article.author or item.listed_author,
        published=aware(article.published or item.listed_published),
        fetched=item.fetched,
        text=article.text,
        source_name=item.source_name,
        language=article.language or item.listed_language,
    )


class StorePipeline(CrawlerPipeline):
    """Stores the article, or drops it as a duplicate (same URL, canonical URL or text)."""

    def open_spider(self) -> None:
        writer = self.crawler.get_extension(StoreWriter)
        if writer is None:
            raise NotConfigured("StorePipeline needs the StoreWriter extension")
        self.writer = writer

    async def process_item(self, item: PageItem) -> PageItem:
        ledger = self.crawler.spider.ledger
        urls = item.seen_urls()
        stored = await self.writer.add_article(article_record(item), ledger.waiting_on(urls))
        if not stored:
            self.drop(item, "duplicate", "duplicate (same URL, canonical URL or text)")
        ledger.judge(urls, "kept")
        item.outcome = "kept"
        count(self.crawler, item.source_name, "articles_kept")
        return item
