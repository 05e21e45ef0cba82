"""The year of every figure in whole, article-shaped texts (several paragraphs, end to end through
the public extractor): what a figure's year is when the text dates it in another sentence.

Each case is written for this file (no gold sentence copied) and covers one of the article-level
readings in gold/README.md ("Judgement calls"):

1. a later figure tied to a dated period takes its year: "in the quarter", "over the same
   period", "for the period", "for the full year", list lines under a dated heading, halves;
2. no year where the figure has no period, even with a year nearby: share prices, valuations,
   multi-year pledges and order books, a year that dates when something was said;
3. fiscal years ending in March ("fiscal 2025", "the year to March 2026");
4. a forecast revision "to B from A" shares the period named after it.
"""

from __future__ import annotations

import datetime

import pytest

from extract.pipeline import FigureExtractor


def year_by_text(extractor: FigureExtractor, text: str, published: datetime.date) -> dict[str, int | None]:
    figures = extractor.extract(text, published)
    texts = [figure.text for figure in figures]
    assert len(texts) == len(set(texts)), f"ambiguous amounts in the case: {texts}"
    return {figure.text: figure.year for figure in figures}


CASES = [
    # 1. a quarter named in the opening, referred back to in later paragraphs
    pytest.param(
        "SHENZHEN, Nov 12 (Reuters) - JD.com posted a 14% rise in third-quarter revenue on "
        "Wednesday as subsidies for home appliances lifted sales.\n"
        "Revenue came to 299.1 billion yuan in the quarter, ahead of the 296 billion yuan analysts "
        "had expected.\n"
        "Net income attributable to shareholders was 5.3 billion yuan over the same period.\n"
        "The retailer's shares closed 2% higher at HK$131.20 before the results.",
        datetime.date(2025, 11, 12),
        {"299.1 billion yuan": 2025, "296 billion yuan": 2025, "5.3 billion yuan": 2025, "HK$131.20": None},
        id="quarter-in-the-opening",
    ),
    # 1. "the three months to" a month, then "for the period" and "in the quarter"
    pytest.param(
        "Micron said revenue in the three months ending in November would be about $12.5bn.\n"
        "Analysts had forecast $11.9bn for the period, according to LSEG.\n"
        "Capital spending in the quarter is expected to reach $4.5bn, the company added.",
        datetime.date(2025, 9, 24),
        {"$12.5bn": 2025, "$11.9bn": 2025, "$4.5bn": 2025},
        id="months-ending-then-the-period",
    ),
    # 1. the full year of the quarter reported; a later year with no amount does not take it over
    pytest.param(
        "Google parent Alphabet reported fourth-quarter revenue of $113.8bn on Tuesday.\n"
        "Finance chief Anat Ashkenazi said capital spending for the full year would be about "
        "$91bn, and higher again in 2026.",
        datetime.date(2026, 2, 4),
        {"$113.8bn": 2025, "$91bn": 2025},
        id="full-year-after-fourth-quarter",
    ),
    # 1. "the current quarter" after a reported quarter is the one running at publication
    pytest.param(
        "CUPERTINO, Jan 29 (Reuters) - Apple posted record revenue of $143.8bn for the "
        "December quarter on Thursday.\n"
        "The iPhone maker expects sales in the current quarter to grow about 12%, to roughly "
        "$107bn, finance chief Kevan Parekh told analysts.",
        datetime.date(2026, 1, 29),
        {"$143.8bn": 2025, "$107bn": 2026},
        id="current-quarter-after-reported-quarter",
    ),
    # 1./2. a quarter's figures refer back; a rolling run of quarters and a stated year do not
    pytest.param(
        "JD.com said on Thursday that revenue grew 15% in the September quarter to 299 billion yuan.\n"
        "Capital expenditure in the three months was 9.8 billion yuan, and the company has spent "
        "about 35 billion yuan on logistics over the past four quarters.\n"
        "Last year, JD's full-year capex came to 22 billion yuan.",
        datetime.date(2025, 11, 13),
        {"299 billion yuan": 2025, "9.8 billion yuan": 2025, "35 billion yuan": None, "22 billion yuan": 2024},
        id="rolling-quarters-and-stated-year",
    ),
    # 1. a fiscal year stated once, then "for the year"
    pytest.param(
        "Infosys reported revenue of 1.63 trillion rupees for the year to March 2025, up 6%.\n"
        "The IT services company said its operating margin for the year was 21.1%, and that "
        "capital spending for the year came to 22 billion rupees, mostly on campuses.",
        datetime.date(2025, 4, 17),
        {"1.63 trillion rupees": 2025, "22 billion rupees": 2025},
        id="year-to-march-then-for-the-year",
    ),
    # 1. a dated heading announcing a list, one item a line
    pytest.param(
        "Xiaomi: fourth-quarter 2025 results\n"
        "BEIJING, March 24 - Xiaomi reported the following figures for the quarter:\n"
        "Revenue: 118 billion yuan, up 22% from a year earlier.\n"
        "Adjusted net profit: 8.9 billion yuan.\n"
        "Smart EV revenue: 31 billion yuan.\n"
        "Xiaomi's shares rose 4% to HK$55.30 in Hong Kong.",
        datetime.date(2026, 3, 24),
        {"118 billion yuan": 2025, "8.9 billion yuan": 2025, "31 billion yuan": 2025, "HK$55.30": None},
        id="dated-heading-list",
    ),
    # 1. a headline with the year, list lines under it (no colon after the headline)
    pytest.param(
        "Where the big spenders stand for 2026\n"
        "Oracle: about $50bn, on a fiscal-year basis.\n"
        "CoreWeave: $25bn to $30bn.\n"
        "xAI: roughly $18bn, according to people close to the company.\n"
        "Separately, Nvidia shares rose 2% to $190.",
        datetime.date(2026, 1, 12),
        {"$50bn": 2026, "$25bn to $30bn": 2026, "$18bn": 2026, "$190": None},
        id="headline-then-list-lines",
    ),
    # 1. a results box in one block: every line is the quarter's
    pytest.param(
        "NetEase third-quarter results in brief:\n"
        "Net revenue: 28.4 billion yuan\n"
        "Gross profit: 18.2 billion yuan\n"
        "Games revenue: 23.3 billion yuan, up 12% from a year earlier\n",
        datetime.date(2025, 11, 20),
        {"28.4 billion yuan": 2025, "18.2 billion yuan": 2025, "23.3 billion yuan": 2025},
        id="results-box",
    ),
    # 1. a half-year named first, "in the half" later
    pytest.param(
        "Prosus said trading profit rose in the first half of its financial year.\n"
        "Group revenue was $3.4bn in the half, helped by its food delivery businesses, while "
        "core headline earnings reached $1.9bn over the same period.",
        datetime.date(2025, 11, 24),
        {"$3.4bn": 2025, "$1.9bn": 2025},
        id="first-half-then-in-the-half",
    ),
    # 1. "the same period last year" is the year before, not the period referred to; the
    # figure compared with it is the quarter's (the sentence is tied by "the same period")
    pytest.param(
        "Kuaishou reported third-quarter revenue of 35.6 billion yuan on Wednesday.\n"
        "Its marketing revenue rose to 20.1 billion yuan, from 17.6 billion yuan in the same "
        "period last year.",
        datetime.date(2025, 11, 19),
        {"35.6 billion yuan": 2025, "20.1 billion yuan": 2025, "17.6 billion yuan": 2024},
        id="same-period-last-year",
    ),
    # 1. a "the quarter" with nothing dated before it stays without a year
    pytest.param(
        "Grab's adjusted EBITDA was $136 million for the quarter.\n"
        "The ride-hailing firm's shares fell 3% to $5.12 in New York.",
        datetime.date(2025, 8, 1),
        {"$136 million": None, "$5.12": None},
        id="undated-quarter-stays-null",
    ),
    # 2. share prices and a valuation next to "this year"
    pytest.param(
        "SK Hynix shares have doubled this year and closed at 412,000 won on Friday.\n"
        "The memory maker spent 29 trillion won on capex this year, analysts estimate.\n"
        "Its unlisted packaging unit was valued at 6 trillion won in a funding round this year.",
        datetime.date(2025, 11, 7),
        {"412,000 won": None, "29 trillion won": 2025, "6 trillion won": None},
        id="share-price-and-valuation",
    ),
    # 2. a year that dates when something was said
    pytest.param(
        "Oracle's order book has ballooned on AI demand.\n"
        "The Information reported in 2024 that OpenAI planned to rent $10bn of cloud capacity "
        "from Oracle.\n"
        "Chairman Larry Ellison said last year that the company's data centres would cost $40bn "
        "to build over the next decade.",
        datetime.date(2025, 9, 12),
        {"$10bn": None, "$40bn": None},
        id="year-dates-the-saying",
    ),
    # 2. a multi-year pledge, and a multi-year contract "starting in" a year
    pytest.param(
        "Meta will spend $600bn in the US by 2028, chief executive Mark Zuckerberg said.\n"
        "This year the company expects capex of $70bn.\n"
        "Separately, Meta signed a $14bn contract with CoreWeave for computing capacity over "
        "about six years starting in 2026.",
        datetime.date(2025, 10, 1),
        {"$600bn": None, "$70bn": 2025, "$14bn": None},
        id="multi-year-pledge-and-contract",
    ),
    # 2. a stock move in one clause, a spending plan "next year" in another
    pytest.param(
        "Oracle shares slumped 7 per cent on Thursday to $220.10, after the company said it would "
        "raise capital spending next year.\n"
        "Oracle now expects capex of $35bn next year, up from $25bn this year.",
        datetime.date(2025, 12, 11),
        {"$220.10": None, "$35bn": 2026, "$25bn": 2025},
        id="share-price-beside-next-year",
    ),
    # 3. a Japanese fiscal year named by its start, an Indian one by its end
    pytest.param(
        "TOKYO, May 9 - Sony expects operating profit of 1.28 trillion yen in fiscal 2025, which "
        "ends in March 2026.\n"
        "For fiscal 2024, Sony's operating profit was 1.41 trillion yen.\n"
        "In Mumbai, Wipro said revenue reached 890 billion rupees in the year to March 2025, and "
        "analysts expect 920 billion rupees in FY26.",
        datetime.date(2025, 5, 9),
        {"1.28 trillion yen": 2025, "1.41 trillion yen": 2024, "890 billion rupees": 2025, "920 billion rupees": 2026},
        id="fiscal-years-ending-in-march",
    ),
    # 3. "the fiscal year ending March 31, 2026" and "the current fiscal year" on the same date
    pytest.param(
        "Bharti Airtel plans to spend about 300 billion rupees in the fiscal year ending "
        "March 31, 2026, chief executive Gopal Vittal said.\n"
        "Over the same period, the carrier expects its African unit to spend $800 million.",
        datetime.date(2025, 5, 13),
        {"300 billion rupees": 2026, "$800 million": 2026},
        id="fiscal-year-ending-then-same-period",
    ),
    # 4. a forecast revision, new figure first, the period after both
    pytest.param(
        "TSMC raised its capital spending forecast to $42bn from $38bn for 2025, as AI demand "
        "outran its packaging capacity.\n"
        "Alphabet lifted its own estimate from $85bn to $91bn this year.",
        datetime.date(2025, 10, 29),
        {"$42bn": 2025, "$38bn": 2025, "$85bn": 2025, "$91bn": 2025},
        id="forecast-revision",
    ),
    # 4. "from A in one year to B in the next": each figure keeps the year on its own side
    pytest.param(
        "Morgan Stanley expects Alibaba's capex to climb from 120 billion yuan in 2025 to 150 "
        "billion yuan in 2026.\n"
        "The bank raised its estimate for Tencent's capex next year from 85 billion yuan to 95 "
        "billion yuan.",
        datetime.date(2025, 12, 1),
        {"120 billion yuan": 2025, "150 billion yuan": 2026, "85 billion yuan": 2026, "95 billion yuan": 2026},
        id="from-a-in-one-year-to-b-in-the-next",
    ),
    # 4. a change over a year is not a revision: the earlier figure keeps the earlier year
    pytest.param(
        "Baidu's cloud revenue rose to 6.2 billion yuan from 4.9 billion yuan a year earlier.\n"
        "The search group expects capex to climb to 15 billion yuan next year.",
        datetime.date(2025, 11, 18),
        {"6.2 billion yuan": None, "4.9 billion yuan": 2024, "15 billion yuan": 2026},
        id="change-from-a-year-earlier",
    ),
    # 1. "of that" after a sentence comparing two years ties to the figure compared
    pytest.param(
        "Tencent plans to lift capex to 110 billion yuan next year from about 90 billion yuan "
        "this year, people familiar with the plan said.\n"
        "Around 60 billion yuan of that is set aside for AI servers, one of them said.",
        datetime.date(2025, 12, 2),
        {"110 billion yuan": 2026, "90 billion yuan": 2025, "60 billion yuan": 2026},
        id="of-that-after-a-comparison",
    ),
    # 1. per-share figures of a comparison with the year before
    pytest.param(
        "In the second quarter, Meta's net income rose to $18.3bn, or $7.14 a share, from "
        "$13.5bn, or $5.16 a share, a year earlier.",
        datetime.date(2025, 7, 30),
        {"$18.3bn": 2025, "$7.14": 2025, "$13.5bn": 2024, "$5.16": 2024},
        id="per-share-year-earlier",
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), CASES)
def test_article_years(
    extractor: FigureExtractor, text: str, published: datetime.date, expected: dict[str, int | None]
) -> None:
    assert year_by_text(extractor, text, published) == expected
