"""The bundled demo site over real HTTP on 127.0.0.1: feeds, sitemaps, redirects, articles."""

from __future__ import annotations

import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import pytest

from capexwatch.demo import EXPECTED, IRRELEVANT, demo_sources, serve_site
from extract.text.article import extract_article
from extract.text.relevance import is_about
from extract.watch import DEFAULT_WATCH

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
    "atom": "http://www.w3.org/2005/Atom",
    "dc": "http://purl.org/dc/elements/1.1/",
}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:  # type: ignore[override]
        return None


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with serve_site() as url:
        yield url


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


def fetch_xml(url: str) -> ET.Element:
    status, _, body = fetch(url)
    assert status == 200
    return ET.fromstring(body)


def assert_on_base(url: str | None, base_url: str) -> None:
    assert url is not None
    assert url.strip() == url, repr(url)
    assert url.startswith(base_url + "/"), url
    assert "{base}" not in url


def source_url(base_url: str, name: str) -> str:
    return next(source["url"] for source in demo_sources(base_url) if source["name"] == name)


def test_serves_on_a_free_local_port(base_url: str) -> None:
    parts = urlsplit(base_url)
    assert parts.hostname == "127.0.0.1"
    assert parts.port not in (None, 0, 80)


def test_sources_are_feeds_and_sitemaps_on_the_base(base_url: str) -> None:
    sources = demo_sources(base_url)
    assert {source["kind"] for source in sources} == {"feed", "sitemap"}
    for source in sources:
        assert set(source) == {"name", "kind", "url"}
        assert_on_base(source["url"], base_url)
        assert fetch(source["url"])[0] == 200


