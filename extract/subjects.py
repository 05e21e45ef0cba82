"""Whose money a figure is (``span._.subject``): the company that spends, earns, is valued or sells.

Follows gold/CONVENTIONS.md: the company named in the figure's clause, as named; the watch's
aliases ("the TikTok owner", "TikTok's parent company", "字节跳动") resolve to the watch subject;
"the company", "the group", "it" resolve to the nearest company named before them in the same
paragraph. Outlets are never subjects; research firms and companies in a source's position
("Alibaba said …") only when nothing else is named (then "it" in "Alibaba said it would spend"
still finds Alibaba).

How: names come from ``extract.rules.entities`` (word lists and capitalisation). Each figure takes
the candidate with the lowest cost: token distance, plus a cost per clause break, plus the
penalties in ``PENALTIES`` for positions that rarely hold the spender (after the figure, after a
preposition, before "said"). A possessive right before the figure ("Alibaba's $53bn") is free.
The deciding rule is recorded in ``span._.subject_rule``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.rules import words
from extract.rules.context import (
    breaks_between,
    claims,
    gap,
    is_line_break,
    line_bounds,
    money_by_sentence,
    paragraph_index,
)
from extract.rules.entities import COMPANY, FIRM, GUESS, WATCH, Name, NameFinder
from extract.spans import register_extensions

register_extensions()

BREAK_COST = 6
MAX_DISTANCE = 45

#: Extra cost for positions that rarely hold the one whose money it is.
PENALTIES: dict[str, int] = {
    "after_figure": 8,  # "$7bn was spent by ByteDance": possible, but rarer than before
    "object": 10,  # "chips from Nvidia", "more than Alibaba"
    "source": 12,  # "Alibaba said": the source; the spender only if nothing else is named
    "firm": 10,  # "Goldman Sachs estimates": a research firm is rarely the spender
    "reference": 2,  # "it", "the company": an explicit name at the same distance wins
}

#: Words before a name that put it in an object's position, not the spender's.
OBJECT_MARKERS = frozenset(
    """from of to on with by for than at like including against over into about toward towards
    rival rivals peer peers as versus vs via through among""".split()
)

#: "according to X", "citing X", "told X": a source, not a spender.
SOURCE_MARKERS = frozenset({"according", "citing", "cited", "told"})

#: Head nouns of references to a company named earlier ("the Chinese tech giant").
REFERENCE_HEADS = frozenset(
    """company group firm giant startup start-up conglomerate titan heavyweight behemoth
    operator maker developer platform business""".split()
)
PRONOUNS = frozenset({"it", "its"})
#: Kinds that can be a subject, and those a reference can point back to.
SUBJECT_KINDS = (COMPANY, WATCH, GUESS, FIRM)
REFERENT_KINDS = (COMPANY, WATCH, GUESS)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible subject: where it is written, the company it names, and how it was found."""

    start: int
    end: int
    name: str
    rule: str
    penalty: int


