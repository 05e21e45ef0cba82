"""The year a money figure is for (``span._.year``), from the words around it.

Follows gold/CONVENTIONS.md: one calendar or fiscal year, explicit ("in 2026", "FY25", "'26") or
relative to the publication date ("this year", "a year earlier"); a quarter gives its year; null
when the text names no single year (multi-year windows, "by 2030", a price with no period).

How: every period mention in the text is found once with the pattern table below (character
regexes, because the tokenizer splits "'25/'26" and "FY 2024" unevenly), then each figure takes
the mention nearest to it in its own sentence, counting clause breaks as extra distance. Lists of
years pair with lists of figures in order ("$60bn and $75bn in 2025 and 2026 respectively"). A
sentence with no period may inherit the year of a figure of the same metric in the sentence just
before (a continuation: "Of that, Rmb85bn will go to chips."). The deciding rule is recorded in
``span._.year_rule``.

Whole articles date a period once and refer back to it: "in the quarter", "over the same period",
"for the period", "over the three months", "for the full year", "the current quarter" are
back-references (``pattern_referents``, resolved by ``refers_back`` to the last quarter, half,
"three months to", fiscal year or "year to March" the text named, header included); with none
named they give no year, as in a lone sentence. List lines under a dated heading carry its year
(``_list_heading``). Some figures have no period even beside a year: share prices
(``is_share_price``), valuations and order books (``is_balance``), and a year that dates when
something was said (``dates_the_saying``). A forecast revision "to B from A for 2025" gives both
figures the period after them (``REVISION_WORDS``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.context.common.clauses import (
    CLAUSE_BREAKS,
    Positions,
    breaks_between,
    claims,
    gap,
    is_line_break,
    line_bounds,
    money_by_sentence,
    ties_to_previous,
)
from extract.spans import MONEY_SPANS, register_extensions

register_extensions()

#: Extra token distance for each clause break between a figure and a period mention.
BREAK_COST = 6
#: Extra distance for a year inside a full date ("Jan 23, 2026"): often when something was
#: said, not what the figure is for.
DATE_COST = 8
#: Extra distance for an "and" in between: "$7bn in 2026 and $9bn in 2027" — each figure
#: takes the year on its own side of the "and".
AND_COST = 2
#: Extra distance for a year before a comparison word ("than", "from", "compared with"): it
#: belongs to the other side of the comparison.
COMPARISON_COST = 12
#: Extra distance for a year right after another, earlier figure ("$60bn in 2025 to $75bn in
#: 2026"): it is that figure's; a year on the figure's own side wins.
OWNED_COST = 8
#: Words between a figure and the year it owns ("$60bn in 2025", "$5bn for 2024").
OWNING_WORDS = frozenset({"in", "for", "during", "this", "last", "next"})
#: Mentions farther than this (tokens, with costs) are not about the figure.
MAX_DISTANCE = 60
#: How far back (tokens) a relative year looks for the year it is relative to.
ANCHOR_REACH = 60
#: How far back (tokens) a back-reference ("in the quarter", "for the full year") looks for the
#: period it refers to: a whole news article, not a whole page of stories.
REFERENT_REACH = 400
#: Most tokens between two figures paired with a list of years ("$60bn and $75bn").
PAIR_JOIN = 3


@dataclass(frozen=True, slots=True)
class Mention:
    """One period expression found in the text.

    ``kind`` says how it resolves: ``year`` (``value`` is the year), ``date`` (a year inside a
    full date: a weak cue), ``published`` (``value`` is an offset from the publication year),
    ``anchored`` (offset from a year stated nearby, else from publication), ``anchored_only``
    (offset from a stated year, else no year), ``window`` (several years: no single year),
    ``quarter`` (a quarter with no year, ``value`` its number: the publication year unless it
    starts well after publication), ``reported_quarter`` ("the latest quarter": the one just
    reported), ``referent`` (a back-reference to a period dated before: "in the quarter",
    "over the same period", "for the full year"; ``value`` is one of the ``REF_*`` codes).
    """

    start_char: int
    end_char: int
    kind: str
    value: int | None
    rule: str
    start: int = 0
    end: int = 0


# --------------------------------------------------------------------------------------------
# Pattern table: one function per concept, each a list of (rule name, regex, resolver).
# A resolver turns a match into (kind, value). Earlier patterns win where matches overlap.
# --------------------------------------------------------------------------------------------

# A lookahead on the first letter ("\b(?=[btus])(?:by|through|until|since)") lets the regex engine
# skip most word starts at once: the same matches, read faster on long pages.
Resolver = Callable[[re.Match[str]], tuple[str, int | None]]
Pattern = tuple[str, re.Pattern[str], Resolver]

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
MONTH_NAME = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
MONTH_NUMBER = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
    )
}
YEAR4 = r"(?:19[89]\d|20[0-6]\d)"
RELATIVE_OFFSET = {"this": 0, "next": 1, "last": -1}
ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def full_year(text: str) -> int:
    """'25 -> 2025, 2025 -> 2025."""
    number = int(text)
    return number if number >= 100 else 2000 + number


def _year(group: int) -> Resolver:
    return lambda m: ("year", full_year(m.group(group)))


def _fixed(kind: str, value: int | None) -> Resolver:
    return lambda m: (kind, value)


def pattern_split_fiscal() -> list[Pattern]:
    """A fiscal year written with both calendar years it spans: the year it ends in (as "the
    year to March 2026" is 2026): "FY2025-26", "FY25/26", "fiscal 2025-26", "the 2025/26
    financial year" -> 2026. Years that do not follow each other are a window."""
    def second_year(m: re.Match[str]) -> tuple[str, int | None]:
        first, second = full_year(m.group(1)), int(m.group(2))
        second = second if second >= 100 else first // 100 * 100 + second
        return ("year", second) if second == first + 1 else ("window", None)

    return [
        ("split_fiscal", re.compile(
            rf"\b(?:FY\s?|fiscal\s+(?:year\s+)?|financial\s+year\s+)['’]?({YEAR4}|\d\d)\s*[-–/]\s*({YEAR4}|\d\d)\b",
            re.I), second_year),
        ("split_fiscal", re.compile(
            rf"\b({YEAR4})\s*[-–/]\s*({YEAR4}|\d\d)\s+(?:financial|fiscal)\s+year\b", re.I), second_year),
    ]