def test_publisher_rss(base_url: str) -> None:
    status, headers, body = fetch(source_url(base_url, "The Harbour Ledger"))
    assert headers["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(body).find("channel")
    assert channel is not None
    items = channel.findall("item")
    assert len(items) == 3
    for item in items:
        assert_on_base(item.findtext("link"), base_url)
        assert item.findtext("dc:creator", namespaces=NS)
        assert item.findall("category")
        assert parsedate_to_datetime(item.findtext("pubDate") or "").tzinfo is not None
    assert "utm_source=rss" in (items[0].findtext("link") or "")
    assert b"<![CDATA[" in body


def test_atom_feed(base_url: str) -> None:
    feed = fetch_xml(source_url(base_url, "Circuit Notes"))
    entries = feed.findall("atom:entry", NS)
    assert len(entries) == 2
    for entry in entries:
        link = entry.find("atom:link[@rel='alternate']", NS)
        assert link is not None
        assert_on_base(link.get("href"), base_url)
        assert entry.findtext("atom:published", namespaces=NS)


def test_search_feed_links_redirect_to_publishers(base_url: str) -> None:
    channel = fetch_xml(source_url(base_url, "News search: ByteDance capex")).find("channel")
    assert channel is not None
    items = channel.findall("item")
    assert len(items) == 4
    opener = urllib.request.build_opener(_NoRedirect)
    for item in items:
        link = item.findtext("link") or ""
        assert_on_base(link, base_url)
        assert urlsplit(link).path.startswith("/rss/articles/")
        source = item.find("source")
        assert source is not None and source.text
        assert_on_base(source.get("url"), base_url)
        assert (item.findtext("title") or "").endswith(" - " + source.text)
        assert item.find("guid").get("isPermaLink") == "false"  # type: ignore[union-attr]
        assert "&lt;" not in (item.findtext("description") or "")  # escaped once: HTML after parsing
        assert "<a href=" in (item.findtext("description") or "")
        with pytest.raises(urllib.error.HTTPError) as redirect:
            opener.open(link, timeout=10)
        redirect.value.close()
        assert redirect.value.code == 302
        location = redirect.value.headers["Location"]
        assert_on_base(location, base_url)
        assert not urlsplit(location).path.startswith("/rss/")
        # Followed, the redirect lands on an article page.
        with urllib.request.urlopen(link, timeout=10) as response:
            assert response.url == location
            assert response.headers["Content-Type"].startswith("text/html")


def test_sitemap_index_and_news_sitemap(base_url: str) -> None:
    index = fetch_xml(source_url(base_url, "Meridian Wire"))
    locs = [loc.text or "" for loc in index.findall("sm:sitemap/sm:loc", NS)]
    assert len(locs) == 1
    assert_on_base(locs[0].strip(), base_url)
    status, _, body = fetch(locs[0].strip())
    assert status == 200
    assert b"xmlns:n=" in body and b"<news:" not in body  # the prefix is not "news"
    urlset = ET.fromstring(body)
    urls = urlset.findall("sm:url", NS)
    assert len(urls) == 2
    for url in urls:
        assert_on_base((url.findtext("sm:loc", namespaces=NS) or "").strip(), base_url)
        date = url.findtext("news:news/news:publication_date", namespaces=NS) or ""
        assert "." in date and date.endswith("Z")  # milliseconds, UTC
        assert url.findtext("news:news/news:title", namespaces=NS)
        assert url.findtext("news:news/news:publication/news:name", namespaces=NS) == "Meridian Wire"


def test_robots_txt_names_the_sitemap_index(base_url: str) -> None:
    status, headers, body = fetch(base_url + "/robots.txt")
    assert headers["Content-Type"].startswith("text/plain")
    assert f"Sitemap: {base_url}/sitemap-index.xml" in body.decode()


def test_tracking_url_serves_the_page_whose_canonical_is_clean(base_url: str) -> None:
    path = "/ledger/tech/bytedance-2026-ai-budget.html"
    _, _, clean = fetch(base_url + path)
    _, _, tracked = fetch(base_url + path + "?utm_source=rss&utm_medium=feed")
    assert clean == tracked
    article = extract_article(tracked, base_url + path + "?utm_source=rss&utm_medium=feed")
    assert article is not None
    assert article.canonical_url == base_url + path


def test_missing_pages_and_escapes_are_404(base_url: str) -> None:
    for path in ("/nope.html", "/../pyproject.toml", "/%2e%2e/site.py", "/ledger/"):
        with pytest.raises(urllib.error.HTTPError) as missing:
            fetch(base_url + path)
        missing.value.close()
        assert missing.value.code == 404, path


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda article: article["path"])
def test_relevant_articles_over_http(base_url: str, expected: dict) -> None:
    status, _, body = fetch(base_url + expected["path"])
    article = extract_article(body, base_url + expected["path"])
    assert article is not None
    assert is_about(DEFAULT_WATCH, article.text, article.title or "")
    for figure in expected["figures"]:
        assert figure["text"] in article.text


@pytest.mark.parametrize("irrelevant", IRRELEVANT, ids=lambda article: article["path"])
def test_irrelevant_articles_over_http(base_url: str, irrelevant: dict) -> None:
    _, _, body = fetch(base_url + irrelevant["path"])
    article = extract_article(body, base_url + irrelevant["path"])
    assert article is not None
    assert not is_about(DEFAULT_WATCH, article.text, article.title or "")
    assert any(sign in article.text for sign in ("$", "£", "Rmb", "yuan"))  # they all carry money


def test_every_article_is_reachable_from_some_source(base_url: str) -> None:
    """Each article is linked from a feed, or from a sitemap listed by the sitemap index."""
    bodies = []
    for source in demo_sources(base_url):
        body = fetch(source["url"])[2]
        bodies.append(body.decode())
        if source["kind"] == "sitemap":
            for loc in ET.fromstring(body).findall("sm:sitemap/sm:loc", NS):
                bodies.append(fetch((loc.text or "").strip())[2].decode())
    reachable = {path for path in _article_paths() for body in bodies if base_url + path in body}
    assert reachable == set(_article_paths())


def _article_paths() -> list[str]:
    return [article["path"] for article in EXPECTED] + [article["path"] for article in IRRELEVANT]


def test_server_stops_when_the_block_ends() -> None:
    with serve_site() as url:
        assert fetch(url + "/robots.txt")[0] == 200
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(url + "/robots.txt", timeout=2)
