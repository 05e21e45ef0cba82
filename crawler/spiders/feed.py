"""The spider for RSS / Atom sources, search-engine news feeds included.

A search-engine item's link redirects to the publisher: Scrapy's RedirectMiddleware follows it
(each hop re-checked by the private-address gate) and the final URL becomes the article's URL;
the engine link is remembered as seen too, so it isn't requested again next run.
"""

from __future__ import annotations

from collections.abc import Iterable

import scrapy
from scrapy.http import Response

from crawler.feeds import NotXmlError, parse_feed
from crawler.spiders.base import NewsSpider
from crawler.stats import count


class FeedSpider(NewsSpider):
    """Reads one feed and fetches every entry not seen before."""

    name = "feed"

    def parse_listing(self, response: Response) -> Iterable[scrapy.Request]:
        try:
            entries = parse_feed(response.body, base_url=response.url)
        except NotXmlError as exc:
            self.listing_failed("not_xml", response.url, str(exc))
            return
        count(self.crawler, self.source.name, "listed", len(entries))
        yield from self.page_requests(
            (
                entry.url,
                {
                    "title": entry.title,
                    "published": entry.published,
                    "outlet": entry.outlet,
                    "author": entry.author,
                },
            )
            for entry in entries
        )
