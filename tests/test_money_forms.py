"""Every way of writing money the extractor must read, and the look-alikes it must leave alone.

Each row is (text, expected figures); a figure is (amount, amount_high, currency). Amounts are
strings so the table reads like the text ("150e9"), and are compared as exact ``Decimal``.
"""

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


def read(nlp: Language, text: str) -> list[tuple[Decimal, Decimal | None, str]]:
    doc = nlp(text)
    return [(s._.amount, s._.amount_high, s._.currency) for s in doc.spans[MONEY_SPANS]]


def D(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


SINGLE_AMOUNTS = [
    ("$7B", "7e9", "USD"),
    ("$55.7bn", "55.7e9", "USD"),
    ("US$20 billion", "20e9", "USD"),
    ("USD 23 billion", "23e9", "USD"),
    ("23 billion U.S. dollars", "23e9", "USD"),
    ("23 billion US dollars", "23e9", "USD"),
    ("70 billion dollars", "70e9", "USD"),
    ("Rmb150bn", "150e9", "CNY"),
    ("RMB 160 billion", "160e9", "CNY"),
    ("CNY160 billion", "160e9", "CNY"),
    ("CN¥76.8 billion", "76.8e9", "CNY"),
    ("160bn yuan", "160e9", "CNY"),
    ("40 billion Rmb", "40e9", "CNY"),
    ("40 billion renminbi", "40e9", "CNY"),
    ("40 billion Chinese yuan", "40e9", "CNY"),
    ("ByteDance will spend ¥200bn", "200e9", "CNY"),
    ("SoftBank will spend ¥200bn", "200e9", "JPY"),
    ("The yen-denominated deal is worth ¥200bn", "200e9", "JPY"),
    ("€1bn", "1e9", "EUR"),
    ("1 billion euros", "1e9", "EUR"),
    ("£8bn", "8e9", "GBP"),
    ("HK$3.9 billion", "3.9e9", "HKD"),
    ("3.9 billion Hong Kong dollars", "3.9e9", "HKD"),
    ("S$2.5 billion", "2.5e9", "SGD"),
    ("RM29.5 billion", "29.5e9", "MYR"),
    ("10 billion ringgit", "10e9", "MYR"),
    ("126.8 billion baht", "126.8e9", "THB"),
    ("50 billion reais", "50e9", "BRL"),
    ("$12,000", "12000", "USD"),
    ("US$600m", "600e6", "USD"),
    ("$1.5-billion", "1.5e9", "USD"),
    ("124m yuan", "124e6", "CNY"),
    ("$5.3 trillion", "5.3e12", "USD"),
    ("$3tn", "3e12", "USD"),
    ("$10k", "10e3", "USD"),
    ("$40mn", "40e6", "USD"),
    ("seventy billion yuan", "70e9", "CNY"),
    ("two hundred million dollars", "200e6", "USD"),
    ("a billion dollars", "1e9", "USD"),
    ("twenty-five million euros", "25e6", "EUR"),
    ("one hundred and twenty-five million euros", "125e6", "EUR"),
    ("INR 5,000 crore", "5e10", "INR"),
    ("₹500 crore", "5e9", "INR"),
    ("Rs 20 lakh", "2e6", "INR"),
    ("A$5m", "5e6", "AUD"),
    ("C$3bn", "3e9", "CAD"),
    ("NT$10bn", "10e9", "TWD"),
    ("₩500bn", "500e9", "KRW"),
    ("300 billion won", "300e9", "KRW"),
    ("5 billion yen", "5e9", "JPY"),
    ("1 trillion rupees", "1e12", "INR"),
    ("2 billion pounds", "2e9", "GBP"),
    ("2 billion pounds sterling", "2e9", "GBP"),
    ("1.2 billion sterling", "1.2e9", "GBP"),
    ("( $5.62 billion )", "5.62e9", "USD"),
    ("a $10 billion data centre", "10e9", "USD"),
    ("more than $100bn", "100e9", "USD"),
    ("$1,234.5", "1234.5", "USD"),
    ("half a billion dollars", "0.5e9", "USD"),
    ("a 10-billion-dollar deal", "10e9", "USD"),
    ("a dividend of 50 cents a share", "0.5", "USD"),
    ("Rs500cr", "5e9", "INR"),
    ("USD$5bn", "5e9", "USD"),
    ("US $600m", "600e6", "USD"),
    ("$5\u00a0billion", "5e9", "USD"),
    ("Rs 1.2 lakh crore", "1.2e12", "INR"),
    ("Rs 10 thousand crore", "1e11", "INR"),
    ("capex of $600bn+ across the hyperscalers", "600e9", "USD"),
    ("RM1.2bil", "1.2e9", "MYR"),
    ("RM500mil", "500e6", "MYR"),
    ("3 trln yen", "3e12", "JPY"),
]


@pytest.mark.parametrize(("text", "amount", "currency"), SINGLE_AMOUNTS)
def test_single_amount(nlp: Language, text: str, amount: str, currency: str) -> None:
    assert read(nlp, text) == [(Decimal(amount), None, currency)]


RANGES = [
    ("between $60 billion and $65 billion", "60e9", "65e9", "USD"),
    ("between $20bn and $25bn", "20e9", "25e9", "USD"),
    ("$60 billion to $65 billion", "60e9", "65e9", "USD"),
    ("between $115 billion to $135 billion", "115e9", "135e9", "USD"),
    ("$70-72 billion", "70e9", "72e9", "USD"),
    ("$66–72 billion", "66e9", "72e9", "USD"),
    ("$175–$185 billion", "175e9", "185e9", "USD"),
    ("RMB80- 100bn", "80e9", "100e9", "CNY"),
    ("USD 30 to USD 37 billion", "30e9", "37e9", "USD"),
    ("$2.5bn-$3bn", "2.5e9", "3e9", "USD"),
    ("$500m-$1bn", "500e6", "1e9", "USD"),
    ("30 to 37 billion yuan", "30e9", "37e9", "CNY"),
    ("between 30 and 37 billion yuan", "30e9", "37e9", "CNY"),
    ("$70-72", "70", "72", "USD"),
    ("$20 billion-$25 billion", "20e9", "25e9", "USD"),
    ("RMB80-RMB100bn", "80e9", "100e9", "CNY"),
    ("$70bn–$72bn", "70e9", "72e9", "USD"),
    ("between 100,000 yuan and 110,000 yuan", "100000", "110000", "CNY"),
    ("Rmb100bn-150bn", "100e9", "150e9", "CNY"),
    ("USD 1.5-2 billion", "1.5e9", "2e9", "USD"),
]


@pytest.mark.parametrize(("text", "low", "high", "currency"), RANGES)
def test_range_is_one_figure(nlp: Language, text: str, low: str, high: str, currency: str) -> None:
    assert read(nlp, text) == [(Decimal(low), Decimal(high), currency)]


def test_slash_pair_is_two_figures_with_two_claims(nlp: Language) -> None:
    doc = nlp("Capex of $315bn/$367bn in '25/'26.")
    spans = list(doc.spans[MONEY_SPANS])
    assert [(s._.amount, s._.amount_high, s._.currency) for s in spans] == [
        (Decimal("315e9"), None, "USD"),
        (Decimal("367e9"), None, "USD"),
    ]
    assert spans[0]._.claim != spans[1]._.claim


def test_slash_pair_with_codes(nlp: Language) -> None:
    assert read(nlp, "Tencent capex of Rmb90bn/Rmb110bn in 2025/2026") == [
        (Decimal("90e9"), None, "CNY"),
        (Decimal("110e9"), None, "CNY"),
    ]


def test_scale_written_once_after_a_pair(nlp: Language) -> None:
    assert read(nlp, "it spent $20 and $25 billion in the two years") == [
        (Decimal("20e9"), None, "USD"),
        (Decimal("25e9"), None, "USD"),
    ]


def test_chain_of_equivalents_shares_one_claim(nlp: Language) -> None:
    doc = nlp("It will spend 150 billion yuan (US$20.64 billion or RM91.46 billion) this year, "
              "after $10bn last year.")
    spans = list(doc.spans[MONEY_SPANS])
    assert [(s._.amount, s._.currency) for s in spans] == [
        (Decimal("150e9"), "CNY"),
        (Decimal("20.64e9"), "USD"),
        (Decimal("91.46e9"), "MYR"),
        (Decimal("10e9"), "USD"),
    ]
    assert spans[0]._.claim == spans[1]._.claim == spans[2]._.claim
    assert spans[3]._.claim != spans[0]._.claim


def test_equivalent_after_comma_or_shares_claim(nlp: Language) -> None:
    doc = nlp("a budget of Rmb150bn, or about $21bn, for chips")
    spans = list(doc.spans[MONEY_SPANS])
    assert len(spans) == 2 and spans[0]._.claim == spans[1]._.claim
    assert spans[1]._.qualifier == "about"


@pytest.mark.parametrize(
    "text",
    [
        "Rmb 10bn (US$1.4bn; €1.3bn)",
        "Rmb10bn, equivalent to $1.4bn, and €1.3bn",
        "Rmb10bn, roughly $1.4bn",
        "Sony will spend ¥1.2tn ($8bn)",
    ],
)
def test_restated_in_another_currency_is_one_claim(nlp: Language, text: str) -> None:
    doc = nlp(text)
    claims = [s._.claim for s in doc.spans[MONEY_SPANS]]
    assert len(claims) >= 2 and claims[0] == claims[1]


def test_list_of_amounts_in_other_currencies_is_not_one_claim(nlp: Language) -> None:
    doc = nlp("It raised Rmb5bn to $2bn; then €1bn, $3bn")
    claims = [s._.claim for s in doc.spans[MONEY_SPANS]]
    assert len(claims) == 4 and len(set(claims)) == 4


def test_two_amounts_in_one_currency_are_two_claims(nlp: Language) -> None:
    doc = nlp("Alibaba ($53bn) and Tencent ($40bn) also spend")
    spans = list(doc.spans[MONEY_SPANS])
    assert len(spans) == 2 and spans[0]._.claim != spans[1]._.claim


def test_hard_line_break_inside_an_amount(nlp: Language) -> None:
    text = "ByteDance plans to spend 160 billion\nyuan ($22 billion) on AI\ninfrastructure."
    assert read(nlp, text) == [(Decimal("160e9"), None, "CNY"), (Decimal("22e9"), None, "USD")]


def test_ticker_noise_does_not_hide_the_amount(nlp: Language) -> None:
    text = "Nvidia ( NVDA ) sold chips worth ( $5.62 billion ) to Chinese firms."
    assert read(nlp, text) == [(Decimal("5.62e9"), None, "USD")]


def test_from_to_is_a_change_not_a_range(nlp: Language) -> None:
    assert read(nlp, "raised its forecast from $60bn to $75bn") == [
        (Decimal("60e9"), None, "USD"),
        (Decimal("75e9"), None, "USD"),
    ]


QUALIFIED = [
    ("about $20bn", "about"),
    ("around 150 billion yuan", "around"),
    ("roughly $7B", "roughly"),
    ("approximately $7B", "approximately"),
    ("nearly $7B", "nearly"),
    ("almost $7B", "almost"),
    ("more than $100bn", "more than"),
    ("over $100bn", "over"),
    ("less than $1bn", "less than"),
    ("up to $7B", "up to"),
    ("as much as Rmb160bn", "as much as"),
    ("at least $5bn", "at least"),
    ("at most $5bn", "at most"),
    ("an estimated $12bn", "an estimated"),
    ("some $12bn", "some"),
    ("close to $12bn", "close to"),
    ("$12bn", None),
    ("a $10 billion plan", None),
    ("More Than $100bn", "more than"),
    ("in the region of $5bn", "in the region of"),
    ("is likely to exceed US$20 billion", "exceed"),
    ("revenue will top $13 billion", "top"),
    ("value climbed past $3.5 trillion", "past"),
    ("capex topped $30bn", "top"),
]


@pytest.mark.parametrize(("text", "qualifier"), QUALIFIED)
def test_qualifier(nlp: Language, text: str, qualifier: str | None) -> None:
    doc = nlp(text)
    spans = list(doc.spans[MONEY_SPANS])
    assert len(spans) == 1
    assert spans[0]._.qualifier == qualifier


NOT_MONEY = [
    "7.5 billion parameters",
    "a model trained on 36 trillion tokens",
    "TikTok has 1.5 billion users",
    "ByteDance has 150,000 employees",
    "data centres drawing 2 gigawatts",
    "revenue grew 20% to a record",
    "shares trade at 30x earnings",
    "in 2025 and 2026",
    "on Jan 23, 2026",
    "the $ sign",
    "($1 = 7.2712 Chinese yuan)",
    "(1 euro = $1.08)",
    "$1 = 7.1 yuan",
    "at 7.1 yuan per dollar",
    "the yuan traded at 7.2 to the U.S. dollar",
    "Samsung in 2021 won a contract",
    "USDC and RMBS are not currencies here",
    "H20 and B200 chips",
    "GBP/USD 1.27 and USD/CNY 7.12 at the close",
    "Nasdaq 100 and S&P 500 rose",
    "Biden, who at 78 won the election",
    "the Hong Kong SAR 2025 policy address",
    "TIKTOK WILL TRY 3 TIMES",
    "The dollar rose to 7.30 yuan.",
    "The euro traded at $1.08 on Monday.",
    "One dollar bought 7.3 yuan.",
    "The offshore yuan weakened to 7.35 per dollar.",
]


@pytest.mark.parametrize("text", NOT_MONEY)
def test_not_money(nlp: Language, text: str) -> None:
    assert read(nlp, text) == []


def test_a_price_after_a_currency_move_is_still_money(nlp: Language) -> None:
    assert read(nlp, "The yuan rose, and H20 prices fell to 100,000 yuan.") == [
        (Decimal("100000"), None, "CNY")
    ]


def test_footnote_leaves_the_real_figure(nlp: Language) -> None:
    text = "ByteDance plans 160 billion yuan of capex. ($1 = 7.2712 Chinese yuan)"
    assert read(nlp, text) == [(Decimal("160e9"), None, "CNY")]


def test_rule_name_is_recorded(nlp: Language) -> None:
    doc = nlp("Rmb150bn and between $60bn and $65bn and 160bn yuan")
    spans = list(doc.spans[MONEY_SPANS])
    assert [s._.money_rule for s in spans] == [
        "symbol_number_scale",
        "range_between_and",
        "number_scale_currency_word",
    ]


def test_span_text_is_the_amount_as_written(nlp: Language) -> None:
    doc = nlp("plans between $60 billion and $65 billion in capex")
    (span,) = doc.spans[MONEY_SPANS]
    assert span.text == "$60 billion and $65 billion"


#: Whole news sentences written for these tests (not taken from the gold set), each with every
#: figure it holds, in order: the forms above inside real prose, with its distractions.
NEWS_SENTENCES = [
    (
        "BEIJING, Jan 23 (Reuters) - ByteDance has earmarked 160 billion yuan ($22 billion) for "
        "capital expenditure in 2026, up from 150 billion yuan this year, two people said.",
        [("160e9", None, "CNY"), ("22e9", None, "USD"), ("150e9", None, "CNY")],
    ),
    (
        "Meta now expects 2025 capital expenditures, including principal payments on finance "
        "leases, to be in the range of $66-72 billion, compared with its prior outlook of "
        "$64-72 billion.",
        [("66e9", "72e9", "USD"), ("64e9", "72e9", "USD")],
    ),
    (
        "Alphabet raised its capex forecast by $10bn to $85bn for the year.",
        [("10e9", None, "USD"), ("85e9", None, "USD")],
    ),
    (
        "The TikTok owner plans to spend roughly $12 billion on AI chips, of which about "
        "40 billion yuan ($5.5 billion) is budgeted for semiconductor purchases in China.",
        [("12e9", None, "USD"), ("40e9", None, "CNY"), ("5.5e9", None, "USD")],
    ),
    (
        "Nvidia sold its H20 chips for about $12,000 each, while the H100 fetched up to "
        "$30,000 on the grey market, according to analysts.",
        [("12000", None, "USD"), ("30000", None, "USD")],
    ),
    (
        "SoftBank posted a net profit of ¥2.5tn in the quarter, boosted by its OpenAI stake.",
        [("2.5e12", None, "JPY")],
    ),
    (
        "Tencent's capital expenditure fell 24% to 13.9 billion yuan in the first quarter, "
        "versus analysts' estimates of Rmb20bn.",
        [("13.9e9", None, "CNY"), ("20e9", None, "CNY")],
    ),
    (
        "The company, valued at more than $300bn in a share buyback, employs 150,000 people and "
        "has 4 billion monthly users.",
        [("300e9", None, "USD")],
    ),
    (
        "Microsoft will invest A$5 billion in Australia and C$19 billion in Canada over the next "
        "four years.",
        [("5e9", None, "AUD"), ("19e9", None, "CAD")],
    ),
    (
        "ByteDance will invest 8.8 billion ringgit ($2.1 billion) in an AI hub in Johor, the "
        "trade minister said.",
        [("8.8e9", None, "MYR"), ("2.1e9", None, "USD")],
    ),
    (
        "The data centre in Thailand will cost 126.8 billion baht (about $3.8 billion) and draw "
        "300 megawatts.",
        [("126.8e9", None, "THB"), ("3.8e9", None, "USD")],
    ),
    (
        "Oracle's remaining performance obligations rose to $455 billion, and it expects cloud "
        "revenue of $18bn this fiscal year, rising to $144bn in four years.",
        [("455e9", None, "USD"), ("18e9", None, "USD"), ("144e9", None, "USD")],
    ),
    (
        "Analysts at Jefferies see capex of between Rmb 100 billion and Rmb 120 billion, "
        "implying a 7.5 billion parameter model budget is small.",
        [("100e9", "120e9", "CNY")],
    ),
    (
        "Amazon is spending\nmore than $100 billion this year, Jassy said.",
        [("100e9", None, "USD")],
    ),
    (
        "Reliance will invest INR 75,000 crore (about $9 billion) in the project.",
        [("7.5e11", None, "INR"), ("9e9", None, "USD")],
    ),
    (
        "Samsung plans to spend 450 trillion won, or about $310 billion, through 2030.",
        [("450e12", None, "KRW"), ("310e9", None, "USD")],
    ),
    (
        "The European Commission fined the company €2.4bn, about £2bn.",
        [("2.4e9", None, "EUR"), ("2e9", None, "GBP")],
    ),
    (
        "Shares rose 3.1% to HK$602.5 and the company bought back HK$80 billion of stock in 2024.",
        [("602.5", None, "HKD"), ("80e9", None, "HKD")],
    ),
    (
        "($1 = 7.1772 Chinese yuan renminbi) ($1 = 0.8571 euros) ($1 = 151.2 yen)",
        [],
    ),
    (
        "The yuan was quoted at 7.12 per dollar and the yen at 151 to the dollar on Tuesday.",
        [],
    ),
    (
        "It trained the 671-billion-parameter model on 14.8 trillion tokens using 2,048 GPUs.",
        [],
    ),
    (
        "Capex is expected to reach $315bn/$367bn in '25/'26, Morgan Stanley said.",
        [("315e9", None, "USD"), ("367e9", None, "USD")],
    ),
    (
        "The startup raised $2 billion at a $30 billion valuation in March 2025.",
        [("2e9", None, "USD"), ("30e9", None, "USD")],
    ),
    (
        "A 10% stake was sold for 1.2 billion U.S. dollars.",
        [("1.2e9", None, "USD")],
    ),
    (
        "THE TIKTOK OWNER WILL SPEND 160 BILLION YUAN ON AI",
        [("160e9", None, "CNY")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), NEWS_SENTENCES)
def test_news_sentence(
    nlp: Language, text: str, expected: list[tuple[str, str | None, str]]
) -> None:
    assert read(nlp, text) == [(Decimal(a), D(h), c) for a, h, c in expected]


@pytest.mark.parametrize("module_name", ["extract.money.numbers", "extract.money.currencies"])
def test_docstring_examples_hold(module_name: str) -> None:
    """The examples in the number and currency docstrings are part of the rules' documentation."""
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module_name))
    assert result.attempted > 0 and result.failed == 0


