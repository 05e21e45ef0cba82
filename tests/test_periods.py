"""The period rules: which single year a figure is for (gold/CONVENTIONS.md, "year").

Unit cases run the component on hand-built docs (blank English, sentencizer, money spans set by
the test), spaCy's own test style; the end-to-end cases run the public extractor.
"""

from __future__ import annotations

import datetime

import pytest
from doc_builders import blank_pipeline
from doc_builders import figures as build
from spacy.language import Language
from spacy.tokens import Span

import extract.context.metric.component  # noqa: F401  (registers capexwatch_metric: inheritance reads the metric)
import extract.context.year.component  # noqa: F401  (registers capexwatch_period)
from extract.context.year.mentions import find_mentions
from extract.pipeline import FigureExtractor

PUBLISHED = datetime.date(2025, 11, 20)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return blank_pipeline("capexwatch_metric", "capexwatch_period")


def figures(nlp: Language, text: str, amounts: list[str], published: datetime.date | None = PUBLISHED) -> list[Span]:
    return build(nlp, text, amounts, published)


def years(nlp: Language, text: str, amounts: list[str], published: datetime.date | None = PUBLISHED) -> list[int | None]:
    return [span._.year for span in figures(nlp, text, amounts, published)]


@pytest.mark.parametrize(
    ("text", "amount", "year"),
    [
        ("ByteDance will spend $20 billion in 2026.", "$20 billion", 2026),
        ("Its 2025 capex of $12 billion was a record.", "$12 billion", 2025),
        ("Oracle expects capex of $25 billion in FY26.", "$25 billion", 2026),
        ("Revenue was $9 billion in fiscal 2024.", "$9 billion", 2024),
        ("Capex hit $3 billion in FY 2023.", "$3 billion", 2023),
        ("The budget for 2025 is $7 billion.", "$7 billion", 2025),
        ("ByteDance's 2026's budget is $23 billion.", "$23 billion", 2026),
        ("Capex will reach $80 billion in '27, analysts say.", "$80 billion", 2027),
        ("Capex was $5 billion in Q3 2024.", "$5 billion", 2024),
        ("Capex was $5 billion in 3Q24.", "$5 billion", 2024),
        ("Revenue was $5 billion in 1H25.", "$5 billion", 2025),
        ("Revenue rose to $6 billion in the second half of 2023.", "$6 billion", 2023),
        ("Revenue reached $190 billion in the first three quarters of 2024.", "$190 billion", 2024),
    ],
)
def test_explicit_years(nlp: Language, text: str, amount: str, year: int) -> None:
    assert years(nlp, text, [amount]) == [year]


@pytest.mark.parametrize(
    ("text", "amount", "year"),
    [
        ("ByteDance plans to spend $20 billion this year.", "$20 billion", 2025),
        ("ByteDance plans to spend $20 billion next year.", "$20 billion", 2026),
        ("ByteDance spent $15 billion last year.", "$15 billion", 2024),
        ("Profit was $2 billion, against $1 billion the previous year.", "$1 billion", 2024),
        ("Sales were $4 billion in the current fiscal year.", "$4 billion", 2025),
        # a quarter with no year is the publication year's ...
        ("Revenue reached $5 billion in the third quarter.", "$5 billion", 2025),
        ("Capex hit $35 billion in the September quarter.", "$35 billion", 2025),
        ("Revenue rose to about $190 billion in the first nine months.", "$190 billion", 2025),
    ],
)
def test_relative_years_resolve_against_publication(nlp: Language, text: str, amount: str, year: int) -> None:
    assert years(nlp, text, [amount]) == [year]


def test_a_quarter_that_has_not_started_is_last_years(nlp: Language) -> None:
    # published in February: "the fourth quarter" just reported is the previous year's
    text = "Revenue reached $5 billion in the fourth quarter."
    assert years(nlp, text, ["$5 billion"], datetime.date(2026, 2, 10)) == [2025]


def test_the_same_quarter_just_reported_in_january_is_last_years(nlp: Language) -> None:
    text = "Capex hit $40 billion in the same quarter."
    assert years(nlp, text, ["$40 billion"], datetime.date(2026, 1, 29)) == [2025]


