"""Dates as feeds and sitemaps write them: RFC 822 (RSS) and ISO 8601 (Atom, news sitemaps)."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


def parse_date(value: str | None) -> datetime | None:
    """A timezone-aware datetime from an RFC 822 or ISO 8601 string, or None if unreadable.

    Naive values are taken as UTC: a feed that omits its zone is more often UTC than local, and a
    date a few hours off is still a useful fallback for "this year"/"last year". Unreadable dates
    are not an error: the page itself may carry one.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    parsed: datetime | None
    try:
        parsed = datetime.fromisoformat(text)  # 3.11: "Z", milliseconds, date-only
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed
