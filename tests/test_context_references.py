"""Descriptions that refer back to a company (extract/context/names/references.py): where they start and
end, and which company named before them fits ("the Finnish group" -> Nokia)."""

from __future__ import annotations

import pytest
import spacy

from extract.context.names.references import (
    company_heads,
    description_end,
    description_start,
    description_words,
    fit,
    fitting_referent,
)

nlp = spacy.blank("en")


@pytest.mark.parametrize(
    ("text", "head_word", "expected"),
    [
        ("the e-commerce giant said", "giant", "the e-commerce giant"),
        ("the Boise, Idaho-based company said", "company", "the Boise, Idaho-based company"),
        ("the Shenzhen-based chipmaker said", "chipmaker", "the Shenzhen-based chipmaker"),
        ("Alibaba, a giant, said", "giant", None),  # no "the": an apposition, not a reference
    ],
)
def test_where_a_description_starts(text: str, head_word: str, expected: str | None) -> None:
    doc = nlp(text)
    head = next(t.i for t in doc if t.text == head_word)
    start = description_start(doc, head)
    assert (doc[start:head + 1].text if start is not None else None) == expected


def test_where_a_description_ends() -> None:
    doc = nlp("the Hangzhou-based e-commerce titan said")
    end = description_end(doc, 0, company_heads())
    assert doc[0:end].text == "the Hangzhou-based e-commerce titan"


@pytest.mark.parametrize(
    ("description", "candidates", "expected"),
    [
        ("the Finnish group", ["Nokia", "Alibaba"], "Nokia"),  # nearest first; Alibaba was named later
        ("the Chinese e-commerce giant", ["Nokia", "Alibaba"], "Alibaba"),
        ("the company", ["Nokia", "Alibaba"], "Nokia"),  # nothing fits: the nearest
        ("the South Korean chipmaker", ["Apple", "Samsung Electronics"], "Samsung Electronics"),
        ("the iPhone maker", ["Foxconn", "Apple"], "Apple"),
    ],
)
def test_the_nearest_fitting_company(description: str, candidates: list[str], expected: str) -> None:
    doc = nlp(description)
    words = description_words(doc, 0, len(doc))
    assert fitting_referent(candidates, lambda name: name, words) == expected


def test_hyphenated_words_fit_whole_and_split() -> None:
    doc = nlp("the Shenzhen-based e-commerce company")
    words = description_words(doc, 0, len(doc))
    assert {"shenzhen", "e-commerce"} <= words
    assert fit("Tencent", words) >= 1
