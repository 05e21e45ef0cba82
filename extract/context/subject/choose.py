"""Choosing the subject of a figure among its sentence's candidates (``candidates.py``).

Each figure takes the candidate with the lowest cost: token distance, plus a cost per clause
break, plus the role's penalty (``PENALTIES``); names after the figure count only in its own
clause and before any other figure. Names listed together pair with figures in order
("respectively"); a joint subject is no single company (null), nor are a market's size, a
consortium the sentence does not name, a combined total. A figure set against the one before
keeps its company (``compared``), a list line takes its header's (``list_header``), and a
sentence that names nobody may continue the one before (``inherit``).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span

from extract.context.common.clauses import (
    Positions,
    breaks_between,
    dateline_end,
    gap,
    is_blank_line,
    line_bounds,
    ties_to_previous,
)
from extract.context.common.lines import Lines
from extract.context.names.finder import FIRM
from extract.context.subject.candidates import COMPANY_METRICS, Candidate
from extract.context.subject.words import (
    ASIDE_MARKS,
    BINDING_AFTER,
    COMBINED_WORDS,
    COMPARISONS,
    LIST_JOINS,
    MARKET_NOUNS,
    MARKET_VALUE_WORDS,
    MARKET_WORDS,
    NOT_VENTURE_AFTER,
    TARGET_NOUNS,
    VENTURE_HEADS,
)

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
    "investee": 99,  # "its stake in Anthropic": never the one whose money it is (skipped)
}


def _aside(doc: Doc, start: int, end: int) -> int:
    """1 when the figure sits in an aside ("The sum — 380 billion yuan — exceeds…", "( $22.6
    billion )"): the mark on the candidate's side closes the aside, it does not start a clause."""
    if start == 0 or end >= len(doc):
        return 0
    if doc[start - 1].text in ASIDE_MARKS and doc[end].text in ASIDE_MARKS:
        return 1
    return 0


def pair(doc: Doc, sent: Span, groups: list[list[Span]], in_sent: list[Candidate]) -> list[Candidate] | None:
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


def choose(
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


def _price_target(doc: Doc, start: int) -> bool:
    """Is the figure at ``start`` an analyst's price target ("his price target of $875 on the
    stock", "raised its target price to HK$150")? Its money is the stock's company, never the
    analyst's firm."""
    return any(t.lower_ in TARGET_NOUNS for t in doc[max(0, start - 4):start])


def compared(doc: Doc, before: list[Span], group: list[Span]) -> tuple[str | None, str]:
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


def list_header(lines: Lines, candidates: Positions[Candidate], start: int) -> tuple[str | None, str]:
    """The company a list's header speaks of, for a figure on a list line that names no one
    ("Samsung Electronics said it expected the following:" then "Revenue: 86 trillion won")."""
    header = lines.header(start)
    if header is None:
        return None, "none"
    for candidate in candidates.within(*header):
        if candidate.kind != FIRM and candidate.role in ("subject", "speaker") and not candidate.listed:
            return candidate.name, "list_header"
    return None, "none"


def _combined(sent: Span) -> bool:
    """Does ``sent`` speak of several companies' money together ("Together the four largest
    spenders plan about $320bn", "Their combined capex")?"""
    return any(token.lower_ in COMBINED_WORDS for token in sent)


def _whole_market(sent: Span) -> bool:
    """Does ``sent`` speak of a market, a sector or many lenders ("Overall, global data centre
    spending will reach $600bn next year, Gartner said")? Then it continues no company's story."""
    return any(token.lower_ in MARKET_WORDS for token in sent)


def inherit(sent: Span, previous: tuple[Span, list[Span]]) -> tuple[str | None, str]:
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




def about_the_article(doc: Doc, sent: Span, group: list[Span], in_sent: Sequence[Candidate]) -> bool:
    """May a figure no rule gave a company be the article's company's? Only when its sentence
    names no company at all (a named one that did not fit the figure is not overruled), a word
    says what the figure measures (capex, revenue, profit…), and the sentence does not speak of
    several companies together or of a market."""
    if any(candidate.kind != FIRM for candidate in in_sent):
        return False
    if (group[0]._.metric_rule or "").endswith(":default"):
        return False  # no word says what the figure measures: nothing shows it is the company's
    return not _combined(sent) and not _whole_market(sent)
