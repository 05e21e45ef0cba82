"""The metric rules: what a figure measures (capex, revenue, valuation, price, other)."""

from __future__ import annotations

import datetime

import pytest
from doc_builders import blank_pipeline
from doc_builders import figures as build
from spacy.language import Language
from spacy.tokens import Span

import extract.context.metric.component  # noqa: F401  (registers capexwatch_metric)
from extract.figure import METRICS
from extract.pipeline import FigureExtractor


@pytest.fixture(scope="module")
def nlp() -> Language:
    return blank_pipeline("capexwatch_metric")


def figures(nlp: Language, text: str, amounts: list[str]) -> list[Span]:
    return build(nlp, text, amounts)


def metric(nlp: Language, text: str, amount: str) -> str:
    (span,) = figures(nlp, text, [amount])
    return span._.metric


@pytest.mark.parametrize(
    ("text", "amount", "expected"),
    [
        ("ByteDance plans to spend $20 billion on AI infrastructure.", "$20 billion", "capex"),
        ("Its capital expenditure reached $12 billion.", "$12 billion", "capex"),
        ("The group set a budget of Rmb160bn for chips.", "Rmb160bn", "capex"),
        ("Microsoft committed £22bn to the UK.", "£22bn", "capex"),
        ("ByteDance will buy $7 billion of Nvidia GPUs.", "$7 billion", "capex"),
        ("Revenue rose to $155 billion.", "$155 billion", "revenue"),
        ("Cloud sales hit $30 billion.", "$30 billion", "revenue"),
        ("ByteDance is valued at $330 billion.", "$330 billion", "valuation"),
        ("Nvidia became the first company to be worth $5 trillion.", "$5 trillion", "valuation"),
        ("Nvidia's market value climbed past $3.5 trillion.", "$3.5 trillion", "valuation"),
        ("Nvidia's H20 chips cost about $12,000 each.", "$12,000", "price"),
        ("The chip sells for $2 per unit.", "$2", "price"),
        ("Shares closed at HK$612.50 on Friday.", "HK$612.50", "price"),
        ("Huawei sells its CloudMatrix 384 system for about 60 million yuan.", "60 million yuan", "price"),
        ("The startup raised $500 million in a funding round.", "$500 million", "other"),
        ("The regulator fined it $1.2 billion.", "$1.2 billion", "other"),
        ("Net profit was $2 billion.", "$2 billion", "other"),
        ("The amount was $3 billion.", "$3 billion", "other"),
    ],
)
def test_metric_labels(nlp: Language, text: str, amount: str, expected: str) -> None:
    assert expected in METRICS
    assert metric(nlp, text, amount) == expected


def test_a_deal_worth_is_not_a_valuation(nlp: Language) -> None:
    assert metric(nlp, "It signed a deal worth $2 billion with Oracle.", "$2 billion") == "other"


def test_a_data_centre_that_costs_is_spending_not_a_price(nlp: Language) -> None:
    assert metric(nlp, "The new data centre will cost $10 billion.", "$10 billion") == "capex"


def test_a_rate_per_quarter_is_not_a_unit_price(nlp: Language) -> None:
    text = "Capital expenditure will climb to $30 billion per quarter."
    assert metric(nlp, text, "$30 billion") == "capex"


def test_per_before_a_name_is_no_unit_price(nlp: Language) -> None:
    assert metric(nlp, "Capex will be Rmb150bn per Reuters.", "Rmb150bn") == "capex"


def test_names_are_not_cues(nlp: Language) -> None:
    # "Capital" in a firm's name is not capital spending
    text = "Analysts at Loop Capital see a target of $5.3 trillion."
    assert metric(nlp, text, "$5.3 trillion") == "other"


def test_comparison_base_takes_the_metric_before_it(nlp: Language) -> None:
    text = "ByteDance is valued at $300 billion, down from $400 billion at its peak in a buyback."
    spans = figures(nlp, text, ["$300 billion", "$400 billion"])
    assert [s._.metric for s in spans] == ["valuation", "valuation"]
    assert spans[1]._.metric_rule == "valuation:comparison"


def test_rule_names_the_cue(nlp: Language) -> None:
    (span,) = figures(nlp, "ByteDance plans to spend $20 billion.", ["$20 billion"])
    assert span._.metric_rule == "capex:spend"


def test_metric_end_to_end() -> None:
    text = "ByteDance plans to spend Rmb160bn on AI in 2026. Nvidia's H20 chips cost $12,000 each."
    figures_ = FigureExtractor().extract(text, datetime.date(2025, 12, 23))
    assert [f.metric for f in figures_] == ["capex", "price"]
