"""Whose money a figure is (``span._.subject``): the company that spends, earns, is valued or sells.

Follows gold/CONVENTIONS.md: the company named in the figure's clause, as named; the watch's
aliases ("the TikTok owner", "TikTok's parent company", "字节跳动") resolve to the watch subject;
"the company", "the group", "it" resolve to the nearest company named before them in the same
paragraph that fits their words ("the Finnish group" -> Nokia; ``extract.context.names.references``); "it"
right after "X said" is X; an executive's "he said" speaks for the company named before. Outlets and people are never subjects; research firms and companies in a source's
position ("Alibaba said …") only when nothing else is named (then "it" in "Alibaba said it would
spend" still finds Alibaba).

How: names come from ``extract.context.names.finder`` (word lists and capitalisation). Each name gets
a *role* from the words around it (``_role``): the spender's position, an object ("chips from
Huawei"), a source ("according to Jefferies"), a speaker ("Jefferies analysts wrote"), an
apposition ("Volcano Engine, ByteDance's cloud arm, …"), a possessive modifier ("ByteDance's
Volcano Engine"), a relative clause ("The company, which owns TikTok, …"), an example
("including one by TikTok"), a supplier named before its product ("Huawei Ascend chips worth …":
the buyer's money, unless the figure is the product's price). Each figure takes the candidate with the lowest cost: token
distance, plus a cost per clause break, plus the role's penalty (``PENALTIES``); names after the
figure count only in its own clause and before any other figure. Names listed together ("Microsoft and
Meta spent $21.4bn and $13.7bn, respectively") pair with figures in order; a joint subject
without "respectively" ("OpenAI, SoftBank and Oracle will invest $500bn") is no single company,
so null. The deciding rule is recorded in ``span._.subject_rule``.

Whole articles add a few readings: a list line under a company's header ("Samsung said it
expected the following:" / "Revenue: 86 trillion won") takes the header's company
(``_list_header``); a figure set against the one before ("…, compared with analysts' estimate of
$208bn") keeps its company (``_compared``); an analyst's price target is the stock's company
(``_price_target``); a consortium or joint venture the sentence does not name, a market's size
and a combined total are no one company's (``_venture_spends``, ``_market_size``, ``_combined``);
a company invested in ("its stake in Anthropic") is never the subject of the investor's gain.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.context.common.clauses import (
    Lines,
    Positions,
    breaks_between,
    claims,
    dateline_end,
    gap,
    is_blank_line,
    line_bounds,
    money_by_sentence,
    paragraph_index,
    ties_to_previous,
)
from extract.context.names.finder import COMPANY, FIRM, GUESS, PERSON_TITLES, WATCH, Name, shared_finder
from extract.context.names.references import (
    FIT_REACH,
    NATIONALITIES,
    company_heads,
    description_end,
    description_words,
    fit,
    fitting_referent,
    other_nationality,
)
from extract.context.source.words import REPORT_VERBS
from extract.lexicon import words
from extract.spans import register_extensions
from extract.watch import DEFAULT_WATCH

register_extensions()

BREAK_COST = 6
MAX_DISTANCE = 45

#: Extra cost of each role: positions that rarely hold the one whose money it is.
PENALTIES: dict[str, int] = {
    "subject": 0,
    "relative": 0,  # inside the same ", which …" clause as the figure
    "object": 16,  # "chips from Huawei", "more than Alibaba", "in the Stargate project"
    "source": 12,  # "according to Alibaba": the spender only if nothing else is named
    "speaker": 12,  # "Alibaba said": likewise; after the figure too ("…, the TikTok parent told investors")
    "apposition": 16,  # "Volcano Engine, ByteDance's cloud arm, cut…"
    "modifier": 16,  # "ByteDance's Volcano Engine expects…"
    "supplier": 16,  # "ByteDance ordered Huawei chips worth 10bn yuan" (a price is the seller's)
    "firm": 10,  # a research firm is rarely the spender
    "reference": 2,  # "it", "the company": an explicit name at the same distance wins
    "after_figure": 8,
    "investee": 99,  # "its stake in Anthropic": never the one whose money it is (skipped)  # "$7bn was spent by ByteDance": possible, rarer than before
}

#: Words before a name that put it in an object's position, not the spender's.
OBJECT_MARKERS = frozenset(
    """from of to on with by for than at like including against over into about toward towards
    as versus vs via through among in""".split()
)
#: Objects that can still be the spender when the name comes right after the figure
#: ("120 billion yuan at Alibaba", "$5bn for Tencent", "$7bn by ByteDance").
BINDING_AFTER = frozenset({"at", "for", "by", "from"})
#: Markers of examples after a figure ("projects worth 126.8bn baht, including one by TikTok").
EXAMPLE_MARKERS = frozenset({"including", "includes", "include", "like", "such"})
#: "according to X", "citing X", "told X": a source, not a spender.
SOURCE_MARKERS = frozenset({"according", "citing", "cited", "told"})
#: A name after these is not a referent of "it"/"the company" ("analysts at Loop Capital said it
#: could reach…", "a round led by ASML, valuing it at…").
NON_REFERENT_MARKERS = frozenset({"at", "by", "from", "with", "to", "for", "than"})

#: Head nouns of references to a company named earlier ("the Chinese tech giant"): a word list
#: shared with the attribution rules.
REFERENCE_HEADS = company_heads()
PRONOUNS = frozenset({"it", "its"})
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


class SubjectComponent:
    """Sets ``span._.subject`` and ``span._.subject_rule`` on every money span."""

    def __init__(self, subject: str, aliases: Sequence[str]) -> None:
        self.finder = shared_finder(subject, tuple(aliases))
        self.report_verbs = words(REPORT_VERBS)

    def __call__(self, doc: Doc) -> Doc:
        sentences = list(money_by_sentence(doc))
        if not sentences:
            return doc
        names = self.finder(doc)
        paragraph = paragraph_index(doc)
        candidates, unresolved = self._candidates(doc, names, paragraph)
        lines = Lines(doc)
        previous: tuple[Span, list[Span]] | None = None
        for sent, spans in sentences:
            in_sent = [c for c in candidates.within(sent.start, sent.end) if c.end <= sent.end]
            groups = claims(spans)
            paired = _pair(doc, sent, groups, in_sent)
            for index, group in enumerate(groups):
                if paired is not None:
                    subject, rule = paired[index].name, "respectively"
                else:
                    # the group's own equivalents ("85bn yuan (about $12.2bn)") are no other figure
                    others = [span.start for span in spans if not any(span is mine for mine in group)]
                    subject, rule = _choose(doc, sent, group, in_sent, others)
                if subject is None and rule == "none" and index > 0:
                    subject, rule = _compared(doc, groups[index - 1], group)
                if subject is None and rule == "none":
                    subject, rule = _list_header(lines, candidates, min(span.start for span in group))
                if subject is None and rule == "none" and unresolved.within(sent.start, sent.end) \
                        and not ties_to_previous(sent):  # "About 85bn yuan of that …, although the company's …"
                    rule = "unresolved_reference"  # "The group will…" with no company named before
                elif subject is None and rule == "none" and previous is not None:
                    subject, rule = _inherit(sent, previous)
                for span in group:
                    span._.subject = subject
                    span._.subject_rule = rule
            previous = (sent, spans)
        return doc

    def _candidates(
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
            found.append(Candidate(name.start, name.end, name.name, f"name:{name.kind}", roles[id(name)], name.kind, listed))
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
        for start, end in _references(doc, self.report_verbs):
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
            if referent is None and chain and paragraph[chain[-1].start] == paragraph[start]:
                # "The Japanese conglomerate said … . It sold its Nvidia stake …": "it" is the
                # company the description before it resolved to, when no name is nearer
                referent = chain[-1]
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
        if before in SOURCE_MARKERS or before2 in SOURCE_MARKERS or (before == "by" and before2 in ("cited", "reported")):
            return "source"
        k = end
        while k < len(doc) and k - end < 5 and (
            doc[k].text[:1].isupper() or doc[k].lower_ in ("analysts", "has", "had", "have", "now", "also", "previously", "earlier", "separately", "recently") or doc[k].lower_ in SPEAKER_TITLES
        ):
            k += 1  # "Evercore ISI analysts wrote", "Jefferies has said", "a Baidu spokesperson said"
        if k < len(doc) and doc[k].lower_ in self.report_verbs and doc[k].text.islower():
            return "speaker"
        after = doc[end].lower_ if end < len(doc) else ""
        if before in self.report_verbs and doc[j].text.islower() and (after in ("'s", "’s") or doc[end:end + 1].text in (",", ".", "")):
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


#: Nouns whose "in"/"of" names the company traded ("shares in IQE"): its own share price.
SHARE_NOUNS = frozenset({"shares", "stock", "stocks", "share", "those"})  # "those of Baidu slipped"
#: Nouns whose "in" names a company invested in ("its stake in Anthropic"): the gain, loss or
#: value of the stake is the investor's money, never the investee's.
STAKE_NOUNS = frozenset({"stake", "stakes", "holding", "holdings", "shareholding", "investment", "investments", "interest"})
#: Verbs of a trade in another company's shares ("sold shares in Denso", "bought a stake in").
TRADE_VERBS = frozenset(
    """sold sell sells selling bought buy buys buying offloaded offload divested divest acquired
    acquire acquires trimmed unloaded dumped""".split()
)


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


#: Second halves of a compound that makes a name describe another ("Microsoft-backed OpenAI",
#: "Tencent-owned Sogou", "SoftBank-led round").
COMPOUND_BACKERS = frozenset({"backed", "owned", "controlled", "led", "funded", "linked", "affiliated", "supported"})


ASIDE_MARKS = frozenset({"—", "–", "--", "(", ")"})

#: Lower-case titles between a company and its speaker's verb ("a Baidu spokesperson said",
#: "Alibaba chief executive Eddie Wu said").
SPEAKER_TITLES = frozenset(
    """spokesperson spokesman spokeswoman executive executives official officials representative
    chief president chairman chairwoman founder ceo cfo coo cto director head""".split()
)
POSSESSIVE_DETERMINERS = frozenset({"its", "their", "his", "her"})
#: Verbs whose next name is their object, not the spender ("pay Oracle", "supply Tesla").
OBJECT_VERBS = frozenset(
    """pay pays paid paying supply supplies supplied supplying sell sells sold selling acquire
    acquires acquired buy buys bought lease leases leased rent rents rented hire hires hired
    fund funds funded back backs backed beat beats""".split()
)
#: Products named after their maker ("Nvidia GPUs", "Huawei Ascend chips"): the maker sells,
#: the one buying spends; the maker's money only when the figure is the product's price.
PRODUCT_NOUNS = frozenset(
    """chip chips gpu gpus processor processors accelerator accelerators server servers card cards
    semiconductors hardware equipment phones smartphones handsets devices memory modules""".split()
)


#: Words of an executive's title ("finance chief", "chief financial officer").
TITLE_WORDS = SPEAKER_TITLES | frozenset({"officer", "finance", "financial", "technology", "operating", "vice"})


def _speakers_company(doc: Doc, start: int, end: int) -> bool:
    """Is the name at ``start..end`` the company of a titled speaker: "Baidu's finance chief",
    "chief financial officer of Lenovo", "Microsoft's chief technology officer"?"""
    if end + 1 < len(doc) and doc[end].lower_ in ("'s", "’s") and doc[end + 1].lower_ in TITLE_WORDS:
        return True
    return start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in TITLE_WORDS


#: Nouns after a product that make it the maker's business ("chip sales", "server revenue").
MAKER_NOUNS = frozenset({"sales", "revenue", "revenues", "business", "unit", "division", "shipments", "exports", "margin", "margins"})


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


#: Lower-case words between a maker and its product ("Nvidia graphics processors", "Huawei AI
#: chips", "Samsung high-bandwidth memory chips").
PRODUCT_MODIFIERS = frozenset(
    """graphics ai data center centre computing networking gaming advanced high-end
    high-bandwidth training inference""".split()
)


def _aside(doc: Doc, start: int, end: int) -> int:
    """1 when the figure sits in an aside ("The sum — 380 billion yuan — exceeds…", "( $22.6
    billion )"): the mark on the candidate's side closes the aside, it does not start a clause."""
    if start == 0 or end >= len(doc):
        return 0
    if doc[start - 1].text in ASIDE_MARKS and doc[end].text in ASIDE_MARKS:
        return 1
    return 0


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


