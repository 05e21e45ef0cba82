"""Sitemap parsing: indexes, news sitemaps with any prefix, whitespace and CDATA locs, gzip."""

from __future__ import annotations

import gzip
from datetime import datetime, timezone
from pathlib import Path

import pytest

from crawler.feeds import NotXmlError
from crawler.sitemaps import TooLargeError, maybe_gunzip, parse_sitemap

SITES = Path(__file__).parent / "sites"
BASE = "http://127.0.0.1:8123"


def fixture(name: str) -> bytes:
    return (SITES / "sitemaps" / name).read_bytes().replace(b"{{BASE}}", BASE.encode())


def test_index_with_cdata_and_whitespace_locs() -> None:
    sitemap = parse_sitemap(fixture("index.xml"))
    assert sitemap.kind == "index"
    assert sitemap.sitemaps == [
        f"{BASE}/sitemaps/news.xml",
        f"{BASE}/sitemaps/more.xml.gz",
        f"{BASE}/status/500",
    ]


def test_news_sitemap_with_n_prefix_nested_fields_and_milliseconds() -> None:
    sitemap = parse_sitemap(fixture("news.xml"))
    assert sitemap.kind == "urlset"
    first, second = sitemap.entries
    assert first.url == f"{BASE}/articles/tiktok-owner-gpus.html"  # whitespace stripped
    assert first.title == "TikTok owner in talks to rent $7 billion of GPU capacity"
    assert first.outlet == "Wire Sitemap News"
    assert first.language == "en"
    assert first.published == datetime(2026, 10, 9, 7, 13, 38, 278000, tzinfo=timezone.utc)
    assert second.published == datetime(2026, 1, 15, 13, 30, tzinfo=timezone.utc)


def test_news_prefix_does_not_matter() -> None:
    body = fixture("news.xml").replace(b"xmlns:n=", b"xmlns:news=").replace(b"<n:", b"<news:")
    body = body.replace(b"</n:", b"</news:")
    assert parse_sitemap(body) == parse_sitemap(fixture("news.xml"))


def test_plain_sitemap_lastmod_date_only() -> None:
    sitemap = parse_sitemap(fixture("more.xml"))
    [entry] = sitemap.entries
    assert entry.title is None and entry.published is None
    assert entry.lastmod == datetime(2026, 1, 23, tzinfo=timezone.utc)


def test_gzip_sitemap() -> None:
    assert parse_sitemap(gzip.compress(fixture("news.xml"))) == parse_sitemap(fixture("news.xml"))


def test_gzip_bomb_is_capped() -> None:
    bomb = gzip.compress(b"<" + b" " * (2 * 1024 * 1024))
    with pytest.raises(TooLargeError):
        maybe_gunzip(bomb, max_size=1024 * 1024)


def test_relative_locs_resolved_against_the_sitemap_url() -> None:
    body = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/a.html</loc></url></urlset>'
    assert parse_sitemap(body, base_url=f"{BASE}/s/sitemap.xml").entries[0].url == f"{BASE}/a.html"


@pytest.mark.parametrize(
    "body",
    [b"<html><body>not a sitemap</body></html>", b"\x1f\x8bnot really gzip", b"<urlset><url><loc>x"],
)
def test_not_a_sitemap_raises_not_xml(body: bytes) -> None:
    with pytest.raises(NotXmlError):
        parse_sitemap(body)
