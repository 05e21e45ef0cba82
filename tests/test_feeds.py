"""Feed parsing: RSS 2.0, Atom, Atom-in-RSS, search-engine feeds, and what is not a feed."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from crawler.feeds import NotXmlError, parse_feed

SITES = Path(__file__).parent / "sites"
BASE = "http://127.0.0.1:8123"


def fixture(name: str) -> bytes:
    return (SITES / "feeds" / name).read_bytes().replace(b"{{BASE}}", BASE.encode())


def test_rss_entries_with_cdata_dc_creator_and_rfc822_dates() -> None:
    entries = parse_feed(fixture("rss.xml"), base_url=f"{BASE}/feeds/rss.xml")
    first = entries[0]
    assert first.title == "ByteDance to spend $22 billion on AI infrastructure in 2026"
    assert first.url == f"{BASE}/articles/bytedance-capex.html?utm_source=rss&utm_medium=feed"
    assert first.author == "Jane Doe"
    assert first.published == datetime(2026, 1, 23, 8, 0, tzinfo=timezone.utc)
    assert first.guid == "wire-1001"
    weather = entries[1]
    assert weather.published == datetime(2026, 1, 20, 7, 0, tzinfo=timezone(timedelta(hours=-7)))


def test_atom_link_inside_rss_by_namespace_not_prefix() -> None:
    entries = parse_feed(fixture("rss.xml"))
    atom_only = [e for e in entries if e.title == "An entry with only an Atom link"]
    assert len(atom_only) == 1
    assert atom_only[0].url == f"{BASE}/articles/bytedance-chips.html"
    assert atom_only[0].published == datetime(2025, 12, 2, 10, 15, tzinfo=timezone.utc)


def test_atom_feed_alternate_link_relative_and_milliseconds() -> None:
    entries = parse_feed(fixture("atom.xml"), base_url=f"{BASE}/feeds/atom.xml")
    assert [e.url for e in entries] == [
        f"{BASE}/articles/bytedance-chips.html",
        f"{BASE}/articles/retail-sales.html",
    ]
    chips = entries[0]
    assert chips.author == "Li Wei"
    assert chips.published == datetime(2025, 12, 2, 10, 15, 0, 123000, tzinfo=timezone.utc)
    # updated is the fallback when there is no published
    assert entries[1].published == datetime(2026, 1, 15, 5, 30, tzinfo=timezone.utc)


def test_search_engine_feed_outlet_from_source_and_title_suffix_removed() -> None:
    entries = parse_feed(fixture("gnews.xml"))
    first = entries[0]
    assert first.url == f"{BASE}/rss/articles/bytedance-datacentre?oc=5"
    assert first.outlet == "Nordic Tech News"
    assert first.outlet_url == "https://nordic-tech.example"
    assert first.title == "ByteDance to invest 2.1 billion euros in Finnish data centre"
    assert first.published == datetime(2026, 1, 6, 9, 12, tzinfo=timezone.utc)
    assert first.guid == "CBMiXGh0dHBzOi8vbm9yZGljLmV4YW1wbGU"


def test_legacy_encoding_declared_in_xml_is_honoured() -> None:
    body = (
        '<?xml version="1.0" encoding="gb2312"?><rss version="2.0"><channel>'
        "<item><title>字节跳动资本开支</title><link>http://news.example/a</link></item>"
        "</channel></rss>"
    ).encode("gb2312")
    [entry] = parse_feed(body)
    assert entry.title == "字节跳动资本开支"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_byte_order_marks(encoding: str) -> None:
    body = (
        '<?xml version="1.0" encoding="%s"?><rss version="2.0"><channel>'
        "<item><title>字节跳动</title><link>http://news.example/a</link></item></channel></rss>"
        % encoding.replace("-sig", "")
    ).encode(encoding)
    [entry] = parse_feed(body)
    assert entry.title == "字节跳动"


def test_permalink_guid_is_the_link_when_there_is_none() -> None:
    body = b"""<rss version="2.0"><channel>
      <item><guid>http://news.example/permalink</guid></item>
      <item><guid isPermaLink="false">12345</guid></item>
    </channel></rss>"""
    assert [e.url for e in parse_feed(body)] == ["http://news.example/permalink"]


def test_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    body = f"""<?xml version="1.0"?>
    <!DOCTYPE rss [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>
    <rss version="2.0"><channel><item><title>t &xxe;</title><link>http://news.example/a</link>
    </item></channel></rss>""".encode()
    [entry] = parse_feed(body)
    assert entry.url == "http://news.example/a"
    assert "TOP-SECRET-VALUE" not in (entry.title or "")


@pytest.mark.parametrize(
    "body",
    [
        b"<!DOCTYPE html><html><body><p>Oops & no feed</body></html>",
        b"",
        b"Service unavailable",
        b'<?xml version="1.0"?><html><body/></html>',
        b"<rss><channel><item><title>truncated",
    ],
)
def test_not_a_feed_raises_not_xml(body: bytes) -> None:
    with pytest.raises(NotXmlError):
        parse_feed(body)