LIST_JOINS = (["and"], [","], ["&"], [",", "and"], ["'s", "and"], ["’s", "and"], ["'s", ","], ["’s", ","])


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


def _pair(doc: Doc, sent: Span, groups: list[list[Span]], in_sent: list[Candidate]) -> list[Candidate] | None:
    """Names listed together paired in order with as many figures: when the sentence says
    "respectively" ("Tencent and Alibaba spent 13bn yuan and 31.4bn yuan, respectively"), or
    when the figures are listed just like the names ("Alibaba and Tencent spent 30bn yuan and
    20bn yuan")."""
    if len(groups) < 2:
        return None
    first = min(span.start for span in groups[0])
    listed = [c for c in in_sent if c.listed and c.end <= first and c.kind != "reference"]
    if len(listed) != len(groups):
        return None
    if any(t.lower_ == "respectively" for t in sent):
        return listed
    starts = [min(span.start for span in group) for group in groups]
    ends = [max(span.end for span in group) for group in groups]
    joins = [[t.lower_ for t in doc[ends[k]:starts[k + 1]] if not t.is_space] for k in range(len(groups) - 1)]
    if all(join in LIST_JOINS for join in joins):
        return listed
    return None


def _choose(
    doc: Doc, sent: Span, group: list[Span], in_sent: list[Candidate], figure_starts: Sequence[int] = ()
) -> tuple[str | None, str]:
    """The cheapest candidate for one figure (see the module docstring)."""
    start = min(span.start for span in group)
    end = max(span.end for span in group)
    if end < len(doc) and doc[end].text == ")" and any(t.text == "(" for t in doc[start:end]):
        end += 1  # "120bn yuan ($16.5bn) at Alibaba": the bracketed equivalent is part of the figure
    line_start, line_end = line_bounds(doc, sent, start, end)
    if _market_size(doc, end):
        return None, "market"  # "sovereign AI could be a $1 trillion market": no company's money
    if _venture_spends(doc, sent, start, in_sent):
        return None, "joint"  # "A consortium led by BlackRock and Nvidia agreed to buy … for $40bn"
    target = _price_target(doc, start)
    best: tuple[int, Candidate] | None = None
    for candidate in in_sent:
        if candidate.start < line_start or candidate.end > line_end:
            continue
        if target and (candidate.kind == FIRM or candidate.role == "speaker"):
            continue  # "Morgan Stanley analyst Brian Nowak said his price target of $875": the stock's company
        after = candidate.start >= end
        distance, left, right = gap(start, end, candidate.start, candidate.end)
        breaks = breaks_between(doc, left, right) - _aside(doc, start, end)
        if candidate.role == "relative" and (after or breaks):
            continue  # "The company, which owns TikTok, has earmarked $12bn": TikTok is an aside
        if candidate.role == "investee":
            continue  # "Amazon's $9.5bn gain on its stake in Anthropic"
        if candidate.listed and candidate.role in ("apposition", "object", "example"):
            continue  # "Stargate, the venture backed by OpenAI, Oracle and SoftBank, has committed $400bn"
        if candidate.role in ("source", "example") and (after or candidate.kind == FIRM):
            continue  # "…, according to Goldman Sachs": a source is no spender
        if candidate.rule == "reference:speaker" and group[0]._.metric not in COMPANY_METRICS:
            continue  # "She added the AI chip market could be worth $1tn": not her company's money
        if candidate.role == "speaker" and candidate.kind == FIRM:
            continue  # "…, according to Goldman Sachs": a source is no spender
        if after and candidate.role != "speaker" and (breaks or any(t.lower_ == "and" for t in doc[left:right])):
            continue  # "…1 million yuan in China, distributors say, and ByteDance has bought"
        if after and any(left <= other < right for other in figure_starts):
            continue  # "160bn yuan compares with 120bn yuan at Alibaba": Alibaba's is the nearer figure
        penalty = PENALTIES[candidate.role] if candidate.role in PENALTIES else PENALTIES["object"]
        if candidate.role == "supplier":
            metric = group[0]._.metric  # None when no metric component ran: keep the penalty
            if metric == "price":
                penalty = 0  # "Nvidia's H20 chips cost about $12,000 each": the seller's price
            elif metric is not None:
                continue  # "agreed to spend $5bn on Nvidia's H20 chips": the buyer's money, not Nvidia's
        if candidate.kind == FIRM:
            penalty += PENALTIES["firm"]
        if candidate.kind == "reference":
            penalty += PENALTIES["reference"]
        if after:
            if distance <= 1 and doc[end].lower_ in BINDING_AFTER if end < len(doc) else False:
                penalty = 0  # "120 billion yuan at Alibaba"
            else:
                penalty += PENALTIES["after_figure"]
        elif distance <= 1 and candidate.end < len(doc) and doc[candidate.end].lower_ in ("'s", "’s"):
            penalty = 0  # "Alibaba's $53bn": the possessive binds
        cost = distance + BREAK_COST * breaks + penalty
        if cost <= MAX_DISTANCE and (best is None or cost < best[0]):
            best = (cost, candidate)
    if best is None and target:
        # the stock's company may be named anywhere in the sentence ("…, arguing that Meta's AI tools …")
        stock = [c for c in in_sent if c.kind != FIRM and c.role != "speaker" and line_start <= c.start < line_end]
        if stock:
            nearest = min(stock, key=lambda c: gap(start, end, c.start, c.end)[0])
            return nearest.name, "price_target"
    if best is None:
        return None, "none"
    chosen = best[1]
    if chosen.listed and chosen.role == "subject":
        return None, "joint"  # "OpenAI, SoftBank and Oracle will invest $500bn": no one company
    return chosen.name, chosen.rule


