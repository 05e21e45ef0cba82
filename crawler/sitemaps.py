"""Sitemap and news-sitemap parsing, by namespace, with the nested ``news:`` fields.

Scrapy's ``SitemapSpider`` exposes only direct children of ``<url>``, so the publication date,
title and outlet that news sitemaps nest under ``news:news`` would be lost; the date is the
fallback for pages that carry none. Real sitemaps write the news prefix as ``news:`` or ``n:``,
wrap ``<loc>`` in whitespace or CDATA, and serve indexes of indexes — all handled here.
"""

from __future__ import annotations

import gzip
import io
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal
from urllib.parse import urljoin

from crawler.dates import parse_date
from crawler.feeds import NotXmlError, local_name, parse_xml

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"

#: A gzip sitemap is decompressed only up to this size (the protocol caps sitemaps at 50 MB).
MAX_UNCOMPRESSED = 50 * 1024 * 1024


class TooLargeError(ValueError):
    """A gzip sitemap decompresses past :data:`MAX_UNCOMPRESSED` (a zip bomb or a broken file)."""


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    """One ``<url>``: the page and, for news sitemaps, what ``news:news`` says about it."""

    url: str
    title: str | None = None
    published: datetime | None = None
    outlet: str | None = None
    language: str | None = None
    lastmod: datetime | None = None


@dataclass(frozen=True, slots=True)
class Sitemap:
    """A parsed sitemap: an index (``sitemaps`` to recurse into) or a urlset (``entries``)."""

    kind: Literal["index", "urlset"]
    sitemaps: list[str] = field(default_factory=list)
    entries: list[SitemapEntry] = field(default_factory=list)


def maybe_gunzip(body: bytes, max_size: int = MAX_UNCOMPRESSED) -> bytes:
    """``body`` decompressed if it is a gzip file (``sitemap.xml.gz`` served as-is), capped.

    Bytes are read in chunks so a zip bomb is stopped at ``max_size`` instead of filling memory.
    """
    if not body.startswith(b"\x1f\x8b"):
        return body
    out = io.BytesIO()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as stream:
            while chunk := stream.read(64 * 1024):
                out.write(chunk)
                if out.tell() > max_size:
                    raise TooLargeError(f"gzip sitemap decompresses past {max_size} bytes")
    except (OSError, EOFError) as exc:
        raise NotXmlError(f"broken gzip data: {exc}") from exc
    return out.getvalue()


def _find_text(parent, path: str) -> str | None:
    """Text at ``path`` (namespaced ElementPath), whitespace and CDATA stripped, or None."""
    element = parent.find(path)
    if element is None:
        return None
    text = "".join(element.itertext()).strip()
    return text or None


def parse_sitemap(body: bytes, base_url: str | None = None) -> Sitemap:
    """A sitemap index or urlset, gzip or plain; :class:`NotXmlError` if it is neither.

    Elements are matched by the sitemaps.org namespace; a sitemap written without it (seen on
    small sites) is accepted too, since the local names are unambiguous.
    """
    root = parse_xml(maybe_gunzip(body))
    kind = local_name(root)
    namespace = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
    ns = f"{{{namespace}}}" if namespace else ""

    def absolute(loc: str) -> str:
        return urljoin(base_url, loc) if base_url else loc

    if kind == "sitemapindex":
        locs = [_find_text(el, f"{ns}loc") for el in root.iterfind(f"{ns}sitemap")]
        return Sitemap(kind="index", sitemaps=[absolute(loc) for loc in locs if loc])
    if kind == "urlset":
        entries = []
        for url_el in root.iterfind(f"{ns}url"):
            loc = _find_text(url_el, f"{ns}loc")
            if not loc:
                continue
            news = url_el.find(f"{{{NEWS_NS}}}news")
            title = published = outlet = language = None
            if news is not None:
                title = _find_text(news, f"{{{NEWS_NS}}}title")
                published = parse_date(_find_text(news, f"{{{NEWS_NS}}}publication_date"))
                outlet = _find_text(news, f"{{{NEWS_NS}}}publication/{{{NEWS_NS}}}name")
                language = _find_text(news, f"{{{NEWS_NS}}}publication/{{{NEWS_NS}}}language")
            entries.append(
                SitemapEntry(
                    url=absolute(loc),
                    title=title,
                    published=published,
                    outlet=outlet,
                    language=language,
                    lastmod=parse_date(_find_text(url_el, f"{ns}lastmod")),
                )
            )
        return Sitemap(kind="urlset", entries=entries)
    raise NotXmlError(f"XML root <{kind}> is not a sitemap")
