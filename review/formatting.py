"""How the app shows amounts, conversions, dates, links and highlighted text.

Everything here returns plain strings or lists of segments; the templates escape them (autoescape
is on), so scraped text is never trusted as markup. Highlighting is done by splitting text into
``(text, kind)`` segments at the stored character offsets instead of inserting ``<mark>`` into the
text, for the same reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import urlsplit

#: Short scale suffixes, largest first, for compact amounts ("CNY 150bn").
SCALES: tuple[tuple[Decimal, str], ...] = (
    (Decimal(10) ** 12, "tn"),
    (Decimal(10) ** 9, "bn"),
    (Decimal(10) ** 6, "m"),
    (Decimal(10) ** 3, "k"),
)
#: Currency codes shown with a symbol instead of the code.
SYMBOLS: dict[str, str] = {"USD": "$", "EUR": "€", "GBP": "£"}


def _trim(value: Decimal, places: int) -> str:
    text = f"{value:,.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def compact(amount: Decimal | None) -> str:
    """``150000000000`` -> ``150bn``; ``20640000000`` -> ``20.64bn``; small amounts in full."""
    if amount is None:
        return ""
    for size, suffix in SCALES:
        if abs(amount) >= size:
            return _trim(amount / size, 2) + suffix
    return _trim(amount, 2)


def full(amount: Decimal | None) -> str:
    """Every digit, grouped: ``150,000,000,000``."""
    if amount is None:
        return ""
    return _trim(amount, 10)


def money(amount: Decimal | None, currency: str, high: Decimal | None = None) -> str:
    """A compact amount with its currency: ``$7bn``, ``CNY 150bn``, ``$5bn–6bn`` for a range."""
    if amount is None:
        return ""
    value = compact(amount) + (f"–{compact(high)}" if high is not None and high != amount else "")
    symbol = SYMBOLS.get(currency)
    return f"{symbol}{value}" if symbol else f"{currency} {value}"


def editable_amount(amount: Decimal | None) -> str:
    """An amount as the correction form shows it: compact when that is exact, else every digit."""
    if amount is None:
        return ""
    short = compact(amount)
    for size, suffix in SCALES:
        if short.endswith(suffix) and Decimal(short[: -len(suffix)].replace(",", "")) * size == amount:
            return short
    return format(amount, "f")


def day(moment: datetime | date | None) -> str:
    """``2025-03-14`` (UTC day of a timestamp), or an em dash when unknown."""
    if moment is None:
        return "—"
    if isinstance(moment, datetime):
        return moment.date().isoformat()
    return moment.isoformat()


def stamp(moment: datetime | None) -> str:
    """``2025-03-14 09:30 UTC``."""
    return "—" if moment is None else moment.strftime("%Y-%m-%d %H:%M UTC")


def web_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) URL (safe to link to), else ``None``.

    Stored URLs come from crawled pages; a ``javascript:`` or ``data:`` URL must never become a link.
    """
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme in ("http", "https") and parts.netloc else None


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text; ``figure_id`` is set where the run is a figure's amount as written."""

    text: str
    figure_id: int | None = None


def split_at(text: str, spans: Iterable[tuple[int, int, int]]) -> list[Segment]:
    """``text`` cut into plain runs and the ``(start, end, figure_id)`` spans; overlaps are skipped."""
    segments: list[Segment] = []
    position = 0
    for start, end, figure_id in sorted(spans):
        if start < position or end > len(text) or start >= end:
            continue
        if start > position:
            segments.append(Segment(text[position:start]))
        segments.append(Segment(text[start:end], figure_id))
        position = end
    if position < len(text):
        segments.append(Segment(text[position:]))
    return segments


def sentence_segments(sentence: str, written: str, offset: int, figure_id: int) -> list[Segment]:
    """The figure's sentence with its amount marked: at ``offset`` if the text is there, else first match."""
    if sentence[offset : offset + len(written)] != written:
        offset = sentence.find(written)
    if offset < 0 or not written:
        return [Segment(sentence)]
    return split_at(sentence, [(offset, offset + len(written), figure_id)])


def paragraphs(text: str, spans: Sequence[tuple[int, int, int]]) -> list[list[Segment]]:
    """An article's text as paragraphs (split at blank-or-single newlines) of highlighted segments."""
    result: list[list[Segment]] = []
    position = 0
    for block in text.split("\n"):
        start, end = position, position + len(block)
        position = end + 1
        if not block.strip():
            continue
        inside = [(s - start, e - start, f) for s, e, f in spans if s >= start and e <= end]
        result.append(split_at(block, inside))
    return result
