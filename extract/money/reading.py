"""Reading a money candidate's tokens into one amount or one range: ``read_tokens``.

The ``Matcher`` patterns (``extract/money/patterns.py``) only say *where* an amount may be written; this
module says *what* it is: the number, its scale, its currency (from a mark before it or a word
after it, with any nationality), and, for two numbers, whether they make a rising range. It sees
only the candidate's own tokens; what stands around the candidate (footnotes, rates, hedges) is
the money component's business (``extract/money/component.py``).

    "$70-72bn"        -> 70e9 .. 72e9 USD (the scale written once covers both ends)
    "half a billion"  -> 0.5e9 (with its currency word)
    "50 cents"        -> 0.50 USD (a fraction of the unit)
    "in 2021 won"     -> nothing (a year, not a price)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from spacy.tokens import Token

from extract.money.currencies import (
    AMBIGUOUS_WORDS,
    CODES,
    NEEDS_NATIONALITY,
    SCALE_ONLY_MARKS,
    SYMBOLS,
    WORD_FACTORS,
    YEN_SIGN,
    word_currency,
)
from extract.money.numbers import parse_number, parse_number_words, scale_of

#: "lakh crore", "thousand crore": the only scales written twice in a row.
CRORE_WORDS: frozenset[str] = frozenset({"crore", "crores", "cr"})
CRORE_MULTIPLES: frozenset[Decimal] = frozenset({Decimal(10) ** 3, Decimal(10) ** 5})


@dataclass
class _Side:
    """One end of an amount as written: its number, scale and currency, each maybe missing."""

    value: Decimal
    scale: Decimal | None = None
    currency: str | None = None
    #: the currency mark written before the number, as written ("$", "RMB"), if any
    mark: str | None = None


@dataclass
class Reading:
    """What a candidate span says: ``amount`` (and ``amount_high`` for a range) in ``currency``."""

    amount: Decimal
    amount_high: Decimal | None
    currency: str
    rule: str
    #: the scale written with a single amount ("bn" -> 1e9), None when none was written
    scale: Decimal | None = None


@dataclass
class _Walk:
    """State while reading a candidate's tokens left to right."""

    sides: list[_Side] = field(default_factory=list)
    pending_currency: str | None = None
    pending_mark: str | None = None
    number_words: list[str] = field(default_factory=list)
    nation: list[str] = field(default_factory=list)
    currency_after: bool = False
    #: the currency word was one that is also an ordinary word ("won", "pounds")
    ambiguous_word: bool = False


#: Fractions written in words before a scale, hyphens left out: "half a billion", "a quarter
#: of a trillion", "a half-billion".
_WORD_FRACTIONS: dict[tuple[str, ...], Decimal] = {
    ("a",): Decimal(1),
    ("an",): Decimal(1),
    ("half", "a"): Decimal("0.5"),
    ("half", "an"): Decimal("0.5"),
    ("a", "half"): Decimal("0.5"),
    ("a", "quarter", "of", "a"): Decimal("0.25"),
    ("one", "quarter", "of", "a"): Decimal("0.25"),
    ("quarter", "of", "a"): Decimal("0.25"),
    ("three", "quarters", "of", "a"): Decimal("0.75"),
    ("three", "quarter", "of", "a"): Decimal("0.75"),
}


def _words_value(words: Sequence[str]) -> Decimal | None:
    """ "seventy" -> 70, "a" -> 1 ("a billion"), "half a" -> 0.5 ("half a billion"),
    "one and a half" -> 1.5, "two-and-a-half" -> 2.5."""
    lowered = tuple(w.lower() for w in words if w != "-")
    if lowered in _WORD_FRACTIONS:
        return _WORD_FRACTIONS[lowered]
    if len(lowered) > 3 and lowered[-3:] == ("and", "a", "half"):
        whole = parse_number_words(lowered[:-3])
        return None if whole is None else whole + Decimal("0.5")
    return parse_number_words(words)


