"""More ways of writing one amount or one range, each with its span text and qualifier, and the
look-alikes that must stay out (footnotes, rates, counts, tickers)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from spacy.language import Language

from extract.pipeline import build_money_nlp
from extract.spans import MONEY_SPANS


@pytest.fixture(scope="module")
def nlp() -> Language:
    """The money stage alone, as the pipeline assembles it (no context components)."""
    return build_money_nlp()


Row = tuple[str, str, str | None, str, str | None]


def spans(nlp: Language, text: str) -> list[Row]:
    """(text as written, amount, amount_high, currency, qualifier) per money span."""
    doc = nlp(text)
    return [
        (
            s.text,
            str(s._.amount),
            None if s._.amount_high is None else str(s._.amount_high),
            s._.currency,
            s._.qualifier,
        )
        for s in doc.spans[MONEY_SPANS]
    ]


def normalised(rows: list[Row]) -> list[tuple[str, Decimal, Decimal | None, str, str | None]]:
    return [(w, Decimal(a), None if h is None else Decimal(h), c, q) for w, a, h, c, q in rows]


FORMS: list[tuple[str, list[Row]]] = [
    # a scale letter apart from its number, before the full stop
    ("The budget is $7 B.", [("$7 B", "7e9", None, "USD", None)]),
    # marks with a space, glued codes, hyphenated scales
    ("It raised US$ 20bn.", [("US$ 20bn", "20e9", None, "USD", None)]),
    ("It raised USD20bn.", [("USD20bn", "20e9", None, "USD", None)]),
    ("a US$20-billion plan", [("US$20-billion", "20e9", None, "USD", None)]),
    # a trailing plus is "more than"
    ("a $20-billion-plus deal", [("$20-billion", "20e9", None, "USD", "more than")]),
    ("capex of $600bn+ this year", [("$600bn", "600e9", None, "USD", "more than")]),
    ("a budget of $20bn plus.", [("$20bn", "20e9", None, "USD", "more than")]),
    ("$5bn plus interest", [("$5bn", "5e9", None, "USD", None)]),
    ("more than $600bn", [("$600bn", "600e9", None, "USD", "more than")]),
    # hedges glued before the amount
    ("ByteDance's capex: ~$23bn", [("$23bn", "23e9", None, "USD", "about")]),
    ("~160bn yuan", [("160bn yuan", "160e9", None, "CNY", "about")]),
    ("c.$23bn", [("$23bn", "23e9", None, "USD", "circa")]),
    ("≈US$23bn", [("US$23bn", "23e9", None, "USD", "about")]),
    # "a", "half", "a quarter of a"
    ("a billion dollars", [("a billion dollars", "1e9", None, "USD", None)]),
    ("half a billion dollars", [("half a billion dollars", "0.5e9", None, "USD", None)]),
    ("a quarter of a trillion dollars", [("a quarter of a trillion dollars", "250e9", None, "USD", None)]),
    ("three quarters of a billion euros", [("three quarters of a billion euros", "750e6", None, "EUR", None)]),
    ("a $1bn deal", [("$1bn", "1e9", None, "USD", None)]),
    ("a half-billion dollars", [("a half-billion dollars", "0.5e9", None, "USD", None)]),
    ("one and a half billion dollars", [("one and a half billion dollars", "1.5e9", None, "USD", None)]),
    ("two-and-a-half billion euros", [("two-and-a-half billion euros", "2.5e9", None, "EUR", None)]),
    # ranges across scales and forms
    ("$900 million to $1.2 billion", [("$900 million to $1.2 billion", "900e6", "1.2e9", "USD", None)]),
    ("$900m-1.2bn", [("$900m-1.2bn", "900e6", "1.2e9", "USD", None)]),
    ("between $5 and 6 billion", [("$5 and 6 billion", "5e9", "6e9", "USD", None)]),
    ("$2-3bn", [("$2-3bn", "2e9", "3e9", "USD", None)]),
    ("2-3 billion yuan", [("2-3 billion yuan", "2e9", "3e9", "CNY", None)]),
    ("in the range of $40 billion to $45 billion",
     [("$40 billion to $45 billion", "40e9", "45e9", "USD", None)]),
    ("1500-1600亿元", [("1500-1600亿元", "150e9", "160e9", "CNY", None)]),
    # "from X to Y" is a change: two figures, the first borrowing the second's currency
    ("It raised the target from 40 to 45 billion yuan.",
     [("40", "40e9", None, "CNY", None), ("45 billion yuan", "45e9", None, "CNY", None)]),
    ("Revenue rose from 40 billion to 45 billion yuan.",
     [("40 billion", "40e9", None, "CNY", None), ("45 billion yuan", "45e9", None, "CNY", None)]),
    ("Capex rose from $60bn to $75bn.",
     [("$60bn", "60e9", None, "USD", None), ("$75bn", "75e9", None, "USD", None)]),
    ("From 2025 to 2027 it will spend 5 billion yuan.", [("5 billion yuan", "5e9", None, "CNY", None)]),
    # a unit-like currency word with a scale is still money
    ("It pledged 50 million pounds of investment.",
     [("50 million pounds", "50e6", None, "GBP", None)]),
    # a symbol after the amount, European style
    ("The ticket costs 500€.", [("500€", "500", None, "EUR", None)]),
    ("a 20bn € plan", [("20bn €", "20e9", None, "EUR", None)]),
    ("It costs 350 zł a month.", [("350 zł", "350", None, "PLN", None)]),
    # scraped text: invisible characters glued on, full-width signs
    ("capex of $5.5 billion\u200b in 2025", [("$5.5 billion", "5.5e9", None, "USD", None)]),
    ("＄5 billion", [("＄5 billion", "5e9", None, "USD", None)]),
    ("$5\u2009billion", [("$5\u2009billion", "5e9", None, "USD", None)]),
    # per-unit prices are figures
    ("H20 chips cost $12,000 each.", [("$12,000", "12000", None, "USD", None)]),
    ("The GPUs sell for $25,000 a piece.", [("$25,000", "25000", None, "USD", None)]),
    ("It offered HK$1.50 a share.", [("HK$1.50", "1.50", None, "HKD", None)]),
]


@pytest.mark.parametrize(("text", "expected"), FORMS)
def test_form(nlp: Language, text: str, expected: list[Row]) -> None:
    assert normalised(spans(nlp, text)) == normalised(expected)


NOT_MONEY = [
    "(US$1 = HK$7.8)",
    "(1 US dollar = 7.1 yuan)",
    "($1 = 0.9 euros)",
    "(€1 = $1.08)",
    "($1 = 7.2712 Chinese yuan renminbi)",
    "(1 yuan = $0.14)",
    "The rate was 7.3 yuan per dollar.",
    "The yuan weakened to 7.31 per dollar.",
    "USD/CNY rose to 7.25 and EUR/USD to 1.09.",
    "Margins rose 12.5% to 45%.",
    "It trained a model with 10 billion parameters.",
    "TikTok has 1 billion users.",
    "The campus will draw 2 GW of power.",
    "It ordered 5 million GPUs.",
    "The group has 300,000 employees.",
    "Capex over the 2025-2027 period will rise.",
    "Results for Q3 are due on Jan 23.",
    "Shares of Nvidia (NVDA.O) and Tencent (0700.HK) rose, as did Alibaba (9988.HK).",
    "Traders piled into $NVDA and $TSLA.",
    "George B. Smith and 5 B. Jones",
    "The 3 M. Sc. students",
    "The probe detected 5,200 pounds of water vapour.",
    "The bank sold 2 million yuan-denominated bonds.",
    "Converted at a rate of 1 USD to 7.1 CNY.",
    "At an exchange rate of $1 to 7.2 yuan.",
    "$1 equals 7.2 yuan, and $1 buys 150 yen.",
    "1 euro equals $1.08.",
    "It issued 3 billion dollar-linked notes.",
]


@pytest.mark.parametrize("text", NOT_MONEY)
def test_not_money(nlp: Language, text: str) -> None:
    assert spans(nlp, text) == []
