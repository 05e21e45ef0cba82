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
        ("Jefferies believes Tencent will lift its capex to 90 billion yuan next year.", "90 billion yuan", "Jefferies"),
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
    text = "Kuaishou plans to raise spending next year.\n\nTwo people familiar with the matter put it at 25 billion yuan."
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