def pattern_windows() -> list[Pattern]:
    """Several years at once: the figure has no single year.

    "2025-2027", "2025 to 2027", "between 2025 and 2027", "by 2030", "through 2027",
    "by the end of next year",
    "since 2020", "over the next three years", "in five years", "over the past decade",
    "over the past four quarters", "the last 12 months",
    "$20bn a year", "annually", "per annum".
    """
    window = _fixed("window", None)
    return [
        ("year_range", re.compile(
            rf"\b(?:between\s+{YEAR4}\s+and\s+|from\s+{YEAR4}\s+(?:to|through|until)\s+|"
            rf"{YEAR4}\s*(?:-|–|—|to|through|thru)\s*)(?:{YEAR4}|\d\d)\b", re.I), window),
        ("target_year", re.compile(
            rf"\b(?=[btusBTUS])(?:by|through|until|till|since|before)\s+(?:the\s+end\s+of\s+)?(?:fiscal\s+)?"
            rf"(?:{YEAR4}|(?:this|next|the\s+following)\s+year)\b",
            re.I), window),
        ("multi_year", re.compile(
            r"\b(?=[oidwafOIDWAF])(?:over|in|during|within|across|for)\s+(?:the\s+)?(?:next|past|last|coming|"
            r"following|previous)?\s*(?:(?:roughly|about|around|nearly|almost|some|more\s+than|at\s+least|up\s+to)\s+)?"
            r"(?:(?:two|three|four|five|six|seven|eight|nine|ten|"
            r"several|few|\d+)\s+)?(?:years|decade)\b", re.I), window),
        ("multi_year", re.compile(r"\b(?:multi-year|multiyear|\d+-year|(?:two|three|four|five|ten)-year)\b", re.I), window),
        # a rolling run of quarters or months: "over the past four quarters", "the last 12 months"
        ("rolling_period", re.compile(
            r"\b(?=[ptlnPTLN])(?:past|last|previous|trailing|next|coming)\s+(?:two|three|four|five|six|seven|eight|"
            r"twelve|eighteen|\d+)\s+(?:quarters|months)\b", re.I), window),
        ("per_year", re.compile(
            r"\b(?=[apeAPE])(?:a|per|each|every)\s+year\b(?!\s+(?:earlier|ago|before|later|after|prior))|"
            r"\bannually\b|\bper\s+annum\b|\byearly\b", re.I), window),
    ]


def pattern_period_ends() -> list[Pattern]:
    """A period named by the month it ends in: the year it ends in.

    "the quarter ended March 31", "the three months to January", "the nine months to
    September", "the six months ending Sept. 30", "the year to March 2026", "July-September",
    "in April and May"
    -> the stated year,
    else the publication year (last year's when that month is well ahead of publication).
    Read before full dates, so "the quarter ended Aug. 28, 2025" is one mention.
    """
    def period_ended(m: re.Match[str]) -> tuple[str, int | None]:
        if m.group(2):
            return "year", full_year(m.group(2))
        return "period_end", MONTH_NUMBER[m.group(1)[:3].lower()]

    ends = r"\s+(?:ended|ending|ends|to|through|(?:that|which)\s+end(?:s|ed))\s+(?:in\s+|on\s+)?"
    month_year = rf"({MONTH_NAME})\.?(?:\s+\d{{1,2}})?,?(?:\s+({YEAR4}))?\b"
    return [
        # a year-long period anchors "for the full year" later on ("the year to March 2025")
        ("year_ended", re.compile(rf"\b(?=[yY])year{ends}{month_year}", re.I), period_ended),
        ("period_ended", re.compile(
            rf"\b(?=[qmhQMH])(?:quarter|months|half){ends}{month_year}", re.I), period_ended),
        # "in April and May alone", "during July and August": a run of months is a period (one
        # month, "pledged in February", dates an event and is left out)
        ("month_pair", re.compile(
            rf"\b(?:in|during|over|for)\s+{MONTH_NAME}\s+and\s+({MONTH_NAME})\b(?:\s+({YEAR4}))?"),
         period_ended),
        # "in July-September", "the April–June period": a month range ends in its second month
        ("month_range", re.compile(
            rf"\b{MONTH_NAME}\s*[-–]\s*({MONTH_NAME})\b(?!\s+quarter)(?:\s+({YEAR4}))?"),
         period_ended),
    ]


