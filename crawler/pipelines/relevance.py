"""RelevancePipeline: keep only articles about the watched company ("not about the watch")."""

from __future__ import annotations

from crawler.items import PageItem
from crawler.pipelines.base import CrawlerPipeline


class RelevancePipeline(CrawlerPipeline):
    """Judged in the worker with the text (:func:`crawler.workers.page_text`), on the full text and
    title, never the listing title alone (a headline without the company's name can still be
    about it); a dropped page is then remembered as seen/irrelevant."""

    def process_item(self, item: PageItem) -> PageItem:
        if not item.about:
            self.drop(item, "irrelevant", "not about the watch")
        return item