class SubjectComponent:
    """Sets ``span._.subject`` and ``span._.subject_rule`` on every money span."""

    def __init__(self, subject: str, aliases: Sequence[str]) -> None:
        self.finder = NameFinder(subject, aliases)
        self.report_verbs = words("report_verbs.txt")

    def __call__(self, doc: Doc) -> Doc:
        sentences = list(money_by_sentence(doc))
        if not sentences:
            return doc
        names = self.finder(doc)
        paragraph = paragraph_index(doc)
        candidates = self._candidates(doc, names, paragraph)
        previous: tuple[Span, list[Span]] | None = None
        for sent, spans in sentences:
            in_sent = [c for c in candidates if sent.start <= c.start and c.end <= sent.end]
            for group in claims(spans):
                subject, rule = self._choose(doc, sent, group, in_sent)
                if subject is None and previous is not None:
                    subject, rule = _inherit(doc, sent, previous, paragraph)
                for span in group:
                    span._.subject = subject
                    span._.subject_rule = rule
            previous = (sent, spans)
        return doc

    def _candidates(self, doc: Doc, names: list[Name], paragraph: list[int]) -> list[Candidate]:
        """Names and resolved references, each with its position penalty."""
        found: list[Candidate] = []
        referents = [n for n in names if n.kind in REFERENT_KINDS]
        for name in names:
            if name.kind not in SUBJECT_KINDS:
                continue
            penalty = self._position_penalty(doc, name.start, name.end)
            if name.kind == FIRM:
                penalty += PENALTIES["firm"]
            found.append(Candidate(name.start, name.end, name.name, f"name:{name.kind}", penalty))
        covered = {i for n in names for i in range(n.start, n.end)}
        for start, end in _references(doc):
            if start in covered:
                continue
            referent = _nearest_before(referents, start, paragraph)
            if referent is None:
                continue
            penalty = PENALTIES["reference"] + self._position_penalty(doc, start, end)
            found.append(Candidate(start, end, referent.name, "reference", penalty))
        found.sort(key=lambda c: c.start)
        return found

    def _position_penalty(self, doc: Doc, start: int, end: int) -> int:
        """Penalty for a name in a source's or an object's position."""
        before = doc[start - 1].lower_ if start > 0 else ""
        before2 = doc[start - 2].lower_ if start > 1 else ""
        after = [t.lower_ for t in doc[end:end + 3]]
        if before in SOURCE_MARKERS or before2 in SOURCE_MARKERS or (before == "by" and before2 in ("cited", "reported")):
            return PENALTIES["source"]
        if after and (after[0] in self.report_verbs or (len(after) > 1 and after[0] in ("analysts", "has", "had") and after[1] in self.report_verbs)):
            return PENALTIES["source"]
        if before in OBJECT_MARKERS:
            return PENALTIES["object"]
        return 0

    @staticmethod
    def _choose(doc: Doc, sent: Span, group: list[Span], in_sent: list[Candidate]) -> tuple[str | None, str]:
        start = min(span.start for span in group)
        end = max(span.end for span in group)
        line_start, line_end = line_bounds(doc, sent, start, end)
        best: tuple[int, Candidate] | None = None
        for candidate in in_sent:
            if candidate.start < line_start or candidate.end > line_end:
                continue
            if candidate.penalty >= PENALTIES["source"] and (
                candidate.start >= end or candidate.penalty >= PENALTIES["source"] + PENALTIES["firm"]
            ):
                continue  # "…, according to Goldman Sachs": a source after the figure is no spender
            distance, left, right = gap(start, end, candidate.start, candidate.end)
            cost = distance + BREAK_COST * breaks_between(doc, left, right) + candidate.penalty
            if candidate.start >= end:
                cost += PENALTIES["after_figure"]
            elif candidate.end < len(doc) and doc[candidate.end].lower_ in ("'s", "’s") and distance <= 1:
                cost -= candidate.penalty  # "Alibaba's $53bn": the possessive binds
            if cost <= MAX_DISTANCE and (best is None or cost < best[0]):
                best = (cost, candidate)
        if best is None:
            return None, "none"
        return best[1].name, best[1].rule


def _references(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of "it"/"its" and "the (adjectives) company|group|firm|giant…"."""
    found: list[tuple[int, int]] = []
    for token in doc:
        if token.lower_ in PRONOUNS:
            found.append((token.i, token.i + 1))
        elif token.lower_ == "the":
            for j in range(token.i + 1, min(token.i + 5, len(doc))):
                word = doc[j].lower_
                if word in REFERENCE_HEADS:
                    found.append((token.i, j + 1))
                    break
                if doc[j].is_punct or is_line_break(doc[j].text):
                    break
    return found


def _nearest_before(referents: list[Name], start: int, paragraph: list[int]) -> Name | None:
    """The company named last before token ``start`` in the same paragraph."""
    chosen: Name | None = None
    for name in referents:
        if name.end > start:
            break
        chosen = name
    if chosen is None or paragraph[chosen.start] != paragraph[start]:
        return None
    return chosen


def _inherit(
    doc: Doc, sent: Span, previous: tuple[Span, list[Span]], paragraph: list[int]
) -> tuple[str | None, str]:
    """A sentence that names nobody continues the one just before it in the same paragraph
    ("Of that, Rmb85bn will go to chips."): its figures' subject, when they agree on one."""
    prev_sent, prev_spans = previous
    if prev_sent.end != sent.start or paragraph[prev_sent.start] != paragraph[sent.start]:
        return None, "none"
    subjects = {span._.subject for span in prev_spans}
    if len(subjects) == 1 and None not in subjects:
        return subjects.pop(), "previous_sentence"
    return None, "none"


@Language.factory(
    "capexwatch_subject",
    default_config={"subject": "ByteDance", "aliases": ["TikTok owner", "TikTok parent", "Douyin owner", "字节跳动"]},
)
def make_subject_component(nlp: Language, name: str, subject: str, aliases: list[str]) -> SubjectComponent:
    """Factory for the subject rules; ``subject`` and ``aliases`` come from the watch."""
    return SubjectComponent(subject, aliases)