#: Nouns after a figure that make it a market's size ("a $1 trillion market", "a $500bn
#: opportunity", "a 2 trillion yuan industry").
MARKET_NOUNS = frozenset({"market", "markets", "opportunity", "industry", "sector", "economy"})
MARKET_VALUE_WORDS = frozenset({"value", "valuation", "cap", "capitalisation", "capitalization", "share", "debut", "-"})


def _market_size(doc: Doc, end: int) -> bool:
    """Is the figure ending at ``end`` the size of a market ("could be a $1 trillion market",
    "a $600bn opportunity")? A few adjectives may come between ("a $1tn global market")."""
    for k in range(end, min(len(doc), end + 3)):
        word = doc[k].lower_
        if word in MARKET_NOUNS:
            # "a $4tn market value", "a $30bn market capitalisation": the company's own
            return k + 1 >= len(doc) or doc[k + 1].lower_ not in MARKET_VALUE_WORDS
        if not (doc[k].is_alpha and doc[k].text.islower()) or word in ("of", "for", "in", "on", "to", "by"):
            return False
    return False


#: Heads of a spender made of several companies ("a consortium led by BlackRock", "SoftBank's
#: joint venture with OpenAI"); "venture capital", "venture arm" are one company's.
VENTURE_HEADS = frozenset({"consortium", "venture", "jv", "partnership", "alliance"})
NOT_VENTURE_AFTER = frozenset({"capital", "arm", "fund", "funds", "unit", "investing", "investment"})