@pytest.mark.parametrize(
    ("text", "amount", "published", "year"),
    [
        # the year the period ends in (gold/README.md: "the nine months to September")
        ("Rakuten cut its net loss to ¥51bn in the nine months to September.", "¥51bn", datetime.date(2025, 11, 10), 2025),
        ("Alibaba's revenue rose to 236 billion yuan in the quarter ended March 31.", "236 billion yuan",
         datetime.date(2025, 5, 15), 2025),
        ("Marvell's revenue was $2.1 billion in the three months to January.", "$2.1 billion", datetime.date(2025, 3, 5), 2025),
        ("Salesforce's revenue rose to $10 billion in the quarter ended Jan. 31.", "$10 billion", datetime.date(2025, 2, 27), 2025),
        ("Sony's sales reached ¥3 trillion in the six months ending Sept. 30.", "¥3 trillion", datetime.date(2025, 11, 12), 2025),
        ("Micron's revenue was $9.3 billion in the quarter ended Aug. 28, 2025.", "$9.3 billion", datetime.date(2025, 10, 1), 2025),
        ("Samsung's chip division earned 7 trillion won in July-September.", "7 trillion won",
         datetime.date(2025, 10, 30), 2025),
        ("Baidu's core revenue in the three months through September was 24.7 billion yuan.", "24.7 billion yuan",
         datetime.date(2025, 11, 18), 2025),
        # reported in January, the quarter to December is last year's
        ("Revenue rose to $6 billion in the three months to December.", "$6 billion", datetime.date(2026, 1, 20), 2025),
    ],
)
def test_a_period_ending_in_a_month_has_the_year_it_ends_in(
    nlp: Language, text: str, amount: str, published: datetime.date, year: int
) -> None:
    assert years(nlp, text, [amount], published) == [year]


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        # a quarter not named by number or month names no year (holdout h030, h062)
        ("Lenovo's net income for the quarter rose to $693 million.", "$693 million"),
        ("Shopee's adjusted EBITDA was $263 million for the quarter.", "$263 million"),
        ("Meituan's food delivery unit lost 14 billion yuan in the quarter.", "14 billion yuan"),
        # nor does an unnumbered one (gold g124: "for its next quarter")
        ("Together they spent $100 billion on capex in the latest quarter.", "$100 billion"),
        ("Nvidia forecast revenue of $65 billion for its next quarter.", "$65 billion"),
        ("The company spent $3 billion last quarter.", "$3 billion"),
        ("Nvidia expects revenue of $65 billion in the current quarter.", "$65 billion"),
    ],
)
def test_a_bare_quarter_is_no_year(nlp: Language, text: str, amount: str) -> None:
    assert years(nlp, text, [amount]) == [None]


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Tencent's revenue rose 15% from a year earlier to 193 billion yuan.", "193 billion yuan"),
        ("Compared with a year earlier, Baidu's revenue fell to 31 billion yuan.", "31 billion yuan"),
    ],
)
def test_a_comparison_base_before_the_figure_is_not_its_year(nlp: Language, text: str, amount: str) -> None:
    assert years(nlp, text, [amount]) == [None]


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Alibaba's shares have risen 80% this year, giving it a market value of $330 billion.", "$330 billion"),
        ("Nvidia, whose stock has doubled this year, is now valued at $4.5 trillion.", "$4.5 trillion"),
    ],
)
def test_a_valuation_takes_no_relative_year_from_another_clause(nlp: Language, text: str, amount: str) -> None:
    assert years(nlp, text, [amount]) == [None]


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        ("In 2026: Alibaba will spend 120 billion yuan; Tencent 90 billion yuan; Baidu 20 billion yuan; "
         "JD.com 15 billion yuan; Meituan 10 billion yuan; Kuaishou 8 billion yuan; Xiaomi 7 billion yuan.",
         ["120 billion yuan", "90 billion yuan", "20 billion yuan", "15 billion yuan", "10 billion yuan",
          "8 billion yuan", "7 billion yuan"]),
        ("Planned AI capex for 2026:\n\nAlibaba: 120 billion yuan\n\nTencent: 90 billion yuan\n\nBaidu: 20 billion yuan",
         ["120 billion yuan", "90 billion yuan", "20 billion yuan"]),
        ("For 2026, the budgets are as follows. Alibaba: 120 billion yuan. Tencent: 90 billion yuan.",
         ["120 billion yuan", "90 billion yuan"]),
    ],
)
def test_list_items_take_the_year_of_their_heading(extractor: FigureExtractor, text: str, amounts: list[str]) -> None:
    figures = extractor.extract(text, PUBLISHED)
    assert [f.text for f in figures] == amounts
    assert [f.year for f in figures] == [2026] * len(amounts)


