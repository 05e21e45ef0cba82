"""The public extractor API others code against: names, offsets, sentences, order, batching."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from extract.figure import Figure
from extract.pipeline import CONTEXT_COMPONENTS, FigureExtractor, build_nlp
from extract.version import RULESET
from extract.watch import Watch

ARTICLE = (
    "BEIJING, Jan 23 (Reuters) - ByteDance plans to spend 160 billion yuan\n"
    "($22 billion) on AI infrastructure this year, people familiar with the matter said.\n\n"
    "Rival Alibaba has pledged more than Rmb380bn over three years. "
    "($1 = 7.2712 Chinese yuan)"
)


def test_build_nlp_puts_money_stage_first() -> None:
    nlp = build_nlp(Watch(subject="Alibaba", aliases=("Taobao owner",)))
    assert nlp.pipe_names[:3] == ["capexwatch_scale_stops", "capexwatch_sentences", "capexwatch_money"]
    assert set(nlp.pipe_names[3:]) <= {name for name, _module in CONTEXT_COMPONENTS}


def test_spaced_scale_letter_before_a_full_stop(extractor: FigureExtractor) -> None:
    """ "$7 B." ends a sentence: the scale is read and the next sentence starts after it."""
    figures = extractor.extract("The budget is $7 B. The board agreed to $2 M. more.")
    assert [(f.text, f.amount, f.sentence) for f in figures] == [
        ("$7 B", Decimal("7e9"), "The budget is $7 B."),
        ("$2 M", Decimal("2e6"), "The board agreed to $2 M. more."),
    ]


def test_ruleset_is_exposed(extractor: FigureExtractor) -> None:
    assert extractor.ruleset == RULESET
    assert RULESET.startswith("capexwatch-rules.v3+")


def test_figures_in_text_order_with_exact_offsets(extractor: FigureExtractor) -> None:
    figures = extractor.extract(ARTICLE, datetime.date(2026, 1, 23))
    assert [(f.amount, f.currency) for f in figures] == [
        (Decimal("160e9"), "CNY"),
        (Decimal("22e9"), "USD"),
        (Decimal("380e9"), "CNY"),
    ]
    for figure in figures:
        assert isinstance(figure, Figure)
        assert ARTICLE[figure.start:figure.end] == figure.text
        end = figure.sentence_start + len(figure.sentence)
        assert ARTICLE[figure.sentence_start:end] == figure.sentence
        assert figure.sentence_start <= figure.start and figure.end <= end
        assert figure.ruleset == RULESET
        assert figure.rule.startswith("money=")


def test_sentence_spans_the_line_break(extractor: FigureExtractor) -> None:
    first = extractor.extract(ARTICLE)[0]
    assert first.sentence.startswith("BEIJING, Jan 23 (Reuters) - ByteDance plans")
    assert first.sentence.endswith("people familiar with the matter said.")


def test_claims_and_qualifier(extractor: FigureExtractor) -> None:
    yuan, dollars, alibaba = extractor.extract(ARTICLE)
    assert yuan.claim == dollars.claim != alibaba.claim
    assert alibaba.qualifier == "more than"
    assert yuan.qualifier is None


def test_amount_is_decimal_not_float(extractor: FigureExtractor) -> None:
    (figure,) = extractor.extract("It costs $55.7bn.")
    assert isinstance(figure.amount, Decimal)
    assert figure.amount == Decimal("55700000000")


def test_no_money_no_figures(extractor: FigureExtractor) -> None:
    assert extractor.extract("TikTok has 1.5 billion users and 7.5 billion parameters.") == []
    assert extractor.extract("") == []


def test_extract_many_matches_extract(extractor: FigureExtractor) -> None:
    records = [
        (ARTICLE, datetime.date(2026, 1, 23)),
        ("No money here.", None),
        ("Capex of $315bn/$367bn in '25/'26.", datetime.date(2025, 6, 1)),
    ]
    batched = list(extractor.extract_many(records, batch_size=2))
    assert batched == [extractor.extract(text, published) for text, published in records]
    assert [len(figures) for figures in batched] == [3, 0, 2]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("\n\n$5bn spent.", 1),
        ("Headline $5bn\r\n\r\nBody says Rmb10bn.\r\nMore.", 2),
        ("$5bn", 1),
        ("   ", 0),
        ("$", 0),
    ],
)
def test_offsets_hold_at_the_edges(extractor: FigureExtractor, text: str, count: int) -> None:
    figures = extractor.extract(text)
    assert len(figures) == count
    for figure in figures:
        assert text[figure.start:figure.end] == figure.text
        end = figure.sentence_start + len(figure.sentence)
        assert text[figure.sentence_start:end] == figure.sentence
        assert figure.sentence == figure.sentence.strip()


def test_a_custom_watch_reaches_subject_and_attribution() -> None:
    """Another watch's alias resolves to its subject both as whose money and as who said it."""
    alibaba = FigureExtractor(Watch("Alibaba", ("Taobao owner",), ("capex",)))
    text = "The Taobao owner will invest $5bn in data centres next year, the company said."
    [figure] = alibaba.extract(text, datetime.date(2025, 3, 1))
    assert (figure.subject, figure.source, figure.year) == ("Alibaba", "Alibaba", 2026)
    [default] = FigureExtractor().extract(text.replace("Taobao", "TikTok"), datetime.date(2025, 3, 1))
    assert (default.subject, default.source) == ("ByteDance", "ByteDance")
