"""Readings that keep a year away from a figure it sits beside: the year dates something else.

A share price has no period (``is_share_price``), nor does a balance at a point in time — an
order book, a valuation (``is_balance``); a year right after a verb of saying dates the saying
(``dates_the_saying``), one after "open"/"online" the opening of a site (``dates_an_opening``);
an earlier year after "from"/"than" is the base of a comparison (``comparison_base``), and a
year inside ", which …," an aside about something else (``relative_aside``). Each is a small
test the component asks of a candidate mention; the cue words are in ``cues.toml``.
"""

from __future__ import annotations

import re
from pathlib import Path

from spacy.tokens import Doc, Span

from extract.context.common.clauses import CLAUSE_BREAKS
from extract.context.year.mentions import Mention
from extract.lexicon import cues

CUES = cues(Path(__file__).resolve().with_name("cues.toml"))

#: Words between a figure and the year it owns ("$60bn in 2025", "$5bn for 2024").
OWNING_WORDS = CUES.words("owning_words")

POINT_IN_TIME = frozenset({"valuation", "price"})

#: Metrics always measured at a point in time: a relative year even in their own clause is when
#: the valuation was made, not a period ("was valued at 21bn yuan in a funding round this year").
VALUATIONS = frozenset({"valuation"})

#: Words of an amount measured at a point in time (a balance, an order book, a market value):
#: "this year" beside it is when, not a period ("its backlog swelled to $455bn this year").
BALANCE_WORDS = CUES.words("balance_words")
#: Most tokens from a balance word to the figure it measures ("a market value of about $4.4tn").
BALANCE_REACH = 8


def is_balance(doc: Doc, sent: Span, start: int) -> bool:
    """Is the figure at token ``start`` a balance at a point in time: an order book ("order book",
    "backlog", "remaining performance obligations"), a valuation or market value ("valued at",
    "a market value of")? Read back from the figure to a clause break."""
    for k in range(start - 1, max(sent.start, start - BALANCE_REACH) - 1, -1):
        word = doc[k].lower_
        if word in CLAUSE_BREAKS:
            return False
        if word in BALANCE_WORDS:
            if word == "value" and (k == 0 or doc[k - 1].lower_ not in ("market", "enterprise")):
                return False  # "the value of its contracts" is not a market value
            if word == "cap" and (k == 0 or doc[k - 1].lower_ != "market"):
                return False
            return True
        if word == "book" and k > 0 and doc[k - 1].lower_ == "order":
            return True
    return False


#: What a share price is of: the subject of the move or close just before the price.
SHARE_WORDS = CUES.words("share_words")
#: Moves and closes of a share price ("rose 3% to", "closed at", "fell … to", "traded at").
PRICE_MOVES = CUES.words("price_moves")
#: Longest run (tokens) from the share word to the price: "Meta shares fell 11 per cent on
#: Thursday to $666.50".
SHARE_PRICE_REACH = 14


def is_share_price(doc: Doc, sent: Span, start: int) -> bool:
    """Is the figure at token ``start`` a share price, which has no year ("Meta shares fell 11%
    on Thursday to $666.50", "TSMC's shares have risen 40% this year and closed at NT$1,465")?
    It follows "to"/"at" after a move or close whose subject is shares or stock, with no clause
    break in between other than a comma before the move ("Tencent rose 3.2% to HK$642" is a price
    too, but without the share word it is left to the other rules)."""
    if start - 1 < sent.start or doc[start - 1].lower_ not in ("to", "at"):
        return False
    moved = False
    for k in range(start - 2, max(sent.start, start - SHARE_PRICE_REACH) - 1, -1):
        word = doc[k].lower_
        if word in (";", ":", "(", ")"):
            return False
        if word in PRICE_MOVES:
            moved = True
        elif word in SHARE_WORDS:
            return moved and doc[k - 1].lower_ not in ("per", "a", "each") if k > sent.start else moved
    return False


#: Verbs of saying: a year right after one dates the saying ("said last year", "reported in 2024
#: that"), not the figure.
SAYING_VERBS = CUES.words("saying_verbs")
#: Most tokens from an opening year to the verb of saying it dates ("In 2024, Reuters reported that").
SAYING_REACH = 5


def dates_the_saying(doc: Doc, mention: Mention) -> bool:
    """Does ``mention`` date when something was said ("Reuters reported in 2024 that …", "the
    company said last year", "Zuckerberg said in 2025")? Not "said 2025 revenue …" (the year
    starts what was said) nor "said last year's capex …" (a possessive year owns the noun)."""
    if opens_a_report(doc, mention):
        return True
    k = mention.start - 1
    if k >= 0 and doc[k].lower_ in ("in", "during", "earlier"):
        k -= 1
    if k < 0 or doc[k].lower_ not in SAYING_VERBS:
        return False
    if k == mention.start - 1 and mention.kind not in ("published", "anchored"):
        return False  # "reported third-quarter revenue", "said 2025 capex"
    after = doc[mention.end].text if mention.end < len(doc) else ""
    return after not in ("'s", "’s", "'", "’")


