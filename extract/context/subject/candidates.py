"""Candidates for the subject of a figure: every company named, and every reference ("it", "the
company", "the Finnish group", a speaking "he") resolved to the company it points back to, each
with its *role* — what the words around it make of it: the spender's position, an object ("chips
from Huawei"), a source ("according to Jefferies"), a speaker ("Jefferies analysts wrote"), an
apposition, a possessive modifier ("ByteDance's Volcano Engine"), a relative clause, an example,
a supplier named before its product ("Huawei Ascend chips"). ``choose.py`` weighs them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy
from spacy.attrs import LOWER
from spacy.tokens import Doc

from extract.context.common.clauses import Positions
from extract.context.names.finder import COMPANY, FIRM, GUESS, PERSON_TITLES, WATCH, Name
from extract.context.names.references import (
    FIT_REACH,
    NATIONALITIES,
    description_end,
    description_words,
    fit,
    fitting_referent,
    other_nationality,
)
from extract.context.subject.words import (
    COMPOUND_BACKERS,
    EXAMPLE_MARKERS,
    LIST_JOINS,
    MAKER_NOUNS,
    NON_REFERENT_MARKERS,
    OBJECT_MARKERS,
    OBJECT_VERBS,
    POSSESSIVE_DETERMINERS,
    PRODUCT_MODIFIERS,
    PRODUCT_NOUNS,
    PRONOUNS,
    REFERENCE_HEADS,
    SHARE_NOUNS,
    SOURCE_MARKERS,
    SPEAKER_TITLES,
    STAKE_NOUNS,
    TITLE_WORDS,
    TRADE_VERBS,
)
from extract.spans import MONEY_SPANS

#: Words between a name and its verb of saying ("Evercore ISI analysts wrote", "Jefferies has said").
SPEAKER_GAP = frozenset({"analysts", "has", "had", "have", "now", "also", "previously", "earlier", "separately",
                         "recently"})
#: How far back (tokens) a reference looks for its company across paragraphs: one article.
ACROSS_REACH = 600
#: Metrics an executive's "he said" speaks of for the company (capex, revenue); a market size or
#: a price the executive mentions is not the company's money.
COMPANY_METRICS = frozenset({"capex", "revenue"})
#: Kinds that can be a subject, and those a reference can point back to.
SUBJECT_KINDS = (COMPANY, WATCH, GUESS, FIRM)
REFERENT_KINDS = (COMPANY, WATCH, GUESS)
#: Kind of a resolved reference kept for the references after it.
REFERENCE_KIND = "reference"



@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible subject: where it is written, the company it names, how it was found, its
    role, and whether it is listed with other names ("Microsoft and Meta")."""

    start: int
    end: int
    name: str
    rule: str
    role: str
    kind: str
    listed: bool = False



