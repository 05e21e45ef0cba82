"""The kinds of error issue 10 found on published reporting, one section per class, each with
sentences written for these tests (none is copied from a gold set).

Sentences and list items; the company an article is about; attribution frames; years bounded by
their clause, fiscal calendars, targets and events; what a figure measures.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from extract.evaluation import names_match
from extract.figure import Figure
from extract.pipeline import FigureExtractor

PUBLISHED = datetime.date(2026, 5, 20)


def figures(extractor: FigureExtractor, text: str, published: datetime.date = PUBLISHED) -> dict[str, Figure]:
    """The figures of ``text`` by the amount as written (each written once in these tests)."""
    found = extractor.extract(text, published)
    by_text = {figure.text: figure for figure in found}
    assert len(by_text) == len(found), "a test text writes each amount once"
    return by_text


# ---------------------------------------------------------------- sentences and list items


def test_approx_does_not_end_a_sentence(extractor: FigureExtractor) -> None:
    text = "Nebula Cloud will spend 90bn yen (approx. US$600m) on servers in 2026."
    found = figures(extractor, text)
    assert found["US$600m"].sentence == text
    assert found["US$600m"].year == found["90bn yen"].year == 2026


@pytest.mark.parametrize("abbreviation", ["approx.", "est.", "incl."])
def test_abbreviations_that_never_end_a_sentence(extractor: FigureExtractor, abbreviation: str) -> None:
    text = f"Orbital Data put the total at $2bn ({abbreviation} Capex for the new site) in 2025."
    assert figures(extractor, text)["$2bn"].sentence == text


def test_a_list_line_without_a_full_stop_is_a_sentence(extractor: FigureExtractor) -> None:
    text = (
        "Highlights\n"
        "- Revenue at Lenovo rose 9% to $17.2 billion\n"
        "- Lenovo plans to spend $2.5 billion on servers in 2027\n"
    )
    found = figures(extractor, text)
    assert found["$17.2 billion"].sentence == "- Revenue at Lenovo rose 9% to $17.2 billion"
    assert found["$17.2 billion"].year is None  # 2027 is the next item's, not this one's
    assert found["$2.5 billion"].year == 2027


def test_bullets_inline_start_items_and_their_capital_is_a_cue(extractor: FigureExtractor) -> None:
    text = "Key numbers\n  • Capex $4.1B, a record.  • Revenue $9.8B, above guidance."
    found = figures(extractor, text)
    assert found["$9.8B"].sentence == "• Revenue $9.8B, above guidance."
    assert found["$9.8B"].metric == "revenue"
    assert found["$4.1B"].metric == "capex"


# ---------------------------------------------------------------- the company an article is about


def test_the_company_resolves_across_paragraphs(extractor: FigureExtractor) -> None:
    text = (
        "Lenovo reported quarterly results on Thursday, beating forecasts.\n\n"
        "The company spent 2.1 billion yuan on new plants in the quarter."
    )
    assert figures(extractor, text)["2.1 billion yuan"].subject == "Lenovo"


def test_a_bare_figure_is_the_article_companys(extractor: FigureExtractor) -> None:
    text = (
        "Xiaomi Corp reported quarterly results on Monday. Xiaomi said demand for its electric "
        "cars stayed strong.\n\n"
        "Operating profit rose 8% to 6.2 billion yuan.\n\n"
        "Capital expenditure climbed to 4.4 billion yuan."
    )
    found = figures(extractor, text)
    assert found["6.2 billion yuan"].subject == "Xiaomi"
    assert found["4.4 billion yuan"].subject == "Xiaomi"


def test_we_in_a_companys_quote_is_the_company(extractor: FigureExtractor) -> None:
    text = (
        "Alphabet raised its spending plans on Tuesday.\n\n"
        '"We expect to invest about $40 billion in data centres next year," the chief executive said.'
    )
    assert figures(extractor, text)["$40 billion"].subject == "Alphabet"


def test_no_article_company_for_an_industry_total(extractor: FigureExtractor) -> None:
    text = (
        "Meta Platforms said it would raise spending. Meta shares rose.\n\n"
        "He estimates that the five largest cloud providers will spend a combined $610 billion this year."
    )
    assert figures(extractor, text)["$610 billion"].subject is None


def test_two_companies_named_alike_make_no_article_company(extractor: FigureExtractor) -> None:
    text = (
        "Samsung and SK Hynix both reported results. Samsung gained and SK Hynix fell.\n\n"
        "Operating profit reached 12 trillion won."
    )
    assert figures(extractor, text)["12 trillion won"].subject is None


def test_companies_investing_together_are_no_single_subject(extractor: FigureExtractor) -> None:
    text = "Nokia and Ericsson will together invest €2 billion in a research hub in Finland."
    assert figures(extractor, text)["€2 billion"].subject is None


@pytest.mark.parametrize("opening", ["R&D spending reached", "Management raised its budget to"])
def test_a_capitalised_finance_word_is_no_company(extractor: FigureExtractor, opening: str) -> None:
    text = f"Kuaishou reported quarterly results on Tuesday.\n{opening} 3.5 billion yuan in the quarter."
    assert figures(extractor, text)["3.5 billion yuan"].subject == "Kuaishou"


def test_a_figure_amount_stays_exact(extractor: FigureExtractor) -> None:
    """The article-level rules change context only, never the amount read."""
    found = figures(extractor, "Lenovo said it spent 2.1 billion yuan.\n\nThe company added $300m.")
    assert found["2.1 billion yuan"].amount == Decimal("2.1e9") and found["$300m"].amount == Decimal("3e8")


# ---------------------------------------------------------------- attribution frames


@pytest.mark.parametrize(
    ("text", "amount", "source"),
    [
        ("Meta's finance chief Susan Li explained that capital spending would reach $70 billion in 2026.",
         "$70 billion", "Susan Li"),
        ("Jefferies believes Tencent will lift its capex to 90 billion yuan next year.", "90 billion yuan",
         "Jefferies"),
        ("A Morgan Stanley note summarizes that Baidu spent 11 billion yuan on servers in 2025.",
         "11 billion yuan", "Morgan Stanley"),
        ("Oracle anticipates total revenue of $67 billion for the fiscal year.", "$67 billion", "Oracle"),
    ],
)
def test_verbs_of_explaining_believing_summing_up(extractor: FigureExtractor, text: str, amount: str,
                                                   source: str) -> None:
    # as matched by ``capexwatch eval`` ("Meta's finance chief Susan Li" ~ "Susan Li")
    assert names_match(source, figures(extractor, text)[amount].source)


def test_inverted_attribution_with_a_dated_report(extractor: FigureExtractor) -> None:
    text = "Baidu will invest 12 billion yuan in chips this year, said a March report from Huatai Securities."
    assert figures(extractor, text)["12 billion yuan"].source == "Huatai Securities"


def test_inverted_attribution_without_a_comma(extractor: FigureExtractor) -> None:
    text = "Cloud revenue will reach $40 billion in 2027, predicted Catz."
    assert figures(extractor, text)["$40 billion"].source == "Catz"


def test_with_x_saying_attributes_what_follows(extractor: FigureExtractor) -> None:
    text = ("Asian groups are spending heavily, with Tencent saying in March it planned to spend 90 billion "
            "yuan on AI this year.")
    assert figures(extractor, text)["90 billion yuan"].source == "Tencent"


def test_a_phrase_between_the_verb_and_that(extractor: FigureExtractor) -> None:
    text = ("Bloomberg reported, citing people with knowledge of the matter, that ByteDance will spend $23 billion "
            "on AI next year.")
    found = figures(extractor, text)["$23 billion"]
    assert (found.source, found.anonymous) == ("Bloomberg", True)


def test_the_report_said_refers_back_to_the_outlet(extractor: FigureExtractor) -> None:
    text = ("The Financial Times said on Monday that Kuaishou will spend 20 billion yuan in 2026.\n\n"
            "The plan includes new data centres in Inner Mongolia costing 6 billion yuan, the report said.")
    assert figures(extractor, text)["6 billion yuan"].source == "Financial Times"


def test_people_cited_later_are_carried_by_the_outlet_the_opening_reports(extractor: FigureExtractor) -> None:
    text = ("According to a report by the Financial Times, Kuaishou plans to raise spending next year.\n\n"
            "Two people familiar with the matter said the budget would reach 25 billion yuan.")
    found = figures(extractor, text)["25 billion yuan"]
    assert (found.source, found.anonymous) == ("Financial Times", True)
    # with no outlet in the opening, new people are no outlet's
    text = ("Kuaishou plans to raise spending next year.\n\n"
            "Two people familiar with the matter put it at 25 billion yuan.")
    assert figures(extractor, text)["25 billion yuan"].source is None


def test_a_subordinate_claim_is_not_the_source_of_the_main_clause(extractor: FigureExtractor) -> None:
    text = "While Baidu claims it will keep spending, its capital expenditure fell to 4 billion yuan in the quarter."
    assert figures(extractor, text)["4 billion yuan"].source is None
    text = "Although Kuaishou said it would invest 3 billion yuan, analysts doubt the plan."
    assert figures(extractor, text)["3 billion yuan"].source == "Kuaishou"


def test_the_company_reporting_is_not_the_source_of_analysts_expectations(extractor: FigureExtractor) -> None:
    text = ("Meta reported first-quarter revenue of $42.3 billion, above analyst expectations of $41.4 billion, "
            "with earnings per share of $6.43, beating the projected $5.22.")
    found = figures(extractor, text)
    assert found["$42.3 billion"].source == "Meta" and found["$6.43"].source == "Meta"
    assert found["$41.4 billion"].source is None and found["$5.22"].source is None
    # named analysts keep their name
    text = "Nvidia's server racks cost around $3 million apiece, HSBC analysts estimate."
    assert figures(extractor, text)["$3 million"].source == "HSBC analysts"


# ---------------------------------------------------------------- years


@pytest.mark.parametrize(
    ("text", "amount", "year"),
    [
        # a level reached by a year is that year's
        ("Cloudline aims for annual revenue of $145 billion by 2029.", "$145 billion", 2029),
        ("Its valuation could climb to $80 billion by the end of 2027, bankers said.", "$80 billion", 2027),
        # a sum invested by then spans the years up to it
        ("Adani will invest $100 billion in data centres by 2035.", "$100 billion", None),
    ],
)
def test_by_a_year(extractor: FigureExtractor, text: str, amount: str, year: int | None) -> None:
    assert figures(extractor, text)[amount].year == year


def test_current_fiscal_year_follows_the_companys_calendar(extractor: FigureExtractor) -> None:
    # Oracle's year ends in May: in December 2025 its current fiscal year is fiscal 2026
    text = "Oracle expects to spend $35 billion in its current fiscal year."
    assert figures(extractor, text, datetime.date(2025, 12, 11))["$35 billion"].year == 2026
    # Microsoft's ends in June: in January 2025 it is fiscal 2025; next fiscal year is 2026
    text = "Microsoft will spend $80 billion in this fiscal year and more in the next fiscal year, $95 billion."
    found = figures(extractor, text, datetime.date(2025, 1, 3))
    assert found["$80 billion"].year == 2025 and found["$95 billion"].year == 2026
    # a company with a calendar year (not listed) keeps the calendar
    text = "Baidu expects to spend 10 billion yuan in the current fiscal year."
    assert figures(extractor, text, datetime.date(2025, 12, 11))["10 billion yuan"].year == 2025


def test_a_fiscal_quarter_without_a_year(extractor: FigureExtractor) -> None:
    text = ("Oracle reported fiscal second-quarter revenue of $16.1 billion. For the upcoming fiscal third "
            "quarter, the company expects revenue of $17 billion.")
    found = figures(extractor, text, datetime.date(2025, 12, 11))
    assert found["$16.1 billion"].year == 2026 and found["$17 billion"].year == 2026


def test_the_article_company_sets_the_fiscal_calendar(extractor: FigureExtractor) -> None:
    text = ("Oracle raised its outlook on Wednesday. Oracle shares rose.\n\n"
            "Capital spending will reach about $50 billion this fiscal year.")
    assert figures(extractor, text, datetime.date(2025, 12, 11))["$50 billion"].year == 2026


def test_last_years_figure(extractor: FigureExtractor) -> None:
    text = "Meta expects capex of $70 billion this year. That is a jump from last year's $39.2 billion."
    found = figures(extractor, text, datetime.date(2025, 10, 30))
    assert found["$70 billion"].year == 2025 and found["$39.2 billion"].year == 2024


def test_a_year_stays_in_its_clause(extractor: FigureExtractor) -> None:
    text = "Revenue rose to $12 billion in 2025, and the company plans to spend $3 billion on chips."
    found = figures(extractor, text)
    assert found["$12 billion"].year == 2025 and found["$3 billion"].year is None
    text = "Cloud revenue will grow 70% in 2027, Catz predicted, adding that obligations stand at $138 billion."
    assert figures(extractor, text)["$138 billion"].year is None
    # parallel results keep their shared period; a gapped clause shares the first clause's time
    text = "Revenue rose to $12 billion in 2025, while net profit fell to $2 billion."
    assert figures(extractor, text)["$2 billion"].year == 2025
    text = "Meta will spend $65 billion on AI this year, and ByteDance about $12 billion."
    assert figures(extractor, text)["$12 billion"].year == 2026


@pytest.mark.parametrize(
    "text",
    [
        "Since its founding in July 2023, Nimbus AI has grown to a valuation of $50 billion.",
        "Founded in 2019, Lambda Labs expects revenue of $500 million.",
        "Listed in 2020, Kingsoft Cloud spent 2 billion yuan on servers.",
    ],
)
def test_the_year_of_an_event_is_not_the_amounts(extractor: FigureExtractor, text: str) -> None:
    (found,) = extractor.extract(text, PUBLISHED)
    assert found.year is None


# ---------------------------------------------------------------- what a figure measures


@pytest.mark.parametrize(
    ("text", "amount", "metric"),
    [
        # a market's size is no company's spending
        ("India could have a $250 billion AI infrastructure sector within a decade.", "$250 billion", "other"),
        ("The global data centre market is projected to reach $494 billion by 2033.", "$494 billion", "other"),
        # a market value is a valuation, not a market
        ("Nvidia's market value climbed past $4.6 trillion.", "$4.6 trillion", "valuation"),
        # an order book is neither capex nor revenue
        ("Remaining performance obligations reached $523 billion.", "$523 billion", "other"),
        ("The revenue backlog soared to $55.6 billion.", "$55.6 billion", "other"),
        # a contract's value is no valuation
        ("Nvidia signed a four-year engagement valued at over $1 billion with Yotta.", "$1 billion", "other"),
        # the cost of a project is spending; the cost of a chip is a price
        ("The campus is expected to be built at a cost of RM10 billion.", "RM10 billion", "capex"),
        ("H100 GPUs now cost $25,000 each.", "$25,000", "price"),
        # "each year" is a rate, not a unit price
        ("Meituan plans to spend 10 billion yuan each year on AI.", "10 billion yuan", "capex"),
        # money put into another company is a stake
        ("Google has invested more than $3 billion in Anthropic.", "$3 billion", "other"),
        # spending on a buyback, R&D or marketing is no capex
        ("ByteDance will spend upwards of $3 billion on the share buyback.", "$3 billion", "other"),
        ("Tencent said it would buy back at least HK$80 billion of its shares.", "HK$80 billion", "other"),
        ("Sea expects its sales and marketing spending to be US$2.3 billion.", "US$2.3 billion", "other"),
        # capex words modifying a revenue noun do not make revenue capex
        ("Data center revenue reached $26.3 billion on strong demand for GPU computing.", "$26.3 billion", "revenue"),
        # cues written as acronyms
        ("OpenAI now has $20B ARR, Sam Altman said.", "$20B", "revenue"),
        ("Oracle raised its FY26 CapEx forecast to about $50B.", "$50B", "capex"),
    ],
)
def test_what_a_figure_measures(extractor: FigureExtractor, text: str, amount: str, metric: str) -> None:
    assert figures(extractor, text)[amount].metric == metric


def test_an_estimate_measures_what_it_is_set_against(extractor: FigureExtractor) -> None:
    text = "Meta reported revenue of $42.3 billion, above analyst expectations of $41.4 billion."
    assert figures(extractor, text)["$41.4 billion"].metric == "revenue"


def test_equivalents_and_asides_share_the_metric(extractor: FigureExtractor) -> None:
    text = ("ByteDance raised its capital expenditure budget to 200 billion yuan ($27.9 billion), up from 160 "
            "billion yuan ($22.4 billion) planned earlier.")
    found = figures(extractor, text)
    assert {found[a].metric for a in found} == {"capex"}
    text = "Capex came in at $30.9B (a $4.4B undershoot and a $6.6B step down from the record)."
    assert {f.metric for f in figures(extractor, text).values()} == {"capex"}


def test_list_items_take_the_metric_of_their_list(extractor: FigureExtractor) -> None:
    text = ("Here is what each company guided for capital spending in 2026:\n"
            "Nimbus: $80bn\nOrbital: $75bn")
    found = figures(extractor, text)
    assert found["$80bn"].metric == found["$75bn"].metric == "capex"
    text = "Capex guidance for 2026 so far: Meta, $115bn-$135bn; Microsoft, roughly $140bn."
    assert figures(extractor, text)["$140bn"].metric == "capex"


def test_a_part_of_a_figure_measures_the_same(extractor: FigureExtractor) -> None:
    text = "Nvidia reported revenue of $57 billion, of which $51.2 billion came from its data centre business."
    assert figures(extractor, text)["$51.2 billion"].metric == "revenue"


def test_a_result_takes_the_period_the_article_reports(extractor: FigureExtractor) -> None:
    text = ("Meta Platforms reported third-quarter results on Wednesday.\n\n"
            "Operating income reached $20.5 billion at a 40% margin.\n\n"
            "The company plans to spend up to $72 billion on data centres.\n\n"
            "Its shares fell 11% to $666.")
    found = figures(extractor, text, datetime.date(2025, 10, 30))
    assert found["$20.5 billion"].year == 2025  # a result of the reported quarter
    assert found["$72 billion"].year is None  # a plan is no result of the quarter
    assert found["$666"].year is None  # a share price has no period


def test_an_adverb_between_the_speaker_and_the_verb(extractor: FigureExtractor) -> None:
    text = "Wu Yongming has explicitly stated that investment will surpass 380 billion yuan over three years."
    assert figures(extractor, text)["380 billion yuan"].source == "Wu Yongming"


def test_its_outlook_in_an_article_about_the_company(extractor: FigureExtractor) -> None:
    text = ("Oracle raised its outlook on Wednesday. Oracle shares rose.\n\n"
            "Management raised its capital expenditure forecast to around $50 billion.")
    assert figures(extractor, text)["$50 billion"].source == "Oracle"


def test_data_released_by_a_company(extractor: FigureExtractor) -> None:
    text = ("Baidu AI Cloud generated 6.7 billion yuan in revenue in the first quarter, according to data "
            "released by Baidu on Tuesday.")
    assert figures(extractor, text)["6.7 billion yuan"].source == "Baidu"
