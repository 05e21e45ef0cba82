"""Sentences written for the final round of context rules (not taken from any gold set), one
table per kind of error: each row is a short news paragraph and, for each figure in it, the
expected year, source and subject (gold/CONVENTIONS.md), run end to end through
``FigureExtractor``."""

from __future__ import annotations

import datetime

import pytest
from doc_builders import Expected, check_fields

from extract.pipeline import FigureExtractor

PUBLISHED = datetime.date(2025, 11, 20)

Row = tuple[str, list[tuple[str, int | None, str | None, str | None]]]

#: Attribution that is not a plain "said" right after the figure.
SOURCE_FORMS: list[Row] = [
    ("Morgan Stanley forecasts capex of $315bn/$367bn for 2025/26.",
     [("$315bn", 2025, "Morgan Stanley", None), ("$367bn", 2026, "Morgan Stanley", None)]),
    ("Goldman Sachs estimates spending of $200bn/$250bn for 2025/26.",
     [("$200bn", 2025, "Goldman Sachs", None), ("$250bn", 2026, "Goldman Sachs", None)]),
    ("Morgan Stanley now forecasts hyperscaler capex of $315bn/$367bn for 2025/26.",
     [("$315bn", 2025, "Morgan Stanley", None), ("$367bn", 2026, "Morgan Stanley", None)]),
    ("Morgan Stanley analysts estimate total AI capex at $315bn/$367bn in 2025/26.",
     [("$315bn", 2025, "Morgan Stanley analysts", None), ("$367bn", 2026, "Morgan Stanley analysts", None)]),
    ("Meta will spend $600 billion in the US. Axios reported the figures earlier on Tuesday, citing a memo.",
     [("$600 billion", None, "Axios", "Meta")]),
    ("Jefferies expects capex of $10bn/$12bn for 2025/26.",
     [("$10bn", 2025, "Jefferies", None), ("$12bn", 2026, "Jefferies", None)]),
    ("Oracle plans to spend $40 billion on data centres next year. The figures were reported by Bloomberg.",
     [("$40 billion", 2026, "Bloomberg", "Oracle")]),
    ("ByteDance will spend 160 billion yuan on capex in 2026. The plan was reported by the Financial Times on Tuesday.",
     [("160 billion yuan", 2026, "Financial Times", "ByteDance")]),
    ("Tencent will invest $5 billion in cloud. Reuters reported the plan first.",
     [("$5 billion", None, "Reuters", "Tencent")]),
    ("Amazon will spend $10 billion in Ohio. Reuters reported the numbers on Tuesday, citing people familiar "
     "with the matter.", [("$10 billion", None, "Reuters", "Amazon")]),
    ("Alibaba budgeted 50 billion yuan for subsidies. Reuters separately reported that Meituan would spend "
     "10 billion yuan.", [("50 billion yuan", None, None, "Alibaba"), ("10 billion yuan", None, "Reuters", "Meituan")]),
    ("Nvidia will invest $5 billion in Intel, Bloomberg separately reported.",
     [("$5 billion", None, "Bloomberg", "Nvidia")]),
    ("SoftBank valued the stake at $30 billion.", [("$30 billion", None, "SoftBank", "SoftBank")]),
    ("Jefferies analysts valued Alibaba Cloud at $100bn.", [("$100bn", None, "Jefferies analysts", "Alibaba Cloud")]),
    ("Some analysts valued the unit at $50bn.", [("$50bn", None, None, None)]),
    ("Jefferies values Alibaba's cloud unit at $100 billion.", [("$100 billion", None, "Jefferies", "Alibaba")]),
    ("Nvidia posted record results. Revenue rose to $57 billion, the company said in a filing on Monday, and "
     "profit reached $32 billion.", [("$57 billion", None, "Nvidia", "Nvidia"), ("$32 billion", None, "Nvidia", "Nvidia")]),
]

#: A valuation verb's subject is the source only when it values something named after it.
VALUATIONS: list[Row] = [
    ("A deal that values OpenAI at $500 billion was signed on Tuesday.", [("$500 billion", None, None, "OpenAI")]),
    ("OpenAI, valued at $500 billion, raised $40 billion.",
     [("$500 billion", None, None, "OpenAI"), ("$40 billion", None, None, "OpenAI")]),
    ("The round valued Anthropic at $183 billion.", [("$183 billion", None, None, "Anthropic")]),
]

#: Descriptions of the speaker resolve to the company named before.
DESCRIBED_SPEAKERS: list[Row] = [
    ("SK Hynix is investing in Yongin. Its capex will reach 30 trillion won, the Korean chipmaker said.",
     [("30 trillion won", None, "SK Hynix", "SK Hynix")]),
    ("Toshiba raised its outlook. Operating profit will reach 400 billion yen, the Japanese conglomerate said.",
     [("400 billion yen", None, "Toshiba", "Toshiba")]),
    ("Adani Group is expanding. It will spend $15 billion on ports, the Indian conglomerate added.",
     [("$15 billion", None, "Adani Group", "Adani Group")]),
    ("Tata Sons is expanding. It will invest $11 billion in a chip plant, the Indian conglomerate said.",
     [("$11 billion", None, "Tata Sons", "Tata Sons")]),
    ("LG Energy Solution signed a deal with Tesla. The Korean battery maker said the deal was worth $4.3 billion.",
     [("$4.3 billion", None, "LG Energy Solution", "LG Energy Solution")]),
    ("Samsung Electronics signed a deal with Nvidia. The Korean chipmaker said it would spend 20 trillion won.",
     [("20 trillion won", None, "Samsung Electronics", "Samsung Electronics")]),
]