class CandidateReader:
    """Reads the candidates of one doc; built once per component (``report_verbs`` is data)."""

    def __init__(self, report_verbs: frozenset[str]) -> None:
        self.report_verbs = report_verbs

    def candidates(
        self, doc: Doc, names: list[Name], paragraph: list[int]
    ) -> tuple[Positions[Candidate], Positions[int]]:
        """Names and resolved references, each with its role; and where the references are that
        name no company ("the group" opening a paragraph): those figures stay null."""
        starts = {name.start for name in names}
        roles = {id(name): self._role(doc, name.start, name.end, starts) for name in names}
        found: list[Candidate] = []
        for index, name in enumerate(names):
            if name.kind not in SUBJECT_KINDS:
                continue
            listed = _listed(doc, names, index)
            found.append(Candidate(name.start, name.end, name.name, f"name:{name.kind}", roles[id(name)], name.kind,
                                   listed))
        referents = Positions([
            n for n in names
            if n.kind in REFERENT_KINDS and roles[id(n)] not in ("apposition", "modifier", "supplier", "relative")
            and not _in_relative_clause(doc, n.start)  # "Huawei, which supplies ByteDance, expects … its"
            and not (n.start > 0 and doc[n.start - 1].lower_ in NON_REFERENT_MARKERS)
        ], lambda n: n.start)
        # a description that fits a company may point back to it wherever it was named ("a deal
        # with Nokia. The Finnish group said …")
        # — but not a maker named for its product ("spend $7bn on Nvidia processors, … the
        # group's chip budget": the group is the buyer)
        fitting = Positions([n for n in names if n.kind in REFERENT_KINDS and roles[id(n)] != "supplier"],
                            lambda n: n.start)
        covered = {i for n in names for i in range(n.start, n.end)}
        unresolved: list[int] = []
        # who ends where ("analysts at Loop Capital said it…" speak of another company)
        said_by = {n.end: n.name for n in names if n.kind in REFERENT_KINDS
                   and not (n.start > 0 and doc[n.start - 1].lower_ in NON_REFERENT_MARKERS)}
        chain: list[Name] = []  # resolved references, in text order
        # references matter only from as far back as one may reach the first figure to the last one
        amounts = doc.spans[MONEY_SPANS] if MONEY_SPANS in doc.spans else []
        lo = max(0, min(span.start for span in amounts) - ACROSS_REACH) if len(amounts) else 0
        hi = max(amounts, key=lambda span: span.end).sent.end if len(amounts) else len(doc)
        for start, end in _references(doc, self.report_verbs, lo, hi):
            if start in covered:
                continue
            speaker = _speaker_of_pronoun(doc, start, said_by, self.report_verbs)
            if speaker is not None:  # "The iPhone maker said it would…": it is the one saying
                role = self._role(doc, start, end, starts)
                found.append(Candidate(start, end, speaker, "reference", role, "reference"))
                said_by[end] = speaker
                if role in ("subject", "speaker"):
                    chain.append(Name(start, end, speaker, REFERENCE_KIND))
                continue
            referent = _nearest_before(referents, fitting, doc, start, end, paragraph)
            if referent is None and chain and paragraph[chain[-1].start] == paragraph[start] \
                    and doc[start].lower_ not in ("he", "she"):
                # "The Japanese conglomerate said … . It sold its Nvidia stake …": "it" is the
                # company the description before it resolved to, when no name is nearer
                referent = chain[-1]
            if referent is None:
                referent = _across_paragraphs(referents, doc, start)
            if referent is None:
                if doc[start].lower_ == "the":
                    unresolved.append(start)
                continue
            role = self._role(doc, start, end, starts)
            rule = "reference:speaker" if doc[start].lower_ in ("he", "she") else "reference"
            found.append(Candidate(start, end, referent.name, rule, role, "reference"))
            said_by[end] = referent.name
            if role in ("subject", "speaker"):  # not "invested in the ChatGPT maker"
                chain.append(Name(start, end, referent.name, REFERENCE_KIND))
        return Positions(found, lambda c: c.start), Positions(unresolved, lambda i: i)

    def _role(self, doc: Doc, start: int, end: int, name_starts: set[int]) -> str:
        """What the words around a name make of it (see ``PENALTIES``)."""
        j = start - 1
        while j >= 0 and doc[j].lower_ in ("the", "a", "an") or (j >= 0 and doc[j].is_space):
            j -= 1
        j = _past_description(doc, j)
        before = doc[j].lower_ if j >= 0 else ""
        before2 = doc[j - 1].lower_ if j > 0 else ""
        if before in ("in", "of") and before2 in SHARE_NOUNS and _traded_by_another(doc, j - 1):
            return "investee"  # "Toyota sold shares in Denso for 300bn yen": the seller's money
        if before in ("in", "of") and before2 in SHARE_NOUNS:
            return "subject"  # "shares in compound semiconductor maker IQE rose to 14.6 pence"
        if before == "in" and before2 in STAKE_NOUNS:
            return "investee"  # "a $9.5bn gain on its stake in AI startup Anthropic": the investor's money
        if before in SOURCE_MARKERS or before2 in SOURCE_MARKERS \
                or (before == "by" and before2 in ("cited", "reported")):
            return "source"
        k = end
        while k < len(doc) and k - end < 5 and (
            doc[k].text[:1].isupper() or doc[k].lower_ in SPEAKER_GAP or doc[k].lower_ in SPEAKER_TITLES
        ):
            k += 1  # "Evercore ISI analysts wrote", "Jefferies has said", "a Baidu spokesperson said"
        if k < len(doc) and doc[k].lower_ in self.report_verbs and doc[k].text.islower():
            return "speaker"
        after = doc[end].lower_ if end < len(doc) else ""
        if before in self.report_verbs and doc[j].text.islower() \
                and (after in ("'s", "’s") or doc[end:end + 1].text in (",", ".", "")):
            return "speaker"  # '"…$20 billion," said Alibaba's chief financial officer
        if _speakers_company(doc, start, end):
            return "speaker"  # "Jane Roe, Baidu's finance chief, said", "Mark Liu, CFO of Lenovo"
        if end < len(doc) and doc[end].lower_ in ("'s", "’s") and end + 1 in name_starts:
            return "modifier"  # "ByteDance's Volcano Engine"
        if end + 1 < len(doc) and doc[end].text in ("-", "–") and doc[end + 1].lower_ in COMPOUND_BACKERS:
            return "modifier"  # "Microsoft-backed OpenAI expects revenue of $13bn": OpenAI's
        if after in REFERENCE_HEADS and after not in ("group", "company") and doc[end].text.islower():
            return "modifier"  # "the Facebook owner", "the iPhone maker": a description of another
        if before in self.report_verbs and doc[j].text.islower() and after in PERSON_TITLES:
            return "speaker"  # '"We will invest $10bn," said Alibaba CEO Eddie Wu
        if before in POSSESSIVE_DETERMINERS:
            return "modifier"  # "SoftBank sold its Nvidia stake": the stake's company is not the seller
        if _supplies_product(doc, end) and not (before == "of" and before2 in MAKER_NOUNS):
            # "sales of its Ascend chips" are the maker's own
            return "supplier"  # "100,000 Huawei Ascend chips worth 10bn yuan": the buyer's money
        if before in OBJECT_VERBS:
            return "object"  # "agreed to pay Oracle $30bn", "will supply Tesla with chips"
        if _apposition(doc, start):
            return "apposition"
        if _in_relative_clause(doc, start):
            return "relative"  # "The company, which owns TikTok, has earmarked…": never the spender
        if before in EXAMPLE_MARKERS or before2 in EXAMPLE_MARKERS:
            return "example"
        if before in OBJECT_MARKERS:
            return "object"
        return "subject"






