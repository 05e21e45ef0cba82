"""Sentence boundaries for news text: line wraps, abbreviations, datelines, blank lines."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

import extract.text.sentences  # noqa: F401  (registers the component)
from extract.money.tokenizer import customize_tokenizer


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.blank("en")
    customize_tokenizer(pipeline)
    pipeline.add_pipe("capexwatch_sentences")
    return pipeline


def sentences(nlp: Language, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_two_plain_sentences(nlp: Language) -> None:
    assert sentences(nlp, "ByteDance will spend more. Alibaba will too.") == [
        "ByteDance will spend more.",
        "Alibaba will too.",
    ]


def test_hard_line_break_does_not_split(nlp: Language) -> None:
    text = "ByteDance plans to spend 160 billion yuan\n($22.5 billion) on AI, the Financial Times\nreported."
    assert sentences(nlp, text) == [text]


def test_blank_line_splits(nlp: Language) -> None:
    assert sentences(nlp, "ByteDance capex soars\n\nThe company said") == [
        "ByteDance capex soars",
        "The company said",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. government restricted Nvidia sales.",
        "Alibaba Group Holding Ltd. said it would spend more.",
        "Apple Inc. reported results.",
        "On Jan. 23 the company said so.",
        "BEIJING, Jan 23 (Reuters) - ByteDance plans to spend $23 billion.",
        "BEIJING, Jan. 23 (Reuters) - ByteDance plans to spend $23 billion.",
        "Mr. Zhang and Dr. Li spoke at 10 a.m. Beijing time.",
        "It rose 3.5 percent to $1.5bn.",
    ],
)
def test_abbreviations_and_datelines_do_not_split(nlp: Language, text: str) -> None:
    assert sentences(nlp, text) == [text]


def test_ending_abbreviation_splits_before_a_sentence_opener(nlp: Language) -> None:
    assert sentences(nlp, "It will build data centres in the U.S. The company said so.") == [
        "It will build data centres in the U.S.",
        "The company said so.",
    ]


def test_closing_quote_stays_with_its_sentence(nlp: Language) -> None:
    assert sentences(nlp, 'He said "we will spend $5bn." Analysts agreed.') == [
        'He said "we will spend $5bn."',
        "Analysts agreed.",
    ]


def test_lowercase_after_period_does_not_split(nlp: Language) -> None:
    text = "Capex (e.g. servers, chips) rose."
    assert sentences(nlp, text) == [text]


def test_question_and_exclamation(nlp: Language) -> None:
    assert sentences(nlp, "Will it spend $20bn? Analysts think so!") == [
        "Will it spend $20bn?",
        "Analysts think so!",
    ]


def test_dateline_on_a_new_line_splits_from_the_headline(nlp: Language) -> None:
    text = "ByteDance plans $23 billion AI spend\nBEIJING, Jan 23 (Reuters) - ByteDance plans more."
    assert sentences(nlp, text) == [
        "ByteDance plans $23 billion AI spend",
        "BEIJING, Jan 23 (Reuters) - ByteDance plans more.",
    ]


def test_wrapped_line_starting_with_capitals_does_not_split(nlp: Language) -> None:
    text = "Analysts at\nJPMORGAN, the bank, see capex rising."
    assert sentences(nlp, text) == [text]


def test_short_wrapped_lines_stay_one_sentence(nlp: Language) -> None:
    text = "Kuaishou raised its capex\nplan for 2025 by 5 billion yuan,\nthe company said\non Tuesday."
    assert sentences(nlp, text) == [text]


def test_footnote_after_a_full_stop_is_its_own_sentence(nlp: Language) -> None:
    assert sentences(nlp, "ByteDance declined to comment.\n($1 = 7.2712 Chinese yuan)") == [
        "ByteDance declined to comment.",
        "($1 = 7.2712 Chinese yuan)",
    ]


def test_chinese_full_stops_split_without_a_space(nlp: Language) -> None:
    text = "字节跳动计划投入人民币1600亿元用于AI。“资本开支将达1600亿元。”报道称。The FT said so."
    assert sentences(nlp, text) == [
        "字节跳动计划投入人民币1600亿元用于AI。",
        "“资本开支将达1600亿元。”",
        "报道称。",
        "The FT said so.",
    ]
