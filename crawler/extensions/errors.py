"""ErrorCounter: count exceptions raised by pipelines and spider callbacks as crawl errors.

Scrapy logs them, but a page lost to a bug in a pipeline would otherwise vanish from the report:
counted as ``pipeline_error`` / ``spider_error`` it shows up in the nightly summary.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy import signals

from crawler.spiders.capexwatch import source_of
from crawler.stats import count_error

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class ErrorCounter:
    """Connects to ``item_error`` and ``spider_error``."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ErrorCounter:
        extension = cls(crawler)
        crawler.signals.connect(extension.item_error, signal=signals.item_error)
        crawler.signals.connect(extension.spider_error, signal=signals.spider_error)
        return extension

    def item_error(self, item: Any, response: Any, spider: Any, failure: Any) -> None:
        count_error(self.crawler, getattr(item, "source_name", None), "pipeline_error")

    def spider_error(self, failure: Any, response: Any, spider: Any) -> None:
        count_error(self.crawler, source_of(response.request) if response is not None else None, "spider_error")
