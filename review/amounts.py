"""Amounts as a person types them in a correction: "160bn", "1.6 billion", "160,000,000,000".

The scale words are the extractor's own table (``extract.money.numbers``), so a reviewer can type an
amount the way the news wrote it.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from extract.money.numbers import parse_number, scale_of

_AMOUNT = re.compile(r"^\s*([0-9][0-9,]*(?:\.[0-9]+)?|\.[0-9]+)\s*([A-Za-z]+)?\s*$")


def parse_amount(text: str) -> Decimal:
    """``"160bn"`` -> ``160000000000``; ``ValueError`` saying what is expected otherwise."""
    match = _AMOUNT.match(text)
    number = parse_number(match.group(1)) if match else None
    if match is None or number is None:
        try:
            value = Decimal(text.strip())
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite() or value < 0:
            raise ValueError(f"{text!r} is not an amount; write e.g. 160bn, 1.5 million or 160000000000")
        return value
    scale = match.group(2)
    if scale is None:
        return number
    factor = scale_of(scale)
    if factor is None:
        raise ValueError(f"{scale!r} is not a scale; use k, m, bn, tn, thousand, million, billion or trillion")
    return number * factor
