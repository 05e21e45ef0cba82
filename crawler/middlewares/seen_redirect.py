"""SeenRedirectMiddleware: don't fetch a page again because a redirect led back to it.

Search-engine feed links redirect to publisher pages that the publisher's own feed often lists
too. The spider can skip only what it knows before requesting; this middleware sees each redirect
hop (RedirectMiddleware reschedules it through the whole chain) and stops it when the target was
already judged (in an earlier run or this one) or is already on its way for another source. The
engine link is remembered as seen with the target's outcome — at once if it is known, else when
the target is judged (see :class:`crawler.resources.RunLedger`) — so next run doesn't request it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy.exceptions import IgnoreRequest

from crawler.resources import run_ledger, session_maker
from crawler.spiders.base import ROLE
from crawler.stats import count
from crawler.urls import normalize_url

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class SeenRedirectMiddleware:
    """Downloader middleware for redirect hops of page requests only."""

    def __init__(self, crawler: Crawler, database_url: str | None) -> None:
        self.crawler = crawler
        self.database_url = database_url

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SeenRedirectMiddleware:
        return cls(crawler, crawler.settings.get("CAPEXWATCH_DATABASE_URL"))

    def process_request(self, request: Request) -> None:
        hops = request.meta.get("redirect_urls")
        if not hops or request.meta.get(ROLE) != "page" or not self.database_url:
            return None
        spider = self.crawler.spider
        source_name = spider.source.name
        target = normalize_url(request.url)
        links = [normalize_url(url) for url in hops]
        ledger = run_ledger(self.database_url)
        outcome = ledger.judged.get(target) or ("duplicate" if target in spider.seen else None)
        if outcome is not None:
            from store.queries import mark_seen

            with session_maker(self.database_url).begin() as session:
                for url in links:
                    mark_seen(session, url, outcome, source_name)
            count(self.crawler, source_name, "skipped_seen")
            raise IgnoreRequest(f"redirect to a page already judged: {request.url}")
        if target in ledger.requested:
            ledger.wait_for(target, links)
            count(self.crawler, source_name, "skipped_listed_twice")
            raise IgnoreRequest(f"redirect to a page already requested this run: {request.url}")
        ledger.requested.add(target)
        return None