def _traded_by_another(doc: Doc, noun: int) -> bool:
    """Are the shares before token ``noun`` traded by someone ("sold its shares in", "bought
    1m shares of")? Then the company in them is only invested in."""
    k = noun - 1
    while k >= 0 and noun - k <= 4 and (doc[k].lower_ in ("its", "their", "a", "the", "some", "part", "of", "all")
                                         or doc[k].like_num or doc[k].lower_ in ("million", "billion", "m", "bn")):
        k -= 1
    return k >= 0 and doc[k].lower_ in TRADE_VERBS


#: How many words a description before a name may run ("compound semiconductor maker IQE").
DESCRIPTION_REACH = 4


def _past_description(doc: Doc, j: int) -> int:
    """The token before a company's description that ends at ``j`` ("a stake in AI startup
    Anthropic" -> "in"; "shares in data centre operator YTL Power" -> "in"), so the word that
    places the name is read past the description; ``j`` when no description head ends there."""
    if j < 0 or doc[j].lower_ not in REFERENCE_HEADS or not doc[j].text.islower():
        return j
    k = j - 1
    while k >= 0 and j - k <= DESCRIPTION_REACH and doc[k].is_alpha and doc[k].lower_ not in OBJECT_MARKERS \
            and doc[k].lower_ not in SOURCE_MARKERS and doc[k].lower_ not in ("the", "a", "an", "its", "their"):
        k -= 1
    if k >= 0 and doc[k].lower_ in ("the", "a", "an") and k > 0:
        k -= 1  # "a deal with the chip designer Cambricon"
    return k if k >= 0 and (doc[k].lower_ in OBJECT_MARKERS or doc[k].lower_ in SOURCE_MARKERS) else j


