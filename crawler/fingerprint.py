"""Request fingerprints on the normalised URL: one page, one fingerprint, whatever the listing wrote.

Scrapy's duplicate filter and its scheduler key requests by fingerprint. Its default fingerprint
canonicalises the URL but keeps tracking parameters (``utm_source``, ``fbclid``) and the host's
case, so the same story listed by two feeds would be fetched twice. Fingerprinting
``normalize_url(url)`` instead makes the duplicate filter agree with the seen-URL table and the
article table, while the request still fetches the URL exactly as it was listed.

A listing (feed or sitemap) is fetched for its source: its fingerprint includes the source's
name, so two sources configured with one URL each read it, while the processes of a distributed
crawl still read each source's listing once between them.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Self

from crawler.urls import normalize_url

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler


def url_fingerprint(url: str, method: str = "GET", body: bytes = b"", listing_of: str | None = None) -> bytes:
    """The fingerprint of a request for ``url`` (normalised), as :class:`NormalizedUrlFingerprinter`
    computes it; the seen-URL table's URLs are turned into fingerprints with this too.
    ``listing_of`` is the source a listing is read for."""
    digest = hashlib.sha1(usedforsecurity=False)
    for part in (method.upper(), normalize_url(url), listing_of or ""):
        digest.update(part.encode())
        digest.update(b"\0")
    digest.update(body)
    return digest.digest()


class NormalizedUrlFingerprinter:
    """``REQUEST_FINGERPRINTER_CLASS``: method, normalised URL and body; headers ignored."""

    def __init__(self, crawler: Crawler | None = None) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def fingerprint(self, request: Request) -> bytes:
        listing_of = request.meta.get("capexwatch_source") if request.meta.get("capexwatch_role") == "listing" else None
        return url_fingerprint(request.url, request.method, request.body or b"", listing_of)
