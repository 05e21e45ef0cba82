"""Years of lists: a heading's year carried to the list lines under it ("Capex plans for 2026:"
then "Alibaba: 120 billion yuan", "Tencent: 90 billion yuan"; "In 2026: Alibaba 120bn yuan;
Tencent 90bn yuan"), and how far a continuation sentence may stand from the one it continues.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from spacy.tokens import Doc, Span

from extract.context.common.clauses import Positions, is_line_break
from extract.context.year.mentions import Mention
from extract.context.year.resolve import Resolution, resolve
from extract.lexicon import cues

CUES = cues(Path(__file__).resolve().with_name("cues.toml"))


TIE_GAP = 2
#: Longest stretch (tokens) of figure-free sentences a tie reaches across.
TIE_GAP_TOKENS = 80


def sentences_between(doc: Doc, end: int, start: int) -> int:
    """How many sentences start in tokens ``end..start`` (figure-free sentences between two
    figure sentences); a long stretch counts as too many."""
    if start - end > TIE_GAP_TOKENS:
        return TIE_GAP + 1
    return sum(1 for token in doc[end:start] if token.is_sent_start and not token.is_space)


#: Words that announce a list after a heading ("the budgets are as follows").
HEADING_WORDS = CUES.phrases("heading_phrases")
#: Longest list item (tokens) that carries the heading's year on to the next item.
ITEM_TOKENS = 20


def sentence_before(doc: Doc, sent: Span) -> Span | None:
    """The sentence before ``sent``, past blank lines."""
    k = sent.start - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    return doc[k].sent if k >= 0 else None


def is_heading(sent: Span) -> bool:
    """A heading announces a list: it ends with ":" ("Capex plans for 2026:") or says "as
    follows". The caller only asks about a sentence right before a figure's, and only when the
    previous figure sentence is not that one: a heading holds no figure."""
    doc = sent.doc
    k = sent.end - 1
    while k > sent.start and doc[k].is_space:
        k -= 1
    if doc[k].text == ":":
        return True
    text = sent.text.lower()
    return any(phrase in text for phrase in HEADING_WORDS)


def on_list_line(doc: Doc, sent_start: int, start: int) -> bool:
    """Is the figure at ``start`` on a list line ("Capex: Rmb13bn, down 24%", "- Baidu, 20bn
    yuan") that begins after a line break inside its sentence?"""
    return heads_list_line(doc, sent_start, start)


def heads_list_line(doc: Doc, mention_end: int, start: int) -> bool:
    """Is the period mention ending at ``mention_end`` a heading on a line above the list line
    the figure at ``start`` is on ("Hyperscaler capex guidance for 2026\nMicrosoft: about $140bn")?
    Then the list lines after it take the same year (``_list_heading``)."""
    newline = None
    for k in range(start - 1, max(mention_end, start - ITEM_TOKENS) - 1, -1):  # a list line is short
        if is_line_break(doc[k].text):
            newline = k
            break
    if newline is None:
        return False
    line = [t for t in doc[newline + 1:start] if not t.is_space]
    if not line:
        return False
    return line[0].text in LIST_BULLETS or any(t.text == ":" for t in line[:6])


#: Marks that open a list line.
LIST_BULLETS = CUES.words("list_bullets")


def introduces_list(sent: Span) -> bool:
    """Does ``sent`` announce a list and hold its first item ("…the following figures for the
    quarter:\nOperating profit: 12.1 trillion won")? It says "as follows"/"the following" and
    has a colon."""
    text = sent.text.lower()
    return ":" in text and any(phrase in text for phrase in HEADING_WORDS)


def is_list_item(sent: Span) -> bool:
    """A short line like "Tencent: 90 billion yuan" or "- Baidu, 20 billion yuan" (the first
    line of the sentence: the splitter may join list lines, "CoreWeave: $25bn.\nxAI: $18bn")."""
    words = []
    for token in sent:
        if is_line_break(token.text) and words:
            break
        if not token.is_space:
            words.append(token)
    return 0 < len(words) <= ITEM_TOKENS and (
        words[0].text in ("-", "•", "*", "–") or any(t.text == ":" for t in words[:6])
    )




def colon_heading(
    doc: Doc, group: list[Span], in_sent: list[Mention], published: date | None
) -> Resolution | None:
    """A year heading the sentence's list governs every item after it, however long the
    list ("In 2026: Alibaba 120bn yuan; Tencent 90bn yuan; …; Kuaishou 8bn yuan")."""
    start = min(span.start for span in group)
    for mention in in_sent:
        if mention.end > start or mention.kind not in ("year", "published"):
            continue
        following = [t for t in doc[mention.end:mention.end + 2] if not t.is_space]
        if following and following[0].text == ":":
            return Resolution(resolve(mention, [], None, published).year, "list_heading")
    return None


def list_heading(
    doc: Doc,
    sent: Span,
    spans: list[Span],
    mentions: Positions[Mention],
    published: date | None,
    previous_sent: Span | None,
    previous: list[Span],
) -> None:
    """Items of a list take the year of its heading ("Capex plans for 2026:" then
    "Alibaba: 120 billion yuan", "Tencent: 90 billion yuan"), when they name no year of
    their own: the sentence before is a figure-free heading (ends with ":" or says "as
    follows") with one year, or the item before took the heading's year."""
    undecided = [span for span in spans if span._.year is None and span._.year_rule == "none"]
    if not undecided:
        return
    before = sentence_before(doc, sent)
    if before is None:
        return
    decided: Resolution | None = None
    if previous_sent is not None and before.start == previous_sent.start:
        carried = {(span._.year, span._.year_rule) for span in previous}
        years = {year for year, _rule in carried}
        if len(years) == 1 and is_list_item(sent):
            year = years.pop()
            # the item before took the heading's year, or the sentence before is itself the
            # heading and its first item ("expected the following figures for the quarter:\n
            # Operating profit: 12.1tn won …" then "Revenue: 86tn won")
            if {rule for _year, rule in carried} == {"list_heading"} or introduces_list(previous_sent):
                decided = Resolution(year, "list_heading")
    else:
        stated = [m for m in mentions.within(before.start, before.end)
                  if m.end <= before.end and m.kind in ("year", "published")]
        if len(stated) == 1 and is_heading(before):
            decided = Resolution(resolve(stated[0], [], None, published).year, "list_heading")
    if decided is None or decided.year is None:
        return
    for span in undecided:
        span._.year, span._.year_rule = decided.year, decided.rule

