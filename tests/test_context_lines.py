"""Helpers of ``extract.context.common.clauses`` for whole articles: datelines and list lines."""

from __future__ import annotations

import spacy

from extract.context.common.clauses import dateline_end
from extract.context.common.lines import Lines

NLP = spacy.blank("en")


def _index(doc, word: str) -> int:
    return next(token.i for token in doc if token.text == word)


def test_dateline_end_skips_a_wire_dateline() -> None:
    doc = NLP("MUMBAI, Oct 9 (Reuters) - Tata Consultancy Services reported a profit.")
    assert doc[dateline_end(doc, 0)].text == "Tata"


def test_dateline_end_skips_a_dateline_without_wire() -> None:
    doc = NLP("SEOUL, Oct 14 - Samsung said it expected more.")
    assert doc[dateline_end(doc, 0)].text == "Samsung"


def test_dateline_end_leaves_a_plain_sentence() -> None:
    for text in ("Samsung said on Tuesday - in a filing - that profit rose.", "AI spending - a boom - grows."):
        doc = NLP(text)
        assert dateline_end(doc, 0) == 0


def test_list_lines_under_a_header() -> None:
    doc = NLP("Samsung said it expected the following:\nOperating profit: 12 trillion won.\n"
              "Revenue: 86 trillion won.\nThe company gave no more.")
    lines = Lines(doc)
    header = lines.header(_index(doc, "86"))
    assert header is not None and doc[header[0]:header[1]].text.startswith("Samsung said")
    assert lines.header(_index(doc, "12")) == header
    assert lines.on_list_line(_index(doc, "86"))
    assert lines.header(_index(doc, "gave")) is None
    assert not lines.on_list_line(_index(doc, "gave"))


def test_list_without_header_and_clock_times() -> None:
    doc = NLP("Here is the list.\nMicrosoft: 80 billion dollars.\nThe meeting starts at 10:30 today.")
    lines = Lines(doc)
    assert lines.on_list_line(_index(doc, "80"))
    assert lines.header(_index(doc, "80")) is None
    assert not lines.on_list_line(_index(doc, "today"))