#: A time after "according to a statement" is never the source.
STATEMENT_TIMES: list[Row] = [
    ("Alibaba will invest 380 billion yuan in AI, according to a statement on Tuesday.",
     [("380 billion yuan", None, "Alibaba", "Alibaba")]),
    ("The budget will reach 380 billion yuan, according to a statement on Tuesday.",
     [("380 billion yuan", None, None, None)]),
    ("Kioxia will invest 500 billion yen, according to a statement Tuesday.",
     [("500 billion yen", None, "Kioxia", "Kioxia")]),
    ("Kioxia will invest 500 billion yen, according to a statement late on Tuesday.",
     [("500 billion yen", None, "Kioxia", "Kioxia")]),
    ("The plant will cost 500 billion yen, according to a statement from Kioxia on Friday.",
     [("500 billion yen", None, "Kioxia", None)]),
]

#: Whose money: the seller, the holder, the recipient.
SUBJECT_FORMS: list[Row] = [
    ("SoftBank sold a stake in Nvidia for $5.8 billion.", [("$5.8 billion", None, None, "SoftBank")]),
    ("Toyota sold shares in Denso for 300 billion yen.", [("300 billion yen", None, None, "Toyota")]),
    ("SoftBank bought 10 million shares of Nvidia for $1 billion.", [("$1 billion", None, None, "SoftBank")]),
    ("Shares in Denso rose to 3,000 yen.", [("3,000 yen", None, None, "Denso")]),
    ("Microsoft's stake in OpenAI is worth $135 billion.", [("$135 billion", None, None, "Microsoft")]),
    ("Intel has received $7.9 billion in federal grants under the Chips Act.",
     [("$7.9 billion", None, None, "Intel")]),
    ("Rapidus has received 1.7 trillion yen in government subsidies.", [("1.7 trillion yen", None, None, "Rapidus")]),
    ("Northvolt received $5 billion in state funding last year.", [("$5 billion", 2024, None, "Northvolt")]),
    ("Northvolt, the Swedish battery maker, has received $5 billion in state aid.", [("$5 billion", None, None, "Northvolt")]),
    ("TSMC has received NT$20 billion in subsidies from Japan.", [("NT$20 billion", None, None, "TSMC")]),
    ("John Smith, the chief executive, said revenue was $5 billion.", [("$5 billion", None, "John Smith", None)]),
]

#: An outlook speaks for its own clause, not for another clause with its own subject and verb.
OWN_CLAUSES: list[Row] = [
    ("Intel expects revenue of $13 billion for the year, while its foundry unit lost $2 billion in the quarter.",
     [("$13 billion", 2025, "Intel", "Intel"), ("$2 billion", None, None, "Intel")]),
    ("Meta expects capex of $70 billion for the year, while Microsoft spent $35 billion in the quarter.",
     [("$70 billion", 2025, "Meta", "Meta"), ("$35 billion", None, None, "Microsoft")]),
    ("Meta said it would spend $65 billion, while profit fell to $2 billion.",
     [("$65 billion", None, "Meta", "Meta"), ("$2 billion", None, "Meta", "Meta")]),
]

#: A company named in the figure's own paragraph comes before one from the paragraph above.
PARAGRAPHS: list[Row] = [
    ("Samsung Electronics raised its budget on Monday.\n\nLG Energy Solution is expanding in Arizona. The Korean "
     "battery maker will spend $2 billion on the plant.", [("$2 billion", None, None, "LG Energy Solution")]),
    ("Tencent will raise spending.\n\nThe Shenzhen-based group spent 20 billion yuan in the quarter.",
     [("20 billion yuan", None, None, "Tencent")]),
    ("Alibaba raised its budget on Monday.\n\nKioxia is expanding in Iwate. The chipmaker will spend 500 billion "
     "yen on the plant.", [("500 billion yen", None, None, "Kioxia")]),
    ("Samsung Electronics raised its budget on Monday.\n\nLG Energy Solution is expanding in Arizona. Spending will "
     "reach $2 billion, the Korean battery maker said.", [("$2 billion", None, "LG Energy Solution", "LG Energy Solution")]),
]

#: A described speaker in a new paragraph: the one company named before whose nationality fits.
ACROSS_PARAGRAPHS: list[Row] = [
    ("Tata Sons unveiled a chip plan on Monday.\n\nInvestment will reach $11 billion, the Indian conglomerate said.",
     [("$11 billion", None, "Tata Sons", "Tata Sons")]),
    ("Hitachi unveiled a plan on Monday.\n\nInvestment will reach 1 trillion yen, the Japanese conglomerate said.",
     [("1 trillion yen", None, "Hitachi", "Hitachi")]),
]

ROWS = ACROSS_PARAGRAPHS + PARAGRAPHS + OWN_CLAUSES + SOURCE_FORMS + VALUATIONS + DESCRIBED_SPEAKERS + STATEMENT_TIMES + SUBJECT_FORMS


def _check(extractor: FigureExtractor, text: str, expected: Expected,
           fields: tuple[str, ...] = ("year", "source", "subject")) -> None:
    check_fields(extractor.extract(text, PUBLISHED), expected, fields)


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_source_and_subject(extractor: FigureExtractor, text: str, expected) -> None:
    _check(extractor, text, expected, ("source", "subject"))


# the second year of a slash pair is the year stage's (extract/context/year/), not checked here
@pytest.mark.parametrize(("text", "expected"), [row for row in ROWS if "2025/26" not in row[0]])
def test_year(extractor: FigureExtractor, text: str, expected) -> None:
    _check(extractor, text, expected, ("year",))