def _venture_spends(doc: Doc, sent: Span, start: int, in_sent: Sequence[Candidate]) -> bool:
    """Is the one spending before the figure at ``start`` a consortium or joint venture that
    its sentence does not name ("A consortium led by BlackRock and Nvidia agreed to buy …",
    "The consortium, which includes Microsoft and MGX, will invest …", "SoftBank's joint
    venture with OpenAI will invest …")? A venture named first keeps its name ("Stargate, the
    venture backed by OpenAI, …, has committed $400bn" -> Stargate: not this rule)."""
    begin = dateline_end(doc, sent.start)
    head = next((t.i for t in doc[begin:start] if t.lower_ in VENTURE_HEADS
                 and not (t.i + 1 < len(doc) and doc[t.i + 1].lower_ in NOT_VENTURE_AFTER)), None)
    if head is None or any(t.lower_ in ("said", "says", "told") for t in doc[begin:head]):
        return False
    for candidate in in_sent:
        if begin <= candidate.start < head and candidate.role == "subject" and candidate.kind != "reference" \
                and not (candidate.end < len(doc) and doc[candidate.end].lower_ in ("'s", "’s")):
            return False  # "Stargate, the venture backed by …": the venture is named
    return True


#: Nouns of an analyst's target for a stock ("price target of $875", "target price of HK$150").
TARGET_NOUNS = frozenset({"target", "targets"})


