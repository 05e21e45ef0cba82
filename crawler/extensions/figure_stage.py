"""FigureStage: the figure stage after the crawl, for ``scrapy crawl capexwatch``.

``capexwatch crawl`` runs the two stages itself, one after the other; a Scrapy user running
``scrapy crawl capexwatch`` gets the same result through this extension, which runs the figure
stage on a thread when the spider closes (the stage's own process pool does the work; the reactor
only waits, as it would for any slow ``spider_closed`` handler). Not enabled by
``crawler.settings``; ``capexwatch.scrapy_settings`` enables it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Self

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet.threads import deferToThread

from crawler.figure_stage import FigureReport, extract_figures
from extract.watch import DEFAULT_WATCH

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from twisted.internet.defer import Deferred

logger = logging.getLogger(__name__)


class FigureStage:
    """Runs :func:`crawler.figure_stage.extract_figures` after the crawl; logs its progress and summary."""

    def __init__(self, crawler: Crawler, database_url: str) -> None:
        self.crawler = crawler
        self.database_url = database_url
        self.report: FigureReport | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        database_url = crawler.settings.get("CAPEXWATCH_DATABASE_URL")
        if not database_url:
            raise NotConfigured("CAPEXWATCH_DATABASE_URL is not set")
        extension = cls(crawler, database_url)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, spider: Any, reason: str) -> Deferred[None]:
        settings = self.crawler.settings

        def run() -> None:
            self.report = extract_figures(
                self.database_url,
                settings.get("CAPEXWATCH_WATCH") or DEFAULT_WATCH,
                run_id=settings.get("CAPEXWATCH_RUN_ID"),
                workers=settings.getint("CAPEXWATCH_WORKERS") or None,
                progress=logger.info,
            )
            if self.crawler.stats is not None:
                self.crawler.stats.set_value("capexwatch/figures", self.report.figures)

        return deferToThread(run)
