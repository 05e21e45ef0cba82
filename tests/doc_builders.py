"""Building docs for the context-component tests: a blank pipeline's components run on a text
whose money spans are placed by hand, so each component is tested without the money stage."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Span

from extract.figure import Figure
from extract.spans import MONEY_SPANS


def blank_pipeline(*components: str, config: dict[str, object] | None = None) -> Language:
    """A blank English pipeline with a sentencizer and ``components`` in order (``config``
    goes to every component that takes one)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    for name in components:
        nlp.add_pipe(name, config=config or {})
    return nlp


def figures(
    nlp: Language, text: str, amounts: Sequence[str], published: datetime.date | None = None
) -> list[Span]:
    """Run ``nlp`` on ``text`` with a money span on each of ``amounts`` (found in order, one
    claim each) and ``published`` as the publication date."""
    doc = nlp.make_doc(text)
    if published is not None:
        doc._.published = published
    spans, position = [], 0
    for claim, amount in enumerate(amounts):
        start = text.index(amount, position)
        span = doc.char_span(start, start + len(amount), alignment_mode="expand")
        span._.claim = claim
        spans.append(span)
        position = start + len(amount)
    doc.spans[MONEY_SPANS] = spans
    for _name, component in nlp.pipeline:
        doc = component(doc)
    return list(doc.spans[MONEY_SPANS])


#: (amount as written, year, source, subject) per expected figure
Expected = Sequence[tuple[str, int | None, str | None, str | None]]


def check_fields(
    figures: Sequence[Figure], expected: Expected, fields: Sequence[str] = ("year", "source", "subject")
) -> None:
    """Assert each expected figure was found (by its written text) with the right ``fields``;
    the failure names the amount, the field and the rule that decided it."""
    by_text = {figure.text: figure for figure in figures}
    for amount, year, source, subject in expected:
        assert amount in by_text, (amount, [f.text for f in figures])
        figure = by_text[amount]
        got = {"year": figure.year, "source": figure.source, "subject": figure.subject}
        want = {"year": year, "source": source, "subject": subject}
        for field in fields:
            assert got[field] == want[field], (amount, field, got[field], figure.rule)