#: Words of a site coming into service: a year after them dates the opening, not the money
#: ("a €1bn AI factory in Munich, set to open in early 2026").
OPENING_WORDS = CUES.words("opening_words")
#: Words allowed between an opening word and its year ("open in early 2026").
OPENING_GAP = CUES.words("opening_gap")


def dates_an_opening(doc: Doc, mention: Mention, figure_end: int) -> bool:
    """Does a year after the figure date when a site opens or is completed ("set to open in
    early 2026", "due to be operational in 2027", "expected to come online in 2026")?"""
    if mention.start < figure_end:
        return False
    k = mention.start - 1
    while k >= figure_end and doc[k].lower_ in OPENING_GAP:
        k -= 1
    return k >= figure_end and k < mention.start - 1 and doc[k].lower_ in OPENING_WORDS


def opens_a_report(doc: Doc, mention: Mention) -> bool:
    """Does an opening year date a report that follows ("In 2024, Reuters reported that …",
    "Last year, the company said that …")? A comma after the year, then a verb of saying within
    a few tokens, then "that"."""
    k = mention.end
    if k >= len(doc) or doc[k].text != ",":
        return False
    for j in range(k + 1, min(len(doc) - 1, k + 1 + SAYING_REACH)):
        word = doc[j].lower_
        if word in SAYING_VERBS:
            return doc[j + 1].lower_ == "that"
        if doc[j].is_punct or doc[j].is_sent_start:
            return False
    return False


#: Words that make an earlier year the base of a comparison ("up 427% from a year earlier").
COMPARISON_WORDS = CUES.words("comparison_words")


def comparison_base(doc: Doc, mention: Mention, figure_start: int) -> bool:
    """An earlier year that is only the base of a change ("revenue of $22.6bn, up 427% from a
    year earlier", "rose 15% from a year earlier to …") is not the figure's year — unless the
    figure is the base itself ("from $4bn a year earlier": the year follows the figure, not
    "from")."""
    if mention.kind not in ("published", "anchored") or (mention.value or 0) >= 0:
        return False
    if owns_the_figure(doc, mention, figure_start):
        return False  # "a jump from last year's $39.2bn": the possessive year is the figure's own
    # before the figure too: "revenue rose 15% from a year earlier to 193bn yuan", "Compared
    # with a year earlier, revenue fell to 31bn yuan"
    return mention.start > 0 and doc[mention.start - 1].lower_ in COMPARISON_WORDS


#: Most tokens between a comparison word and the figure it introduces ("from about $150bn").
BASE_REACH = 3


def is_comparison_base(span: Span) -> bool:
    """Is ``span`` the base a figure is compared with ("from about 150bn yuan", "than $7bn",
    "compared with $83bn", "versus $9bn")?"""
    doc = span.doc
    for k in range(span.start - 1, max(-1, span.start - 1 - BASE_REACH), -1):
        if doc[k].lower_ in COMPARISON_MARKERS or doc[k].lower_ == "with":
            return True
        if doc[k].is_sent_start:
            break
    return False


def owned_by_figure_before(doc: Doc, mention: Mention, other_ends: list[int]) -> bool:
    """Does ``mention`` directly follow another figure before this one ("$60bn in 2025",
    "80bn yuan last year"), so that it is that figure's period?"""
    for other_end in other_ends:
        if other_end <= mention.start and all(
            token.lower_ in OWNING_WORDS for token in doc[other_end:mention.start]
        ) and mention.start - other_end <= 2:
            return True
    return False


def beyond_compared_figure(doc: Doc, end: int, mention_start: int, other_starts: list[int]) -> bool:
    """Is a later mention the period of a figure this one is compared with ("Capex was $9bn,
    compared with $7bn the previous year": "the previous year" is the $7bn's)?"""
    between = [start for start in other_starts if end <= start < mention_start]
    if not between:
        return False
    return any(token.lower_ in COMPARISON_MARKERS for token in doc[end:between[0]])


#: Words of a forecast revision: "raised its capex forecast to $42bn from $38bn for 2025" moves
#: one forecast for one period, so the old and the new figure share the period after them.
REVISION_WORDS = CUES.words("revision_words")


def shared_by_revision(mention: Mention) -> bool:
    """Can a period after "to B from A" in a forecast revision be B's too? Yes for a stated or
    current period ("for 2025", "this year", "for the full year"), no for an earlier one ("from
    $7bn a year earlier", "from $50bn last year": that is A's alone)."""
    if mention.kind in ("published", "anchored", "anchored_only"):
        return (mention.value or 0) >= 0
    return mention.kind != "window"


#: Words that introduce the figure a figure is compared with.
COMPARISON_MARKERS = CUES.words("comparison_markers")


RELATIVES = CUES.words("relatives")
RELATIVE_TEXT = re.compile(r",\s*(?:which|whose|who)\b", re.I)


