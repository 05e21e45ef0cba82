"""CrawlProgress: a line per source as pages are fetched and kept, for the CLI or the log.

"[Reuters sitemap] fetched 12 · kept 2" — a nightly run over many sources takes minutes, and a
user watching it should see which source is moving and which is stuck. Figures come later, from
the figure stage, which reports its own progress.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from scrapy import signals

from crawler.spiders.capexwatch import ROLE, source_of

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

#: A progress line every this many fetched pages of a source (and on every kept article, and at the end).
EVERY = 10


class CrawlProgress:
    """Calls the ``CAPEXWATCH_PROGRESS`` callable (or logs at INFO) with a one-line summary."""

    def __init__(self, crawler: Crawler, progress: Callable[[str], None] | None) -> None:
        self.crawler = crawler
        self.progress = progress
        self.fetched: Counter[str] = Counter()
        self.kept: Counter[str] = Counter()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlProgress:
        extension = cls(crawler, crawler.settings.get("CAPEXWATCH_PROGRESS"))
        crawler.signals.connect(extension.response_received, signal=signals.response_received)
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def line(self, source: str) -> str:
        return f"[{source}] fetched {self.fetched[source]} · kept {self.kept[source]}"

    def emit(self, source: str) -> None:
        text = self.line(source)
        if self.progress is not None:
            self.progress(text)
        else:
            logger.info(text)

    def response_received(self, response: Any, request: Any, spider: Any) -> None:
        source = source_of(request)
        if request.meta.get(ROLE) != "page" or source is None:
            return
        self.fetched[source] += 1
        if self.fetched[source] % EVERY == 0:
            self.emit(source)

    def item_scraped(self, item: Any, response: Any, spider: Any) -> None:
        source = getattr(item, "source_name", None)
        if source is not None:
            self.kept[source] += 1
            self.emit(source)

    def spider_closed(self, spider: Any, reason: str) -> None:
        for source in getattr(spider, "sources", {}):
            self.emit(source)
