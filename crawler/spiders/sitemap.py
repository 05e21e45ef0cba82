"""The spider for sitemap sources: indexes (recursed, depth-capped) and news sitemaps."""

from __future__ import annotations

from collections.abc import Iterable

import scrapy
from scrapy.http import Response

from crawler.feeds import NotXmlError
from crawler.sitemaps import Sitemap, TooLargeError, parse_sitemap
from crawler.spiders.base import NewsSpider
from crawler.stats import count

#: Indexes of indexes exist; a cycle or a runaway generator must not recurse forever.
MAX_DEPTH = 3


class SitemapSpider(NewsSpider):
    """Reads one sitemap (or index) and fetches every listed page not seen before.

    Not Scrapy's ``SitemapSpider``: it drops the nested ``news:`` fields this crawl needs.
    """

    name = "sitemap"

    def parse_listing(self, response: Response) -> Iterable[scrapy.Request]:
        depth = response.meta.get("capexwatch_depth", 0)
        try:
            sitemap: Sitemap = parse_sitemap(response.body, base_url=response.url)
        except NotXmlError as exc:
            self.listing_failed("not_xml", response.url, str(exc), depth)
            return
        except TooLargeError as exc:
            self.listing_failed("too_large", response.url, str(exc), depth)
            return
        if sitemap.kind == "index":
            count(self.crawler, self.source.name, "sitemaps_listed", len(sitemap.sitemaps))
            if depth >= MAX_DEPTH:
                self.logger.warning("[%s] sitemap index nested deeper than %d: %s not followed",
                                    self.source.name, MAX_DEPTH, response.url)
                return
            for url in sitemap.sitemaps:
                yield self.listing_request(url, depth=depth + 1)
            return
        count(self.crawler, self.source.name, "listed", len(sitemap.entries))
        yield from self.page_requests(
            (
                entry.url,
                {
                    "title": entry.title,
                    "published": entry.published or entry.lastmod,
                    "outlet": entry.outlet,
                    "language": entry.language,
                },
            )
            for entry in sitemap.entries
        )