def pattern_quarters() -> list[Pattern]:
    """Quarters and halves, with or without a year.

    "Q3 2025" -> 2025, "3Q25" -> 2025, "the third quarter of 2025" -> 2025, "H1 2026" -> 2026,
    "the third quarter", "the September quarter", "the July-September quarter", "the first nine
    months" -> the publication year; a quarter not named ("the quarter", "the latest quarter",
    "next quarter") -> no year (a quarter that starts well after publication is last year's). "H100" is a
    chip, not a half-year.
    """
    def ordinal_quarter(m: re.Match[str]) -> tuple[str, int | None]:
        if m.group(2):
            return "year", full_year(m.group(2))
        if m.group(3):  # "the first quarter of next year", "the second half of last year"
            return "published", RELATIVE_OFFSET[m.group(3).lower()]
        return "quarter", ORDINAL[m.group(1).lower()]

    def short_quarter(m: re.Match[str]) -> tuple[str, int | None]:
        if m.group(3):
            return "year", full_year(m.group(3))
        return "quarter", int(m.group(1) or m.group(2))

    def latest_quarter(m: re.Match[str]) -> tuple[str, int | None]:
        # a quarter not named by number or month points back to the quarter the text named
        # before ("third-quarter revenue … In the quarter, …": ``refers_back``); with none named it
        # has no year ("the quarter", "its next quarter": gold g124, h030, h062), nor does "the
        # current quarter" unless the text named it ("forecast fourth-quarter revenue … in the
        # current quarter").
        determiner = (m.group(1) or "").lower()
        qualifier = " ".join((m.group(2) or "").lower().split())
        if qualifier == "same":
            return "referent", REF_SAME_QUARTER
        if qualifier == "current" or (determiner == "this" and not qualifier):
            return "referent", REF_CURRENT_QUARTER
        if determiner in ("the", "its", "that") and qualifier in ("", "latest", "most recent", "recent", "past"):
            return "referent", REF_QUARTER
        return "window", None

    def month_quarter(m: re.Match[str]) -> tuple[str, int | None]:
        if m.group(3):
            return "year", full_year(m.group(3))
        month = MONTH_NUMBER[(m.group(2) or m.group(1))[:3].lower()]
        return "quarter", (month - 1) // 3 + 1

    return [
        ("month_quarter", re.compile(
            rf"\b({MONTH_NAME})(?:\s*[-–]\s*({MONTH_NAME}))?\s+quarter\b"
            rf"(?:\s+(?:of\s+)?({YEAR4}))?"), month_quarter),
        ("year_to_date", re.compile(
            rf"\b(?:the\s+)?first\s+(?:two|three|six|nine|eight|ten|\d+)\s+(?:quarters|months)\b"
            rf"(?:\s+(?:of|in)\s+(?:fiscal\s+)?({YEAR4}))?", re.I),
         lambda m: ("year", int(m.group(1))) if m.group(1) else ("reported_quarter", None)),
        ("latest_quarter", re.compile(
            r"\b(?=[tinlTINL])(?:(the|this|its|that)\s+(?:(latest|last|past|most\s+recent|recent|current|same|next)\s+)?|next\s+|last\s+)"
            r"(?:quarter|half)\b"
            rf"(?!\s+(?:of|in)\s+(?:fiscal\s+)?(?:19|20)\d\d){NOT_A_YEAR_BEFORE}", re.I), latest_quarter),
        ("quarter", re.compile(
            rf"\b(?=[fst1-4FST])(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal\s+)?(?:quarter|half)"
            rf"(?:\s+(?:(?:of|in)\s+(?:fiscal\s+)?(?:the\s+year\s+)?)?({YEAR4})|\s+(?:of|in)\s+(this|next|last)\s+year)?\b",
            re.I), ordinal_quarter),
        ("quarter", re.compile(
            rf"\b(?:[QH]([1-4])|([1-4])[QH])(?:(?:\s+(?:FY\s*)?|\s*['’]|(?<=[QH]))({YEAR4}|\d\d))?\b"), short_quarter),
    ]


#: After a back-reference, words that move it to the year before ("the same period last year",
#: "the same quarter a year earlier"): then the relative year decides, not the reference.
NOT_A_YEAR_BEFORE = (
    r"(?!\s+(?:a\s+year|last\s+year|of\s+(?:last|the\s+(?:previous|prior|preceding))\s+year|"
    r"(?:of|in)\s+(?:fiscal\s+)?(?:19|20)\d\d))"
)
#: What a back-reference ("referent" mention) points back to, its ``value``: a quarter or half
#: ("in the quarter"), the same quarter (unanchored: the one just reported), any dated period
#: ("over the same period", "for the period"), the full year of the period reported ("for the
#: full year"), the quarter running at publication ("the current quarter", once a text about
#: quarters has named one: "fourth-quarter results … revenue in the current quarter").
REF_QUARTER, REF_SAME_QUARTER, REF_PERIOD, REF_FULL_YEAR, REF_CURRENT_QUARTER = range(5)


def pattern_referents() -> list[Pattern]:
    """Back-references to a period the text dated before (resolved by ``refers_back``).

    "over the same period", "for the period", "in that period", "over the three months" -> the
    last period named
    (a quarter, "the three months to June", "fiscal 2025", "the year to March 2025");
    "for the full year", "full-year", "for the year" -> the year of that period. Not "the same
    period last year" (the relative year decides) nor "full-year 2025" (the year is stated).
    """
    return [
        ("same_period", re.compile(
            rf"\b(?=[tT])(?:the|that|this|those)\s+(?:same\s+|comparable\s+|reporting\s+)?"
            rf"(?:period|(?:three|six|nine|twelve|3|6|9|12)[\s-]+months?)\b{NOT_A_YEAR_BEFORE}"
            r"(?!\s+(?:of|when|between|since|before|after|in\s+which)\b)", re.I),
         _fixed("referent", REF_PERIOD)),
        ("full_year", re.compile(
            r"\b(?:(?:the\s+)?(?:full|whole|entire)[\s-]+(?:fiscal\s+)?year|for\s+the\s+(?:fiscal\s+)?year)\b"
            r"(?!\s*(?:'|’|to\b|ended|ending|through|before|after|earlier|ago|ahead|of\b|in\b|FY|fiscal|(?:19|20)\d\d|\d\d\b))",
            re.I), _fixed("referent", REF_FULL_YEAR)),
    ]


def pattern_fiscal() -> list[Pattern]:
    """Fiscal years: "FY25", "FY 2024", "FY2026", "fiscal 2025", "fiscal year 2025"."""
    return [
        ("fiscal_year", re.compile(r"\bFY\s?['’]?(\d{4}|\d\d)(?![\d/])", re.I), _year(1)),
        ("fiscal_year", re.compile(rf"\bfiscal(?:\s+year)?\s+['’]?({YEAR4}|\d\d)(?![\d/])", re.I), _year(1)),
    ]


def pattern_dates() -> list[Pattern]:
    """Full dates and months of a year, whose year is a weak cue: "Jan 23, 2026", "23 January
    2026", "in March 2026"."""
    return [
        ("date", re.compile(rf"\b{MONTH}\s+\d{{1,2}},?\s+({YEAR4})\b"), lambda m: ("date", int(m.group(1)))),
        ("date", re.compile(rf"\b\d{{1,2}}\s+{MONTH}\s+({YEAR4})\b"), lambda m: ("date", int(m.group(1)))),
        # "launched in January 2025", "fiscal 2025, which ends in March 2026": a month's year
        # says when, or where a period ends; the period's own label is nearer and wins
        ("month_year", re.compile(rf"\b{MONTH_NAME}\s+({YEAR4})\b"), lambda m: ("date", int(m.group(1)))),
    ]


