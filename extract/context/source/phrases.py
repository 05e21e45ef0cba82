"""Source phrases: the words a cue points to, read on tokens (a blank pipeline has no parser).

``_before`` reads the phrase that ends right before a verb of saying ("Reuters reported", "the
newspaper said", "Tencent President Martin Lau said"); ``_after`` the one a cue opens ("according
to a report by Bloomberg", "citing people familiar", ", said X"); ``_scope`` decides whether the
verb speaks for what follows it ("Reuters reported that …") or for what precedes it ("…, Reuters
reported.").
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from extract.context.names.finder import COMPANY, FIRM, GUESS, OUTLET, WATCH
from extract.context.names.references import REFERENCE_REACH, description_start
from extract.context.source.frame import (
    LEADING,
    TRAILING,
    Frame,
    is_markup,
    looks_like_person,
    person_name,
    text_of,
    without_data_nouns,
)
from extract.context.source.speakers import Speakers
from extract.context.source.words import (
    BY_CUES,
    CLAUSE_OPENERS,
    COMPANY_REFERENCES,
    CONJUNCTIONS,
    CONNECTORS,
    DATA_NOUNS,
    DAYS,
    DETERMINERS,
    DOCUMENT_NOUNS,
    ESTIMATE_VERBS,
    FILLER,
    GENERIC_DOCUMENTS,
    GENERIC_OWNERS,
    GRAB_REACH,
    INSERTION_REACH,
    MONTHS,
    OFFICES,
    OUTLET_REFERENCES,
    OUTLOOK_VERBS,
    PHRASE_JOINS,
    SKIPPED_BEFORE_NAME,
    TITLE_WORDS,
    TRAILING_NOUNS,
    TRAILING_WORDS,
    UNIT_NOUNS,
)


class Phrases(Speakers):
    """Reads the source phrase of a cue: the name before a verb ("Reuters reported"), the name
    after a cue ("according to a report by X", "said X"), and whether the verb's clause goes on
    to say something (its scope)."""

    def _scope(self, verb: Token) -> str:
        """Leading when the verb goes on to say something ("said on Tuesday it would…"),
        trailing when its clause ends ("…, Reuters reported on Tuesday.")."""
        doc = self.doc
        j = verb.i + 1
        if verb.lower_ in ("told", "tells"):
            # past the one told: "told Reuters", "told the Financial Times", "told a conference"
            while j < len(doc) and doc[j].lower_ in DETERMINERS:
                j += 1
            if j < len(doc) and doc[j].text[:1].isupper():
                while j < len(doc) and doc[j].text[:1].isupper():
                    j += 1
            else:  # "told reporters", "told state media", "told a conference"
                for k in (j + 1, j + 2):
                    if k < len(doc) and (doc[k].is_punct or doc[k].lower_ in TRAILING_WORDS):
                        j = k
                        break
        broke = False
        while j < len(doc) and doc[j].is_space:
            broke = broke or "\n" in doc[j].text
            j += 1
        if j < len(doc) and doc[j].text == "," and self._inserted_before_that(j):
            return LEADING  # "Bloomberg reported, citing people familiar with the matter, that …"
        if j >= len(doc) or doc[j].is_punct:
            return TRAILING
        if broke and self.lines.label_end(*self.lines.bounds(j)) is not None:
            return TRAILING  # "Alphabet: $75bn, CFO Anat Ashkenazi said\nAmazon: $100bn": the line ends
        if doc[j].lower_ not in TRAILING_WORDS:
            return LEADING
        if verb.lower_ in OUTLOOK_VERBS | ESTIMATE_VERBS and doc[j].lower_ in ("to", "at"):
            return LEADING  # "Baidu guided to RMB 20 billion", "Jefferies pegs it at": the outlook follows
        # past a short time/place phrase ("on Tuesday", "in a statement", "at the White House"):
        # what comes next decides — punctuation ends the clause, anything else is the report
        k = j + 1
        content = 0
        while k < len(doc) and k - j <= GRAB_REACH:
            token = doc[k]
            if token.is_space:
                k += 1
                continue
            if token.is_punct or token.lower_ in CLAUSE_OPENERS:
                break
            if token.lower_ in DETERMINERS:
                if content and doc[k - 1].lower_ not in PHRASE_JOINS:
                    break  # "said in February the company would…": a new clause starts
            elif token.text[:1].isupper() or token.like_num or token.lower_ in TRAILING_NOUNS:
                content += 1
            elif token.lower_ in PHRASE_JOINS and content:
                pass  # "in a note to clients", "in a filing to the Hong Kong stock exchange"
            else:
                break
            k += 1
        if k >= len(doc) or doc[k].is_punct:
            return TRAILING
        return LEADING

    def _inserted_before_that(self, comma: int) -> bool:
        """Does a phrase set off by commas right after a verb lead on to "that" ("reported,
        citing people with knowledge of the matter, that …", "said, according to a filing,
        that …")? Then the verb still speaks for what follows."""
        doc = self.doc
        for k in range(comma + 1, min(len(doc) - 1, comma + 1 + INSERTION_REACH)):
            if doc[k].text == ",":
                return doc[k + 1].lower_ == "that"
            if doc[k].is_punct and doc[k].text not in ("-", "'", "’"):
                return False
        return False

    def _apposition(self, comma: int, verb: Token) -> Frame | None:
        """"Martin Lau, Tencent's president, said" -> Martin Lau; "a local outlet, LatePost,
        reported" -> LatePost (the named one of the two)."""
        doc = self.doc
        j = comma - 1
        while j >= max(0, comma - GRAB_REACH) and doc[j].text != "," and not doc[j].is_sent_start:
            j -= 1
        if j <= 0 or doc[j].text != ",":
            return None
        outer = self._before(j - 1, verb)
        inner = self._before(comma - 1, verb)
        if outer is not None and (outer.kind or any(c.isupper() for c in (outer.source or "")[:1])):
            if outer.kind == "person" and outer.source:
                return replace(outer, source=self._titled(outer.source, j + 1, comma))
            return outer
        return inner if inner is not None else outer


    def _data_owner(self, first: int, last: int, verb: Token) -> Frame | None:
        """The name right before a data noun a few words back in the clause ("Reuters
        calculations based on company filings showed" -> Reuters), else None (nobody named)."""
        doc = self.doc
        k = last
        while k > max(0, last - GRAB_REACH) and not doc[k].is_punct and not doc[k].is_sent_start:
            if doc[k].lower_ in DATA_NOUNS:
                name = self.name_at_end.get(k)
                if name is not None and name.kind in (OUTLET, FIRM, COMPANY, GUESS):
                    return Frame(name.start, verb.i + 1, name.name, False, "data_owner_said", name.kind)
                return None
            k -= 1
        return None


    def _before(self, last: int, verb: Token) -> Frame | None:
        """The source phrase ending at token ``last`` (before a reporting verb)."""
        doc = self.doc
        word = doc[last].lower_
        if word in ("he", "she"):
            person = self._last_person(last)
            return Frame(last, verb.i + 1, person, False, "pronoun_person", "person") if person else None
        if word in ("it", "they"):
            if self._scope(verb) == TRAILING:
                frame = self._sentence_subject(verb, "pronoun_sentence_subject")
                if frame is not None or word == "they":  # "they" may be the people quoted before
                    return frame
                # "Baidu reported results. Revenue fell to 31.2bn yuan, it said.": the sentence
                # names no one, so "it" is the company named before
                name = self._last_name(last, (COMPANY, WATCH, GUESS))
                return Frame(last, verb.i + 1, name.name, False, "pronoun_previous", name.kind) if name else None
            name = self._last_name(last, (COMPANY, WATCH, GUESS, OUTLET, FIRM))
            return Frame(last, verb.i + 1, name.name, False, "pronoun", name.kind) if name else None
        if is_markup(doc[last]) or doc[last].is_space:
            return None  # "Spot gold XAU= added": a ticker is no source
        reference = self._reference(last, verb)
        if reference is not None:
            return reference
        name = self.name_at_end.get(last + 1)
        start = last
        while start - 1 >= 0 and last - start < GRAB_REACH and self._in_phrase(doc[start - 1]):
            start -= 1
        while start < last and doc[start].is_space:
            start += 1
        if doc[last].lower_ in OFFICES:  # "the city government", "its chief financial officer"
            k = start - 1
            while k >= max(0, last - 5) and doc[k].is_alpha and doc[k].text.islower() \
                    and doc[k].lower_ not in DETERMINERS:
                k -= 1
            if k >= 0 and doc[k].lower_ in DETERMINERS:
                start = min(start, k + 1)
        while start < last and doc[start].lower_ in CONJUNCTIONS:
            start += 1  # "But the company said", "And analysts said"
        first_word = start
        while start <= last and (doc[start].lower_ in SKIPPED_BEFORE_NAME or doc[start].is_space):
            start += 1
        if start > last or (start == last and doc[last].lower_ in ("i", "we", "you")):
            return None
        phrase = doc[start:last + 1]
        lowered = {t.lower_ for t in phrase}
        if lowered & self.anonymous or self._anon_before(last + 1):
            return self._anonymous_frame(start, verb.i + 1, "anonymous")
        if name is not None and start < name.start and any("\n" in t.text for t in doc[start:name.start]):
            start = name.start  # "…China Sales Stall\nNvidia Corp. said": a headline above is no part of it
        if name is not None and start < name.start and all(
            (t.text.islower() and t.lower_ not in TITLE_WORDS and t.lower_ not in CONNECTORS) or t.text in ("-", "–")
            or t.is_space for t in doc[start:name.start]
        ):
            start = name.start  # "The ride-hailing company Didi said": a description, then the name
        if name is not None and first_word <= name.start <= start:
            return Frame(start, verb.i + 1, name.name, False, f"{name.kind}_said", name.kind,
                         listed=self._listed_before(name))
        # "Analysts said", "Chinese regulators said", "Domestic chipmakers expect": common words
        # capitalised by the sentence or as adjectives name no one
        capitalised = any(t.text[:1].isupper() and t.lower_ not in self.common for t in phrase)
        if not capitalised and doc[last].lower_ in UNIT_NOUNS:
            # "ByteDance's Volcano Engine cloud unit said": the unit's name before its description
            k = last - 1
            while k > max(0, last - 4) and doc[k].text.islower() and not doc[k].is_punct:
                k -= 1
            unit = self.name_at_end.get(k + 1)
            if unit is not None and unit.kind in (COMPANY, WATCH, GUESS):
                return Frame(unit.start, verb.i + 1, unit.name, False, "unit_said", unit.kind)
        if not capitalised and doc[last].lower_ not in OFFICES:
            own = next((k for k in range(last - 1, max(-1, last - 4), -1) if doc[k].lower_ in ("its", "their")), None)
            if own is not None and doc[last].lower_ in DOCUMENT_NOUNS:
                # "…, its annual report shows": the company the sentence is about
                frame = self._sentence_subject(verb, "own_report", (COMPANY, WATCH, GUESS))
                if frame is not None:
                    return replace(frame, start=own, end=verb.i + 1)
            # "Reuters calculations based on company filings showed": the name before its data
            return self._data_owner(start, last, verb)
        if looks_like_person(phrase) and not self._ends_in_known_name(phrase):
            self.persons.append((start, person_name(phrase)))
            return Frame(start, verb.i + 1, person_name(phrase), False, "named_said", "person")
        return Frame(start, verb.i + 1, text_of(without_data_nouns(phrase)), False, "named_said", "")

    def _reference(self, last: int, verb: Token) -> Frame | None:
        """"the newspaper said", "the search giant said": "the", a few words, and a noun that
        refers back to an outlet or company (resolved as in ``_before``)."""
        doc = self.doc
        head = doc[last].lower_
        if head not in OUTLET_REFERENCES and head not in COMPANY_REFERENCES:
            return None
        the = description_start(doc, last, REFERENCE_REACH)
        if the is None:
            return None
        inner = self.positions.within(the, last + 1)
        if inner and (head not in COMPANY_REFERENCES or any(n.kind == OUTLET for n in inner)):
            return None  # "the Financial Times report said" names its outlet
        # a company inside a company's description only describes it ("the Facebook owner",
        # "the Tencent-backed startup"): the reference still points back
        if head in OUTLET_REFERENCES and head not in COMPANY_REFERENCES:
            outlet = self._referred_outlet(the, head)
            source = outlet.name if outlet else self.dateline
            return Frame(the, verb.i + 1, source, False, "outlet_reference", OUTLET) if source else None
        if self._scope(verb) == TRAILING:  # "…, the French startup said": the sentence's own
            frame = self._sentence_subject(verb, "company_reference", (COMPANY, WATCH, GUESS))
            if frame is not None:
                return replace(frame, start=the)
        company = self._referent(the, last + 1)
        if company is None:
            return None
        return Frame(the, verb.i + 1, company.name, False, "company_reference", company.kind)

    def _after(self, first: int, cue: int, rule: str) -> Frame | None:
        """The source phrase starting at token ``first`` (after "according to", "citing",
        "said", "told"), past fillers like "a report by"."""
        doc = self.doc
        if first < len(doc) and doc[first].lower_ in ("its", "their") and rule != "citing":
            # "according to its annual report": the company the sentence is about
            frame = self._sentence_subject(doc[first], rule + "_own_report", (COMPANY, WATCH, GUESS))
            if frame is not None:
                return replace(frame, start=cue)
        i = first
        while i < len(doc) and (doc[i].lower_ in FILLER or doc[i].lower_ in DETERMINERS or doc[i].is_space):
            if i in self.name_at_start:
                break
            i += 1
        if i >= len(doc):
            return None
        while i + 1 < len(doc) and doc[i].lower_ in DAYS | MONTHS and doc[i + 1].lower_ in DOCUMENT_NOUNS | FILLER:
            i += 1  # "said a December report from Zheshang Securities": the month dates the report
            while i < len(doc) and (doc[i].lower_ in FILLER or doc[i].lower_ in DETERMINERS or doc[i].is_space):
                if i in self.name_at_start:
                    break
                i += 1
        if i >= len(doc):
            return None
        if i > first and (doc[i].lower_ in DAYS or doc[i].lower_ in MONTHS
                          or doc[i].lower_ in ("late", "early", "last", "this") and i + 1 < len(doc)
                          and (doc[i + 1].lower_ in DAYS | MONTHS | {"on", "in"})):
            # "according to a statement on Tuesday": a time, never a source; the statement is
            # the author's the sentence is about, if a company, else nobody named
            if any(t.lower_ in DOCUMENT_NOUNS for t in doc[first:i]):
                frame = self._sentence_subject(doc[first], rule + "_own_report", (COMPANY, WATCH, GUESS))
                if frame is not None:
                    return replace(frame, start=cue)
            return None
        if doc[i].lower_ in GENERIC_OWNERS and doc[i - 1].lower_ not in DETERMINERS \
                and i + 1 < len(doc) and doc[i + 1].lower_ in GENERIC_DOCUMENTS:
            return None  # "according to company guidance/filings/data": no one named, not "the company"
        if any(t.lower_ in self.anonymous for t in doc[i:i + 3]):  # "citing unnamed sources"
            return self._anonymous_frame(cue, i + 1, rule + "_anonymous")
        name = self.name_at_start.get(i)
        if name is not None:
            person = self._person_after_name(name)  # "said Alibaba's chief financial officer Toby Xu"
            if person is not None:
                return Frame(cue, person[0], person[1], False, rule + "_named", "person")
            return Frame(cue, name.end, name.name, False, f"{rule}_{name.kind}", name.kind)
        end = i
        while end < len(doc) and end - i < GRAB_REACH and self._in_phrase(doc[end]):
            end += 1
        while end > i and (doc[end - 1].lower_ in CONNECTORS or doc[end - 1].is_space):
            end -= 1
        for k in range(i + 1, end - 1):
            if doc[k].lower_ in ("on", "in") and doc[k + 1].lower_ in DAYS | MONTHS:
                end = k  # "a statement from Kioxia on Friday": the name, not its date
                break
        if end == i or not any(t.text[:1].isupper() for t in doc[i:end]):
            seen = self._seen_by(i, rule)
            if seen is not None:
                return replace(seen, start=cue)
        if end == i:
            return None
        phrase = doc[i:end]
        if not any(t.text[:1].isupper() for t in phrase):
            word = doc[i].lower_
            if word in COMPANY_REFERENCES:
                company = self._referent(i, end)
                if company:
                    return Frame(cue, end, company.name, False, rule + "_company_reference", company.kind)
            if word in OUTLET_REFERENCES:
                outlet = self._referred_outlet(i, phrase[-1].lower_)
                source = outlet.name if outlet else self.dateline
                if source:
                    return Frame(cue, end, source, False, rule + "_outlet_reference", OUTLET)
            if rule == "citing" or phrase[-1].lower_ not in OFFICES:
                return None  # "according to the data", "citing a government official": no one named
        if looks_like_person(phrase) and not self._ends_in_known_name(phrase):
            self.persons.append((i, person_name(phrase)))
            return Frame(cue, end, person_name(phrase), False, rule + "_named", "person")
        return Frame(cue, end, text_of(without_data_nouns(phrase)), False, rule + "_named", "")

    def _seen_by(self, first: int, rule: str) -> Frame | None:
        """"according to an internal presentation reviewed by Bloomberg", "forecast by analysts
        polled by LSEG": the one who saw the document or polled the analysts, named a few words
        on, else None."""
        doc = self.doc
        if rule not in ("according_to", "estimated_by"):
            return None
        for k in range(first, min(len(doc) - 2, first + GRAB_REACH)):
            if doc[k].is_punct:
                return None
            if doc[k].lower_ in BY_CUES and doc[k + 1].lower_ == "by":
                return self._after(k + 2, k, rule + "_seen_by")
        return None

