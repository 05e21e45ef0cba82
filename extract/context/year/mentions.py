"""Period mentions: every way the text names a year or a period, found once per text.

The patterns are data (``patterns.toml``): each is a regular expression over the raw text (the
tokenizer splits "'25/'26" and "FY 2024" unevenly), a rule name, and a *resolver* that turns a
match into a ``Mention`` kind and value. This module loads them, reads a text's mentions
(``find_mentions``) and groups lists of years ("2025 and 2026", "'25/'26": ``year_lists``).
Which mention a figure takes is the component's business (``component.py``).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.tokens import Doc

from extract.context.common.clauses import doc_text
from extract.spans import MONEY_SPANS

#: The pattern table (see its header for the format).
PATTERN_FILE = Path(__file__).resolve().with_name("patterns.toml")

#: What a back-reference ("referent" mention) points back to, its ``value``: a quarter or half
#: ("in the quarter"), the same quarter (unanchored: the one just reported), any dated period
#: ("over the same period", "for the period"), the full year of the period reported ("for the
#: full year"), the quarter running at publication ("the current quarter", once a text about
#: quarters has named one: "fourth-quarter results … revenue in the current quarter").
REF_QUARTER, REF_SAME_QUARTER, REF_PERIOD, REF_FULL_YEAR, REF_CURRENT_QUARTER = range(5)
#: The names ``patterns.toml`` gives them.
REFERENTS = {"quarter": REF_QUARTER, "same_quarter": REF_SAME_QUARTER, "period": REF_PERIOD,
             "full_year": REF_FULL_YEAR, "current_quarter": REF_CURRENT_QUARTER}

MONTH_NUMBER = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
    )
}
RELATIVE_OFFSET = {"this": 0, "next": 1, "last": -1}
#: Words that make a period a fiscal one.
FISCAL_WORDS = re.compile(r"\bfiscal\b|\bfinancial\b|\bFY", re.I)
ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


@dataclass(frozen=True, slots=True)
class Mention:
    """One period expression found in the text.

    ``kind`` says how it resolves: ``year`` (``value`` is the year), ``date`` (a year inside a
    full date: a weak cue), ``published`` (``value`` is an offset from the publication year),
    ``anchored`` (offset from a year stated nearby, else from publication), ``anchored_only``
    (offset from a stated year, else no year), ``window`` (several years: no single year),
    ``target`` ("by 2033": a level reached by then is that year's, a sum spent by then spans
    several years), ``quarter`` (a quarter with no year, ``value`` its number: the publication year unless it
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
    #: written as a fiscal or financial period ("this fiscal year", "the fiscal third quarter"):
    #: read on the company's fiscal calendar when it is known (``fiscal.py``)
    fiscal: bool = False

Resolver = Callable[[re.Match[str]], tuple[str, int | None]]
Pattern = tuple[str, re.Pattern[str], Resolver]


def full_year(text: str) -> int:
    """'25 -> 2025, 2025 -> 2025."""
    number = int(text)
    return number if number >= 100 else 2000 + number


def _second_year(m: re.Match[str]) -> tuple[str, int | None]:
    """A split fiscal year ("FY2025-26") is the year it ends in; years that do not follow each
    other are a window."""
    first, second = full_year(m.group(1)), int(m.group(2))
    second = second if second >= 100 else first // 100 * 100 + second
    return ("year", second) if second == first + 1 else ("window", None)


def _period_ended(m: re.Match[str]) -> tuple[str, int | None]:
    """ "the quarter ended March 31, 2025" -> 2025; without a year, the month it ends in."""
    if m.group(2):
        return "year", full_year(m.group(2))
    return "period_end", MONTH_NUMBER[m.group(1)[:3].lower()]


def _ordinal_quarter(m: re.Match[str]) -> tuple[str, int | None]:
    """ "the third quarter of 2025", "the first quarter of next year", "the third quarter"."""
    if m.group(2):
        return "year", full_year(m.group(2))
    if m.group(3):  # "the first quarter of next year", "the second half of last year"
        return "published", RELATIVE_OFFSET[m.group(3).lower()]
    return "quarter", ORDINAL[m.group(1).lower()]


def _short_quarter(m: re.Match[str]) -> tuple[str, int | None]:
    """ "Q3 2025", "3Q25", "H1"."""
    if m.group(3):
        return "year", full_year(m.group(3))
    return "quarter", int(m.group(1) or m.group(2))


def _latest_quarter(m: re.Match[str]) -> tuple[str, int | None]:
    """A quarter not named by number or month points back to the quarter the text named before
    ("third-quarter revenue … In the quarter, …": ``refers_back``); with none named it has no year
    ("the quarter", "its next quarter"), nor does "the current quarter" unless the text named it
    ("forecast fourth-quarter revenue … in the current quarter")."""
    determiner = (m.group(1) or "").lower()
    qualifier = " ".join((m.group(2) or "").lower().split())
    if qualifier == "same":
        return "referent", REF_SAME_QUARTER
    if qualifier == "current" or (determiner == "this" and not qualifier):
        return "referent", REF_CURRENT_QUARTER
    if determiner in ("the", "its", "that") and qualifier in ("", "latest", "most recent", "recent", "past"):
        return "referent", REF_QUARTER
    return "window", None


def _month_quarter(m: re.Match[str]) -> tuple[str, int | None]:
    """ "the September quarter", "the July-September quarter of 2025"."""
    if m.group(3):
        return "year", full_year(m.group(3))
    month = MONTH_NUMBER[(m.group(2) or m.group(1))[:3].lower()]
    return "quarter", (month - 1) // 3 + 1


def _year_to_date(m: re.Match[str]) -> tuple[str, int | None]:
    """ "the first nine months of 2025" -> 2025; without a year, the one just reported."""
    return ("year", int(m.group(1))) if m.group(1) else ("reported_quarter", None)


#: Resolvers by the name ``patterns.toml`` uses; the parametrised ones take the pattern's table.
NAMED_RESOLVERS: dict[str, Resolver] = {
    "second_year": _second_year,
    "period_ended": _period_ended,
    "ordinal_quarter": _ordinal_quarter,
    "short_quarter": _short_quarter,
    "latest_quarter": _latest_quarter,
    "month_quarter": _month_quarter,
    "year_to_date": _year_to_date,
}
_FLAGS = {"ignore_case": re.I, "multiline": re.M}


def _resolver(entry: dict[str, object]) -> Resolver:
    """The resolver a ``[[pattern]]`` entry names (``resolve`` and its parameter)."""
    name = str(entry["resolve"])
    if name in NAMED_RESOLVERS:
        return NAMED_RESOLVERS[name]
    if name in ("year", "date", "target"):
        group = int(entry["group"])  # type: ignore[call-overload]
        return lambda m: (name, full_year(m.group(group)))
    if name == "window":
        return lambda m: ("window", None)
    if name in ("published", "anchored", "anchored_only"):
        offset = int(entry["offset"])  # type: ignore[call-overload]
        return lambda m: (name, offset)
    if name == "referent":
        code = REFERENTS[str(entry["referent"])]
        return lambda m: ("referent", code)
    raise ValueError(f"{PATTERN_FILE}: unknown resolver {name!r} (rule {entry.get('rule')!r})")


@cache
def load_patterns(path: Path = PATTERN_FILE) -> tuple[Pattern, ...]:
    """The pattern table, compiled, in file order (earlier patterns win overlaps)."""
    with path.open("rb") as handle:
        table = tomllib.load(handle)
    fragments: dict[str, str] = table["fragments"]
    patterns: list[Pattern] = []
    for entry in table["pattern"]:
        regex = str(entry["regex"])
        for name, fragment in fragments.items():
            regex = regex.replace("${" + name + "}", fragment)
        if "${" in regex:
            raise ValueError(f"{path}: rule {entry['rule']!r} names an unknown fragment: {regex}")
        flags = 0
        for flag in entry.get("flags", []):
            flags |= _FLAGS[flag]
        patterns.append((str(entry["rule"]), re.compile(regex, flags), _resolver(entry)))
    return tuple(patterns)


PATTERNS: tuple[Pattern, ...] = load_patterns()

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
    full = doc_text(doc)
    for first, last in windows:
        window = doc[first:last]
        offset = window.start_char
        text = full[offset:window.end_char]
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
                fiscal = FISCAL_WORDS.search(match.group(0)) is not None
                found.append(Mention(offset + start, offset + end, kind, value, rule, token_span.start, token_span.end,
                                     fiscal))
    found.sort(key=lambda mention: mention.start_char)
    return found


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
