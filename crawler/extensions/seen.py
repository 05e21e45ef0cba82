"""SeenRecorder: remember pages the pipelines judged and dropped, so they aren't fetched again.

Kept articles are marked with the article itself (StorePipeline); this extension handles the
drops (no main text, irrelevant, duplicate) through the batched StoreWriter. A page that failed
to download never becomes an item, so it is never marked and is retried next run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler.items import PageItem
from crawler.store_writer import StoreWriter

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

#: Outcomes that are final for a page; anything else (an unexpected drop) is retried next run.
REMEMBERED = frozenset({"no_text", "irrelevant", "duplicate"})


class SeenRecorder:
    """Marks every URL of a dropped page as seen, with why it was dropped."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SeenRecorder:
        if not crawler.settings.get("CAPEXWATCH_DATABASE_URL"):
            raise NotConfigured("CAPEXWATCH_DATABASE_URL is not set")
        extension = cls(crawler)
        crawler.signals.connect(extension.item_dropped, signal=signals.item_dropped)
        return extension

    def item_dropped(self, item: Any, response: Any, exception: BaseException, spider: Any) -> None:
        if not isinstance(item, PageItem) or item.outcome not in REMEMBERED:
            return
        writer = self.crawler.get_extension(StoreWriter)
        if writer is None:
            return
        urls = self.crawler.spider.ledger.judge(item.seen_urls(), item.outcome)
        writer.mark_seen(urls, item.outcome, item.source_name)
