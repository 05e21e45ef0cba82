"""What the pipelines share: the crawler handle and dropping with a counted reason."""

from __future__ import annotations

from typing import TYPE_CHECKING, NoReturn, Self

from scrapy.exceptions import DropItem

from crawler.stats import count_drop

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from crawler.items import PageItem


class CrawlerPipeline:
    """A pipeline built from the crawler, so it reads settings and stats the documented way."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def drop(self, item: PageItem, outcome: str, message: str) -> NoReturn:
        """Record why ``item`` stops (for the seen-URL record), count it, and drop it.

        Scrapy counts drops only by exception class; ``capexwatch/dropped/<outcome>`` says why.
        Logged at DEBUG: most pages of a nightly crawl are not about the watch, and the counts
        are in the report.
        """
        item.outcome = outcome
        count_drop(self.crawler, item.source_name, outcome)
        raise DropItem(f"{message}: {item.url}", log_level="DEBUG")