def test_a_heading_year_does_not_reach_prose_after_the_list(extractor: FigureExtractor) -> None:
    text = "Capex plans for 2026:\n\nAlibaba: 120 billion yuan\n\nMeanwhile Tencent has spent heavily on games and paid 9 billion yuan for a studio."
    figures = extractor.extract(text, PUBLISHED)
    assert [f.year for f in figures] == [2026, None]


def test_a_sentence_not_tied_to_the_one_before_does_not_inherit_its_year(extractor: FigureExtractor) -> None:
    text = ("Xiaomi plans to invest 7 billion yuan in chips next year, Lei Jun said. "
            "The smartphone maker spent 5 billion yuan on its XRing chip, Lei added.")
    assert [f.year for f in extractor.extract(text, PUBLISHED)] == [2026, None]


def test_a_year_in_a_relative_aside_dates_only_the_aside(nlp: Language) -> None:
    text = "Meta, whose capex this year will reach $72 billion, signed a $14 billion deal with CoreWeave."
    assert years(nlp, text, ["$72 billion", "$14 billion"]) == [2025, None]


def test_a_year_earlier_is_relative_to_the_stated_year(nlp: Language) -> None:
    text = "Revenue was $8 billion in 2023, up from $6 billion a year earlier."
    assert years(nlp, text, ["$8 billion", "$6 billion"]) == [2023, 2022]


def test_relative_years_need_a_publication_date(nlp: Language) -> None:
    assert years(nlp, "It will spend $3 billion this year.", ["$3 billion"], published=None) == [None]


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Alibaba will invest $53 billion over the next three years.", "$53 billion"),
        ("The group will spend $10 billion in 2025-2027.", "$10 billion"),
        ("It plans to invest $100 billion by 2030.", "$100 billion"),
        ("It will have spent $30 billion by the end of next year.", "$30 billion"),
        ("It spends about $2 billion a year on chips.", "$2 billion"),
        ("Nvidia's H20 chips cost $12,000 each.", "$12,000"),
        ("It will spend $4 billion the following year.", "$4 billion"),
        ("It spent $5 billion in 2024 and 2025.", "$5 billion"),
        ("Nvidia charges $30,000 for an H100.", "$30,000"),
        # a month dates an event, not the figure's period
        ("It would raise spending beyond the 380 billion yuan it pledged in February.", "380 billion yuan"),
    ],
)
def test_no_single_year_is_null(nlp: Language, text: str, amount: str) -> None:
    assert years(nlp, text, [amount]) == [None]


def test_the_nearest_year_in_the_clause_wins(nlp: Language) -> None:
    text = "ByteDance plans to spend Rmb160bn in 2026, up from Rmb150bn in 2025."
    assert years(nlp, text, ["Rmb160bn", "Rmb150bn"]) == [2026, 2025]


def test_a_year_before_than_belongs_to_the_other_side(nlp: Language) -> None:
    text = "It will spend more on chips in 2026 than the 85 billion yuan it budgeted for 2025."
    assert years(nlp, text, ["85 billion yuan"]) == [2025]


def test_a_compared_figures_year_is_its_own(nlp: Language) -> None:
    text = "Capex was $9bn, compared with $7bn the previous year."
    assert years(nlp, text, ["$9bn", "$7bn"]) == [None, 2024]


def test_figures_joined_by_and_share_a_trailing_year(nlp: Language) -> None:
    text = "It will spend $5bn on chips and $3bn on servers in 2026."
    assert years(nlp, text, ["$5bn", "$3bn"]) == [2026, 2026]


def test_and_separates_figures_from_their_years(nlp: Language) -> None:
    text = "Overseas capex will reach $7bn in 2026 and $9bn in 2027, analysts forecast."
    assert years(nlp, text, ["$7bn", "$9bn"]) == [2026, 2027]


def test_respectively_pairs_years_in_order(nlp: Language) -> None:
    text = "Capex will be $60bn and $75bn in 2025 and 2026 respectively."
    spans = figures(nlp, text, ["$60bn", "$75bn"])
    assert [s._.year for s in spans] == [2025, 2026]
    assert {s._.year_rule for s in spans} == {"paired_list"}


def test_a_year_stated_at_the_start_applies(nlp: Language) -> None:
    assert years(nlp, "In 2026, ByteDance plans to spend Rmb160bn.", ["Rmb160bn"]) == [2026]


def test_comparison_base_is_not_the_figures_year(nlp: Language) -> None:
    text = "Data centre revenue came in at $22.6 billion, up 427% from a year earlier."
    assert years(nlp, text, ["$22.6 billion"]) == [None]


