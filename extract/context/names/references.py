"""Descriptions that refer back to a company named earlier: "the company", "the e-commerce giant",
"the Shenzhen-based chipmaker", "the Boise, Idaho-based company", "the iPhone maker".

Shared by the attribution rules ("…, the Finnish group said" -> the company named before) and the
subject rules ("The group spent…" -> the company named before). The head nouns are data
(``company_references.txt``); this module finds where such a description starts and ends, and
which company named before it fits it best (``company_traits.txt``: "the Finnish group" is Nokia,
not the Alibaba named after it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TypeVar

from spacy.tokens import Doc

from extract.context.names import LISTS
from extract.lexicon import cues, names, words

CUES = cues(Path(__file__).resolve().with_name("cues.toml"))
T = TypeVar("T")

#: Most words between "the" and the head noun ("the Singapore-based ride-hailing firm").
REFERENCE_REACH = 8
#: Joins allowed inside a description: hyphens ("Shenzhen-based", "ride-hailing").
HYPHENS = CUES.words("hyphens")


def company_heads() -> frozenset[str]:
    """Head nouns of company descriptions ("company", "giant", "chipmaker", "maker", …)."""
    return words(LISTS / "company_references.txt")


def _inside(doc: Doc, k: int) -> bool:
    """Can token ``k`` sit between "the" and the head noun? Words, hyphens, and a comma between
    two capitalised words (a place: "the Boise, Idaho-based company"); not a line break."""
    token = doc[k]
    if "\n" in token.text:
        return False
    if not token.is_punct:
        return True
    if token.text in HYPHENS:
        return True
    return token.text == "," and 0 < k < len(doc) - 1 \
        and doc[k - 1].text[:1].isupper() and doc[k + 1].text[:1].isupper()


def description_start(doc: Doc, head: int, reach: int = REFERENCE_REACH) -> int | None:
    """The "the" opening a description whose last word is token ``head``, else None.

    "the e-commerce giant" (head "giant") -> index of "the"; "Alibaba, a giant" -> None.
    """
    k = head - 1
    while k >= max(0, head - reach):
        if doc[k].lower_ == "the":
            return k
        if not _inside(doc, k):
            return None
        k -= 1
    return None


def description_end(doc: Doc, the: int, heads: frozenset[str], reach: int = REFERENCE_REACH) -> int | None:
    """The end (exclusive) of a description opened by "the" at token ``the``, else None.

    "the Hangzhou-based e-commerce titan said" -> the index after "titan".
    """
    for k in range(the + 1, min(the + 1 + reach, len(doc))):
        if doc[k].lower_ in heads:
            return k + 1
        if not _inside(doc, k):
            return None
    return None


#: How far back (tokens) a description looks for a company that fits it.
FIT_REACH = 200


@cache
def company_traits() -> dict[str, frozenset[str]]:
    """Canonical company name (lower case) -> the words a description may call it by
    (``company_traits.txt``: "Nokia: finnish finland telecom …")."""
    table: dict[str, frozenset[str]] = {}
    for line in (LISTS / "company_traits.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        name, traits = line.split(":", 1)
        table[name.strip().lower()] = frozenset(traits.split())
    return table


def description_words(doc: Doc, start: int, end: int) -> frozenset[str]:
    """The words of a description, lower case, hyphenated words also split ("the
    Shenzhen-based company" -> {"the", "shenzhen-based", "shenzhen", "based", "company"})."""
    found: set[str] = set()
    for token in doc[start:end]:
        word = token.lower_
        found.add(word)
        found.update(part for part in word.split("-") if part)
    # "e-commerce" is split by the tokenizer: join hyphenated pairs back
    tokens = [t.lower_ for t in doc[start:end]]
    for k in range(1, len(tokens) - 1):
        if tokens[k] in HYPHENS:
            found.add(f"{tokens[k - 1]}-{tokens[k + 1]}")
    return frozenset(found)


def fit(name: str, words: frozenset[str]) -> int:
    """How many of a description's ``words`` fit the company ``name`` (as written: "Samsung
    Electronics" is Samsung)."""
    table = names(LISTS / "companies.txt")
    parts = name.lower().split()
    while parts:  # "SoftBank Group", "Alibaba Group Holding": the name before its suffix
        key = " ".join(parts)
        if key in table or key in company_traits():
            canonical = table.get(key, key).lower()
            return len(company_traits().get(canonical, frozenset()) & words)
        parts.pop()
    return 0


def fitting_referent(candidates: Iterable[T], name_of: Callable[[T], str], words: frozenset[str]) -> T | None:
    """Of ``candidates`` (nearest first), the nearest that fits the description best, else the
    nearest: "Alibaba signed a deal with Nokia. The Finnish group said …" -> Nokia; "… The
    Chinese company said …" -> Alibaba; "… The company said …" -> Nokia (the nearest)."""
    best: T | None = None
    best_fit = 0
    first: T | None = None
    unlike: T | None = None
    nationality = words & NATIONALITIES
    for candidate in candidates:
        if nationality and other_nationality(name_of(candidate), nationality):
            # "LG Energy Solution signed with Tesla. The Korean battery maker said": Tesla is
            # American, so the description is the company whose traits are not listed
            unlike = unlike or candidate
            continue
        if first is None:
            first = candidate
        score = fit(name_of(candidate), words)
        if score > best_fit:
            best, best_fit = candidate, score
    return best if best is not None else first if first is not None else unlike


#: Nationality words of a description ("the Korean chipmaker", "the Japanese conglomerate").
NATIONALITIES = CUES.words("nationalities")


def other_nationality(name: str, nationality: frozenset[str]) -> bool:
    """Do the company's listed traits give it a nationality other than the description's?"""
    table = names(LISTS / "companies.txt")
    parts = name.lower().split()
    while parts:
        key = " ".join(parts)
        if key in table or key in company_traits():
            traits = company_traits().get(table.get(key, key).lower(), frozenset())
            own = traits & NATIONALITIES
            return bool(own) and not own & nationality
        parts.pop()
    return False
