"""Numbers as newsrooms write them -> ``Decimal``: "1,234.5", "150", "seventy", "two hundred",
and the scale words that multiply them ("bn", "b", "m", "mn", "tn", "billion", "crore", ...).

Everything is exact ``Decimal`` arithmetic: a capex figure of "Rmb150bn" must come out as
``Decimal("150000000000")``, not ``1.5e11`` with float noise.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

#: Scale words after a number, lower-cased. "b"/"m"/"k" only ever reach this table as a token
#: split off a number by the tokenizer ("$7B", "£500m"), so they are not ambiguous here.
SCALES: dict[str, Decimal] = {
    "k": Decimal(10) ** 3,
    "thousand": Decimal(10) ** 3,
    "m": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "mln": Decimal(10) ** 6,
    "mil": Decimal(10) ** 6,
    "mio": Decimal(10) ** 6,
    "million": Decimal(10) ** 6,
    "b": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "bln": Decimal(10) ** 9,
    "bil": Decimal(10) ** 9,
    "billion": Decimal(10) ** 9,
    "t": Decimal(10) ** 12,
    "tn": Decimal(10) ** 12,
    "trn": Decimal(10) ** 12,
    "trln": Decimal(10) ** 12,
    "tril": Decimal(10) ** 12,
    "trillion": Decimal(10) ** 12,
    "lakh": Decimal(10) ** 5,
    "lakhs": Decimal(10) ** 5,
    "crore": Decimal(10) ** 7,
    "cr": Decimal(10) ** 7,
    "crores": Decimal(10) ** 7,
}

#: Chinese, Japanese and Korean scale characters as written after digits ("1500亿元", "2000万元",
#: "1.5万亿元", "3兆円"); a run of them is one token (the tokenizer cuts it off the digits), and
#: only the runs listed here are scales. 萬/億 are the traditional forms. 兆 is 10^12 as
#: Japanese and Taiwanese money writes it (mainland "兆" for 10^6 does not appear in prices).
CJK_SCALES: dict[str, Decimal] = {
    "千": Decimal(10) ** 3,
    "万": Decimal(10) ** 4,
    "萬": Decimal(10) ** 4,
    "十万": Decimal(10) ** 5,
    "百万": Decimal(10) ** 6,
    "千万": Decimal(10) ** 7,
    "亿": Decimal(10) ** 8,
    "億": Decimal(10) ** 8,
    "十亿": Decimal(10) ** 9,
    "百亿": Decimal(10) ** 10,
    "千亿": Decimal(10) ** 11,
    "万亿": Decimal(10) ** 12,
    "萬億": Decimal(10) ** 12,
    "兆": Decimal(10) ** 12,
    # Korean, written in Hangul: "20조원" (20 trillion won), "5000억원"
    "천": Decimal(10) ** 3,
    "만": Decimal(10) ** 4,
    "억": Decimal(10) ** 8,
    "조": Decimal(10) ** 12,
}
SCALES.update(CJK_SCALES)

#: The characters those scales are written with (the tokenizer's character class).
CJK_SCALE_CHARS: str = "".join(sorted({ch for word in CJK_SCALES for ch in word}))

#: The scale words the tokenizer splits off a number glued to them ("150bn" -> "150", "bn";
#: Malaysian papers write "RM1.2bil", "RM500mil").
#: "t" is left out: "5t" is more often tonnes than trillions.
GLUED_SCALES: tuple[str, ...] = ("trillion", "billion", "million", "thousand", "crore", "trln",
                                 "tril", "bln", "bil", "mln", "mil", "trn", "tn", "bn", "mn",
                                 "cr", "b", "m", "k")

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}

#: Number words that may precede a scale word ("two hundred million"). "a"/"an" count as one
#: only directly before a scale ("a billion dollars"); that is the money rule's business.
NUMBER_WORDS: frozenset[str] = frozenset({*UNITS, "hundred", "dozen"})

#: A written number: digits with optional thousands commas and decimals ("1,234.5", "7", ".5").
_DIGITS_RE = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$")


def parse_number(text: str) -> Decimal | None:
    """Digits as written -> ``Decimal``; ``None`` if ``text`` is not a plain number.

    >>> parse_number("1,234.5")
    Decimal('1234.5')
    >>> parse_number("12,000")
    Decimal('12000')
    >>> parse_number("7.2.1") is None
    True
    """
    if not text or not any(ch.isdigit() for ch in text) or not _DIGITS_RE.match(text):
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:  # unreachable with the regex above; kept so bad input is None
        return None


def is_number(text: str) -> bool:
    """True for a token that ``parse_number`` reads (used as a token class by the money rules)."""
    return parse_number(text) is not None


def parse_number_words(words: Sequence[str]) -> Decimal | None:
    """Written-out numbers below a thousand -> ``Decimal`` ("two hundred" -> 200).

    Hyphens and "and" between words are allowed ("one hundred and twenty-five"). Scale words
    above a hundred are handled by the caller (they multiply, and may follow digits too).

    >>> parse_number_words(["seventy"])
    Decimal('70')
    >>> parse_number_words(["one", "hundred", "and", "twenty", "-", "five"])
    Decimal('125')
    >>> parse_number_words(["hundred"])
    Decimal('100')
    >>> parse_number_words(["billion"]) is None
    True
    """
    total = 0
    seen = False
    for raw in words:
        word = raw.lower()
        if word in {"-", "and"}:
            continue
        if word in UNITS:
            total += UNITS[word]
        elif word == "hundred":
            total = (total or 1) * 100
        elif word == "dozen":
            total = (total or 1) * 12
        else:
            return None
        seen = True
    return Decimal(total) if seen else None


def scale_of(word: str) -> Decimal | None:
    """The multiplier of a scale word, any case ("BN", "Billion", "m"); ``None`` if not one."""
    return SCALES.get(word.lower())
