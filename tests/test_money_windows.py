"""The money Matcher runs only on windows of tokens that can hold an amount; that must find
exactly what running it on the whole text finds."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

import extract.money.component  # noqa: F401  (registers the component)
from extract.money.patterns import NUMBER, SCALE, SIGN, seq
from extract.money.tokenizer import customize_tokenizer
from extract.money.windows import Vocabulary, windows


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.blank("en")
    customize_tokenizer(pipeline)
    pipeline.add_pipe("capexwatch_money")
    return pipeline


TEXTS = [
    "BEIJING, Jan 23 (Reuters) - ByteDance plans 160 billion yuan ($22 billion) of capex in 2026, "
    "up from 150 billion yuan, with between $5 and 6 billion for chips.\n($1 = 7.2712 yuan)",
    "Meta sees $66-72 billion; Alphabet raised its forecast by $10bn to $85bn; 5 million GPUs.",
    "a quarter of a trillion dollars, half a billion euros, 50p a share, 20 euro cents",
    "字节跳动计划投入人民币1600亿元，其中70亿美元用于芯片。",
    "No money here at all, only 2025, 5% and 300,000 employees.",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_windows_find_every_match(nlp: Language, text: str) -> None:
    finder = nlp.get_pipe("capexwatch_money")
    doc = nlp.make_doc(text)
    assert sorted(finder.matches(doc)) == sorted(finder.matcher(doc))


def test_text_without_money_has_no_window(nlp: Language) -> None:
    finder = nlp.get_pipe("capexwatch_money")
    doc = nlp.make_doc("The company has 300,000 employees and 1 billion users in 2025.")
    assert windows(doc, finder.vocabulary) == []


def test_a_pattern_without_a_currency_is_refused() -> None:
    """A pattern the windows could hide (no required currency token) fails loudly at load."""
    with pytest.raises(ValueError, match="no required currency token"):
        Vocabulary.of([seq(NUMBER, SCALE)])
    assert Vocabulary.of([seq(SIGN, NUMBER)]).kinds >= {"sign", "code", "num"}
