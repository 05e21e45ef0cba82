"""Token helpers the four context components share: which sentence a figure is in, where its
clause ends, how far a cue is from it.

A blank pipeline has no parser, so "clause" here is a proxy: punctuation and a few conjunctions
that start a new clause in news prose ("…, while Alibaba spent…", "…; Tencent…"). A blank line
is a hard boundary (headlines, bylines, paragraphs); a single line break is not, because wire
copy wraps sentences at ~70 characters ("...plans to spend\n160 billion yuan on...").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Generic, TypeVar

from spacy.tokens import Doc, Span

from extract.lexicon import cues
from extract.spans import MONEY_SPANS

CUES = cues(Path(__file__).resolve().with_name("cues.toml"))
T = TypeVar("T")

#: Tokens that end a clause (lower-cased). "and" is left out: it joins amounts and years
#: ("$60bn and $75bn") more often than clauses.
CLAUSE_BREAKS = CUES.words("clause_breaks")


def is_line_break(token_text: str) -> bool:
    """A newline token (wrapped line or paragraph end)."""
    return "\n" in token_text


def is_blank_line(token_text: str) -> bool:
    """A blank line: a paragraph ends here, whatever the sentence splitter says."""
    return token_text.count("\n") >= 2


def paragraph_index(doc: Doc) -> list[int]:
    """Paragraph number of every token. A paragraph ends at a blank line, or at a line break
    right after sentence-final punctuation (extracted pages put one paragraph a line; wrapped
    wire copy breaks lines mid-sentence, which does not end a paragraph)."""
    index: list[int] = []
    current = 0
    previous = ""
    for token in doc:
        text = token.text
        index.append(current)
        if "\n" in text and (text.count("\n") >= 2 or previous in PARAGRAPH_ENDS):
            current += 1
        previous = text
    return index


PARAGRAPH_ENDS = CUES.words("paragraph_ends")


def money_by_sentence(doc: Doc) -> Iterator[tuple[Span, list[Span]]]:
    """Each sentence holding money spans, with its spans in text order (equal starts keep
    their order in the group, so "$315bn/$367bn" stays first-then-second)."""
    if MONEY_SPANS not in doc.spans:
        return
    spans = sorted(enumerate(doc.spans[MONEY_SPANS]), key=lambda pair: (pair[1].start_char, pair[0]))
    current: Span | None = None
    group: list[Span] = []
    for _, span in spans:
        sent = span.sent if doc.has_annotation("SENT_START") else doc[:]
        if current is not None and sent.start != current.start:
            yield current, group
            group = []
        current = sent
        group.append(span)
    if current is not None:
        yield current, group


def line_bounds(doc: Doc, sent: Span, start: int, end: int) -> tuple[int, int]:
    """The part of ``sent`` in the same block (between blank lines) as tokens ``start..end``."""
    lo = start
    while lo > sent.start and not is_blank_line(doc[lo - 1].text):
        lo -= 1
    hi = end
    while hi < sent.end and not is_blank_line(doc[hi].text):
        hi += 1
    return lo, hi


def breaks_between(doc: Doc, left: int, right: int) -> int:
    """How many clause breaks lie between token ``left`` (exclusive end) and ``right``."""
    return sum(1 for token in doc[left:right] if token.lower_ in CLAUSE_BREAKS)


def gap(a_start: int, a_end: int, b_start: int, b_end: int) -> tuple[int, int, int]:
    """Token distance between two token ranges and the (left end, right start) between them."""
    if b_end <= a_start:
        return a_start - b_end, b_end, a_start
    if a_end <= b_start:
        return b_start - a_end, a_end, b_start
    return 0, a_start, a_start


def claims(spans: Sequence[Span]) -> list[list[Span]]:
    """Money spans grouped by claim (equivalents side by side share one), in text order."""
    grouped: dict[object, list[Span]] = {}
    for index, span in enumerate(spans):
        key = span._.claim if span._.claim is not None else ("span", index)
        grouped.setdefault(key, []).append(span)
    return list(grouped.values())


class Positions(Generic[T]):
    """Items sorted by token start, sliced by token range in O(log n): keeps each component
    linear in the length of an article instead of rescanning every item per sentence."""

    def __init__(self, items: Sequence[T], start: Callable[[T], int]) -> None:
        self.items = sorted(items, key=start)
        self.starts = [start(item) for item in self.items]

    def within(self, lo: int, hi: int) -> list[T]:
        """Items starting in ``lo <= start < hi``."""
        return self.items[bisect_left(self.starts, lo):bisect_left(self.starts, hi)]

    def last_before(self, position: int, accept: Callable[[T], bool]) -> T | None:
        """The last accepted item starting before ``position`` (walks back from there)."""
        for index in range(bisect_left(self.starts, position) - 1, -1, -1):
            if accept(self.items[index]):
                return self.items[index]
        return None


#: Words that tie a sentence's figure to the figures of the sentence before ("Roughly 85bn yuan of
#: that will go to chips", "Meta spent $22.1bn over the same period", "the rest", "half of it").
TIE = re.compile(
    r"\b(?:of\s+(?:that|this|which|it|them|those|these|the\s+(?:total|sum|amount|budget|figure|money|"
    r"spending|investment|plan))|same\s+(?:period|quarter|year|time|months?)|that\s+(?:year|period|quarter)|"
    r"the\s+(?:rest|remainder|remaining|balance))\b",
    re.I,
)


def ties_to_previous(sent: Span) -> bool:
    """Does ``sent`` tie its figure to the figures of the sentence before ("Roughly 85bn yuan of
    that will go to chips", "Meta spent $22.1bn over the same period", "the rest")?"""
    return TIE.search(sent.text) is not None


#: Farthest (tokens) a dateline runs into its sentence ("NEW DELHI, Oct 9 (Reuters) -").
DATELINE_REACH = 14
DATELINE_DASHES = CUES.words("dateline_dashes")


def dateline_end(doc: Doc, start: int) -> int:
    """Where the story starts after a dateline opening the sentence at ``start``: "MUMBAI, Oct
    9 (Reuters) - Tata Consultancy Services reported …", "SEOUL, Oct 14 - Samsung said …" -> the
    token after the dash; ``start`` when the sentence opens with no dateline. A dateline is a
    place in capitals, then a comma, a date and an optional wire tag, then a dash."""
    k = start
    while k < len(doc) and doc[k].is_space:
        k += 1
    first = k
    while k < len(doc) and k - first < 4 and doc[k].is_alpha and doc[k].text.isupper() and len(doc[k].text) > 1:
        k += 1
    if k == first or k >= len(doc) or doc[k].text not in (",", "(") and doc[k].text not in DATELINE_DASHES:
        return start
    for j in range(k, min(len(doc), first + DATELINE_REACH)):
        if doc[j].text in DATELINE_DASHES:
            return j + 1
        if doc[j].is_sent_start and j > first:
            break
    return start


#: Where ``doc_text`` keeps a doc's text.
TEXT_KEY = "capexwatch_text"


def doc_text(doc: Doc) -> str:
    """The doc's text, built once per doc (``Doc.text`` joins every token again on each call,
    and the name finder and the period patterns both read it)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text
