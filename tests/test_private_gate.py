"""The private-address gate decides before any connection; here nothing connects at all.

The decision function takes a resolver, so names are "resolved" from a table; IP literals are
judged without resolving. The crawl-level check (a feed linking to private addresses and a
redirect hop into one) is in test_crawl.py.
"""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.test import get_crawler

from crawler.middlewares.private_address import PrivateAddressMiddleware, refusal_for
from crawler.sources import Source

ALLOWED = {"127.0.0.1:8123"}

DNS = {
    "news.example": ["93.184.216.34"],
    "internal.example": ["10.1.2.3"],
    "mixed.example": ["93.184.216.34", "192.168.0.7"],
    "localhost": ["127.0.0.1", "::1"],
    "metadata.example": ["169.254.169.254"],
    "v6.example": ["2606:4700::6810:85e5"],
    "mapped.example": ["::ffff:10.0.0.1"],
}


def fake_resolver(host: str) -> list[str]:
    if host not in DNS:
        raise OSError(f"unknown host {host}")
    return DNS[host]


def no_resolver(host: str) -> list[str]:
    raise AssertionError(f"an IP literal must not be resolved: {host}")


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/internal/bytedance.html",
        "http://172.16.5.4/",
        "http://172.31.255.255/",
        "http://192.168.1.5/admin",
        "http://169.254.169.254/latest/meta-data/",
        "http://127.0.0.1/",  # loopback on another port than the configured source
        "http://127.0.0.1:9999/",
        "http://127.1.2.3:8123/",
        "http://0.0.0.0/",
        "http://100.64.0.1/",  # carrier-grade NAT
        "http://[::1]/",
        "http://[fe80::1]/",
        "http://[fc00::1]/",
        "http://[::ffff:192.168.1.1]/",
        "http://224.0.0.1/",
        "http://240.0.0.1/",
    ],
)
def test_private_literals_are_refused_without_resolving(url: str) -> None:
    assert refusal_for(url, ALLOWED, no_resolver) == "refused_private"


@pytest.mark.parametrize("url", ["http://93.184.216.34/a", "https://[2606:4700::6810:85e5]/a"])
def test_public_literals_pass(url: str) -> None:
    assert refusal_for(url, ALLOWED, no_resolver) is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example/a", None),
        ("https://v6.example/a", None),
        ("http://internal.example/", "refused_private"),
        ("http://mixed.example/", "refused_private"),  # every address must be public
        ("http://localhost:8123/", "refused_private"),  # trust is per host:port, as configured
        ("http://LOCALHOST/", "refused_private"),
        ("http://metadata.example/", "refused_private"),
        ("http://mapped.example/", "refused_private"),
        ("http://nowhere.example/", "dns"),
    ],
)
def test_names_are_judged_by_what_they_resolve_to(url: str, expected: str | None) -> None:
    assert refusal_for(url, ALLOWED, fake_resolver) == expected


def test_configured_source_host_is_trusted() -> None:
    assert refusal_for("http://127.0.0.1:8123/feeds/rss.xml", ALLOWED, no_resolver) is None


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://news.example/x", "data:text/html,hi", "s3://b/k"])
def test_non_http_schemes_are_refused(url: str) -> None:
    assert refusal_for(url, ALLOWED, fake_resolver) == "refused_scheme"


def test_middleware_raises_and_counts_before_any_download() -> None:
    crawler = get_crawler(
        settings_dict={"CAPEXWATCH_SOURCES": [Source("local", "feed", "http://127.0.0.1:8123/feed.xml")]}
    )
    crawler._apply_settings()
    middleware = PrivateAddressMiddleware.from_crawler(crawler)
    assert middleware.process_request(Request("http://127.0.0.1:8123/articles/a.html")) is None
    for url in ("http://10.0.0.1/x", "http://169.254.169.254/latest/meta-data/", "http://[::1]:8123/"):
        with pytest.raises(IgnoreRequest):
            middleware.process_request(Request(url))
    with pytest.raises(IgnoreRequest):
        middleware.process_request(Request("file:///etc/passwd"))
    stats = crawler.stats.get_stats()
    assert stats["capexwatch/errors/refused_private"] == 3
    assert stats["capexwatch/errors/refused_scheme"] == 1


def test_resolver_refuses_private_answers_unless_the_name_is_a_source() -> None:
    from crawler.resolver import PrivateAddressResolved, PublicOnlyResolver

    resolver = PublicOnlyResolver(None, 0, 1.0, trusted=frozenset({"feeds.local"}))  # no lookups here
    assert resolver.check("93.184.216.34", "news.example") == "93.184.216.34"
    assert resolver.check("127.0.0.1", "feeds.local") == "127.0.0.1"
    for address in ("127.0.0.1", "10.0.0.1", "169.254.169.254", "192.168.1.5"):
        with pytest.raises(PrivateAddressResolved):
            resolver.check(address, "rebinding.example")