def _price_target(doc: Doc, start: int) -> bool:
    """Is the figure at ``start`` an analyst's price target ("his price target of $875 on the
    stock", "raised its target price to HK$150")? Its money is the stock's company, never the
    analyst's firm."""
    return any(t.lower_ in TARGET_NOUNS for t in doc[max(0, start - 4):start])


def _references(doc: Doc, report_verbs: frozenset[str]) -> list[tuple[int, int]]:
    """Token ranges of "it"/"its", "the (adjectives) company|group|firm|giant…", and a
    speaking "he"/"she" ("Tencent President Martin Lau spoke. He said capex would reach…":
    an executive speaks for the company named before)."""
    found: list[tuple[int, int]] = []
    # only the few tokens that can open a reference become Tokens: a long page is mostly other words
    strings = doc.vocab.strings
    wanted = {strings.add(word): word for word in (*PRONOUNS, "he", "she", "the")}
    lowers = doc.to_array([LOWER])
    for i in numpy.nonzero(numpy.isin(lowers, list(wanted)))[0].tolist():
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
        earlier = {n.name for n in fitting.within(max(0, start - FIT_REACH), start) if n.end <= start and fit(n.name, words)}
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


#: Words that set a figure against the one before it ("compared with analysts' estimate of").
COMPARISONS = frozenset({"compared", "comparing", "versus", "vs", "vs.", "against", "beating", "missing", "topping"})