def relative_aside(doc: Doc, i: int, sent_start: int) -> tuple[int, int] | None:
    """The ", which/whose/who …," aside token ``i`` sits in (its token range), else None: a
    year inside it dates what the aside says, not the figures around it."""
    k = i - 1
    while k > sent_start and doc[k].text != ",":
        if doc[k].is_punct and doc[k].text not in ("-", "'", "’"):
            return None
        k -= 1
    if k <= sent_start or doc[k].text != "," or k + 1 >= len(doc) or doc[k + 1].lower_ not in RELATIVES:
        return None
    end = i
    while end < len(doc) and doc[end].text not in (",", ";", ".") and not doc[end].is_sent_start:
        end += 1
    if end >= len(doc) or doc[end].text != ",":
        return None  # the aside runs to the end of the sentence: it holds the rest
    return k, end + 1


#: Most figure-free sentences between a tied sentence ("About 85bn yuan of that …") and the


def owns_the_figure(doc: Doc, mention: Mention, figure_start: int) -> bool:
    """Is the mention a possessive right before the figure ("last year's $39.2bn", "2025's
    $131bn", "this year's roughly $70bn")? Then it is the figure's period, whatever word comes
    before it."""
    if mention.end >= len(doc) or doc[mention.end].text not in ("'s", "’s", "'", "’"):
        return False
    between = [t for t in doc[mention.end + 1:figure_start] if not t.is_space]
    return len(between) <= OWNED_GAP and all(t.lower_ in OWNED_GAP_WORDS for t in between)


#: Most words between a possessive year and its figure ("last year's roughly $39bn").
OWNED_GAP = 2
OWNED_GAP_WORDS = CUES.words("owned_gap_words")

#: Words of an event a year dates ("founded in July 2023", "listed in 2019"): not the money's year.
EVENT_WORDS = CUES.words("event_words")
#: Words allowed between an event word and its year ("founding in July 2023", "set up in early 2024").
EVENT_GAP = CUES.words("event_gap")


def dates_an_event(doc: Doc, mention: Mention) -> bool:
    """Does the year date an event in a company's life ("Since its founding in July 2023, xAI
    has grown to a valuation of $50bn", "Founded in 2019, Lambda expects revenue of …")?"""
    k = mention.start - 1
    while k >= 0 and mention.start - k <= 4 and doc[k].lower_ in EVENT_GAP:
        k -= 1
    return k >= 0 and k < mention.start - 1 and doc[k].lower_ in EVENT_WORDS or (
        k >= 0 and k == mention.start - 1 and doc[k].lower_ in EVENT_WORDS)


#: Joins that open a new clause with a subject and verb of its own ("…in 2025, and the company
#: plans to spend $3bn").
CLAUSE_JOINS = CUES.words("clause_joins")
#: Words of a plan or an outlook: a clause with one speaks of the future.
FUTURE_MARKERS = CUES.words("future_markers")
#: Participles that open a new statement after a comma (", adding that …").
#: Verbs that give the clause after a join a predicate of its own (a gapped clause has none).
CLAUSE_PREDICATES = CUES.words("clause_predicates")
STATEMENT_PARTICIPLES = CUES.words("statement_participles")


def other_clause(doc: Doc, sent: Span, mention: Mention, start: int, end: int) -> bool:
    """Is the year in another clause than the figure, one that speaks of another time or makes
    another statement? Clauses are joined by a comma and a conjunction or by a semicolon; a year
    does not cross the join when one side plans or expects (future) and the other reports
    ("Revenue rose to $12bn in 2025, and the company plans to spend $3bn": 2025 is not the
    $3bn's), nor into a new statement (", adding that our obligations stand at $138bn"). Parallel
    results keep their shared period ("revenue rose to $5bn in 2025, while profit fell to $1bn")."""
    left, right = (mention.end, start) if mention.end <= start else (end, mention.start)
    tokens = doc[left:right]
    for k, token in enumerate(tokens):
        if token.text == "," and k + 1 < len(tokens) and tokens[k + 1].lower_ in STATEMENT_PARTICIPLES:
            return True
        joined = token.text == ";" or (
            token.text == "," and k + 1 < len(tokens) and tokens[k + 1].lower_ in CLAUSE_JOINS
        )
        if not joined:
            continue
        join = token.i
        if mention.end <= start:  # the year before the join, the figure after it
            year_side, figure_side = doc[_clause_start(doc, sent, mention.start):join], doc[join:end]
        else:
            year_side, figure_side = doc[join:min(sent.end, mention.end + 8)], doc[_clause_start(doc, sent, start):join]
        after_join = doc[join + 1:end] if mention.end <= start else doc[join + 1:min(sent.end, mention.end + 8)]
        if not any(t.lower_ in CLAUSE_PREDICATES for t in after_join):
            continue  # "…this year, and ByteDance about $12bn": a gapped clause shares the first's time
        if _future(year_side) != _future(figure_side):
            return True
    return False


def _clause_start(doc: Doc, sent: Span, i: int) -> int:
    """The first token of the clause holding token ``i`` (back to a comma, semicolon or the
    sentence start)."""
    k = i
    while k > sent.start and doc[k - 1].text not in (",", ";"):
        k -= 1
    return k


def _future(tokens: Span) -> bool:
    return any(token.lower_ in FUTURE_MARKERS for token in tokens)
