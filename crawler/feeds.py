"""RSS 2.0 / RSS 1.0 / Atom feed parsing into entries the feed spider can follow.

Parsed with lxml, entity resolution and network access off (a feed is untrusted input: no XXE,
no billion laughs), matching elements by namespace URI, never by prefix — real feeds write Atom
as ``atom:``, ``a10:`` or unprefixed. Search-engine news feeds (Google News shape) are plain
RSS with a ``<source url="…">Outlet</source>`` child and a title ending in " - Outlet"; their
``<link>`` is on the engine's host and redirects to the publisher, which the spider follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin

from lxml import etree

from crawler.dates import parse_date

ATOM_NS = "http://www.w3.org/2005/Atom"
DC_NS = "http://purl.org/dc/elements/1.1/"
RSS1_NS = "http://purl.org/rss/1.0/"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"


class NotXmlError(ValueError):
    """The body of a feed or sitemap URL is not well-formed XML of the expected kind.

    Counted as ``capexwatch/errors/not_xml``: the source is reported broken, the crawl goes on.
    """


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of a feed: the link to fetch and what the feed says about it.

    ``published`` is kept as the fallback publication date for pages that carry none;
    ``outlet`` comes from ``<source>`` in search-engine feeds, where the link's own host
    is the engine's and says nothing about the publisher.
    """

    url: str
    title: str | None = None
    published: datetime | None = None
    author: str | None = None
    outlet: str | None = None
    outlet_url: str | None = None
    guid: str | None = None


def xml_parser() -> etree.XMLParser:
    """An lxml parser safe for untrusted XML: no entities, no DTD loading, no network."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(body: bytes) -> etree._Element:
    """The root element of ``body``; :class:`NotXmlError` if it isn't well-formed XML.

    Bytes, not text, so lxml honours the encoding the document declares (gb2312 feeds exist).
    """
    stripped = body.lstrip()
    if not stripped.startswith((b"<", b"\xef\xbb\xbf<", b"\xff\xfe<", b"\xfe\xff\x00<")):
        raise NotXmlError("body does not start with '<'")  # an error page, JSON, plain text
    try:
        root = etree.fromstring(stripped, parser=xml_parser())
    except etree.XMLSyntaxError as exc:
        raise NotXmlError(f"not well-formed XML: {exc}") from exc
    if root is None:
        raise NotXmlError("empty document")
    return root


def local_name(element: etree._Element) -> str:
    """Tag without its namespace (``{http://…}item`` -> ``item``)."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return etree.QName(tag).localname


def _text(element: etree._Element | None) -> str | None:
    """Stripped text content (CDATA included), or None when empty."""
    if element is None:
        return None
    text = "".join(element.itertext()).strip()
    return text or None


def _child(parent: etree._Element, namespace: str | None, name: str) -> etree._Element | None:
    """First direct child with this namespace URI (None: no namespace) and local name."""
    tag = f"{{{namespace}}}{name}" if namespace else name
    return parent.find(tag)


def parse_feed(body: bytes, base_url: str | None = None) -> list[FeedEntry]:
    """Entries of an RSS 2.0, RSS 1.0 (RDF) or Atom feed, in document order.

    Raises :class:`NotXmlError` for anything that is not XML or not a feed (an HTML error page
    served with status 200 is the usual case). Entries without a usable link are skipped.
    """
    root = parse_xml(body)
    kind = local_name(root)
    if kind == "rss":
        channel = _child(root, None, "channel")
        items = [] if channel is None else channel.findall("item")
        entries = [_rss_entry(item, base_url) for item in items]
    elif kind == "feed" and etree.QName(root).namespace == ATOM_NS:
        entries = [_atom_entry(entry, base_url) for entry in root.iterfind(f"{{{ATOM_NS}}}entry")]
    elif kind == "RDF":
        entries = [_rss1_entry(item, base_url) for item in root.iterfind(f"{{{RSS1_NS}}}item")]
    else:
        raise NotXmlError(f"XML root <{kind}> is not a feed")
    return [entry for entry in entries if entry is not None]


def _absolute(url: str | None, base_url: str | None) -> str | None:
    if not url:
        return None
    url = url.strip()
    if not url:
        return None
    return urljoin(base_url, url) if base_url else url


def _atom_link(parent: etree._Element) -> str | None:
    """The ``alternate`` (or rel-less) Atom link's href: the page, not the comments or enclosure."""
    for link in parent.iterfind(f"{{{ATOM_NS}}}link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href")
    return None


def _strip_outlet_suffix(title: str | None, outlet: str | None) -> str | None:
    """"Headline - Outlet" -> "Headline", as search-engine feeds append the outlet."""
    if title and outlet and title.endswith(f" - {outlet}"):
        return title[: -len(outlet) - 3].rstrip() or title
    return title


def _rss_entry(item: etree._Element, base_url: str | None) -> FeedEntry | None:
    link = _text(_child(item, None, "link")) or _atom_link(item)
    guid_el = _child(item, None, "guid")
    guid = _text(guid_el)
    if not link and guid and guid_el is not None and guid_el.get("isPermaLink", "true") == "true":
        link = guid  # RSS 2.0: a permalink guid is the item's URL
    url = _absolute(link, base_url)
    if url is None:
        return None
    source_el = _child(item, None, "source")
    outlet = _text(source_el)
    published = parse_date(
        _text(_child(item, None, "pubDate"))
        or _text(_child(item, DC_NS, "date"))
        or _text(_child(item, ATOM_NS, "published"))
        or _text(_child(item, ATOM_NS, "updated"))
    )
    author = _text(_child(item, DC_NS, "creator")) or _text(_child(item, None, "author"))
    return FeedEntry(
        url=url,
        title=_strip_outlet_suffix(_text(_child(item, None, "title")), outlet),
        published=published,
        author=author,
        outlet=outlet,
        outlet_url=source_el.get("url") if source_el is not None else None,
        guid=guid,
    )


def _atom_entry(entry: etree._Element, base_url: str | None) -> FeedEntry | None:
    url = _absolute(_atom_link(entry), base_url)
    if url is None:
        return None
    author_el = _child(entry, ATOM_NS, "author")
    source_el = _child(entry, ATOM_NS, "source")
    return FeedEntry(
        url=url,
        title=_text(_child(entry, ATOM_NS, "title")),
        published=parse_date(
            _text(_child(entry, ATOM_NS, "published")) or _text(_child(entry, ATOM_NS, "updated"))
        ),
        author=_text(_child(author_el, ATOM_NS, "name")) if author_el is not None else None,
        outlet=_text(_child(source_el, ATOM_NS, "title")) if source_el is not None else None,
        outlet_url=_atom_link(source_el) if source_el is not None else None,
        guid=_text(_child(entry, ATOM_NS, "id")),
    )


def _rss1_entry(item: etree._Element, base_url: str | None) -> FeedEntry | None:
    url = _absolute(_text(_child(item, RSS1_NS, "link")) or item.get(f"{{{RDF_NS}}}about"), base_url)
    if url is None:
        return None
    return FeedEntry(
        url=url,
        title=_text(_child(item, RSS1_NS, "title")),
        published=parse_date(_text(_child(item, DC_NS, "date"))),
        author=_text(_child(item, DC_NS, "creator")),
    )