def test_dateline_is_not_the_figures_year(nlp: Language) -> None:
    text = "BEIJING, Jan 23, 2025 (Reuters) - ByteDance plans to spend $12 billion on AI chips."
    assert years(nlp, text, ["$12 billion"]) == [None]
    assert not [m for m in find_mentions(nlp.make_doc(text)) if m.value == 2025]


def test_continuation_sentence_inherits_the_year_of_the_same_metric(nlp: Language) -> None:
    text = "ByteDance's capex budget for 2026 is Rmb160bn. Of that, Rmb85bn will go to processors."
    spans = figures(nlp, text, ["Rmb160bn", "Rmb85bn"])
    assert [s._.year for s in spans] == [2026, 2026]
    assert spans[1]._.year_rule == "previous_sentence"


def test_only_the_sentence_right_before_is_continued(nlp: Language) -> None:
    text = (
        "ByteDance's capex budget for 2026 is Rmb160bn. Analysts were surprised. "
        "Rmb85bn will go to processors."
    )
    assert years(nlp, text, ["Rmb160bn", "Rmb85bn"]) == [2026, None]


def test_prices_do_not_inherit_a_year(nlp: Language) -> None:
    text = "ByteDance will spend $12 billion on chips in 2025. Each H20 costs about $12,000 apiece."
    assert years(nlp, text, ["$12 billion", "$12,000"]) == [2025, None]


def test_no_inheritance_without_a_shared_topic(nlp: Language) -> None:
    # the first figure is "other" by a cue (a fine), the second "other" by default only
    text = "Dell paid a $499 million fine in 2019. With the gift card, you get it for $449."
    assert years(nlp, text, ["$499 million", "$449"]) == [2019, None]


def test_chip_names_are_not_half_years(nlp: Language) -> None:
    assert find_mentions(nlp.make_doc("An Nvidia H100 or H20 costs more than a 910B.")) == []


def test_rule_is_recorded(nlp: Language) -> None:
    (span,) = figures(nlp, "It will spend $3 billion next year.", ["$3 billion"])
    assert span._.year_rule == "next_year"


# ---- end to end, through the public extractor ---------------------------------------------


def test_slash_pair_years_end_to_end(extractor: FigureExtractor) -> None:
    text = "Morgan Stanley expects the big four cloud providers to spend $315bn/$367bn in '25/'26."
    assert [f.year for f in extractor.extract(text, PUBLISHED)] == [2025, 2026]


def test_chinese_years_end_to_end(extractor: FigureExtractor) -> None:
    # the blank tokenizer glues Chinese characters together; the project tokenizer splits amounts
    published = datetime.date(2025, 12, 20)
    assert [f.year for f in extractor.extract("字节跳动计划2026年资本开支1600亿元", published)] == [2026]
    assert [f.year for f in extractor.extract("字节跳动明年资本开支1600亿元", published)] == [2026]


def test_wrapped_wire_copy_end_to_end(extractor: FigureExtractor) -> None:
    text = (
        "BEIJING, Jan 23 (Reuters) - ByteDance is planning to spend\n160 billion yuan on AI"
        " infrastructure\nnext year, people familiar with the matter said."
    )
    (figure,) = extractor.extract(text, datetime.date(2025, 1, 23))
    assert figure.year == 2026


# ---- article-level readings: back-references, points in time, saying dates, revisions ------


@pytest.mark.parametrize(
    ("text", "amounts", "expected"),
    [
        # a back-reference takes the year of the period dated before it
        ("Sea reported third-quarter results. Revenue was $5.9 billion in the quarter.",
         ["$5.9 billion"], [2025]),
        ("Revenue in the three months ending in October was $9 billion. Costs were $4 billion for the period.",
         ["$9 billion", "$4 billion"], [2025, 2025]),
        ("For the year to March 2025, revenue was $30 billion. Capex for the year was $4 billion.",
         ["$30 billion", "$4 billion"], [2025, 2025]),
        ("Revenue rose in the fourth quarter. It will spend $20 billion for the full year.",
         ["$20 billion"], [2025]),
        # "the same period last year" is the year before
        ("Revenue rose in the third quarter to $8 billion from $7 billion in the same period last year.",
         ["$8 billion", "$7 billion"], [2025, 2024]),
        # with nothing dated before, "the same period" leaves the figure to the other rules
        ("Net income was $2 billion over the same period.", ["$2 billion"], [None]),
    ],
)
def test_back_references(nlp: Language, text: str, amounts: list[str], expected: list[int | None]) -> None:
    assert years(nlp, text, amounts) == expected


