"""The one spider: every configured source's listing, every listed page, in one crawl.

One spider run (not one crawler per source) means one scheduler, one duplicate filter seeded from
the seen-URL table (:mod:`crawler.dupefilter`) and one politeness slot per host, whichever sources
list that host. Each request carries its source's name in ``meta``, so every count in the report
is still per source.

A listing is a feed (RSS 2.0 / RSS 1.0 / Atom, search-engine news feeds included) or a sitemap
(index, urlset or news sitemap); a source is configuration, never a new spider.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import scrapy
from scrapy.http import Response, TextResponse

from crawler.dupefilter import SEEN
from crawler.errors import error_kind
from crawler.feeds import NotXmlError, parse_feed
from crawler.items import PageItem
from crawler.sitemaps import TooLargeError, parse_sitemap
from crawler.sources import Source
from crawler.stats import count, count_error
from crawler.urls import normalize_url

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from twisted.python.failure import Failure

    from crawler.store_writer import StoreWriter

logger = logging.getLogger(__name__)

ROLE = "capexwatch_role"  # request meta: "listing" (feed/sitemap) or "page" (an article link)
SOURCE = "capexwatch_source"  # request meta: the configured source's name
DEPTH = "capexwatch_depth"  # request meta: sitemap nesting (0: the configured URL)

#: A signal the spider sends when it is done with a request (its callback or errback ran and
#: yielded no item; a page item is done when the item pipelines are). The distributed crawl
#: releases the request's lease on it.
request_finished = object()

#: Indexes of indexes exist; a cycle or a runaway generator must not recurse forever.
MAX_SITEMAP_DEPTH = 3

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


def source_of(request: scrapy.Request) -> str | None:
    """The name of the source a request was made for (None for robots.txt and the like)."""
    return request.meta.get(SOURCE)


class RunLedger:
    """What this crawl has judged so far, for redirect hops whose target was already requested.

    Two sources often list the same story (a publisher feed, and a search feed whose link
    redirects to it). The duplicate filter stops the second fetch; the engine link it came
    through waits in ``aliases`` and is remembered as seen with the target's outcome once the
    target is judged, so it is not requested next run either. If the target fails, neither is.
    """

    def __init__(self) -> None:
        self.judged: dict[str, str] = {}
        self.aliases: dict[str, set[str]] = {}

    def judge(self, urls: list[str], outcome: str) -> list[str]:
        """Record ``outcome`` for ``urls``; return them plus the links waiting on any of them."""
        waiting: set[str] = set()
        for url in urls:
            self.judged[url] = outcome
            waiting |= self.aliases.pop(url, set())
        return list(dict.fromkeys([*urls, *sorted(waiting)]))

    def waiting_on(self, urls: list[str]) -> list[str]:
        """``urls`` plus the links waiting on any of them (without judging anything yet)."""
        waiting: set[str] = set()
        for url in urls:
            waiting |= self.aliases.get(url, set())
        return list(dict.fromkeys([*urls, *sorted(waiting)]))

    def wait_for(self, target: str, links: list[str]) -> None:
        """Remember ``links`` (redirect hops) as seen once ``target`` is judged."""
        self.aliases.setdefault(target, set()).update(links)


class CapexwatchSpider(scrapy.Spider):
    """Crawls every source of ``CAPEXWATCH_SOURCES`` once (``scrapy crawl capexwatch``)."""

    name = "capexwatch"

    def __init__(self, sources: Iterable[Source] = (), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sources: dict[str, Source] = {source.name: source for source in sources}
        self.not_before: datetime | None = None  # listed entries published earlier are skipped
        self.ledger = RunLedger()

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> CapexwatchSpider:
        kwargs.setdefault("sources", crawler.settings.getlist("CAPEXWATCH_SOURCES"))
        spider = super().from_crawler(crawler, *args, **kwargs)
        max_age_days = crawler.settings.getfloat("CAPEXWATCH_MAX_AGE_DAYS", 0.0)
        if max_age_days > 0:
            spider.not_before = datetime.now(UTC) - timedelta(days=max_age_days)
        return spider

    @property
    def writer(self) -> StoreWriter | None:
        from crawler.store_writer import StoreWriter

        return self.crawler.get_extension(StoreWriter)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for source in self.sources.values():
            yield self.listing_request(source, source.url)

    def listing_request(self, source: Source, url: str, depth: int = 0) -> scrapy.Request:
        """A request for a feed or sitemap; listings are never in the seen-URL table."""
        return scrapy.Request(
            url,
            callback=self.parse_listing,
            errback=self.on_error,
            meta={ROLE: "listing", SOURCE: source.name, DEPTH: depth},
        )

    # --- listings --------------------------------------------------------------------------------

    def finished(self, request: scrapy.Request) -> None:
        """Tell whoever listens (:mod:`crawler.distributed`) that ``request`` is done with."""
        self.crawler.signals.send_catch_log(request_finished, request=request)

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        source = self.sources[response.meta[SOURCE]]
        try:
            if source.kind == "feed":
                yield from self.read_feed(source, response)
            else:
                yield from self.read_sitemap(source, response)
        finally:
            self.finished(response.request)

    def read_feed(self, source: Source, response: Response) -> Iterator[scrapy.Request]:
        try:
            entries = parse_feed(response.body, base_url=response.url)
        except NotXmlError as exc:
            self.listing_failed(source, "not_xml", response.url, str(exc))
            return
        count(self.crawler, source.name, "listed", len(entries))
        for entry in entries:
            listed = {"title": entry.title, "published": entry.published, "outlet": entry.outlet,
                      "author": entry.author}  # fmt: skip
            yield from self.page_request(source, entry.url, listed)

    def read_sitemap(self, source: Source, response: Response) -> Iterator[scrapy.Request]:
        depth = response.meta.get(DEPTH, 0)
        try:
            sitemap = parse_sitemap(response.body, base_url=response.url)
        except NotXmlError as exc:
            self.listing_failed(source, "not_xml", response.url, str(exc), depth)
            return
        except TooLargeError as exc:
            self.listing_failed(source, "too_large", response.url, str(exc), depth)
            return
        if sitemap.kind == "index":
            count(self.crawler, source.name, "sitemaps_listed", len(sitemap.sitemaps))
            if depth >= MAX_SITEMAP_DEPTH:
                logger.warning("[%s] sitemap index nested deeper than %d: %s not followed",
                               source.name, MAX_SITEMAP_DEPTH, response.url)  # fmt: skip
                return
            for url in sitemap.sitemaps:
                yield self.listing_request(source, url, depth + 1)
            return
        count(self.crawler, source.name, "listed", len(sitemap.entries))
        for entry in sitemap.entries:
            listed = {"title": entry.title, "published": entry.published or entry.lastmod,
                      "outlet": entry.outlet, "language": entry.language}  # fmt: skip
            yield from self.page_request(source, entry.url, listed)

    def page_request(self, source: Source, url: str, listed: dict[str, Any]) -> Iterator[scrapy.Request]:
        """A request for a listed page, unless the listing dates it before ``max_age_days``.

        The URL is fetched as listed; the duplicate filter compares its normalised form with the
        seen-URL table and this run's other requests (:mod:`crawler.fingerprint`).
        """
        if self.is_too_old(listed.get("published")):
            count(self.crawler, source.name, "skipped_old")
            return
        yield scrapy.Request(
            url.strip(),
            callback=self.parse_page,
            errback=self.on_error,
            meta={ROLE: "page", SOURCE: source.name},
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
            published = published.replace(tzinfo=UTC)
        return published < self.not_before

    def request_filtered(self, request: scrapy.Request, reason: str) -> None:
        """Count a request the duplicate filter stopped; remember a redirect hop that led to it.

        Called by :class:`crawler.dupefilter.SeenUrlDupeFilter`. A redirect hop to a page judged
        before (this run or an earlier one) marks the links that led there as seen with that
        outcome; a hop to a page still on its way waits for its verdict (:class:`RunLedger`).
        """
        if request.meta.get(ROLE) != "page":
            return
        source_name = source_of(request)
        hops = request.meta.get("redirect_urls")
        if hops:
            target = normalize_url(request.url)
            links = [normalize_url(url) for url in hops]
            outcome = self.ledger.judged.get(target) or ("duplicate" if reason == SEEN else None)
            if outcome is None:
                self.ledger.wait_for(target, links)
                count(self.crawler, source_name, "skipped_listed_twice")
                return
            if self.writer is not None:
                self.writer.mark_seen(links, outcome, source_name)
            count(self.crawler, source_name, "skipped_seen")
            return
        count(self.crawler, source_name, "skipped_seen" if reason == SEEN else "skipped_listed_twice")

    # --- pages -----------------------------------------------------------------------------------

    def parse_page(self, response: Response, listed: dict[str, Any]) -> Iterator[PageItem]:
        """The fetched page as an item; a non-text body (PDF, image) is counted and skipped."""
        source_name = response.meta[SOURCE]
        count(self.crawler, source_name, "pages_fetched")
        if not isinstance(response, TextResponse) or not is_page_type(response):
            count_error(self.crawler, source_name, "not_html")
            logger.warning("[%s] %s is not a text page; skipped", source_name, response.url)
            self.finished(response.request)
            return
        try:
            html = response.text  # decoded by the HTTP header, BOM or <meta charset>
        except (UnicodeDecodeError, LookupError):
            count_error(self.crawler, source_name, "decode")
            logger.warning("[%s] could not decode %s; skipped", source_name, response.url)
            self.finished(response.request)
            return
        redirects = [normalize_url(u) for u in response.meta.get("redirect_urls", [])]
        requested = redirects[0] if redirects else normalize_url(response.request.url)
        yield PageItem(
            source_name=source_name,
            requested_url=requested,
            url=normalize_url(response.url),
            html=html,
            fetched=datetime.now(UTC),
            redirect_urls=redirects[1:],
            listed_title=listed.get("title"),
            listed_published=listed.get("published"),
            listed_outlet=listed.get("outlet"),
            listed_author=listed.get("author"),
            listed_language=listed.get("language"),
        )

    # --- failures --------------------------------------------------------------------------------

    def listing_failed(self, source: Source, kind: str, url: str, detail: str, depth: int = 0) -> None:
        """Count and log a feed/sitemap that can't be read; the other sources go on.

        Only the configured URL itself (depth 0) failing makes the source count as failed; a
        broken child sitemap of an index is an error of a source that otherwise works.
        """
        count_error(self.crawler, source.name, kind)
        count(self.crawler, source.name, "listing_failed" if depth == 0 else "sitemap_failed")
        logger.error("[%s] listing %s failed (%s): %s", source.name, url, kind, detail)

    def on_error(self, failure: Failure) -> None:
        """Count a failed request by kind. Failed pages are not remembered: retried next run."""
        request = failure.request  # type: ignore[attr-defined]
        self.finished(request)
        source_name = source_of(request)
        kind = error_kind(failure)
        role = request.meta.get(ROLE)
        depth = request.meta.get(DEPTH, 0)
        if kind is None:  # already counted where it was raised (our own middlewares)
            if role == "listing" and depth == 0:
                count(self.crawler, source_name, "listing_failed")
            return
        if role == "listing" and source_name in self.sources:
            self.listing_failed(self.sources[source_name], kind, request.url, repr(failure.value), depth)
        else:
            count_error(self.crawler, source_name, kind)
            logger.warning("[%s] %s failed (%s): %r", source_name, request.url, kind, failure.value)
