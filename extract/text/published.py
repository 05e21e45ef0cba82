"""The publication date of a page: the page's own timestamp (JSON-LD, meta tags, ``<time>``),
else htmldate's day, else a fallback (a feed's timestamp). Split from ``article.py``, which calls
it; its names are re-exported there."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

#: Meta elements that carry a publication timestamp, most specific first.
_DATE_META = etree.XPath(
    """//meta[@property='article:published_time' or @name='article:published_time'
        or @property='og:published_time' or @itemprop='datePublished'
        or @name='pubdate' or @name='publishdate' or @name='publish-date' or @name='parsely-pub-date'
        or @name='sailthru.date' or @name='dc.date.issued' or @name='DC.date.issued'
        or @name='date']/@content"""
)
_JSON_LD = etree.XPath("//script[@type='application/ld+json']/text()")
#: ``<time datetime>`` outside reader comments: a comment's timestamp is not the article's.
_TIME_ELEMENTS = etree.XPath(
    """//time[@datetime][not(ancestor::*[contains(@class, 'comment') or contains(@id, 'comment')])]"""
)
_PUBDATE_TIME = etree.XPath("//*[@itemprop='datePublished'][@datetime or @content]")


def published_date(tree: HtmlElement) -> datetime | None:
    """The page's own publication timestamp: JSON-LD, then meta tags, then ``<time datetime>``."""
    for value in _iter_date_candidates(tree):
        parsed = parse_datetime(value)
        if parsed is not None:
            return parsed
    return None


def _iter_date_candidates(tree: HtmlElement) -> Iterator[str]:
    """Date strings in the order we trust them: structured data before visible markup."""
    for script in _JSON_LD(tree):
        yield from _json_ld_dates(script)
    yield from (str(value) for value in _DATE_META(tree))
    for element in _PUBDATE_TIME(tree):
        yield element.get("datetime") or element.get("content") or ""
    for element in _TIME_ELEMENTS(tree):
        yield element.get("datetime", "")


def _json_ld_dates(script: str) -> Iterator[str]:
    """``datePublished`` values anywhere in a JSON-LD block (``@graph``, lists, nested objects)."""
    try:
        data = json.loads(script)
    except (ValueError, TypeError):
        return
    stack: list[Any] = [data]
    while stack:
        node = stack.pop(0)
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            value = node.get("datePublished")
            if isinstance(value, str):
                yield value
            stack.extend(v for v in node.values() if isinstance(v, (dict, list)))


def parse_datetime(value: str) -> datetime | None:
    """ISO 8601 (with ``Z``, fractions, offsets) or RFC 822; ``None`` for anything else."""
    value = value.strip()
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00") if value.endswith("Z") else value)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None


def choose_published(own: datetime | None, day: datetime | None, fallback: datetime | None) -> datetime | None:
    """The page's own timestamp, else htmldate's day, else the fallback.

    When htmldate found only the day the fallback (a feed's timestamp) falls on, the fallback is
    the same date said more precisely, so it wins.
    """
    if own is not None:
        return own
    if day is not None and fallback is not None and fallback.date() == day.date():
        return fallback
    return day or fallback


def htmldate_day(value: str | None) -> datetime | None:
    """htmldate's day-only result as a naive midnight: the day is known, the zone is not."""
    if not value:
        return None
    try:
        return datetime.strptime(value[:10], "%Y-%m-%d")
    except ValueError:
        return None
