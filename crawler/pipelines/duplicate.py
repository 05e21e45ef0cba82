"""DuplicatePipeline: drop an article whose URL or canonical URL is already stored.

Cheap check before the expensive figure extraction; the store's own content-hash check in
StorePipeline catches the same story served under two unrelated URLs.
"""

from __future__ import annotations

from crawler.items import PageItem
from crawler.pipelines.base import CrawlerPipeline
from crawler.resources import session_maker
from store.queries import is_stored


class DuplicatePipeline(CrawlerPipeline):
    """Asks the store whether any URL of the page is already an article."""

    def open_spider(self) -> None:
        self.Session = session_maker(self.crawler.settings["CAPEXWATCH_DATABASE_URL"])

    def process_item(self, item: PageItem) -> PageItem:
        with self.Session() as session:
            stored = is_stored(session, item.seen_urls())
        if stored:
            self.drop(item, "duplicate", "duplicate")
        return item