def _speakers_company(doc: Doc, start: int, end: int) -> bool:
    """Is the name at ``start..end`` the company of a titled speaker: "Baidu's finance chief",
    "chief financial officer of Lenovo", "Microsoft's chief technology officer"?"""
    if end + 1 < len(doc) and doc[end].lower_ in ("'s", "’s") and doc[end + 1].lower_ in TITLE_WORDS:
        return True
    return start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in TITLE_WORDS


def _supplies_product(doc: Doc, end: int) -> bool:
    """Is the name ending at ``end`` a maker before its product ("Nvidia GPUs", "Huawei Ascend
    chips", "Nvidia's H20 chips")?"""
    for k in range(end, min(len(doc), end + 4)):
        word = doc[k].lower_
        if word in PRODUCT_NOUNS:
            # "Nvidia's chip sales", "Huawei's server business": the maker's own money
            return k + 1 >= len(doc) or doc[k + 1].lower_ not in MAKER_NOUNS
        if not (doc[k].text[:1].isupper() or word in ("'s", "’s") or word in PRODUCT_MODIFIERS
                or any(c.isdigit() for c in word)):
            return False
    return False


def _in_relative_clause(doc: Doc, start: int) -> bool:
    """Is token ``start`` inside ", which/who …," (an aside about something else)?"""
    for k in range(start - 1, max(-1, start - 8), -1):
        word = doc[k].lower_
        if word in (",", ";") or doc[k].is_sent_start:
            return False
        if word in ("which", "who", "whose") and k > 0 and doc[k - 1].text == ",":
            return True
    return False


def _apposition(doc: Doc, start: int) -> bool:
    """Is the name at ``start`` inside ", …," right after another name ("Volcano Engine,
    ByteDance's cloud arm, cut", "Meta, the owner of Facebook, said")? A comma a few words back
    follows a capitalised word, and another comma closes the aside a few words on."""
    comma = start - 1
    while comma >= 0 and start - comma <= 5 and doc[comma].text != ",":
        if doc[comma].is_punct or doc[comma].is_sent_start:
            return False
        comma -= 1
    if comma < 1 or doc[comma].text != "," or not doc[comma - 1].text[:1].isupper():
        return False
    for k in range(start, min(len(doc), start + 7)):
        if doc[k].text == ",":
            return True
        if doc[k].is_sent_start and k > start:
            return False
    return False


def _listed(doc: Doc, names: list[Name], index: int) -> bool:
    """Is names[index] in a list of names with an "and" ("OpenAI, SoftBank and Oracle",
    "SK Group and AWS")? "According to Counterpoint, Huawei…" is no list."""
    lo = hi = index
    joins: list[list[str]] = []
    while lo > 0:
        between = [t.lower_ for t in doc[names[lo - 1].end:names[lo].start] if not t.is_space]
        if between not in LIST_JOINS:
            break
        joins.append(between)
        lo -= 1
    while hi + 1 < len(names):
        between = [t.lower_ for t in doc[names[hi].end:names[hi + 1].start] if not t.is_space]
        if between not in LIST_JOINS:
            break
        joins.append(between)
        hi += 1
    return hi > lo and any("and" in join or "&" in join for join in joins)



