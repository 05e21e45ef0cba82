"""Who the text attributes a figure to (``span._.source``, ``span._.anonymous``).

Follows gold/CONVENTIONS.md: the source as named, without a leading "the"; a chain keeps the
reporting outlet first ("Bloomberg; South China Morning Post"); anonymous people mark the figure
``anonymous`` and leave the outlet that carries them ("told Reuters") as the source; no
attribution -> null.

How: attribution frames are found once per text with the frame table below (a blank pipeline has
no parser, so frames are word patterns around reporting verbs: "X said", "said X", "according to
X", "citing X", "told X", "cited by X"). The words of a frame's source are read off the tokens next
to the cue (``grab_before``/``grab_after``) and named with the outlet/firm/company lists when they
match. References are resolved: "the newspaper said" -> the outlet named last before it (else the
dateline's); "the company said", "it said" -> the company named last before it; "he said" -> the
person named last. A figure takes the nearest frame in its sentence; a sentence with none takes a
short frame-only sentence right after it ("That's according to The Information."). The deciding
frame is recorded in ``span._.source_rule``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extract.rules import words
from extract.rules.context import is_line_break, money_by_sentence
from extract.rules.entities import COMPANY, FIRM, GUESS, OUTLET, WATCH, Name, NameFinder
from extract.spans import register_extensions

register_extensions()

#: A sentence right after a figure's sentence lends it its frame when it is this short and
#: holds no figure of its own ("That's according to The Information.").
FOLLOW_UP_TOKENS = 16
#: Farthest a grabbed source reaches from its cue, in tokens.
GRAB_REACH = 8

#: People and offices a figure may be attributed to without a capitalised name
#: ("the trade minister", "analysts at Morgan Stanley", "a ByteDance spokesperson").
TITLE_WORDS = frozenset(
    """analyst analysts president vice chief executive executives officer officers minister
    ministry spokesperson spokesman spokeswoman spokespeople representative chairman chairwoman
    founder cofounder co-founder head director directors official officials researcher
    researchers economist economists strategist strategists partner ceo cfo cto coo manager
    managers investor investors regulator regulators government authorities""".split()
)
#: Words that may sit inside a source phrase but do not make one on their own
#: ("Jefferies research", "the trade minister", "Reuters calculations").
PHRASE_WORDS = frozenset(
    """trade finance commerce industry senior deputy financial technology operating investment
    note report estimates data research consultancy firm group company team calculations""".split()
)
#: Joins inside a source phrase ("Bank of America", "analysts at Jefferies", "Tencent's").
CONNECTORS = frozenset({"of", "at", "'s", "’s", "&", "-", "and", "from"})
DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "two", "three", "several", "some"})
#: Adverbs between a source and its verb ("Reuters previously reported", "Bloomberg has said").
VERB_ADVERBS = frozenset(
    """also previously earlier first has had have was were is separately exclusively recently
    initially originally reportedly later""".split()
)
#: "the newspaper said": nouns that refer back to an outlet named earlier.
OUTLET_REFERENCES = frozenset(
    """newspaper paper report outlet publication magazine agency newsletter site website daily
    journal broadcaster article story""".split()
)
#: "the company said": nouns that refer back to a company named earlier.
COMPANY_REFERENCES = frozenset("company group firm giant startup conglomerate business".split())
#: Words skipped after "according to" before the source's name ("according to a report by").
ACCORDING_FILLER = frozenset(
    """a an the report reports note notes research estimates estimate data calculations analysis
    filing filings survey statement article story document documents memo presentation by from
    in of on recent new latest""".split()
)
#: Datelines name the wire that carries a story: "BEIJING, Jan 23 (Reuters) -".
DATELINE = re.compile(r"\(([A-Z][\w .&-]{1,30})\)\s*[-–—]")


@dataclass(frozen=True, slots=True)
class Frame:
    """An attribution in the text: the tokens it covers, who is named, and how it was read."""

    start: int
    end: int
    source: str | None
    anonymous: bool
    rule: str
    kind: str = ""  # OUTLET, COMPANY… when the source is a known name; "person"; "" otherwise
    cited: str | None = None


class AttributionComponent:
    """Sets ``span._.source``, ``span._.anonymous`` and ``span._.source_rule`` on money spans."""

    def __init__(self) -> None:
        self.finder = NameFinder()
        self.verbs = words("report_verbs.txt")
        self.anonymous_words = words("anonymous.txt")

    def __call__(self, doc: Doc) -> Doc:
        sentences = list(money_by_sentence(doc))
        if not sentences:
            return doc
        names = self.finder(doc)
        reader = _Reader(doc, names, self.verbs, self.anonymous_words)
        frames = reader.frames()
        money_starts = {sent.start for sent, _ in sentences}
        for sent, spans in sentences:
            in_sent = [f for f in frames if sent.start <= f.start < sent.end]
            rule_prefix = ""
            if not in_sent:
                in_sent = _follow_up(doc, sent, frames, money_starts)
                rule_prefix = "next_sentence:"
            for span in spans:
                frame = _nearest(span, in_sent)
                if frame is None:
                    span._.source, span._.anonymous, span._.source_rule = None, False, "none"
                    continue
                source = frame.source
                if frame.cited and frame.cited != source:
                    source = f"{source}; {frame.cited}" if source else frame.cited
                span._.source = source
                span._.anonymous = frame.anonymous
                span._.source_rule = rule_prefix + frame.rule
        return doc


def _nearest(span: Span, frames: list[Frame]) -> Frame | None:
    best: tuple[int, Frame] | None = None
    for frame in frames:
        if frame.end <= span.start:
            distance = span.start - frame.end
        elif frame.start >= span.end:
            distance = frame.start - span.end
        else:
            distance = 0
        if best is None or distance < best[0]:
            best = (distance, frame)
    return best[1] if best else None


def _follow_up(doc: Doc, sent: Span, frames: list[Frame], money_starts: set[int]) -> list[Frame]:
    """Frames of a short, figure-free sentence right after ``sent``."""
    if sent.end >= len(doc):
        return []
    following = doc[sent.end].sent
    if len(following) > FOLLOW_UP_TOKENS or following.start in money_starts:
        return []
    return [f for f in frames if following.start <= f.start < following.end]


class _Reader:
    """Reads the attribution frames of one doc."""

    def __init__(self, doc: Doc, names: list[Name], verbs: frozenset[str], anonymous: frozenset[str]) -> None:
        self.doc = doc
        self.names = names
        self.name_at_end = {name.end: name for name in names}
        self.name_at_start = {name.start: name for name in names}
        self.verbs = verbs
        self.anonymous = anonymous
        match = DATELINE.search(doc.text[:400])
        self.dateline = match.group(1).strip() if match else None
        self.persons: list[tuple[int, str]] = []

    # ---- frames ------------------------------------------------------------------------
    def frames(self) -> list[Frame]:
        """All frames, in text order, with citing chains attached to their reporting frame."""
        doc = self.doc
        found: list[Frame] = []
        for token in doc:
            word = token.lower_
            frame: Frame | None = None
            if word == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                frame = self._according(token)
            elif word == "citing":
                frame = self._citing(token)
            elif word == "cited" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "by":
                frame = self._after(token.i + 2, token.i, "cited_by", anonymous_hint=self._anon_before(token.i))
            elif word in self.verbs:
                frame = self._verb(token)
            if frame is not None:
                found.append(frame)
        return _chain(found)

    def _verb(self, verb: Token) -> Frame | None:
        """"X said", "X told Reuters", ", said X"."""
        doc = self.doc
        i = verb.i - 1
        while i >= 0 and doc[i].lower_ in VERB_ADVERBS:
            i -= 1
        if i >= 0 and doc[i].lower_ in (",", '"', "”", "’", "'") and verb.i + 1 < len(doc) \
                and (doc[verb.i + 1].text[:1].isupper() or doc[verb.i + 1].lower_ in DETERMINERS):
            return self._after(verb.i + 1, verb.i, "said_x")
        if i >= 0 and doc[i].lower_ == ",":
            # "Martin Lau, Tencent's president, said": the name before the apposition
            j = i - 1
            while j >= max(0, i - GRAB_REACH) and doc[j].lower_ != "," and not doc[j].is_sent_start:
                j -= 1
            if j > 0 and doc[j].lower_ == ",":
                i = j - 1
            else:
                return None
        if i < 0:
            return None
        frame = self._before(i, verb)
        if frame is None:
            return None
        if verb.lower_ in ("told", "tells") and frame.anonymous:
            carrier = self._after(verb.i + 1, verb.i, "told")
            if carrier is not None and carrier.kind == OUTLET:
                return replace(frame, source=carrier.source, kind=OUTLET, end=carrier.end, rule="anonymous_told")
        return frame

    def _according(self, token: Token) -> Frame | None:
        """"according to X", "according to a report by X", "according to people familiar…"."""
        doc = self.doc
        i = token.i + 2
        anonymous = False
        limit = min(len(doc), i + GRAB_REACH + 4)
        while i < limit:
            word = doc[i].lower_
            if word in self.anonymous:
                anonymous = True
            if word in ACCORDING_FILLER or word in DETERMINERS or (anonymous and not doc[i].text[:1].isupper()):
                if word in ("cited", "told") or (word == "by" and anonymous):
                    break
                i += 1
                continue
            break
        if anonymous:
            carrier = None
            if i < len(doc) and doc[i].lower_ in ("cited", "told", "by"):
                carrier = self._after(i + 1 if doc[i].lower_ != "cited" else i + 2, token.i, "according")
            source = carrier.source if carrier is not None and carrier.kind == OUTLET else self.dateline
            return Frame(token.i, i, source, True, "according_to_anonymous", OUTLET if source else "")
        frame = self._after(i, token.i, "according_to")
        return frame

    def _citing(self, token: Token) -> Frame | None:
        """"citing X": a chain link; attached to the reporting frame by ``_chain``."""
        frame = self._after(token.i + 1, token.i, "citing")
        if frame is None:
            return None
        return replace(frame, rule="citing")

    # ---- reading a source phrase ------------------------------------------------------
    def _before(self, last: int, verb: Token) -> Frame | None:
        """The source phrase ending at token ``last`` (before a reporting verb)."""
        doc = self.doc
        word = doc[last].lower_
        if word in ("he", "she"):
            person = self._last_person(last)
            return Frame(last, verb.i + 1, person, False, "pronoun_person", "person") if person else None
        if word in ("it", "they"):
            name = self._last_name(last, (COMPANY, WATCH, GUESS, OUTLET, FIRM))
            return Frame(last, verb.i + 1, name.name if name else None, False, "pronoun", name.kind if name else "") if name else None
        name = self.name_at_end.get(last + 1)
        start = last
        while start - 1 >= 0 and last - start < GRAB_REACH and self._in_phrase(doc[start - 1]):
            start -= 1
        before_phrase = start
        while start <= last and doc[start].lower_ in DETERMINERS | CONNECTORS:
            start += 1
        if start > last:
            return None
        phrase = doc[start:last + 1]
        lowered = {t.lower_ for t in phrase}
        if lowered & self.anonymous or self._anon_before(last + 1):
            return Frame(start, verb.i + 1, self.dateline, True, "anonymous", OUTLET if self.dateline else "")
        capitalised = any(t.text[:1].isupper() for t in phrase)
        if not capitalised and len(phrase) <= 3 and before_phrase < start:
            head = doc[last].lower_
            if head in OUTLET_REFERENCES:  # "the newspaper said"
                outlet = self._last_name(start, (OUTLET,))
                source = outlet.name if outlet else self.dateline
                return Frame(start, verb.i + 1, source, False, "outlet_reference", OUTLET) if source else None
            if head in COMPANY_REFERENCES:  # "the company said"
                company = self._last_name(start, (COMPANY, WATCH, GUESS))
                if company is None:
                    return None
                return Frame(start, verb.i + 1, company.name, False, "company_reference", company.kind)
        if name is not None and name.start == start:
            return Frame(start, verb.i + 1, name.name, False, f"{name.kind}_said", name.kind)
        if not capitalised and not lowered & TITLE_WORDS:
            return None
        text = phrase.text
        kind = "person" if _looks_like_person(phrase) else ""
        if kind:
            self.persons.append((start, text))
        return Frame(start, verb.i + 1, text, False, "named_said", kind)

    def _after(self, first: int, cue: int, rule: str, anonymous_hint: bool = False) -> Frame | None:
        """The source phrase starting at token ``first`` (after "according to", "citing",
        "said", "told")."""
        doc = self.doc
        i = first
        while i < len(doc) and doc[i].lower_ in DETERMINERS:
            i += 1
        if i >= len(doc):
            return None
        if doc[i].lower_ in self.anonymous or anonymous_hint:
            end = i
            while end < len(doc) and end - i < GRAB_REACH and not doc[end].is_punct:
                end += 1
            return Frame(cue, end, self.dateline, True, rule + "_anonymous", OUTLET if self.dateline else "")
        name = self.name_at_start.get(i)
        if name is not None:
            end = name.end
            return Frame(cue, end, name.name, False, f"{rule}_{name.kind}", name.kind)
        end = i
        while end < len(doc) and end - i < GRAB_REACH and self._in_phrase(doc[end]) and not is_line_break(doc[end].text):
            end += 1
        while end > i and doc[end - 1].lower_ in CONNECTORS:
            end -= 1
        if end == i:
            return None
        phrase = doc[i:end]
        if not any(t.text[:1].isupper() for t in phrase):
            if doc[i].lower_ in COMPANY_REFERENCES:
                company = self._last_name(i, (COMPANY, WATCH, GUESS))
                if company:
                    return Frame(cue, end, company.name, False, rule + "_company_reference", company.kind)
            if doc[i].lower_ in OUTLET_REFERENCES:
                outlet = self._last_name(i, (OUTLET,))
                source = outlet.name if outlet else self.dateline
                if source:
                    return Frame(cue, end, source, False, rule + "_outlet_reference", OUTLET)
            if not any(t.lower_ in TITLE_WORDS for t in phrase):
                return None  # "according to the data": no one named
        kind = "person" if _looks_like_person(phrase) else ""
        if kind:
            self.persons.append((i, phrase.text))
        return Frame(cue, end, phrase.text, False, rule + "_named", kind)

    def _in_phrase(self, token: Token) -> bool:
        text = token.text
        if is_line_break(text) or not text.strip():
            return False
        return text[:1].isupper() or token.lower_ in TITLE_WORDS or token.lower_ in PHRASE_WORDS \
            or token.lower_ in CONNECTORS \
            or token.lower_ in self.anonymous or token.lower_ in ("with", "the", "matter", "plans", "on")

    def _anon_before(self, i: int) -> bool:
        """Anonymous people in the few words before token ``i`` ("people familiar … said")."""
        return any(t.lower_ in self.anonymous for t in self.doc[max(0, i - GRAB_REACH):i])

    def _last_name(self, before: int, kinds: tuple[str, ...]) -> Name | None:
        chosen = None
        for name in self.names:
            if name.end > before:
                break
            if name.kind in kinds:
                chosen = name
        return chosen

    def _last_person(self, before: int) -> str | None:
        chosen = None
        for start, text in self.persons:
            if start < before:
                chosen = text
        return chosen


def _looks_like_person(phrase: Span) -> bool:
    """Two or three capitalised words that are not a known company form: "Martin Lau"."""
    capitalised = [t for t in phrase if t.text[:1].isupper() and t.is_alpha]
    return len(capitalised) >= 2 and capitalised[-1].i == phrase.end - 1


def _chain(frames: list[Frame]) -> list[Frame]:
    """Attach each "citing X" to the reporting frame before it in the same sentence
    ("Bloomberg reported, citing the South China Morning Post"); a lone citing frame stays."""
    out: list[Frame] = []
    for frame in frames:
        if frame.rule.startswith("citing") and out:
            reporter = out[-1]
            if frame.start - reporter.end <= 4:
                if frame.anonymous:
                    out[-1] = replace(reporter, anonymous=True, rule=reporter.rule + "+citing_anonymous")
                elif frame.source:
                    out[-1] = replace(reporter, cited=frame.source, end=frame.end, rule=reporter.rule + "+citing")
                continue
        out.append(frame)
    return out


@Language.factory("capexwatch_attribution")
def make_attribution_component(nlp: Language, name: str) -> AttributionComponent:
    """Factory for the attribution rules (no settings: outlet and verb lists are data)."""
    return AttributionComponent()
