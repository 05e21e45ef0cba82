"""What every source spider shares: one configured source, seen-URL skipping, page fetching.

Subclasses only say how to read their listing (a feed, a sitemap) into page links; the page
request, the item it yields and the error counting are the same for every source shape.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

import scrapy
from scrapy.http import Response, TextResponse

from crawler.errors import error_kind
from crawler.items import PageItem
from crawler.resources import run_ledger, session_maker
from crawler.stats import count, count_error
from crawler.urls import normalize_url

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from twisted.python.failure import Failure

    from crawler.sources import Source

logger = logging.getLogger(__name__)

ROLE = "capexwatch_role"  # request meta: "listing" (feed/sitemap) or "page" (an article link)


#: Content types an article can come as; anything declared otherwise (PDF, image, JSON) is skipped.
PAGE_TYPES = ("text/", "application/xhtml+xml", "application/vnd.wap.xhtml+xml")


def is_page_type(response: Response) -> bool:
    """True if the declared Content-Type (if any) is HTML or text: a PDF whose bytes happen to
    look like text must not reach the HTML extractor."""
    declared = response.headers.get(b"Content-Type")
    if not declared:
        return True
    mimetype = declared.decode("latin-1").split(";", 1)[0].strip().lower()
    return mimetype.startswith(PAGE_TYPES)


class NewsSpider(scrapy.Spider):
    """Base spider for one configured :class:`~crawler.sources.Source`.

    URLs already judged in earlier runs (kept, irrelevant, duplicate) are loaded from the store
    when the crawl starts and are never requested again; failed fetches are not in that set,
    so they are retried next run.
    """

    name = "capexwatch"
    source: Source

    def __init__(self, source: Source, **kwargs: Any) -> None:
        super().__init__(name=f"{self.name}:{source.name}", **kwargs)
        self.source = source
        self.seen: set[str] = set()
        self.requested: set[str] = set()  # replaced by the run-wide set in from_crawler
        self.database_url: str | None = None
        self.not_before: datetime | None = None  # listed entries published earlier are skipped

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.database_url = crawler.settings.get("CAPEXWATCH_DATABASE_URL")
        max_age_days = crawler.settings.getfloat("CAPEXWATCH_MAX_AGE_DAYS", 0.0)
        if max_age_days > 0:
            spider.not_before = datetime.now(timezone.utc) - timedelta(days=max_age_days)
        if spider.database_url:
            spider.requested = run_ledger(spider.database_url).requested
        return spider

    def load_seen(self) -> set[str]:
        """Normalised URLs the store had judged before this run (empty without a database).

        Read once per run and shared by every source's spider: the table grows every night.
        """
        if not self.database_url:
            return set()
        ledger = run_ledger(self.database_url)
        if ledger.seen_before is None:
            from store.queries import seen_urls

            with session_maker(self.database_url)() as session:
                ledger.seen_before = {normalize_url(url) for url in seen_urls(session)}
        return ledger.seen_before

    async def start(self) -> AsyncIterator[scrapy.Request]:
        self.seen = self.load_seen()
        count(self.crawler, self.source.name, "seen_at_start", len(self.seen))
        yield self.listing_request(self.source.url)

    def listing_request(self, url: str, depth: int = 0) -> scrapy.Request:
        """A request for a feed or sitemap: never skipped as seen (listings change nightly)."""
        return scrapy.Request(
            url,
            callback=self.parse_listing,
            errback=self.on_error,
            dont_filter=depth == 0,
            meta={ROLE: "listing", "capexwatch_depth": depth},
        )

    def parse_listing(self, response: Response) -> Iterable[scrapy.Request]:  # pragma: no cover
        raise NotImplementedError

    def page_requests(self, links: Iterable[tuple[str, dict[str, Any]]]) -> Iterable[scrapy.Request]:
        """Requests for the listed pages not seen before, each carrying what the listing said."""
        for url, listed in links:
            key = normalize_url(url)
            if key in self.seen:
                count(self.crawler, self.source.name, "skipped_seen")
                continue
            if self.is_too_old(listed.get("published")):
                count(self.crawler, self.source.name, "skipped_old")
                continue
            if key in self.requested:  # listed by another source (or twice) this run
                count(self.crawler, self.source.name, "skipped_listed_twice")
                continue
            self.requested.add(key)
            count(self.crawler, self.source.name, "pages_requested")
            yield scrapy.Request(
                key,
                callback=self.parse_page,
                errback=self.on_error,
                meta={ROLE: "page"},
                cb_kwargs={"listed": listed},
            )

    def is_too_old(self, published: datetime | None) -> bool:
        """True for an entry the listing dates before ``[crawl] max_age_days``.

        News sitemap indexes and some feeds list years of archive: without a cutoff, a first run
        would fetch all of it. An undated entry is never skipped — the page may be new.
        """
        if self.not_before is None or published is None:
            return False
        if published.tzinfo is None:
            published = published.replace(tzinfo=timezone.utc)
        return published < self.not_before

    def parse_page(self, response: Response, listed: dict[str, Any]) -> Iterable[PageItem]:
        """The fetched page as an item; a non-text body (PDF, image) is counted and skipped."""
        count(self.crawler, self.source.name, "pages_fetched")
        if not isinstance(response, TextResponse) or not is_page_type(response):
            count_error(self.crawler, self.source.name, "not_html")
            logger.warning("[%s] %s is not a text page; skipped", self.source.name, response.url)
            return
        try:
            html = response.text  # decoded by the HTTP header, BOM or <meta charset>
        except (UnicodeDecodeError, LookupError):
            count_error(self.crawler, self.source.name, "decode")
            logger.warning("[%s] could not decode %s; skipped", self.source.name, response.url)
            return
        redirects = [normalize_url(u) for u in response.meta.get("redirect_urls", [])]
        requested = redirects[0] if redirects else normalize_url(response.request.url)
        yield PageItem(
            source_name=self.source.name,
            requested_url=requested,
            url=normalize_url(response.url),
            html=html,
            fetched=datetime.now(timezone.utc),
            redirect_urls=redirects[1:],
            listed_title=listed.get("title"),
            listed_published=listed.get("published"),
            listed_outlet=listed.get("outlet"),
            listed_author=listed.get("author"),
            listed_language=listed.get("language"),
        )

    def listing_failed(self, kind: str, url: str, detail: str, depth: int = 0) -> None:
        """Count and log a feed/sitemap that can't be read; the other sources go on.

        Only the configured URL itself (depth 0) failing makes the source count as failed; a
        broken child sitemap of an index is an error of a source that otherwise works.
        """
        count_error(self.crawler, self.source.name, kind)
        count(self.crawler, self.source.name, "listing_failed" if depth == 0 else "sitemap_failed")
        logger.error("[%s] listing %s failed (%s): %s", self.source.name, url, kind, detail)

    def on_error(self, failure: Failure) -> None:
        """Count a failed request by kind. Failed pages are not remembered: retried next run."""
        request = failure.request  # type: ignore[attr-defined]
        kind = error_kind(failure)
        role = request.meta.get(ROLE)
        depth = request.meta.get("capexwatch_depth", 0)
        if kind is None:
            if role == "listing" and depth == 0:
                count(self.crawler, self.source.name, "listing_failed")
            return
        if role == "listing":
            self.listing_failed(kind, request.url, repr(failure.value), depth)
        else:
            count_error(self.crawler, self.source.name, kind)
            logger.warning("[%s] %s failed (%s): %r", self.source.name, request.url, kind, failure.value)