def _references(doc: Doc, report_verbs: frozenset[str], lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
    """Token ranges of "it"/"its", "the (adjectives) company|group|firm|giant…", and a
    speaking "he"/"she" ("Tencent President Martin Lau spoke. He said capex would reach…":
    an executive speaks for the company named before)."""
    found: list[tuple[int, int]] = []
    # only the few tokens that can open a reference become Tokens: a long page is mostly other words
    strings = doc.vocab.strings
    wanted = {strings.add(word): word for word in (*PRONOUNS, "he", "she", "the")}
    lowers = doc.to_array([LOWER])
    hi = len(doc) if hi is None else hi
    for i in numpy.nonzero(numpy.isin(lowers[lo:hi], list(wanted)))[0].tolist():
        i += lo
        word = wanted[int(lowers[i])]
        if word in PRONOUNS:
            found.append((i, i + 1))
        elif word in ("he", "she"):
            if i + 1 < len(doc) and doc[i + 1].lower_ in report_verbs:
                found.append((i, i + 1))
        else:
            end = description_end(doc, i, REFERENCE_HEADS)
            if end is not None:
                found.append((i, end))
    return found


def _speaker_of_pronoun(doc: Doc, start: int, said_by: dict[int, str], report_verbs: frozenset[str]) -> str | None:
    """The company a pronoun right after "X said" stands for ("The iPhone maker said it
    would spend…" -> what "The iPhone maker" resolved to), else None."""
    if doc[start].lower_ not in PRONOUNS or start < 2:
        return None
    verb = start - 1
    while verb > 0 and doc[verb].lower_ in ("that", "on", "monday", "tuesday", "wednesday", "thursday", "friday"):
        verb -= 1
    if doc[verb].lower_ not in report_verbs:
        return None
    return said_by.get(verb)


def _nearest_before(
    referents: Positions[Name], fitting: Positions[Name], doc: Doc, start: int, end: int, paragraph: list[int]
) -> Name | None:
    """The company named before the reference at tokens ``start..end`` in the same paragraph
    that fits its words best ("the Finnish group" -> Nokia, even as an object: "a deal with
    Nokia"), else the referent named last."""
    if end - start > 1:  # a description ("the Finnish group"), not "it": may fit a company
        words = description_words(doc, start, end)
        pool = [n for n in fitting.within(max(0, start - FIT_REACH), start)
                if n.end <= start and paragraph[n.start] == paragraph[start] and fit(n.name, words)]
        if pool:
            return fitting_referent(reversed(pool), lambda n: n.name, words)
        # a description that fits only one company named before in the article points back to it
        # across paragraphs ("Tencent will raise spending. \n The Shenzhen-based group spent …")
        earlier = {n.name for n in fitting.within(max(0, start - FIT_REACH), start)
                   if n.end <= start and fit(n.name, words)}
        own = [n for n in referents.within(max(0, start - FIT_REACH), start)
               if n.end <= start and paragraph[n.start] == paragraph[start]]
        if len(earlier) == 1 and not own:  # a company named in its own paragraph comes first
            return next(n for n in reversed(fitting.within(max(0, start - FIT_REACH), start)) if n.name in earlier)
        nationality = words & NATIONALITIES
        if nationality and not own and not earlier:
            # "Tata Sons unveiled a plan. \n Investment will reach $11bn, the Indian conglomerate
            # said": the one company named before whose nationality does not contradict it
            unlisted = [n for n in referents.within(max(0, start - FIT_REACH), start)
                        if n.end <= start and not other_nationality(n.name, nationality)]
            if len({n.name for n in unlisted}) == 1:
                return unlisted[-1]
    before = [n for n in referents.within(max(0, start - FIT_REACH), start)
              if n.end <= start and paragraph[n.start] == paragraph[start]]
    if before:
        return before[-1]
    # the only company named before is an object ("This year has been tough for Xiaomi. Its EV
    # unit lost…"): that one, when it is the only company and was named in an earlier sentence
    sent_start = doc[start].sent.start
    others = [n for n in fitting.within(max(0, start - FIT_REACH), start)
              if n.end <= start and paragraph[n.start] == paragraph[start]]
    if len({n.name for n in others}) == 1 and others[-1].end <= sent_start:
        return others[-1]
    return None


#: Words that make "its" each of several companies' ("what each company guided on its call").
DISTRIBUTIVES = frozenset({"each", "every"})


def _across_paragraphs(referents: Positions[Name], doc: Doc, start: int) -> Name | None:
    """The company a reference ("it", "the company", "we") names when its own paragraph names
    none: the one named last before it, within an article's reach — as a reader resolves it, news
    paragraphs being often one sentence long (gold/CONVENTIONS.md, revised 2026-12). Not an
    executive's "he" (a person, not a company), nor "its" after "each company"."""
    if doc[start].lower_ in ("he", "she"):
        return None
    sent = doc[start].sent
    if any(t.lower_ in DISTRIBUTIVES for t in doc[sent.start:start]):
        return None
    return referents.last_before(start, lambda n: n.end <= start and n.start >= start - ACROSS_REACH)


#: Words that set a figure against the one before it ("compared with analysts' estimate of").
