"""RelevancePipeline: keep only articles about the watched company ("not about the watch")."""

from __future__ import annotations

from crawler.items import PageItem
from crawler.pipelines.base import CrawlerPipeline
from extract.text.relevance import is_about


class RelevancePipeline(CrawlerPipeline):
    """Judged on the full text and title, never the listing title alone (a headline without the
    company's name can still be about it); the page is then remembered as seen/irrelevant."""

    def open_spider(self) -> None:
        self.watch = self.crawler.settings["CAPEXWATCH_WATCH"]

    def process_item(self, item: PageItem) -> PageItem:
        title = item.article.title or item.listed_title or ""
        if not is_about(self.watch, item.article.text, title):
            self.drop(item, "irrelevant", "not about the watch")
        return item