def pattern_relative() -> list[Pattern]:
    """Years named relative to publication or to a year stated nearby. Months are left out on
    purpose: "pledged in February", "reported last month" date an event, not the figure's period.

    "this year", "the current fiscal year", "year-to-date", "YTD" -> published; "next year", "the
    coming year" -> +1;
    "last year" -> -1; "a year earlier", "the previous year", "a year ago" -> the year stated
    in the sentence minus one, else published minus one; "the following year" -> the stated year
    plus one, else no year; "two years ago" -> -2.
    """
    fy = r"(?:\s+(?:fiscal|financial|calendar))?"
    return [
        ("this_year", re.compile(rf"\b(?=[tT])(?:this|the\s+current){fy}\s+year\b|今年|本年度", re.I), _fixed("published", 0)),
        ("ytd", re.compile(r"\byear[\s-]to[\s-]date\b|\bYTD\b", re.I), _fixed("published", 0)),
        ("next_year", re.compile(r"明年"), _fixed("published", 1)),
        ("last_year", re.compile(r"去年"), _fixed("published", -1)),
        ("next_year", re.compile(rf"\b(?:next{fy}\s+year|the\s+coming\s+year)\b", re.I), _fixed("published", 1)),
        ("last_year", re.compile(rf"\blast{fy}\s+year\b", re.I), _fixed("published", -1)),
        ("two_years_ago", re.compile(r"\btwo\s+years\s+(?:ago|earlier)\b", re.I), _fixed("anchored", -2)),
        ("previous_year", re.compile(
            r"\b(?=[atyATY])(?:a\s+year\s+(?:earlier|ago|before)|the\s+(?:previous|prior|preceding)"
            rf"{fy}\s+year|the\s+year\s+(?:before|earlier)|year-(?:earlier|ago))\b", re.I),
         _fixed("anchored", -1)),
        ("following_year", re.compile(
            r"\b(?=[taTA])(?:the\s+(?:following|next|subsequent)\s+year|the\s+year\s+after|a\s+year\s+later)\b",
            re.I), _fixed("anchored_only", 1)),
    ]


def pattern_years() -> list[Pattern]:
    """Plain years: "2025", "2026's", "'26", "2026年"."""
    return [
        ("year", re.compile(rf"(?<![\w$£€¥.,-]){YEAR4}(?![\w%]|[.,]\d)"), lambda m: ("year", int(m.group(0)))),
        ("year", re.compile(rf"(?<!\d)({YEAR4})\s*年"), lambda m: ("year", int(m.group(1)))),
        ("short_year", re.compile(r"(?<![\w])['’‘](\d\d)(?![\w%]|[.,]\d)"), _year(1)),
    ]


PATTERNS: tuple[Pattern, ...] = (
    *pattern_split_fiscal(),
    *pattern_windows(),
    *pattern_period_ends(),
    *pattern_dates(),
    *pattern_quarters(),
    *pattern_referents(),
    *pattern_fiscal(),
    *pattern_relative(),
    *pattern_years(),
)

#: A dateline ("BEIJING, Jan 23 (Reuters) -"), looked for in the first tokens: years in it are
#: when the story ran.
DATELINE_TOKENS = 40
DATELINE = re.compile(r"^[^\n]{0,80}?\([A-Z][\w .&-]{1,30}\)\s*[-–—]", re.M)
#: Joins between years of a list ("2025 and 2026", "'25/'26", "2024, 2025 and 2026").
LIST_JOIN = re.compile(r"^\s*(?:/|,|&|and|or|,\s*and)\s*$", re.I)


def find_mentions(doc: Doc, windows: Sequence[tuple[int, int]] | None = None) -> list[Mention]:
    """Every period mention in ``doc`` (or in its token ``windows``: the sentences that hold
    figures, so a long page with three figures is not read whole), in text order, with token
    offsets; overlaps resolved in favour of the earlier pattern in ``PATTERNS``; mentions
    inside the dateline and money spans dropped."""
    if windows is None:
        windows = [(0, len(doc))]
    claimed: list[tuple[int, int]] = []
    head = doc[:DATELINE_TOKENS]
    claimed += [(head.start_char + m.start(), head.start_char + m.end()) for m in DATELINE.finditer(head.text)]
    if MONEY_SPANS in doc.spans:
        claimed += [(span.start_char, span.end_char) for span in doc.spans[MONEY_SPANS]]
    found: list[Mention] = []
    for first, last in windows:
        window = doc[first:last]
        text, offset = window.text, window.start_char
        taken = bytearray(len(text))  # characters already claimed: linear in the window
        for start, end in claimed:
            lo, hi = max(start - offset, 0), min(end - offset, len(text))
            if lo < hi:
                taken[lo:hi] = b"\x01" * (hi - lo)
        for rule, regex, resolve in PATTERNS:
            for match in regex.finditer(text):
                start, end = match.span()
                if any(taken[start:end]):
                    continue
                taken[start:end] = b"\x01" * (end - start)
                kind, value = resolve(match)
                token_span = doc.char_span(offset + start, offset + end, alignment_mode="expand")
                if token_span is None:
                    continue
                found.append(Mention(offset + start, offset + end, kind, value, rule, token_span.start, token_span.end))
    found.sort(key=lambda mention: mention.start_char)
    return found


def _windows(doc: Doc, sentences: Sequence[Span]) -> list[tuple[int, int]]:
    """Token ranges worth reading: each sentence with figures and the tokens before it (where
    a relative year's anchor, or the period a back-reference points to, may be: a figure-free
    header or opening sentence, "third-quarter 2025 results"), merged where they touch."""
    merged: list[tuple[int, int]] = []
    for sent in sentences:
        start = max(0, sent.start - REFERENT_REACH)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], sent.end))
        else:
            merged.append((start, sent.end))
    return merged


def year_lists(doc: Doc, mentions: list[Mention]) -> list[list[Mention]]:
    """Runs of two or more explicit years joined by "/", ",", "and": "'25/'26", "2025 and 2026"."""
    runs: list[list[Mention]] = []
    run: list[Mention] = []
    for mention in mentions:
        if mention.kind != "year":
            run = []
            continue
        if run and LIST_JOIN.match(_between(doc, run[-1], mention)):
            run.append(mention)
        else:
            run = [mention]
        if len(run) == 2:
            runs.append(run)
    return runs


def _between(doc: Doc, left: Mention, right: Mention) -> str:
    """The text between two mentions (they are a few tokens apart, or not joined at all)."""
    if right.start - left.end > 3:
        return "-"  # far apart: no join
    span = doc[left.start:right.end]
    return span.text[left.end_char - span.start_char:right.start_char - span.start_char]


@dataclass(slots=True)
class Resolution:
    """The year decided for one figure and the rule that decided it."""

    year: int | None
    rule: str


