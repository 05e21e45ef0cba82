"""Speakers: the people, companies and outlets a frame may name, read off the words around a
cue. "He said" -> the person named last; "the newspaper said" -> the outlet named before it (else
the dateline's wire); "the Finnish group said" -> the company named before that fits it; anonymous
people -> the outlet that carries them; a sentence's subject for "…, it said" and ", saying".
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from extract.context.common.clauses import Positions, dateline_end, is_blank_line, paragraph_index
from extract.context.common.lines import Lines
from extract.context.names import LISTS
from extract.context.names.finder import COMPANY, FIRM, GUESS, OUTLET, PERSON, PERSON_TITLES, WATCH, Name
from extract.context.names.references import (
    FIT_REACH,
    REFERENCE_REACH,
    description_end,
    description_words,
    fitting_referent,
)
from extract.context.source.frame import BOTH, Frame, is_markup, looks_like_person, person_name, text_of
from extract.context.source.words import (
    ANALYST_TITLES,
    COMPANY_REFERENCES,
    CONJUNCTIONS,
    CONNECTORS,
    DATELINE,
    DATELINE_TOKENS,
    DEFINITE,
    GRAB_REACH,
    MAX_NAME_TOKENS,
    NOT_BEFORE_PERSON,
    OBJECT_WORDS,
    OUTLET_REACH,
    PERSON_REACH,
    PHRASE_WORDS,
    PRINT_HEADS,
    REPORT_INTERRUPTIONS,
    TITLE_ADJECTIVES,
    TITLE_WORDS,
    WIRE_HEADS,
)
from extract.lexicon import words
from extract.spans import MONEY_SPANS


class Speakers:
    """Who may be named in one doc, and the readers of people, references and anonymous
    sources that the attribution frames share (names from ``extract.context.names.finder``)."""

    def __init__(self, doc: Doc, names: list[Name], verbs: frozenset[str], anonymous: frozenset[str]) -> None:
        self.doc = doc
        self.names = names
        self.positions = Positions(names, lambda n: n.start)
        self.name_at_end = {name.end: name for name in names}
        self.name_at_start = {name.start: name for name in names}
        self.verbs = verbs
        self.anonymous = anonymous
        match = DATELINE.search(doc[:DATELINE_TOKENS].text)  # not doc.text: articles are long
        self.dateline = match.group(1).strip() if match else None
        # people named so far ("CEO Andy Jassy"), for "he said"/"she said"
        self.persons: list[tuple[int, str]] = [(n.start, n.name) for n in names if n.kind == PERSON]
        self.common = words(LISTS / "not_names.txt") | words(LISTS / "common_starters.txt")
        self.wires = words(LISTS / "wires.txt")
        self.lines = Lines(doc)
        # where amounts start ("beating the expected $41bn": an estimate right before an amount)
        self.money_starts = {span.start for span in doc.spans[MONEY_SPANS]} if MONEY_SPANS in doc.spans else set()
        # anonymous people read so far and the outlet carrying them, for "the people said" later
        self.anonymous_seen: list[tuple[int, str | None]] = []
        self._paragraphs: list[int] | None = None  # paragraph of every token, when first needed


    def _titled(self, person: str, start: int, end: int) -> str:
        """An analyst with the firm and title of their apposition, as a titled analyst is
        reported ("Edison Lee, an analyst at Jefferies," -> "Jefferies analyst Edison Lee"), so
        the firm and the name both stand; the bare name when the apposition names no firm or
        the person is an executive ("Martin Lau, Tencent's president," -> "Martin Lau")."""
        doc = self.doc
        firm = next((n for n in self.positions.within(start, end) if n.kind in (FIRM, COMPANY, GUESS, OUTLET)
                     and n.end <= end), None)
        title = next((t.lower_ for t in doc[start:end] if t.lower_ in ANALYST_TITLES and t.text.islower()), None)
        if firm is None or title is None:
            return person
        return f"{firm.name} {title} {person}"

    def _sentence_subject(self, cue: Token, rule: str, kinds: tuple[str, ...] = ()) -> Frame | None:
        """The name a sentence opens with ("Meta raised its forecast, saying …" -> Meta;
        "Thailand's Board of Investment approved …, it said." -> Thailand's Board of
        Investment), else the first name in it (``kinds`` limits which)."""
        doc = self.doc
        sent = cue.sent
        start = dateline_end(doc, sent.start)  # "MUMBAI, Oct 9 (Reuters) - TCS reported …" opens with TCS
        while start < cue.i and (doc[start].is_space or doc[start].lower_ in CONJUNCTIONS):
            start += 1
        opening_reference = self._opening_reference(start, cue.i)
        if opening_reference is not None and (not kinds or opening_reference.kind in kinds):
            return Frame(cue.i, cue.i + 1, opening_reference.name, False, rule + "+company_reference",
                         opening_reference.kind, scope=BOTH)
        while start < cue.i and (doc[start].is_space or doc[start].lower_ == "the"):
            start += 1
        end = start
        while end < cue.i and end - start < GRAB_REACH and (
            doc[end].text[:1].isupper() or (end > start and doc[end].lower_ in CONNECTORS)
        ):
            end += 1
        while end > start and doc[end - 1].lower_ in CONNECTORS:
            end -= 1
        opening = self.name_at_start.get(start)
        if opening is not None and opening.kind != OUTLET and (not kinds or opening.kind in kinds):
            return Frame(cue.i, cue.i + 1, opening.name, False, rule, opening.kind, scope=BOTH)
        run = doc[start:end]
        if not kinds and len(run) and opening is None and any(
            t.is_alpha and t.lower_ not in self.common for t in run
        ):
            return Frame(cue.i, cue.i + 1, text_of(run), False, rule, "", scope=BOTH)
        for name in self.positions.within(sent.start, cue.i):
            if name.kind != OUTLET and (not kinds or name.kind in kinds) \
                    and not (name.start > 0 and doc[name.start - 1].lower_ in OBJECT_WORDS):
                return Frame(cue.i, cue.i + 1, name.name, False, rule, name.kind, scope=BOTH)
        return None


    def _clause_company(self, before: int) -> Name | None:
        """The company named last before token ``before`` in its clause (back to a comma,
        semicolon or contrast word), not as an object ("from Huawei"), else None."""
        doc = self.doc
        k = before - 1
        while k >= 0 and not doc[k].is_sent_start and doc[k].text not in (",", ";") \
                and doc[k].lower_ not in ("while", "whereas", "but"):
            k -= 1
        for name in reversed(self.positions.within(max(k, 0), before)):
            if name.kind in (COMPANY, WATCH, GUESS) and name.end <= before \
                    and not (name.start > 0 and doc[name.start - 1].lower_ in OBJECT_WORDS):
                return name
        return None

    def _opening_reference(self, start: int, before: int) -> Name | None:
        """The company a sentence opening with a description refers back to ("The German
        chipmaker said it expects …, it added." -> the company named before), else None."""
        doc = self.doc
        if doc[start].lower_ != "the":
            return None
        end = description_end(doc, start, COMPANY_REFERENCES, REFERENCE_REACH)
        if end is None or end > before or any(n.kind == OUTLET for n in self.positions.within(start, end)):
            return None
        return self._referent(start, end)

    # ---- reading a source phrase ------------------------------------------------------

    def _listed_before(self, name: Name) -> tuple[str, ...]:
        """Names listed before ``name`` with it ("Microsoft and Alphabet", "Amazon, Google and
        Meta"), in order, ``name`` last; () when it stands alone."""
        doc = self.doc
        listed = [name]
        while True:
            first = listed[0]
            k = first.start - 1
            while k >= 0 and doc[k].lower_ in (",", "and", "&"):
                k -= 1
            before = self.name_at_end.get(k + 1)
            if before is None or k + 1 == first.start or before.kind not in (COMPANY, WATCH, GUESS, FIRM, OUTLET):
                break
            listed.insert(0, before)
        return tuple(n.name for n in listed) if len(listed) > 1 else ()

    def _ends_in_known_name(self, phrase: Span) -> bool:
        """"analysts at Morgan Stanley": the capitalised tail is a firm, not a person."""
        name = self.name_at_end.get(phrase.end)
        return name is not None and name.kind != PERSON

    def _person_after_name(self, name: Name) -> tuple[int, str] | None:
        """A person named after their company and title ("Alibaba's chief financial officer
        Toby Xu"): (end, name), else None."""
        doc = self.doc
        end = name.end
        if end >= len(doc) or (doc[end].lower_ not in ("'s", "’s") and doc[end].lower_ not in TITLE_WORDS):
            return None
        while end < len(doc) and end - name.end < GRAB_REACH and self._in_phrase(doc[end]) \
                and not doc[end].is_space:
            end += 1
        phrase = doc[name.start:end]
        if not looks_like_person(phrase):
            return None
        person = person_name(doc[name.end:end])
        self.persons.append((name.start, person))
        return end, person

    def _anonymous_frame(self, start: int, end: int, rule: str) -> Frame:
        """Anonymous people; the source is the outlet that carries them: one named in the next
        few words ("who spoke to The Information", "cited by Bloomberg"), else the outlet the
        article's opening reports for (new people) or the one named last (people cited before),
        else the dateline's wire."""
        sent = self.doc[start].sent
        for name in self.positions.within(end, min(sent.end, end + GRAB_REACH + 4)):
            if name.kind == OUTLET:
                return Frame(start, name.end, name.name, True, rule, OUTLET)
        # "the people said" points back to people an outlet cited earlier; "people familiar
        # with the matter said" are new people: only an outlet in their own sentence carries them
        earlier = [a for a in self.anonymous_seen if a[0] < sent.start]
        if self._definite_people(start, end) and earlier:
            # "the sources added": the people cited before, carried as they were
            source = earlier[-1][1]
        else:
            if self._definite_people(start, end):
                outlet = self._last_name(start, (OUTLET,))
            else:
                own = [n for n in self.positions.within(sent.start, start) if n.kind == OUTLET and n.end <= start]
                # new people in an article an outlet reports: that outlet carries them too ("The FT
                # reported … \n\n Two people familiar with the matter said …": gold/CONVENTIONS.md)
                outlet = own[-1] if own else self._opening_outlet(start)
            source = outlet.name if outlet else self.dateline
        self.anonymous_seen.append((start, source))
        return Frame(start, end, source, True, rule, OUTLET if source else "")

    def _opening_outlet(self, before: int) -> Name | None:
        """The outlet the article's opening attributes its story to ("According to a report by the
        Financial Times, ByteDance plans …"), when it is named in the first paragraph before
        ``before``: the outlet that carries the people it cites later. None when the opening
        names no outlet, or only one told or asked something ("declined to comment to Reuters")."""
        if self._paragraphs is None:
            self._paragraphs = paragraph_index(self.doc)
        first_paragraph = self._paragraphs[dateline_end(self.doc, 0)] if len(self.doc) else 0
        for name in self.positions.within(0, before):
            if self._paragraphs[name.start] > first_paragraph + 1:
                break  # a headline line may stand above the first paragraph
            told = name.start > 0 and self.doc[name.start - 1].lower_ in ("told", "to", "with")
            if name.kind == OUTLET and not told:
                return name if self._report_goes_on(name, before) else None
        return None

    def _report_goes_on(self, outlet: Name, before: int) -> bool:
        """Does the outlet's report run on, uninterrupted, to token ``before``? Not past another
        outlet named in between ("… according to people cited by Bloomberg"), nor past the
        company's answer ("ByteDance declined to comment."), after which new people are news of
        their own."""
        if any(n.kind == OUTLET and n.name != outlet.name for n in self.positions.within(outlet.end, before)):
            return False
        return not any(t.lower_ in REPORT_INTERRUPTIONS for t in self.doc[outlet.end:before])

    def _definite_people(self, start: int, end: int) -> bool:
        """Do the anonymous words at ``start..end`` point back to people named before ("the
        people said", "one of the people said", "those sources")? "Two people familiar with the
        matter", "according to people briefed on …", "a person close to …" are new ones."""
        doc = self.doc
        lo = max(doc[start].sent.start, start - 3)
        for k in range(lo, min(end, len(doc) - 1)):
            if doc[k].lower_ in DEFINITE and doc[k + 1].lower_ in self.anonymous:
                return True
        return False

    def _in_phrase(self, token: Token) -> bool:
        text = token.text
        if "\n\n" in text:
            return False
        if token.is_space:
            return True
        if is_markup(token):
            return False
        word = token.lower_
        return text[:1].isupper() or word in TITLE_WORDS or word in PHRASE_WORDS or word in CONNECTORS \
            or word in self.anonymous or word in ("with", "the", "matter", "plans", "on")

    def _anon_before(self, i: int) -> bool:
        """Anonymous people in the few words before token ``i`` ("people familiar … said")."""
        sent_start = self.doc[i - 1].sent.start if i > 0 else 0
        return any(t.lower_ in self.anonymous for t in self.doc[max(sent_start, i - GRAB_REACH):i])

    def _referent(self, start: int, end: int) -> Name | None:
        """The company a description at tokens ``start..end`` refers back to: the nearest
        named before it that fits its words ("the Finnish group" -> Nokia), else the nearest."""
        before = [n for n in self.positions.within(max(0, start - FIT_REACH), start)
                  if n.kind in (COMPANY, WATCH, GUESS) and n.end <= start]
        if self._paragraphs is None:
            self._paragraphs = paragraph_index(self.doc)
        own = [n for n in before if self._paragraphs[n.start] == self._paragraphs[start]]
        if own:  # a company named in the description's own paragraph comes first
            before = own
        return fitting_referent(reversed(before), lambda n: n.name, description_words(self.doc, start, end)) \
            if before else self._last_name(start, (COMPANY, WATCH, GUESS))

    def _referred_outlet(self, before: int, head: str) -> Name | None:
        """The outlet "the newspaper"/"the news agency" at token ``before`` points back to: the
        last outlet named before it of the kind its head word names (a newspaper is no wire, a
        news agency is one: ``wires.txt``), one that reported rather than was told or asked
        ("declined to comment to Reuters"); else the last outlet named before it."""
        wanted = True if head in WIRE_HEADS else False if head in PRINT_HEADS else None
        fallback: Name | None = None
        for outlet in reversed(self.positions.within(max(0, before - OUTLET_REACH), before)):
            if outlet.kind != OUTLET or outlet.end > before:
                continue
            fallback = fallback or outlet
            if wanted is not None and (outlet.name.lower() in self.wires) != wanted:
                continue
            if outlet.start > 0 and self.doc[outlet.start - 1].lower_ in ("told", "from", "to", "with"):
                continue
            return outlet
        return fallback or self._last_name(before, (OUTLET,))

    def _last_name(self, before: int, kinds: tuple[str, ...]) -> Name | None:
        return self.positions.last_before(before, lambda n: n.kind in kinds and n.end <= before)

    def _last_person(self, before: int) -> str | None:
        """The person named last before token ``before``: one named with a title or as a
        source, else a bare name ("Jensen Huang spoke in Taipei. He said …")."""
        earlier = [(start, text) for start, text in self.persons if start < before]
        bare = self._bare_person(before)
        if bare is not None and (not earlier or bare[0] > max(earlier)[0]):
            return bare[1]
        return max(earlier)[1] if earlier else None

    def _bare_person(self, before: int) -> tuple[int, str] | None:
        """The last two- or three-word capitalised run before token ``before`` in its paragraph
        that reads as a person's name ("Lisa Su, AMD's chief executive, was upbeat"): no known
        company or outlet, no common word, no all-capitals word."""
        doc = self.doc
        k = before - 1
        run_end = None
        lo = max(0, before - PERSON_REACH)
        while k >= lo - 1:
            token = doc[k] if k >= lo else None
            word_like = token is not None and token.is_alpha and token.text[:1].isupper() \
                and not token.text.isupper() and token.lower_ not in self.common \
                and token.lower_ not in PERSON_TITLES and token.lower_ not in TITLE_ADJECTIVES
            if word_like and run_end is None:
                run_end = k + 1
            elif not word_like and run_end is not None:
                start = k + 1
                overlapping = [n for n in self.positions.within(max(0, start - MAX_NAME_TOKENS), run_end)
                               if n.start < run_end and n.end > start]
                placed = start > 0 and doc[start - 1].lower_ in NOT_BEFORE_PERSON  # "in the United States"
                if 2 <= run_end - start <= 3 and not overlapping and not placed:
                    return start, doc[start:run_end].text
                run_end = None
            if token is not None and is_blank_line(token.text):
                return None
            k -= 1
        return None