def _docstring_examples(build: object) -> list[str]:
    """The quoted examples after "Examples:" in a pattern function's docstring."""
    import re

    doc = (getattr(build, "__doc__", None) or "").split("Examples", 1)[-1].split(":", 1)[-1]
    return re.findall(r'"([^"]+)"', doc.split("\n\n")[0].replace("\n", " "))


def _all_examples() -> list[tuple[str, str]]:
    from extract.money.patterns import PATTERNS

    return [(name, example) for name, build in PATTERNS.items() for example in _docstring_examples(build)]


@pytest.mark.parametrize(("rule", "example"), _all_examples())
def test_each_pattern_finds_its_documented_examples(nlp: Language, rule: str, example: str) -> None:
    """Every example a pattern's docstring gives is found whole, by that pattern. Words in
    brackets are context the rule needs but does not keep ("50p [a share]")."""
    import re

    doc = nlp(example.replace("[", "").replace("]", ""))
    spans = list(doc.spans[MONEY_SPANS])
    expected_text = re.sub(r"\s*\[[^]]*\]", "", example).removeprefix("between ")
    assert [(s.text, s._.money_rule) for s in spans] == [(expected_text, rule)]


def test_every_pattern_documents_examples() -> None:
    from extract.money.patterns import PATTERNS

    assert all(len(_docstring_examples(build)) >= 3 for build in PATTERNS.values())