def _compared(doc: Doc, before: list[Span], group: list[Span]) -> tuple[str | None, str]:
    """A figure set against the one before it in the sentence, naming no company of its own,
    is the same company's money: "Amazon expects sales of $206bn, compared with analysts'
    average estimate of $208.1bn" -> Amazon."""
    subject = before[0]._.subject
    if subject is None:
        return None, "none"
    between = doc[max(span.end for span in before):min(span.start for span in group)]
    if any(t.lower_ in COMPARISONS for t in between) and not any(is_blank_line(t.text) for t in between):
        return subject, "compared_figure"
    return None, "none"


def _list_header(lines: Lines, candidates: Positions[Candidate], start: int) -> tuple[str | None, str]:
    """The company a list's header speaks of, for a figure on a list line that names no one
    ("Samsung Electronics said it expected the following:" then "Revenue: 86 trillion won")."""
    header = lines.header(start)
    if header is None:
        return None, "none"
    for candidate in candidates.within(*header):
        if candidate.kind != FIRM and candidate.role in ("subject", "speaker") and not candidate.listed:
            return candidate.name, "list_header"
    return None, "none"


#: Words that make a figure a total of several companies ("Together the four spend $320bn",
#: "their combined capex", "a combined 120bn yuan").
COMBINED_WORDS = frozenset({"together", "combined", "collectively", "altogether", "jointly"})


def _combined(sent: Span) -> bool:
    """Does ``sent`` speak of several companies' money together ("Together the four largest
    spenders plan about $320bn", "Their combined capex")?"""
    return any(token.lower_ in COMBINED_WORDS for token in sent)


#: Words that make a figure a market's or a sector's, not one company's ("global data centre
#: spending will reach $600bn", "State-backed lenders have pledged 200bn yuan").
MARKET_WORDS = frozenset(
    """global worldwide industry industrywide industry-wide sector nationwide lenders banks investors
    governments government state-backed market-wide regulators regulator authorities
    hyperscalers companies groups firms giants providers spenders players rivals peers""".split()
)


def _whole_market(sent: Span) -> bool:
    """Does ``sent`` speak of a market, a sector or many lenders ("Overall, global data centre
    spending will reach $600bn next year, Gartner said")? Then it continues no company's story."""
    return any(token.lower_ in MARKET_WORDS for token in sent)


def _inherit(sent: Span, previous: tuple[Span, list[Span]]) -> tuple[str | None, str]:
    """A sentence that names nobody continues the one just before it ("Of that, Rmb85bn will
    go to chips.", "Roughly Rmb85bn of next year's budget would go on processors, the newspaper
    said." on the next line): its figures' subject, when they agree on one. A blank line ends
    the story being continued unless the sentence ties itself to it ("of that"); a line break
    alone does not (extracted pages put each paragraph
    on a line, and a continuation often opens a paragraph)."""
    prev_sent, prev_spans = previous
    if prev_sent.end != sent.start or _combined(sent) or _whole_market(sent):
        return None, "none"  # "Together the four largest spenders plan $320bn": no one company
    if any(is_blank_line(t.text) for t in sent.doc[prev_sent.end - 1:sent.start + 1]) and not ties_to_previous(sent):
        return None, "none"  # a new paragraph continues only when tied ("About 85bn yuan of that …")
    subjects = {span._.subject for span in prev_spans}
    if len(subjects) == 1 and None not in subjects:
        return subjects.pop(), "previous_sentence"
    return None, "none"


@Language.factory(
    "capexwatch_subject",
    default_config={"subject": DEFAULT_WATCH.subject, "aliases": list(DEFAULT_WATCH.aliases)},
    assigns=["span._.subject", "span._.subject_rule"],
)
def make_subject_component(nlp: Language, name: str, subject: str, aliases: list[str]) -> SubjectComponent:
    """Factory for the subject rules; ``subject`` and ``aliases`` come from the watch."""
    return SubjectComponent(subject, aliases)
