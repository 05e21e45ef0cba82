"""The record every money figure is reported as, shared by the extractor, the CLI and the crawler.

Kept in its own small module so that callers (crawler pipelines, evaluation, CLI) depend on the
shape of a figure and not on how the spaCy rules find it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

#: What a figure measures (``Figure.metric``): the rules' words, the gold sets' vocabulary
#: (gold/CONVENTIONS.md) and what ``[alerts] metrics`` may name.
METRICS: tuple[str, ...] = ("capex", "revenue", "valuation", "price", "other")


@dataclass(frozen=True, slots=True)
class Figure:
    """One money amount found in a text, with what it is for and where it was written.

    ``amount`` is in currency units (``Rmb150bn`` -> ``Decimal("150000000000")``); a range keeps
    its top in ``amount_high``. ``start``/``end`` are character offsets of ``text`` (the amount as
    written) in the analysed text, and ``sentence_start`` the offset of ``sentence`` in it, so a
    reviewer can always be shown the exact words. ``claim`` is shared by equivalents written side by
    side ("150 billion yuan (US$20.64 billion)"); it is unique within one analysed text only.
    """

    amount: Decimal
    amount_high: Decimal | None
    currency: str
    year: int | None
    source: str | None
    subject: str | None
    text: str
    sentence: str
    start: int
    end: int
    sentence_start: int = 0
    qualifier: str | None = None
    metric: str = "other"
    claim: int = 0
    anonymous: bool = False
    rule: str = ""
    ruleset: str = ""

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict; money is written as a JSON number without float rounding noise."""
        data = asdict(self)
        data["amount"] = decimal_to_json(self.amount)
        data["amount_high"] = decimal_to_json(self.amount_high)
        return data


def decimal_to_json(value: Decimal | None) -> int | float | None:
    """Integral amounts as ``int`` (exact at any size), others as ``float`` (cents at most)."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)