@pytest.mark.parametrize(
    ("text", "amount", "currency", "written"),
    [
        ("The unit raised $450m.", "450e6", "USD", "$450m"),
        ("It paid US$450 m.", "450e6", "USD", "US$450 m"),
        ("It spent €3m. Then it stopped.", "3e6", "EUR", "€3m"),
        ("The budget is $7B.", "7e9", "USD", "$7B"),
        ("The round raised $7M.", "7e6", "USD", "$7M"),
        ("A seed round of $45k.", "45e3", "USD", "$45k"),
        ("Capex reached Rmb150bn.", "150e9", "CNY", "Rmb150bn"),
        ("The budget is $7 B. The board agreed.", "7e9", "USD", "$7 B"),
        ("It raised US$ 20 M. Shares rose.", "20e6", "USD", "US$ 20 M"),
    ],
)
def test_scale_before_a_full_stop(nlp: Language, text: str, amount: str, currency: str, written: str) -> None:
    """A sentence-final full stop is not part of the scale: "m." and "k." are not abbreviations here."""
    doc = nlp(text)
    [span] = doc.spans[MONEY_SPANS]
    assert (span._.amount, span._.currency, span.text) == (Decimal(amount), currency, written)


def test_slash_pair_of_currency_words(nlp: Language) -> None:
    """"120bn yuan/150bn yuan": the slash between a currency word and the next number is cut."""
    assert read(nlp, "Capex will be 120bn yuan/150bn yuan in 2025/2026.") == [
        (Decimal("120e9"), None, "CNY"),
        (Decimal("150e9"), None, "CNY"),
    ]
    assert read(nlp, "the COVID/19 era and a 24/7 news desk") == []