def read_tokens(
    tokens: Sequence[Token],
    rule: str,
    yen: str,
    region: Callable[[str], str | None] | None = None,
) -> Reading | None:
    """Read a candidate's tokens into a ``Reading``; ``None`` when they are not one amount.

    ``yen`` is what "¥" means in this text (``yen_sign_currency``); ``region`` says whose pesos
    or crowns a bare "pesos"/"crowns" are, from the words around the candidate
    (``regional_currency``), or ``None`` when nothing says.
    """
    walk = _Walk()
    words = [t for t in tokens if not t.is_space]
    for position, token in enumerate(words):
        kind = token._.cw_money_kind
        lower = token.lower_
        following = words[position + 1] if position + 1 < len(words) else None
        if kind == "num":
            value = parse_number(token.text)
            if value is None:
                return None
            walk.sides.append(_Side(value, currency=walk.pending_currency, mark=walk.pending_mark))
            walk.pending_currency = None
            walk.pending_mark = None
        elif kind == "numword" or lower in {"a", "an", "half", "quarter", "quarters"}:
            walk.number_words.append(token.text)
        elif walk.number_words and lower == "of":  # "a quarter of a trillion"
            walk.number_words.append(token.text)
        elif walk.number_words and lower in {"-", "and"}:
            walk.number_words.append(token.text)
        elif kind == "scale":
            scale = scale_of(token.text)
            if walk.number_words:
                value = _words_value(walk.number_words)
                if value is None:
                    return None
                walk.sides.append(_Side(value, scale, walk.pending_currency))
                walk.number_words = []
                walk.pending_currency = None
            elif walk.sides and walk.sides[-1].scale is None:
                walk.sides[-1].scale = scale
            elif walk.sides and lower in CRORE_WORDS and walk.sides[-1].scale in CRORE_MULTIPLES:
                walk.sides[-1].scale *= scale  # "1.2 lakh crore"
            else:
                return None
        elif kind == "sign" and following is None and walk.sides and rule == "symbol_after":
            # "500€", "20bn €": a symbol written after the amount, European style
            currency = SYMBOLS[token.text]
            walk.currency_after = True
            walk.sides[-1].currency = walk.sides[-1].currency or (
                yen if currency == YEN_SIGN else currency
            )
        elif kind == "sign" or (
            kind == "code" and following is not None
            and following._.cw_money_kind in {"num", "numword"}
        ):
            currency = SYMBOLS.get(token.text) or CODES.get(token.text)
            walk.pending_currency = yen if currency == YEN_SIGN else currency
            walk.pending_mark = token.text
        elif kind == "code" and walk.sides:
            # "40 billion Rmb": the code names the currency of the amount written before it
            walk.currency_after = True
            walk.sides[-1].currency = walk.sides[-1].currency or CODES[token.text]
        elif token.text == "p" and rule == "pence" and walk.sides:
            # "50p": pence, a hundredth of a pound
            walk.currency_after = True
            walk.sides[-1].currency = "GBP"
            walk.sides[-1].value *= WORD_FACTORS["pence"]
        elif kind == "nation":
            walk.nation.append(lower)
        elif kind == "word":
            currency = word_currency(" ".join(walk.nation), lower)
            if currency is None or not walk.sides:
                return None
            if lower in NEEDS_NATIONALITY and not walk.nation:
                # "5 billion pesos": Mexican? Philippine? Only the text around can say
                currency = region(currency) if region is not None else None
                if currency is None:
                    return None
            walk.currency_after = True
            walk.ambiguous_word = lower in AMBIGUOUS_WORDS and not walk.nation
            walk.nation = []
            walk.sides[-1].currency = walk.sides[-1].currency or currency
            if lower in WORD_FACTORS:  # "50 cents"
                walk.sides[-1].value *= WORD_FACTORS[lower]
        # dashes, "to", "and", "between": joiners, nothing to read
    return _reading(walk, rule)


def _reading(walk: _Walk, rule: str) -> Reading | None:
    """Check the sides read from a candidate and turn them into one amount or one range."""
    sides = walk.sides
    if not sides or len(sides) > 2 or walk.number_words:
        return None
    # a currency written once covers both ends: "$70-72bn", "30 to 37 billion yuan"
    currencies = {side.currency for side in sides if side.currency is not None}
    if len(currencies) != 1:
        return None
    currency = currencies.pop()
    if any(side.mark in SCALE_ONLY_MARKS for side in sides) and all(
        side.scale is None for side in sides
    ):
        return None  # "R2", "R1": a rand sign only before a scaled amount ("R3bn")
    if len(sides) == 1:
        side = sides[0]
        if side.scale is None and walk.currency_after and looks_like_year(side.value):
            return None  # "in 2021 won", "the 2024 yuan": a year, not a price
        if side.scale is None and (side.mark or "").isalpha() and looks_like_year(side.value):
            return None  # "the Hong Kong SAR 2025 budget": a code-like word before a year
        if side.scale is None and walk.ambiguous_word and side.value < 1000:
            return None  # "aged 78 won the vote", "a 50 pounds parcel"
        return Reading(tidy(side.value * (side.scale or 1)), None, currency, rule, side.scale)
    low, high = sides
    if rule == "cjk_amount":
        # "1兆5000億円": no joiner between the two, so a sum, larger unit first
        if low.scale is None or high.scale is None or low.scale <= high.value * high.scale:
            return None
        return Reading(tidy(low.value * low.scale + high.value * high.scale), None, currency, rule)
    if low.scale is not None and high.scale is None:
        return None  # "$5bn - 20": the second number is something else
    low_scale = low.scale if low.scale is not None else high.scale
    low_amount = low.value * (low_scale or 1)
    high_amount = high.value * (high.scale or 1)
    if not low_amount < high_amount:
        return None
    return Reading(tidy(low_amount), tidy(high_amount), currency, rule)


def tidy(value: Decimal) -> Decimal:
    """Drop trailing zeros a scale leaves behind: 55.7 * 1e9 reads "55700000000", not "...0.0"."""
    integral = value.to_integral_value()
    return integral if value == integral else value


def looks_like_year(value: Decimal) -> bool:
    return value == value.to_integral_value() and 1900 <= value <= 2100
