"""URL normalisation: the key that makes "already seen" and "already stored" work."""

from __future__ import annotations

import pytest

from crawler.urls import host_port, is_tracking_param, normalize_url, usable_canonical


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://Example.COM/News/A", "https://example.com/News/A"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("http://example.com:8080/a", "http://example.com:8080/a"),
        ("https://example.com/a#comments", "https://example.com/a"),
        ("https://example.com/a?utm_source=rss&utm_medium=feed", "https://example.com/a"),
        ("https://example.com/a?id=7&fbclid=x&gclid=y&mc_cid=1&mc_eid=2", "https://example.com/a?id=7"),
        ("https://example.com/a?ocid=msn&cmpid=rss&UTM_Campaign=z", "https://example.com/a"),
        ("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
        ("  \n https://example.com/a \n ", "https://example.com/a"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com/a?q=", "https://example.com/a?q="),
        ("http://[::1]:8080/x", "http://[::1]:8080/x"),
    ],
)
def test_normalize_url(url: str, expected: str) -> None:
    assert normalize_url(url) == expected


def test_normalize_is_idempotent() -> None:
    url = "HTTP://Example.com:80/p?z=1&utm_term=q&a=2#frag"
    once = normalize_url(url)
    assert normalize_url(once) == once == "http://example.com/p?a=2&z=1"


def test_tracking_params_are_not_page_params() -> None:
    assert is_tracking_param("utm_source") and is_tracking_param("FBCLID")
    assert not is_tracking_param("id") and not is_tracking_param("page")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://127.0.0.1:8000/feed.xml", "127.0.0.1:8000"),
        ("HTTPS://News.Example.com:443/x", "news.example.com"),
        ("http://user:pw@example.com:81/", "example.com:81"),
    ],
)
def test_host_port(url: str, expected: str) -> None:
    assert host_port(url) == expected


@pytest.mark.parametrize(
    ("canonical", "expected"),
    [
        ("https://News.example/2026/01/a.html?utm_source=x", "https://news.example/2026/01/a.html"),
        ("https://wire.example/story/1", "https://wire.example/story/1"),  # another host: syndication
        ("https://news.example/", None),  # a home page identifies no article
        ("https://news.example", None),
        ("https://news.example/?utm_source=rss", None),
        ("https://news.example/?p=123", "https://news.example/?p=123"),
        ("javascript:void(0)", None),
        ("", None),
        (None, None),
    ],
)
def test_usable_canonical(canonical: str | None, expected: str | None) -> None:
    assert usable_canonical(canonical) == expected