def test_back_reference_reads_a_figure_free_header(nlp: Language) -> None:
    text = "Kakao: second-quarter 2024 results\n\nOperating profit was $100 million in the quarter."
    assert years(nlp, text, ["$100 million"]) == [2024]


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Nvidia shares fell 3 per cent on Friday to $181.60.", "$181.60"),
        ("TSMC's shares have risen 40% this year and closed at $300.", "$300"),
        ("The startup was valued at $2 billion in a funding round this year.", "$2 billion"),
        ("Oracle's backlog swelled to $455 billion this year.", "$455 billion"),
        ("Reuters reported in 2024 that the group planned to spend $10 billion.", "$10 billion"),
        ("The chairman said last year that it would spend $40 billion.", "$40 billion"),
        ("It agreed to buy $30 billion of capacity over roughly five years starting in 2027.", "$30 billion"),
    ],
)
def test_points_in_time_and_saying_dates_have_no_year(nlp: Language, text: str, amount: str) -> None:
    assert years(nlp, text, [amount]) == [None]


@pytest.mark.parametrize(
    ("text", "amount", "year"),
    [
        # not a share price: no share word, or a buyback of shares
        ("Capex rose 20% to $9 billion in 2025.", "$9 billion", 2025),
        # a year that starts what was said, or a possessive year, is the figure's
        ("Alibaba reported 2025 revenue of $140 billion.", "$140 billion", 2025),
        # an order "worth" an amount this year is a purchase this year (gold g105)
        ("It ordered 100,000 chips this year, worth roughly $2 billion.", "$2 billion", 2025),
        # a fiscal label beats the month its period ends in
        ("Sony expects profit of $8 billion in fiscal 2025, which ends in March 2026.", "$8 billion", 2025),
    ],
)
def test_years_kept_beside_those_rules(nlp: Language, text: str, amount: str, year: int) -> None:
    assert years(nlp, text, [amount]) == [year]


def test_forecast_revision_shares_the_period_after_it(nlp: Language) -> None:
    text = "TSMC raised its capex forecast to $42 billion from $38 billion for 2025."
    assert years(nlp, text, ["$42 billion", "$38 billion"]) == [2025, 2025]
    text = "Revenue rose to $9 billion from $7 billion a year earlier."
    assert years(nlp, text, ["$9 billion", "$7 billion"]) == [None, 2024]


def test_of_that_after_a_comparison_takes_the_compared_figure(nlp: Language) -> None:
    text = (
        "ByteDance plans capex of 160 billion yuan in 2026, up from 150 billion yuan last year. "
        "About 85 billion yuan of that will go to chips."
    )
    assert years(nlp, text, ["160 billion yuan", "150 billion yuan", "85 billion yuan"]) == [2026, 2024, 2026]


def test_year_earlier_counts_from_the_period_reported(nlp: Language) -> None:
    # published in February 2026: the fourth quarter is 2025's, the year before it 2024
    text = "Alphabet reported fourth-quarter revenue of $113 billion. Net income rose from $26 billion in the year-earlier period."
    assert years(nlp, text, ["$113 billion", "$26 billion"], datetime.date(2026, 2, 4)) == [2025, 2024]


def test_over_the_three_months_refers_back(nlp: Language) -> None:
    text = "Revenue rose to $20 billion in the July-September quarter. Net income over the three months was $505 million."
    assert years(nlp, text, ["$20 billion", "$505 million"]) == [2025, 2025]


@pytest.mark.parametrize(
    ("text", "amount", "year"),
    [
        ("In 2024, Reuters reported that ByteDance planned to spend $10 billion on a hub.", "$10 billion", None),
        ("SoftBank pledged last year to invest $100 billion in the US.", "$100 billion", None),
        ("In 2024, ByteDance spent $10 billion on chips.", "$10 billion", 2024),
    ],
)
def test_a_year_that_dates_a_report_or_pledge(nlp: Language, text: str, amount: str, year: int | None) -> None:
    assert years(nlp, text, [amount]) == [year]


def test_same_period_after_a_stated_year_across_a_sentence(nlp: Language) -> None:
    text = (
        "In 2024, ByteDance's revenue rose to $155 billion. The company did not comment. "
        "Its operating profit rose to $33 billion over the same period."
    )
    assert years(nlp, text, ["$155 billion", "$33 billion"]) == [2024, 2024]


