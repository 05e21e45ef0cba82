"""Attribution frames: the word patterns that attribute a figure to someone, read off the tokens.

A blank pipeline has no parser, so a frame is a cue and the words next to it: "X said",
"said X", "according to X", "citing X", "told X", "cited by X", "X put the figure at",
", saying". ``FrameReader.frames`` finds them in the sentences that matter and returns, for
each, who is named (as written, without a leading "the"), whether they are anonymous, the rule
that read it, and its *scope*: a frame whose verb goes on to say something ("Reuters reported
that…") speaks for what follows it, one that closes its clause ("…, Reuters reported.") for what
precedes it. References are resolved here: "the newspaper said" -> the outlet named last before
it (else the dateline's wire); "the company said", "the Japanese group said", "the iPhone maker
said" -> the sentence's company, else the nearest company named before that fits the description
(``extract.context.names.references``); "it said" closing a sentence -> the name the sentence opens with;
"he said" -> the person named last, with a title or without ("Jensen Huang spoke. He said…").
Other frames: a document "seen/reviewed/compiled by X" (its own clause only), a company's own
outlook ("its revenue forecast", "it sees"), unnamed analysts' estimates ("analysts' average
estimate", "expected by analysts": a frame with no source). The attribution component
(``extract.context.source.component``) decides which frame speaks for which figure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from extract.context.common.clauses import Lines, Positions, dateline_end, is_blank_line, paragraph_index
from extract.context.names import LISTS
from extract.context.names.finder import COMPANY, FIRM, GUESS, OUTLET, PERSON, PERSON_TITLES, WATCH, Name
from extract.context.names.references import (
    FIT_REACH,
    REFERENCE_REACH,
    company_heads,
    description_end,
    description_start,
    description_words,
    fitting_referent,
)
from extract.lexicon import words

#: How far back (tokens) "he said" looks for a person named without a title.
PERSON_REACH = 150
#: Words before a capitalised run that make it a place or a thing, not a person.
NOT_BEFORE_PERSON = frozenset({"the", "in", "of", "to", "from", "at", "on", "across"})
#: Longest known name (tokens): a run overlapping one is no person.
MAX_NAME_TOKENS = 5
#: Farthest a source phrase reaches from its cue, in tokens.
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
#: Heads of a reference to a wire ("the news agency said") and to a paper ("the newspaper said").
WIRE_HEADS = frozenset({"agency", "wire", "newswire"})
PRINT_HEADS = frozenset({"newspaper", "paper", "daily", "journal", "magazine", "weekly"})
#: How far back (tokens) "the newspaper" looks for its outlet before taking the last one named.
OUTLET_REACH = 600
#: A company's own documents ("its annual report shows", "its filing showed").
DOCUMENT_NOUNS = frozenset({"report", "filing", "filings", "prospectus", "statement", "accounts", "results", "presentation"})
#: Report verbs that also move a price ("added 1%", "adds $2bn in market value").
MOVE_VERBS = frozenset({"added", "adds", "add"})
#: Titles of people who speak for their firm's research ("Jefferies analyst Edison Lee").
ANALYST_TITLES = frozenset({"analyst", "economist", "strategist", "researcher"})
#: Plural titles between a firm and its verb ("Morgan Stanley analysts estimate").
ANALYST_PLURALS = frozenset({"analysts", "economists", "strategists", "researchers"})
#: Offices that name one identifiable person even in lower case ("the trade minister said");
#: unnamed groups ("analysts said", "two distributors said") are no source.
OFFICES = frozenset(
    """minister ministry president chairman chairwoman chair founder cofounder co-founder ceo
    cfo cto coo governor premier secretary mayor officer executive chief head director
    spokesperson spokesman spokeswoman government regulator commission council bureau
    department""".split()
)
#: Words that may sit inside a source phrase but do not make one on their own
#: ("Jefferies research", "the trade minister", "Reuters calculations").
PHRASE_WORDS = frozenset(
    """trade finance commerce industry senior deputy financial technology operating investment
    note report estimates data research consultancy firm group company team calculations
    local state""".split()
)
#: Descriptors before a company's name that are not part of it ("Rival Alibaba said",
#: "Smaller rival Baidu reported").
DESCRIPTORS = frozenset({"rival", "rivals", "peer", "competitor", "smaller", "larger", "bigger", "fellow"})
#: Titles and their adjectives before a person's name ("Chief Financial Officer Jane Roe").
TITLE_ADJECTIVES = frozenset(
    """financial operating technology technical executive investment information marketing
    commercial strategy senior deputy vice general managing group global""".split()
)
#: Joins inside a source phrase ("Bank of America", "analysts at Jefferies", "Tencent's").
CONNECTORS = frozenset({"of", "at", "'s", "’s", "&", "-", "from"})
DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "two", "three", "several", "some"})
#: (a unit's description keeps its head: "ByteDance's Volcano Engine cloud unit said" -> the unit)
SKIPPED_BEFORE_NAME = DETERMINERS | CONNECTORS | DESCRIPTORS | (company_heads() - {"unit", "division", "subsidiary"})
#: Words between a source and its verb ("Reuters previously reported", "Bloomberg has said").
VERB_ADVERBS = frozenset(
    """also previously earlier first has had have separately exclusively recently initially
    originally reportedly later now""".split()
)
#: Auxiliaries that make the verb passive ("is expected to", "was reported"): no frame.
PASSIVE_AUX = frozenset({"is", "was", "are", "were", "be", "been", "being", "'s"})
#: Verbs that attribute only when a known outlet, firm or person is their subject
#: ("Caixin put the budget at", "Jefferies pegs capex at"; not "ByteDance put $1bn into").
ESTIMATE_VERBS = frozenset({"put", "puts", "pegged", "pegs", "placed", "places", "sees", "saw"})
#: Estimate verbs that are a company's own outlook too ("Digital Realty sees FFO of …",
#: "Meta guided capex to …"): the company is the source (gold/CONVENTIONS.md).
OUTLOOK_VERBS = frozenset({"sees", "guided", "guides"})
#: Verbs of a valuation made by their subject ("Bernstein valued the unit at $50bn").
VALUE_VERBS = frozenset({"valued", "values", "value"})
#: Nouns of a company's own outlook: "its revenue forecast", "Supermicro's guidance".
OUTLOOK_NOUNS = frozenset({"forecast", "forecasts", "guidance", "outlook", "projection", "projections"})
#: Most words between "its"/"X's" and the outlook noun ("its fiscal 2026 revenue forecast").
OUTLOOK_REACH = 5
#: "according to company guidance", "according to company filings": documents of no named
#: company (bare, with no "the" or "its" before them), so no source.
GENERIC_OWNERS = frozenset({"company", "companies", "corporate"})
GENERIC_DOCUMENTS = frozenset(
    """guidance filings filing data statements statement reports report figures forecasts forecast
    disclosures documents records accounts estimates results releases""".split()
)
#: Verbs after a clause whose subject is the source ("Meta raised its forecast, saying…").
PARTICIPLES = frozenset({"saying", "adding", "noting", "estimating", "forecasting", "predicting"})
#: "the newspaper said": nouns that refer back to an outlet named earlier.
OUTLET_REFERENCES = frozenset(
    """newspaper paper report outlet publication magazine agency newsletter site website daily
    journal broadcaster article story""".split()
)
#: "the company said", "the chip designer said": nouns that refer back to a company named
#: earlier (a word list shared with the subject rules).
COMPANY_REFERENCES = company_heads()
#: Words skipped after "according to"/"citing" before the source's name
#: ("according to a report by", "citing estimates from").
FILLER = frozenset(
    """a an the report reports note notes research estimates estimate data calculations analysis
    filing filings survey statement article story document documents memo presentation by from
    in of on recent new latest seen reviewed obtained viewed""".split()
)
#: After a verb, these start a trailing phrase, not the reported content
#: ("…, Reuters reported on Tuesday", "…, Tim Cook said at the White House").
TRAILING_WORDS = frozenset(
    """on at in during late earlier last this when while after before citing adding according
    as via from to late monday tuesday wednesday thursday friday saturday sunday""".split()
)
#: Words before a name that make it an object, not the one a sentence is about.
OBJECT_WORDS = frozenset({"of", "from", "by", "at", "in", "to", "with", "for", "than", "including"})
#: Nouns of the short phrase after a verb that still closes its clause ("said in a statement.").
TRAILING_NOUNS = frozenset(
    """statement interview filing call note conference briefing post blog letter memo report
    earnings exchange stock annual interview video speech event forum week month year morning
    evening night clients investors analysts reporters shareholders media research client
    quarterly regulatory separate written emailed joint brief recent televised online internal
    press""".split()
)
PHRASE_JOINS = frozenset({"to", "of", "with", "for", "on", "in", "at", "from", "and"})
#: Words that open the reported clause after a verb and its time phrase ("said on Tuesday it…").
CLAUSE_OPENERS = frozenset({"that", "it", "he", "she", "they", "we"})
#: Report verbs that are also plural nouns ("TV shows", "the notes"): a frame only when what
#: follows reads as the report ("data shows that", "the filing shows revenue of").
NOUN_LIKE_VERBS = frozenset(
    {"shows", "notes", "states", "claims", "reports", "estimates", "forecasts", "projects", "cites",
     "adds", "indicates", "reveals", "report", "estimate", "say"}
)
#: Words that open a sentence before its source ("But the company said").
CONJUNCTIONS = frozenset({"and", "but", "so", "or", "yet", "still", "meanwhile", "separately"})
DAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
MONTHS = frozenset("january february march april may june july august september october november december".split())
#: Participles that attribute a document to the one who saw or compiled it when "by" follows
#: ("a memo seen by Reuters", "a presentation reviewed by Bloomberg", "estimates compiled by LSEG").
#: Verbs of a document passed to an outlet ("was leaked to 36Kr", "a memo provided to Reuters").
LEAK_CUES = frozenset({"leaked", "provided", "shown", "sent"})
BY_CUES = frozenset({"seen", "reviewed", "viewed", "obtained", "compiled", "published", "quoted", "polled", "surveyed"})
#: Participles of an estimate that belongs to whoever follows "by" ("the 400 million euros
#: expected by analysts": unnamed analysts, so nobody).
ESTIMATED_BY = frozenset({"expected", "estimated", "forecast", "predicted", "projected"})
#: Nouns of an estimate that, after "analysts'" or "consensus", belong to nobody named
#: ("beating analysts' average estimate of $55bn").
ESTIMATE_NOUNS = frozenset({"estimate", "estimates", "expectations", "consensus", "forecast", "forecasts", "projections"})
#: Words before an estimate noun that make it unnamed analysts' ("analysts' average estimate").
UNNAMED_ESTIMATORS = frozenset({"analysts", "analyst", "consensus", "market", "street"})
#: A company's part named before its description ("Volcano Engine cloud unit said").
UNIT_NOUNS = frozenset({"unit", "arm", "division", "subsidiary", "affiliate", "business"})
#: Report verbs a title-case headline writes capitalised ("…, FT Says").
HEADLINE_VERBS = frozenset({"says", "said", "reports", "reported"})
#: Words that start a frame besides the report verbs.
CUE_WORDS = frozenset({"according", "per", "citing", "cited"}) | LEAK_CUES | ESTIMATE_VERBS | OUTLOOK_VERBS | VALUE_VERBS | PARTICIPLES \
    | BY_CUES | OUTLOOK_NOUNS | ESTIMATED_BY | ESTIMATE_NOUNS | HEADLINE_VERBS
#: Datelines name the wire that carries a story: "BEIJING, Jan 23 (Reuters) -".
DATELINE_TOKENS = 40
#: Determiners that make anonymous people ones already cited ("the people", "those sources").
DEFINITE = frozenset({"the", "those", "these", "same"})
DATELINE = re.compile(r"\(([A-Z][\w .&-]{1,30})\)\s*[-–—]")

LEADING, TRAILING, BOTH, CLAUSE = "leading", "trailing", "both", "clause"
PARTICIPLE_RULE = "participle"


@dataclass(frozen=True, slots=True)
class Frame:
    """An attribution in the text: the tokens it covers, who is named, and how it was read.

    ``scope`` says which figures it speaks for: ``leading`` (after it: "Reuters reported that
    …"), ``trailing`` (before it: "…, Reuters reported."), ``both`` ("according to X"),
    ``clause`` (only figures in its own clause: "a memo seen by Reuters showed …").
    """

    start: int
    end: int
    source: str | None
    anonymous: bool
    rule: str
    kind: str = ""  # OUTLET, COMPANY… for a known name; "person"; "" otherwise
    cited: str | None = None
    scope: str = BOTH
    #: names listed together as the ones saying ("Microsoft and Alphabet reported"): with
    #: "respectively" each speaks for its own figure
    listed: tuple[str, ...] = ()

def _text(span: Span) -> str:
    """A phrase as written, on one line, without a leading article."""
    text = " ".join(span.text.split())
    return text[4:] if text.lower().startswith("the ") else text


class FrameReader:
    """Reads the attribution frames of one doc (names from ``extract.context.names.finder``)."""

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
        # anonymous people read so far and the outlet carrying them, for "the people said" later
        self.anonymous_seen: list[tuple[int, str | None]] = []
        self._paragraphs: list[int] | None = None  # paragraph of every token, when first needed

    # ---- frames ------------------------------------------------------------------------
    def frames(self, windows: Sequence[tuple[int, int]]) -> list[Frame]:
        """The frames in the token ``windows``, in text order, with citing chains attached to
        their reporting frame."""
        doc = self.doc
        found: list[Frame] = []
        for token in (doc[i] for first, last in windows for i in range(first, last)):
            word = token.lower_
            if word not in CUE_WORDS and word not in self.verbs:
                continue
            following = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
            frame: Frame | None = None
            if word == "according" and following == "to":
                frame = self._after(token.i + 2, token.i, "according_to")
            elif word == "per" and token.i + 1 in self.name_at_start \
                    and self.name_at_start[token.i + 1].kind in (OUTLET, FIRM):
                frame = self._after(token.i + 1, token.i, "per")  # "Rmb150bn for 2025 per Reuters"
            elif word in LEAK_CUES and following == "to":
                # "ByteDance's guidance of ¥180bn was leaked to 36Kr, which published it": the outlet
                leaked = self._after(token.i + 2, token.i, "leaked_to")
                frame = replace(leaked, scope=TRAILING) if leaked is not None and leaked.kind == OUTLET else None
            elif word == "citing":
                frame = self._after(token.i + 1, token.i, "citing")
            elif word == "cited" and following == "by":
                frame = self._anonymous_frame(token.i, token.i + 2, "cited_by") if self._anon_before(token.i) \
                    else self._after(token.i + 2, token.i, "cited_by")
            elif word in OUTLOOK_NOUNS and (outlook := self._own_outlook(token)) is not None:
                frame = outlook
            elif word in ESTIMATED_BY and following == "by":
                # "expected by analysts at Jefferies" -> Jefferies; "expected by analysts" -> nobody
                named = self._after(token.i + 2, token.i, "estimated_by")
                frame = replace(named or Frame(token.i, token.i + 2, None, False, "estimated_by_unnamed"), scope=CLAUSE)
            elif word in ESTIMATE_NOUNS and (owner := self._estimate_owner(token)) is not None:
                frame = owner  # "the 188bn yuan consensus of Visible Alpha", "estimates from LSEG"
            elif word in ESTIMATE_NOUNS and self._unnamed_estimate(token):
                frame = Frame(token.i, token.i + 1, None, False, "unnamed_estimate", scope=CLAUSE)
            elif word in BY_CUES and following == "by":
                frame = self._after(token.i + 2, token.i, "seen_by")  # "a memo seen by Reuters"
                # the document is a noun phrase: it speaks for figures in its own clause
                frame = replace(frame, scope=CLAUSE) if frame else None
            elif word in PARTICIPLES and token.i > 0 and doc[token.i - 1].text == ",":
                frame = self._sentence_subject(token, PARTICIPLE_RULE)
                said = found[-1] if found else None
                if said is not None and said.end == token.i - 1 and said.source is not None and not said.anonymous:
                    # "…, the newspaper said, adding that …": the one who said goes on
                    frame = Frame(token.i, token.i + 1, said.source, False, PARTICIPLE_RULE + "_of_said",
                                  said.kind, scope=LEADING)
            elif word in HEADLINE_VERBS and token.text[:1].isupper() and self._headline_said(token):
                name = self.name_at_end[token.i]  # "ByteDance Plans $23 Billion AI Spree, FT Says"
                frame = Frame(name.start, token.i + 1, name.name, False, "headline_said", name.kind, scope=TRAILING)
            elif token.text.islower() and (word in self.verbs or word in ESTIMATE_VERBS or word in OUTLOOK_VERBS):
                frame = self._verb(token)
            elif word in VALUE_VERBS and self._values_object(token):
                frame = self._verb(token)  # "Analysts at Bernstein valued the unit at $50bn"
            if frame is not None:
                found.append(frame)
        # by where each frame starts: "The Wall Street Journal, citing unnamed officials,
        # reported" puts the reporter before the citing link it encloses
        return _chain(sorted(found, key=lambda frame: frame.start))

    def _verb(self, verb: Token) -> Frame | None:
        """"X said", "X told Reuters", ", said X", "X put the budget at"."""
        doc = self.doc
        if verb.i + 1 < len(doc) and doc[verb.i + 1].lower_ == "by" and verb.lower_ in self.verbs:
            return self._after(verb.i + 2, verb.i, "reported_by")  # "first reported by The Information"
        i = verb.i - 1
        while i >= 0 and (doc[i].lower_ in VERB_ADVERBS or doc[i].is_space):
            i -= 1
        if i > 0 and doc[i].lower_ in DAYS and doc[i - 1].lower_ in ("on", "last", "this"):
            i -= 2  # "Alden on Tuesday said"
            while i >= 0 and doc[i].is_space:
                i -= 1
        if i < 0 or doc[i].lower_ in PASSIVE_AUX:
            return None
        if verb.lower_ in MOVE_VERBS and verb.i + 1 < len(doc) and (doc[verb.i + 1].like_num or doc[verb.i + 1].text[:1] in "$€£¥"):
            return None  # "Broadcom added 1% to $340": a share move, not a statement
        if doc[i].lower_ in ("which", "who") and i > 1 and doc[i - 1].text == ",":
            i -= 2  # "The Information, which put ByteDance's spending at…"
            apposed = self._apposition(i + 1, verb)  # "Edison Lee, an analyst at Jefferies, who estimates"
            if apposed is not None and apposed.kind == "person":
                return replace(apposed, scope=self._scope(verb))
            # "Intel, which reported results last week, fell 1% to $24.10": the relative clause
            # speaks only for its own figures
            frame = self._before(i, verb)
            return replace(frame, scope=CLAUSE) if frame is not None else None
        if verb.lower_ in NOUN_LIKE_VERBS and not self._verb_reading(verb):
            return None  # "TV shows from Pixar", "the notes": a plural noun, not a report
        if doc[i].text == ")":  # "Home Depot (ticker: HD) reported": the name before the aside
            opening = i - 1
            while opening > max(0, i - GRAB_REACH) and doc[opening].text != "(":
                opening -= 1
            if doc[opening].text == "(":
                i = opening - 1
        if doc[i].lower_ == "and" and verb.lower_ in self.verbs:
            return self._sentence_subject(verb, "and_said")  # "Meta …, and said"
        if doc[i].text == ",":
            # "Kuaishou, the video app operator, said its Kling unit…", "Sundar Pichai, chief
            # executive of Alphabet, said the company…": the apposition speaks
            apposed = self._apposition(i, verb)
            if apposed is not None and apposed.kind in (COMPANY, WATCH, GUESS, OUTLET, FIRM, "person"):
                return replace(apposed, scope=self._scope(verb))
        if doc[i].text in (",", '"', "”", "’", "'") and verb.i + 1 < len(doc) \
                and (doc[verb.i + 1].text[:1].isupper() or doc[verb.i + 1].lower_ in DETERMINERS | self.anonymous):
            frame = self._after(verb.i + 1, verb.i, "said_x")
            return replace(frame, scope=TRAILING) if frame else None
        if doc[i].text == ",":
            frame = self._apposition(i, verb)
        else:
            frame = self._before(i, verb)
        if frame is None:
            return None
        if verb.lower_ in OUTLOOK_VERBS and frame.kind in (COMPANY, WATCH, GUESS):
            pass  # "it sees full-year FFO of …": the company's own outlook
        elif verb.lower_ in VALUE_VERBS and (frame.kind in (OUTLET, FIRM, "person", COMPANY, WATCH)
                                             or not frame.kind and frame.source
                                             and (" at " in frame.source
                                                  or frame.source.split()[-1].lower() in ANALYST_PLURALS)):
            pass  # "SoftBank valued the stake at $30bn": the one who values it
        elif verb.lower_ in ESTIMATE_VERBS | OUTLOOK_VERBS | VALUE_VERBS and frame.kind not in (OUTLET, FIRM, "person"):
            return None
        if verb.lower_ in ("told", "tells") and frame.anonymous:
            carrier = self._after(verb.i + 1, verb.i, "told")
            if carrier is not None and carrier.kind == OUTLET:
                frame = replace(frame, source=carrier.source, kind=OUTLET, end=carrier.end, rule="anonymous_told")
        return replace(frame, scope=self._scope(verb))

    def _values_object(self, verb: Token) -> bool:
        """"X valued the stake at …": an object, then "at" (not "X, valued at …")."""
        doc = self.doc
        if verb.i == 0 or verb.i + 2 >= len(doc) or doc[verb.i + 1].lower_ in ("at", "by", "the") and doc[verb.i + 1].lower_ == "at":
            return False
        if doc[verb.i - 1].lower_ in PASSIVE_AUX or doc[verb.i - 1].is_punct or doc[verb.i - 1].lower_ in ("that", "which", "deal", "round"):
            return False
        return any(t.lower_ == "at" for t in doc[verb.i + 2:verb.i + 7])

    def _verb_reading(self, verb: Token) -> bool:
        """Is a word like "shows"/"notes" a verb here? Followed by what a report says."""
        following = self.doc[verb.i + 1] if verb.i + 1 < len(self.doc) else None
        if following is None:
            return True
        doc = self.doc
        k = verb.i
        while k > 0 and (doc[k - 1].lower_ in VERB_ADVERBS or doc[k - 1].lower_ in ANALYST_PLURALS):
            k -= 1  # "Morgan Stanley now forecasts", "Morgan Stanley analysts estimate"
        named = self.name_at_end.get(k)
        if named is not None and named.kind in (OUTLET, FIRM) and following.is_lower:
            # "Goldman Sachs estimates spending of $200bn", "… forecasts hyperscaler capex of":
            # a firm's estimate of a noun
            rest = doc[verb.i + 1:verb.i + 5]
            if any(t.lower_ in ("of", "at") for t in rest) and all(t.is_lower or t.lower_ == "ai" for t in rest[:1]):
                return True
        return following.lower_ in ("that", "it", "the", "a", "an", "its", "revenue", "capex") \
            or following.is_punct or following.like_num or following.text[:1] in "$€£¥" \
            or following.text[:1].isupper()

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
            return Frame(cue.i, cue.i + 1, _text(run), False, rule, "", scope=BOTH)
        for name in self.positions.within(sent.start, cue.i):
            if name.kind != OUTLET and (not kinds or name.kind in kinds) \
                    and not (name.start > 0 and doc[name.start - 1].lower_ in OBJECT_WORDS):
                return Frame(cue.i, cue.i + 1, name.name, False, rule, name.kind, scope=BOTH)
        return None

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

    def _headline_said(self, verb: Token) -> bool:
        """A title-case headline's attribution: "…, FT Says" at the end of its line, right after
        a known name and a comma before it."""
        doc = self.doc
        name = self.name_at_end.get(verb.i)
        if name is None or name.kind not in (OUTLET, COMPANY, WATCH, FIRM) or name.start == 0:
            return False
        if doc[name.start - 1].text != ",":
            return False
        following = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
        return following is None or "\n" in following.text or following.is_punct

    def _estimate_owner(self, noun: Token) -> Frame | None:
        """A research firm or outlet named right after an estimate noun ("consensus of Visible
        Alpha", "estimates from LSEG"): a frame for the figures of its clause, else None."""
        doc = self.doc
        if noun.i + 2 >= len(doc) or doc[noun.i + 1].lower_ not in ("of", "from", "by"):
            return None
        name = self.name_at_start.get(noun.i + 2)
        if name is None or name.kind not in (FIRM, OUTLET):
            return None
        return Frame(noun.i, name.end, name.name, False, "estimate_of", name.kind, scope=CLAUSE)

    def _unnamed_estimate(self, noun: Token) -> bool:
        """"analysts' average estimate", "the consensus estimate", "market expectations": an
        estimate nobody named made (a frame with no source), unless a name or "by"/"from"
        follows to say whose ("estimates compiled by LSEG" is read by its own cue)."""
        doc = self.doc
        for k in range(noun.i - 1, max(-1, noun.i - 4), -1):
            possessive = doc[k].lower_ in ("analysts", "analyst") and doc[k + 1].text in ("'", "’", "'s", "’s")
            if possessive or (doc[k].lower_ in UNNAMED_ESTIMATORS and doc[k].lower_ not in ("analysts", "analyst")):
                following = [t.lower_ for t in doc[noun.i + 1:noun.i + 3]]
                return not self.positions.within(k, noun.i) and not set(following) & {"by", "from"}
            if doc[k].is_punct and doc[k].text not in ("'", "’"):
                return False
        return False

    def _own_outlook(self, noun: Token) -> Frame | None:
        """A company's own outlook noun: "Supermicro cut its fiscal 2026 revenue forecast to
        $33bn" -> Supermicro; "Baidu's guidance of …" -> Baidu. Not "analysts' forecast"."""
        doc = self.doc
        for k in range(noun.i - 1, max(-1, noun.i - OUTLOOK_REACH - 1), -1):
            word = doc[k].lower_
            if doc[k].is_punct and word not in ("'s", "’s", "-"):
                return None
            if word == "its":
                # the company of the clause ("…, but Alphabet raised its own forecast to $91bn"),
                # else the one the sentence opens with
                owner = self._clause_company(k)
                if owner is not None:
                    return Frame(owner.start, noun.i + 1, owner.name, False, "own_outlook", owner.kind, scope=LEADING)
                frame = self._sentence_subject(noun, "own_outlook", (COMPANY, WATCH, GUESS))
                return replace(frame, scope=LEADING) if frame else None
            if word in ("'s", "’s"):
                name = self.name_at_end.get(k)
                if name is not None and name.kind in (COMPANY, WATCH, GUESS):
                    return Frame(name.start, noun.i + 1, name.name, False, "own_outlook", name.kind, scope=LEADING)
                return None
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
        if _is_markup(doc[last]) or doc[last].is_space:
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
        if _looks_like_person(phrase) and not self._ends_in_known_name(phrase):
            self.persons.append((start, _person_name(phrase)))
            return Frame(start, verb.i + 1, _person_name(phrase), False, "named_said", "person")
        return Frame(start, verb.i + 1, _text(_without_data_nouns(phrase)), False, "named_said", "")

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
        if _looks_like_person(phrase) and not self._ends_in_known_name(phrase):
            self.persons.append((i, _person_name(phrase)))
            return Frame(cue, end, _person_name(phrase), False, rule + "_named", "person")
        return Frame(cue, end, _text(_without_data_nouns(phrase)), False, rule + "_named", "")

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
        if not _looks_like_person(phrase):
            return None
        person = _person_name(doc[name.end:end])
        self.persons.append((name.start, person))
        return end, person

    def _anonymous_frame(self, start: int, end: int, rule: str) -> Frame:
        """Anonymous people; the source is the outlet that carries them: one named in the next
        few words ("who spoke to The Information", "cited by Bloomberg"), else the outlet
        named last before, else the dateline's wire."""
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
                outlet = own[-1] if own else None
            source = outlet.name if outlet else self.dateline
        self.anonymous_seen.append((start, source))
        return Frame(start, end, source, True, rule, OUTLET if source else "")

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
        if _is_markup(token):
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


def _is_markup(token: Token) -> bool:
    """Punctuation, brackets, tickers ("(HD)", "XAU="): never part of a source's name."""
    text = token.text
    return (token.is_punct and text not in ("&", "-", ".")) or any(c in text for c in "()=[]\"“”")


def _person_name(phrase: Span) -> str:
    """A person's name without the title before it ("CEO Tim Cook" -> "Tim Cook", "Chief
    Financial Officer Jane Roe" -> "Jane Roe"); a company before the title stays ("Tencent
    President Martin Lau")."""
    start = 0
    while start < len(phrase) - 2 and (
        phrase[start].lower_ in PERSON_TITLES or phrase[start].lower_ in ("'s", "’s") or phrase[start].text.islower()
        or phrase[start].lower_ in DESCRIPTORS
        or (phrase[start].lower_ in TITLE_ADJECTIVES and phrase[start + 1].lower_ in PERSON_TITLES | TITLE_ADJECTIVES)
    ):
        start += 1
    return _text(phrase[start:])


#: Nouns for what a source published, dropped from the end of its name ("LSEG data" -> LSEG,
#: "Reuters calculations" -> Reuters): the source is who, not what.
DATA_NOUNS = frozenset({"data", "figures", "estimates", "calculations", "research", "analysis", "survey", "statistics"})


def _without_data_nouns(phrase: Span) -> Span:
    """``phrase`` without the data nouns it ends in, when a capitalised name remains."""
    end = len(phrase)
    while end > 1 and phrase[end - 1].lower_ in DATA_NOUNS:
        end -= 1
    if end < len(phrase) and any(t.text[:1].isupper() for t in phrase[:end]):
        return phrase[:end]
    return phrase


def _looks_like_person(phrase: Span) -> bool:
    """Ends in two capitalised words that are not a known name: "Martin Lau", "CEO Tim Cook"."""
    tail = [t for t in phrase[-2:] if t.text[:1].isupper() and t.is_alpha]
    return len(tail) == 2 and not any(t.text.isupper() for t in tail)


def _chain(frames: list[Frame]) -> list[Frame]:
    """Attach each "citing X" to the reporting frame just before it ("Bloomberg reported,
    citing the South China Morning Post"), and "according to X … cited by Y" into Y citing X;
    a lone citing frame stays as it is."""
    out: list[Frame] = []
    for frame in frames:
        if frame.rule.startswith("cited_by") and frame.source and not frame.anonymous and out \
                and out[-1].rule.startswith("according_to") and out[-1].source \
                and 0 <= frame.start - out[-1].end <= 4:
            # "according to IDC data cited by Securities Times": the outlet carries IDC's figure
            owner = out[-1]
            out[-1] = replace(frame, start=owner.start, cited=owner.source, rule=frame.rule + "+according_to")
            continue
        if frame.rule.startswith("citing") and out and frame.start - out[-1].end <= 4:
            reporter = out[-1]
            if frame.anonymous:
                out[-1] = replace(reporter, anonymous=True, rule=reporter.rule + "+citing_anonymous")
            elif frame.source:
                out[-1] = replace(reporter, cited=frame.source, end=frame.end, rule=reporter.rule + "+citing")
            continue
        out.append(frame)
    return out