class PeriodComponent:
    """Sets ``span._.year`` and ``span._.year_rule`` on every money span."""

    def __call__(self, doc: Doc) -> Doc:
        if MONEY_SPANS not in doc.spans or not len(doc.spans[MONEY_SPANS]):
            return doc
        sentences = list(money_by_sentence(doc))
        mentions = find_mentions(doc, _windows(doc, [sent for sent, _ in sentences]))
        lists = year_lists(doc, mentions)
        by_start = Positions(mentions, lambda m: m.start)
        list_positions = Positions(lists, lambda run: run[0].start)
        published: date | None = doc._.published
        previous: list[Span] = []
        previous_sent: Span | None = None
        for sent, spans in sentences:
            in_sent = [m for m in by_start.within(sent.start, sent.end) if m.end <= sent.end]
            in_lists = list_positions.within(sent.start, sent.end)
            # only the figure sentence before can be continued (a tie is needed: ``_inherit``), even
            # across a paragraph break ("…160bn yuan next year.\n\nAbout 85bn yuan of that …");
            # a figure-free sentence or two may stand between ("… 160bn yuan in 2026. The company
            # declined to comment. About 85bn yuan of that …"): the tie still points back
            adjacent = previous_sent is not None and _sentences_between(doc, previous_sent.end, sent.start) <= TIE_GAP
            self._assign(doc, sent, spans, in_sent, in_lists, by_start, published, previous if adjacent else [])
            self._list_heading(doc, sent, spans, by_start, published, previous_sent, previous)
            previous, previous_sent = spans, sent
        return doc

    def _assign(
        self,
        doc: Doc,
        sent: Span,
        spans: list[Span],
        in_sent: list[Mention],
        lists: list[list[Mention]],
        mentions: Positions[Mention],
        published: date | None,
        previous: list[Span],
    ) -> None:
        groups = claims(spans)
        paired = self._pair(groups, lists, sent, doc)
        heading: Resolution | None = None  # the year a list line in this sentence took from its heading
        for index, group in enumerate(groups):
            if paired is not None:
                decided = Resolution(paired[index].value, "paired_list")
            else:
                decided = self._nearest(doc, sent, group, in_sent, lists, mentions, published, spans)
                if decided is None:
                    decided = self._colon_heading(doc, group, in_sent, published)
                if decided is None and heading is not None and _on_list_line(doc, sent.start, group[0].start):
                    decided = heading  # a later line of the same list, too far from its heading
                if decided is None:
                    decided = self._inherit(group, previous)
            if decided.rule == "list_heading":
                heading = decided
            for span in group:
                span._.year = decided.year
                span._.year_rule = decided.rule

    @staticmethod
    def _pair(
        groups: list[list[Span]], lists: list[list[Mention]], sent: Span, doc: Doc
    ) -> list[Mention] | None:
        """Years of a list given to figures in order ("$60bn and $75bn in 2025 and 2026
        respectively", "$315bn/$367bn in '25/'26"): the counts agree, the figures sit together on
        one side of the list, and either the sentence says "respectively" or the figures are
        joined like the years (nothing but a short join between them)."""
        if len(groups) < 2:
            return None
        starts = [min(span.start for span in group) for group in groups]
        ends = [max(span.end for span in group) for group in groups]
        joined = all(starts[i + 1] - ends[i] <= PAIR_JOIN for i in range(len(groups) - 1))
        respectively = any(token.lower_ == "respectively" for token in sent)
        for run in lists:
            if not (sent.start <= run[0].start and run[-1].end <= sent.end and len(run) == len(groups)):
                continue
            one_side = ends[-1] <= run[0].start or run[-1].end <= starts[0]
            if one_side and (joined or respectively):
                return run
        return None

    def _nearest(
        self,
        doc: Doc,
        sent: Span,
        group: list[Span],
        in_sent: list[Mention],
        lists: list[list[Mention]],
        mentions: Positions[Mention],
        published: date | None,
        sent_spans: list[Span],
    ) -> Resolution | None:
        start = min(span.start for span in group)
        end = max(span.end for span in group)
        other_starts = [span.start for span in sent_spans if span not in group]
        other_ends = [span.end for span in sent_spans if span not in group and span.end <= start]
        point_in_time = group[0]._.metric in POINT_IN_TIME
        valuation = group[0]._.metric in VALUATIONS or is_balance(doc, sent, start)
        point_in_time = point_in_time or valuation
        if is_share_price(doc, sent, start):
            return Resolution(None, "share_price")
        has_relative: bool | None = None  # is there a ", which/whose/who" aside? read once, if asked
        revision: bool | None = None  # does the sentence revise a forecast? read once, if asked
        line_start, line_end = line_bounds(doc, sent, start, end)
        best: tuple[int, Mention] | None = None
        for mention in in_sent:
            if mention.start < line_start or mention.end > line_end:
                continue
            if _comparison_base(doc, mention, start):
                continue
            if mention.start >= end and _beyond_compared_figure(doc, end, mention.start, other_starts):
                if revision is None:  # read once, if asked
                    revision = any(token.lower_ in REVISION_WORDS for token in sent)
                partners = sum(1 for other in other_starts if end <= other < mention.start)
                if not (revision and partners == 1 and _shared_by_revision(mention)):
                    continue  # only the old figure of "to B from A" stands between B and its period
            if mention.kind == "referent" and mention.value in (REF_PERIOD, REF_FULL_YEAR) and (
                refers_back(mention, mentions, published) is None
                or any(other.end <= mention.start and other.kind in ("year", "published") for other in in_sent)
            ):
                # "over the same period" with no dated period before: the tie decides; "Last
                # year, its full-year capex came to …": the year stated in the sentence decides
                continue
            distance, left, right = gap(start, end, mention.start, mention.end)
            breaks = breaks_between(doc, left, right)
            if (breaks or valuation) and point_in_time and mention.kind in ("published", "anchored") and not (
                mention.kind == "anchored" and mention.start >= end and not valuation
            ):
                # "shares have risen 80% this year, giving it a market value of $330bn"; but a
                # per-share figure's "…, or $1.43 per share, a year earlier" is its period
                continue
            if dates_the_saying(doc, mention) or dates_an_opening(doc, mention, end):
                continue  # "Reuters reported in 2024 that …", "a €1bn AI factory, set to open in 2026"
            cost = distance + BREAK_COST * breaks
            cost += AND_COST * sum(1 for token in doc[left:right] if token.lower_ == "and")
            if mention.end <= start and any(token.lower_ in COMPARISON_MARKERS for token in doc[left:right]):
                cost += COMPARISON_COST  # "…in 2026 than the 85bn yuan it budgeted for 2025"
            if mention.end <= start and _owned_by_figure_before(doc, mention, other_ends):
                cost += OWNED_COST  # "from $60bn in 2025 to $75bn in 2026": 2025 is the $60bn's
            if mention.kind == "date":
                cost += DATE_COST
            if cost > MAX_DISTANCE or (best is not None and cost >= best[0]):
                continue
            if has_relative is None:  # read last, and once: most sentences have no aside
                has_relative = RELATIVE_TEXT.search(sent.text) is not None
            aside = _relative_aside(doc, mention.start, sent.start) if has_relative else None
            if aside is not None and not (aside[0] <= start < aside[1]):
                continue  # "Meta, whose capex this year will reach $72bn, signed a $14bn deal"
            best = (cost, mention)
        if best is None:
            return None
        mention = best[1]
        if any(mention in run for run in lists):
            return Resolution(None, "year_list")
        decided = self._resolve(mention, in_sent, mentions, published)
        if decided.year is not None and _heads_list_line(doc, mention.end, start):
            return Resolution(decided.year, "list_heading")  # the next list lines carry it on
        return decided

    @staticmethod
    def _resolve(
        mention: Mention, in_sent: list[Mention], mentions: Positions[Mention] | None, published: date | None
    ) -> Resolution:
        """The year a mention stands for."""
        if mention.kind in ("year", "date"):
            return Resolution(mention.value, mention.rule)
        if mention.kind == "window":
            return Resolution(None, mention.rule)
        if mention.kind == "referent":
            year = refers_back(mention, mentions, published)
            if year is not None:
                return Resolution(year, "refers_back")
            if mention.value == REF_SAME_QUARTER and published is not None:
                # the quarter just reported: last year's fourth when published in the first quarter
                return Resolution(published.year - (1 if published.month <= 3 else 0), mention.rule)
            return Resolution(None, mention.rule)
        if mention.kind == "published":
            year = published.year + mention.value if published and mention.value is not None else None
            return Resolution(year, mention.rule)
        if mention.kind == "reported_quarter":
            # the quarter just reported: last year's fourth when published in the first quarter
            if published is None:
                return Resolution(None, mention.rule)
            return Resolution(published.year - (1 if published.month <= 3 else 0), mention.rule)
        if mention.kind == "period_end":
            # "the three months to January", "the quarter ended March 31": the year the period
            # ends in — this year's unless that month is still well ahead of publication
            if published is None or mention.value is None:
                return Resolution(None, mention.rule)
            behind = 1 if mention.value > published.month + 3 else 0
            return Resolution(published.year - behind, "period_ended_published")
        if mention.kind == "quarter":
            if published is None or mention.value is None:
                return Resolution(None, mention.rule)
            starts_month = 3 * (mention.value - 1) + 1
            behind = 1 if starts_month > published.month + 3 else 0
            return Resolution(published.year - behind, "quarter_published")
        # anchored: to a year stated in the sentence, else (only for "earlier") publication
        anchor = _anchor(mention, in_sent, mentions, published)
        offset = mention.value or 0
        if anchor is not None:
            return Resolution(anchor + offset, mention.rule + "_anchored")
        if mention.kind == "anchored" and published is not None:
            return Resolution(published.year + offset, mention.rule + "_published")
        return Resolution(None, mention.rule + "_unanchored")

    def _colon_heading(
        self, doc: Doc, group: list[Span], in_sent: list[Mention], published: date | None
    ) -> Resolution | None:
        """A year heading the sentence's list governs every item after it, however long the
        list ("In 2026: Alibaba 120bn yuan; Tencent 90bn yuan; …; Kuaishou 8bn yuan")."""
        start = min(span.start for span in group)
        for mention in in_sent:
            if mention.end > start or mention.kind not in ("year", "published"):
                continue
            following = [t for t in doc[mention.end:mention.end + 2] if not t.is_space]
            if following and following[0].text == ":":
                return Resolution(self._resolve(mention, [], None, published).year, "list_heading")
        return None

    def _list_heading(
        self,
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
        before = _sentence_before(doc, sent)
        if before is None:
            return
        decided: Resolution | None = None
        if previous_sent is not None and before.start == previous_sent.start:
            carried = {(span._.year, span._.year_rule) for span in previous}
            years = {year for year, _rule in carried}
            if len(years) == 1 and _is_list_item(sent):
                year = years.pop()
                # the item before took the heading's year, or the sentence before is itself the
                # heading and its first item ("expected the following figures for the quarter:\n
                # Operating profit: 12.1tn won …" then "Revenue: 86tn won")
                if {rule for _year, rule in carried} == {"list_heading"} or _introduces_list(previous_sent):
                    decided = Resolution(year, "list_heading")
        else:
            stated = [m for m in mentions.within(before.start, before.end)
                      if m.end <= before.end and m.kind in ("year", "published")]
            if len(stated) == 1 and _is_heading(before):
                decided = Resolution(self._resolve(stated[0], [], None, published).year, "list_heading")
        if decided is None or decided.year is None:
            return
        for span in undecided:
            span._.year, span._.year_rule = decided.year, decided.rule

    @staticmethod
    def _inherit(group: list[Span], previous: list[Span]) -> Resolution:
        """A continuation sentence tied to the one before ("Of that, …", "over the same period")
        takes the year of its figures of the same metric, when they agree on one year; prices never inherit (a price has no period), nor
        figures whose metric no cue decided (nothing shows they share a topic)."""
        metric = group[0]._.metric
        if metric == "price" or (group[0]._.metric_rule or "").endswith(":default"):
            return Resolution(None, "none")  # no period for a price, no topic without a cue
        same_metric = [span for span in previous if span._.metric == metric]
        years = {span._.year for span in same_metric}
        if len(years) > 1:
            # "raise capex to 160bn yuan in 2026 from 150bn last year. About 85bn of that …":
            # "that" is the figure compared, not the base it is compared with
            years = {span._.year for span in same_metric if not is_comparison_base(span)}
        # "… 7bn yuan in chips next year. The maker spent 5bn yuan on its XRing chip." is not
        # tied to next year; "Of that, …", "over the same period" are (gold/README.md)
        if len(years) == 1 and None not in years and ties_to_previous(group[0].sent):
            return Resolution(years.pop(), "previous_sentence")
        return Resolution(None, "none")


RELATIVES = frozenset({"which", "whose", "who"})
RELATIVE_TEXT = re.compile(r",\s*(?:which|whose|who)\b", re.I)


def _relative_aside(doc: Doc, i: int, sent_start: int) -> tuple[int, int] | None:
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
#: figures it continues.
TIE_GAP = 2
#: Longest stretch (tokens) of figure-free sentences a tie reaches across.
TIE_GAP_TOKENS = 80


def _sentences_between(doc: Doc, end: int, start: int) -> int:
    """How many sentences start in tokens ``end..start`` (figure-free sentences between two
    figure sentences); a long stretch counts as too many."""
    if start - end > TIE_GAP_TOKENS:
        return TIE_GAP + 1
    return sum(1 for token in doc[end:start] if token.is_sent_start and not token.is_space)


#: Words that announce a list after a heading ("the budgets are as follows").
HEADING_WORDS = ("as follows", "the following")
#: Longest list item (tokens) that carries the heading's year on to the next item.
ITEM_TOKENS = 20


def _sentence_before(doc: Doc, sent: Span) -> Span | None:
    """The sentence before ``sent``, past blank lines."""
    k = sent.start - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    return doc[k].sent if k >= 0 else None


def _is_heading(sent: Span) -> bool:
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


def _on_list_line(doc: Doc, sent_start: int, start: int) -> bool:
    """Is the figure at ``start`` on a list line ("Capex: Rmb13bn, down 24%", "- Baidu, 20bn
    yuan") that begins after a line break inside its sentence?"""
    return _heads_list_line(doc, sent_start, start)


def _heads_list_line(doc: Doc, mention_end: int, start: int) -> bool:
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
LIST_BULLETS = frozenset({"-", "•", "*", "–"})


def _introduces_list(sent: Span) -> bool:
    """Does ``sent`` announce a list and hold its first item ("…the following figures for the
    quarter:\nOperating profit: 12.1 trillion won")? It says "as follows"/"the following" and
    has a colon."""
    text = sent.text.lower()
    return ":" in text and any(phrase in text for phrase in HEADING_WORDS)


def _is_list_item(sent: Span) -> bool:
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


#: Metrics measured at a point in time: a relative year in another clause is when something
#: else changed, not their period ("Nvidia, whose stock has doubled this year, is worth $4.5tn").
POINT_IN_TIME = frozenset({"valuation", "price"})

#: Metrics always measured at a point in time: a relative year even in their own clause is when
#: the valuation was made, not a period ("was valued at 21bn yuan in a funding round this year").
VALUATIONS = frozenset({"valuation"})

#: Words of an amount measured at a point in time (a balance, an order book, a market value):
#: "this year" beside it is when, not a period ("its backlog swelled to $455bn this year").
BALANCE_WORDS = frozenset({
    "backlog", "backlogs", "orderbook", "obligations", "valuation", "valued", "valuing", "value",
    "capitalisation", "capitalization", "cap",
})
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
SHARE_WORDS = frozenset({"shares", "stock", "stocks", "adrs", "adss", "receipts", "units"})
#: Moves and closes of a share price ("rose 3% to", "closed at", "fell … to", "traded at").
PRICE_MOVES = frozenset({
    "rose", "fell", "gained", "lost", "jumped", "climbed", "dropped", "slipped", "slid", "sank",
    "surged", "soared", "tumbled", "plunged", "added", "eased", "advanced", "declined", "closed",
    "ended", "opened", "traded", "finished", "rallied", "retreated", "edged", "rebounded", "hit",
    "touched", "up", "down", "higher", "lower", "risen", "fallen", "jumping", "rising", "falling",
    "slumped", "dipped", "sagged", "skidded", "plummeted", "spiked", "leapt", "leaped", "popped",
    "firmed", "weakened", "recovered", "shed", "settled", "peaked", "trading",
})
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
SAYING_VERBS = frozenset({
    "said", "says", "reported", "announced", "told", "wrote", "disclosed", "stated", "noted", "revealed",
    "pledged", "promised", "vowed", "unveiled",
})
#: Most tokens from an opening year to the verb of saying it dates ("In 2024, Reuters reported that").
SAYING_REACH = 5


def dates_the_saying(doc: Doc, mention: Mention) -> bool:
    """Does ``mention`` date when something was said ("Reuters reported in 2024 that …", "the
    company said last year", "Zuckerberg said in 2025")? Not "said 2025 revenue …" (the year
    starts what was said) nor "said last year's capex …" (a possessive year owns the noun)."""
    if _opens_a_report(doc, mention):
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
OPENING_WORDS = frozenset({
    "open", "opens", "opening", "operational", "online", "operating", "operate", "completed",
    "completion", "complete", "ready",
})
#: Words allowed between an opening word and its year ("open in early 2026").
OPENING_GAP = frozenset({"in", "by", "early", "late", "mid", "the", "end", "of", "from", "as", "soon"})


def dates_an_opening(doc: Doc, mention: Mention, figure_end: int) -> bool:
    """Does a year after the figure date when a site opens or is completed ("set to open in
    early 2026", "due to be operational in 2027", "expected to come online in 2026")?"""
    if mention.start < figure_end:
        return False
    k = mention.start - 1
    while k >= figure_end and doc[k].lower_ in OPENING_GAP:
        k -= 1
    return k >= figure_end and k < mention.start - 1 and doc[k].lower_ in OPENING_WORDS


def _opens_a_report(doc: Doc, mention: Mention) -> bool:
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
COMPARISON_WORDS = frozenset({"from", "than", "over", "versus", "vs", "vs.", "on", "with", "against"})


def _comparison_base(doc: Doc, mention: Mention, figure_start: int) -> bool:
    """An earlier year that is only the base of a change ("revenue of $22.6bn, up 427% from a
    year earlier", "rose 15% from a year earlier to …") is not the figure's year — unless the
    figure is the base itself ("from $4bn a year earlier": the year follows the figure, not
    "from")."""
    if mention.kind not in ("published", "anchored") or (mention.value or 0) >= 0:
        return False
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


def _owned_by_figure_before(doc: Doc, mention: Mention, other_ends: list[int]) -> bool:
    """Does ``mention`` directly follow another figure before this one ("$60bn in 2025",
    "80bn yuan last year"), so that it is that figure's period?"""
    for other_end in other_ends:
        if other_end <= mention.start and all(
            token.lower_ in OWNING_WORDS for token in doc[other_end:mention.start]
        ) and mention.start - other_end <= 2:
            return True
    return False


def _beyond_compared_figure(doc: Doc, end: int, mention_start: int, other_starts: list[int]) -> bool:
    """Is a later mention the period of a figure this one is compared with ("Capex was $9bn,
    compared with $7bn the previous year": "the previous year" is the $7bn's)?"""
    between = [start for start in other_starts if end <= start < mention_start]
    if not between:
        return False
    return any(token.lower_ in COMPARISON_MARKERS for token in doc[end:between[0]])


#: Words of a forecast revision: "raised its capex forecast to $42bn from $38bn for 2025" moves
#: one forecast for one period, so the old and the new figure share the period after them.
REVISION_WORDS = frozenset({
    "raised", "raises", "raise", "lifted", "lifts", "lift", "cut", "cuts", "lowered", "lowers",
    "trimmed", "trims", "narrowed", "narrows", "revised", "revises", "upped", "hiked", "boosted",
    "forecast", "forecasts", "guidance", "outlook", "estimate", "estimates", "target", "projection",
})


def _shared_by_revision(mention: Mention) -> bool:
    """Can a period after "to B from A" in a forecast revision be B's too? Yes for a stated or
    current period ("for 2025", "this year", "for the full year"), no for an earlier one ("from
    $7bn a year earlier", "from $50bn last year": that is A's alone)."""
    if mention.kind in ("published", "anchored", "anchored_only"):
        return (mention.value or 0) >= 0
    return mention.kind != "window"


#: Words that introduce the figure a figure is compared with.
COMPARISON_MARKERS = frozenset({"compared", "versus", "vs", "vs.", "than", "from", "against"})


def _anchor(
    mention: Mention, in_sent: Iterable[Mention], mentions: Positions[Mention] | None, published: date | None
) -> int | None:
    """The year stated nearest ``mention`` in its sentence (a quarter counts: "the third quarter
    ... a year earlier"), else the last explicit year stated shortly before it, else the year of
    the period the article reported before it (``refers_back``)."""
    stated = [m for m in in_sent if m.kind in ("year", "quarter", "referent") and m is not mention]
    if stated:
        nearest = min(stated, key=lambda m: abs(m.start - mention.start))
        if nearest.kind == "year":
            return nearest.value
        return PeriodComponent._resolve(nearest, [], mentions, published).year
    if mentions is None:
        return None
    before = mentions.last_before(mention.start, lambda m: m.kind == "year")
    if before is not None and mention.start - before.end <= ANCHOR_REACH:
        return before.value
    # "fourth-quarter revenue … Net income rose from $26.5bn in the year-earlier period": the
    # year before the period the article reports
    return refers_back(Mention(mention.start_char, mention.end_char, "referent", REF_PERIOD, mention.rule,
                               mention.start, mention.end), mentions, published)


#: Rules whose mentions date a quarter-long (or half-year) period a later "in the quarter" refers to.
QUARTER_RULES = frozenset({"quarter", "month_quarter", "period_ended", "month_range", "year_to_date"})
#: Months into a year during which "the full year" may still mean last year's reported one.
UNREPORTED_MONTHS = 3
#: Rules whose mentions date a fiscal year a later "for the full year" refers to.
YEAR_RULES = frozenset({"fiscal_year", "year_ended"})


def refers_back(mention: Mention, mentions: Positions[Mention] | None, published: date | None) -> int | None:
    """The year of the period a back-reference points to: the last period the text dated before
    it (within ``REFERENT_REACH`` tokens), else None.

    "Alibaba reported revenue for the three months to June … Capex in the quarter reached
    38.6bn yuan" -> the June quarter's year; "Revenue rose in the third quarter … Net income over
    the same period …" -> the third quarter's; "Reliance's revenue for the year to March 2025 …
    capex for the year was …" -> 2025; "…fourth-quarter revenue … spend $125bn for the full
    year" -> the fourth quarter's year. "In the quarter" looks only for quarters and halves;
    "the same period" and "the full year" also for fiscal years.
    """
    if mentions is None or mention.kind != "referent":
        return None
    quarterly = (REF_QUARTER, REF_SAME_QUARTER, REF_CURRENT_QUARTER)
    rules = QUARTER_RULES if mention.value in quarterly else QUARTER_RULES | YEAR_RULES
    # "for the full year", "over the same period" with no quarter or fiscal year named: the year
    # last stated ("In 2024, revenue rose to $155bn. … Profit rose to $33bn over the same period.")
    fallback: Mention | None = None
    index = bisect_left(mentions.starts, mention.start) - 1
    while index >= 0 and mentions.starts[index] >= mention.start - REFERENT_REACH:
        anchor = mentions.items[index]
        index -= 1
        if anchor.end > mention.start or anchor.kind in ("window", "referent"):
            continue
        if anchor.rule in rules:
            if mention.value == REF_CURRENT_QUARTER:
                return published.year if published is not None else None
            return PeriodComponent._resolve(anchor, [], None, published).year
        if fallback is None and mention.value in (REF_PERIOD, REF_FULL_YEAR) and anchor.kind in ("year", "published"):
            fallback = anchor
    if fallback is not None:
        return PeriodComponent._resolve(fallback, [], None, published).year
    if mention.value == REF_FULL_YEAR and published is not None and published.month > UNREPORTED_MONTHS:
        # "raised its full-year forecast" with no year in the text: the year running at
        # publication (early in a year, "full-year" results are often last year's: no year)
        return published.year
    return None


@Language.factory("capexwatch_period", assigns=["span._.year", "span._.year_rule"])
def make_period_component(nlp: Language, name: str) -> PeriodComponent:
    """Factory for the period rules (no settings: the publication date comes on the doc)."""
    return PeriodComponent()