@pytest.mark.parametrize(
    ("text", "amount", "year"),
    [
        # a fiscal year written with both calendar years is the year it ends in
        ("Reliance plans capex of $18 billion in FY2025-26.", "$18 billion", 2026),
        ("Infosys expects revenue of $20 billion in FY25/26.", "$20 billion", 2026),
        ("Toyota expects profit of $25 billion in the 2025/26 financial year.", "$25 billion", 2026),
        # without a fiscal word it stays a window; years that do not follow each other too
        ("Tata will invest $4 billion in 2025-26.", "$4 billion", None),
        ("It will spend $5 billion in FY2025-2028.", "$5 billion", None),
    ],
)
def test_split_fiscal_years(nlp: Language, text: str, amount: str, year: int | None) -> None:
    assert years(nlp, text, [amount]) == [year]


def test_full_year_forecast_without_a_dated_period(nlp: Language) -> None:
    text = "TSMC raised its full-year capex forecast to $42 billion from $40 billion."
    assert years(nlp, text, ["$42 billion", "$40 billion"]) == [2025, 2025]
    # early in a year "full-year" may be last year's results: no year
    assert years(nlp, text, ["$42 billion", "$40 billion"], datetime.date(2026, 2, 1)) == [None, None]


def test_revision_does_not_reach_past_another_figure(nlp: Language) -> None:
    text = "It raised its revenue guidance to $60 billion from $58 billion, and expects capex of $20 billion in 2026."
    assert years(nlp, text, ["$60 billion", "$58 billion", "$20 billion"])[::2] == [None, 2026]


@pytest.mark.parametrize(
    ("text", "amount", "year"),
    [
        ("Capex will reach $10 billion in the first quarter of next year.", "$10 billion", 2026),
        ("Revenue was $5 billion in the fourth quarter of last year.", "$5 billion", 2024),
        ("It plans to spend $12 billion in the second half of next year.", "$12 billion", 2026),
    ],
)
def test_quarter_of_a_relative_year(nlp: Language, text: str, amount: str, year: int) -> None:
    assert years(nlp, text, [amount]) == [year]


@pytest.mark.parametrize(
    ("text", "amount", "year"),
    [
        ("SAP and Nvidia plan a $2 billion AI campus, set to open in early 2027.", "$2 billion", None),
        ("The $3 billion data centre is due to come online in 2026.", "$3 billion", None),
        # a year of the spending itself stays
        ("It will spend $3 billion in 2026 on a data centre that opens later.", "$3 billion", 2026),
    ],
)
def test_a_year_that_dates_an_opening(nlp: Language, text: str, amount: str, year: int | None) -> None:
    assert years(nlp, text, [amount]) == [year]


def test_year_to_date_is_the_publication_year(nlp: Language) -> None:
    assert years(nlp, "Year-to-date capex reached $50 billion.", ["$50 billion"]) == [2025]
    assert years(nlp, "YTD revenue was $9 billion.", ["$9 billion"]) == [2025]


def test_a_run_of_months_is_a_period(nlp: Language) -> None:
    text = "Tariffs cost the carmaker $1.2 billion in April and May alone."
    assert years(nlp, text, ["$1.2 billion"]) == [2025]
    # one month dates an event, not a period
    assert years(nlp, "It pledged $5 billion in February.", ["$5 billion"]) == [None]


def test_from_a_in_one_year_to_b_in_another(nlp: Language) -> None:
    text = "Capex will climb from $60 billion in 2025 to $75 billion in 2026."
    assert years(nlp, text, ["$60 billion", "$75 billion"]) == [2025, 2026]
    text = "Capex rose from 80 billion yuan last year to 150 billion yuan this year."
    assert years(nlp, text, ["80 billion yuan", "150 billion yuan"]) == [2024, 2025]


def test_a_tie_reaches_across_a_figure_free_sentence(nlp: Language) -> None:
    text = (
        "ByteDance plans to spend 160 billion yuan in 2026. The company declined to comment. "
        "About 85 billion yuan of that will go to chips."
    )
    assert years(nlp, text, ["160 billion yuan", "85 billion yuan"]) == [2026, 2026]


def test_a_described_period_is_no_back_reference(nlp: Language) -> None:
    text = "Revenue rose in the third quarter. During the period of heavy investment, it spent $5 billion."
    assert years(nlp, text, ["$5 billion"]) == [None]
