"""CrawlProgress: a line per source as pages are fetched and kept, for the CLI or the log.

"[Reuters sitemap] fetched 12 · kept 2 · figures 7" — a nightly run over many sources takes
minutes, and a user watching it should see which source is moving and which is stuck.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from scrapy import signals

from crawler.spiders.base import ROLE

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

#: A progress line every this many fetched pages (and on every kept article, and at the end).
EVERY = 10


class CrawlProgress:
    """Calls the ``CAPEXWATCH_PROGRESS`` callable (or logs at INFO) with a one-line summary."""

    def __init__(self, crawler: Crawler, progress: Callable[[str], None] | None) -> None:
        self.crawler = crawler
        self.progress = progress
        self.fetched = 0
        self.kept = 0
        self.figures = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlProgress:
        extension = cls(crawler, crawler.settings.get("CAPEXWATCH_PROGRESS"))
        crawler.signals.connect(extension.response_received, signal=signals.response_received)
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def line(self) -> str:
        source = getattr(self.crawler.spider, "source", None)
        name = source.name if source is not None else "?"
        return f"[{name}] fetched {self.fetched} · kept {self.kept} · figures {self.figures}"

    def emit(self) -> None:
        text = self.line()
        if self.progress is not None:
            self.progress(text)
        else:
            logger.info(text)

    def response_received(self, response: Any, request: Any, spider: Any) -> None:
        if request.meta.get(ROLE) != "page":
            return
        self.fetched += 1
        if self.fetched % EVERY == 0:
            self.emit()

    def item_scraped(self, item: Any, response: Any, spider: Any) -> None:
        self.kept += 1
        self.figures += len(getattr(item, "figures", ()) or ())
        self.emit()

    def spider_closed(self, spider: Any, reason: str) -> None:
        self.emit()
