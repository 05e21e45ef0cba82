"""SeenRecorder: remember pages the pipelines judged and dropped, so they aren't fetched again.

Kept articles are marked inside StorePipeline's transaction; this extension handles the drops
(no main text, irrelevant, duplicate). A page that failed to download never becomes an item,
so it is never marked and is retried next run.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler.items import PageItem
from crawler.resources import run_ledger, session_maker

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

#: Outcomes that are final for a page; anything else (an unexpected drop) is retried next run.
REMEMBERED = frozenset({"no_text", "irrelevant", "duplicate"})


class SeenRecorder:
    """Marks every URL of a dropped page as seen, with why it was dropped."""

    def __init__(self, crawler: Crawler, database_url: str) -> None:
        self.crawler = crawler
        self.database_url = database_url

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SeenRecorder:
        database_url = crawler.settings.get("CAPEXWATCH_DATABASE_URL")
        if not database_url:
            raise NotConfigured("CAPEXWATCH_DATABASE_URL is not set")
        extension = cls(crawler, database_url)
        crawler.signals.connect(extension.item_dropped, signal=signals.item_dropped)
        return extension

    def item_dropped(self, item: Any, response: Any, exception: BaseException, spider: Any) -> None:
        if not isinstance(item, PageItem) or item.outcome not in REMEMBERED:
            return
        from store.queries import mark_seen

        urls = run_ledger(self.database_url).judge(item.seen_urls(), item.outcome)
        with session_maker(self.database_url).begin() as session:
            for url in urls:
                mark_seen(session, url, item.outcome, item.source_name)
