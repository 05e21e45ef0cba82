"""The crawl's one duplicate filter, seeded with every URL judged in earlier runs.

Scrapy's scheduler asks its duplicate filter about every request, redirect hops included; one
filter for the whole crawl (not one per source) is what makes a story listed by three sources —
or reached through a search engine's redirect — fetched once. Seeding it from the seen-URL table
makes the crawl incremental with no extra check in the spider: a page judged last night has the
same fingerprint tonight (:mod:`crawler.fingerprint`), so it is filtered like any duplicate.

Why a request was filtered matters to the report ("skipped (seen)" vs "skipped (listed twice)")
and to redirect hops (the engine link is remembered with its target's outcome), so the spider is
told through :meth:`CapexwatchSpider.request_filtered`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Self

from scrapy.dupefilters import BaseDupeFilter
from twisted.internet.threads import deferToThread

from crawler.fingerprint import url_fingerprint
from crawler.resources import session_maker

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from twisted.internet.defer import Deferred

logger = logging.getLogger(__name__)

SEEN = "seen"  # judged in an earlier run
LISTED_TWICE = "listed_twice"  # already requested in this run (by any source, or any process)


class SeenUrlDupeFilter(BaseDupeFilter):
    """``DUPEFILTER_CLASS``: earlier runs' URLs (from the store) plus this run's requests."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.fingerprinter = crawler.request_fingerprinter
        self.database_url: str | None = crawler.settings.get("CAPEXWATCH_DATABASE_URL")
        self.seen_before: set[bytes] = set()
        self.this_run: set[bytes] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def open(self) -> Deferred[None] | None:
        """Load the seen-URL table on a thread (the reactor keeps running); the scheduler waits for
        it before the first request is scheduled."""
        if not self.database_url:
            return None
        return deferToThread(self._load_seen)

    def _load_seen(self) -> None:
        from store.queries import seen_urls

        with session_maker(self.database_url)() as session:
            self.seen_before = {url_fingerprint(url) for url in seen_urls(session)}
        if self.crawler.stats is not None:
            self.crawler.stats.set_value("capexwatch/seen_at_start", len(self.seen_before))

    def request_seen(self, request: Request) -> bool:
        fingerprint = self.fingerprinter.fingerprint(request)
        if fingerprint in self.seen_before:
            self._filtered(request, SEEN)
            return True
        if self.requested_before(fingerprint):
            self._filtered(request, LISTED_TWICE)
            return True
        return False

    def requested_before(self, fingerprint: bytes) -> bool:
        """True if this run already requested ``fingerprint``; records it otherwise."""
        if fingerprint in self.this_run:
            return True
        self.this_run.add(fingerprint)
        return False

    def _filtered(self, request: Request, reason: str) -> None:
        spider = self.crawler.spider
        handler = getattr(spider, "request_filtered", None)
        if handler is not None:
            handler(request, reason)

    def log(self, request: Request, spider: Spider) -> None:
        """Counted by the spider instead of logged: a nightly run filters thousands."""
        logger.debug("Filtered duplicate request: %s", request)
