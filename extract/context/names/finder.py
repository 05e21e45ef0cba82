"""Names in a text: companies, outlets, research firms, and the watch's aliases — found with
word lists and capitalisation, since a blank pipeline has no NER.

Shared by the attribution and subject components (``shared_finder``: one finder per watch,
each doc read once). One pass over the tokens finds known names
(longest match first, up to ``MAX_NAME`` tokens); a second finds unknown companies by their form:
a capitalised run ending in a corporate suffix ("Zheshang Securities", "Moore Threads Technology
Co") or a capitalised run in a spender's position ("Kuaishou plans to…", "Zhipu's capex").
Watch aliases ("the TikTok owner", "TikTok's parent company", "字节跳动") are searched in the raw
text, because the tokenizer may glue Chinese characters to their neighbours.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.attrs import IDX, LENGTH, SPACY
from spacy.tokens import Doc, Token

from extract.context.common.clauses import doc_text
from extract.context.names import LISTS
from extract.context.names.references import company_heads
from extract.lexicon import cues, names, spellings, words
from extract.spans import MONEY_SPANS

CUES = cues(Path(__file__).resolve().with_name("cues.toml"))
MAX_NAME = 5

#: Kinds of name. PERSON is a guess preceded by a title ("CEO Andy Jassy", "chairman C.C. Wei").
COMPANY, WATCH, FIRM, OUTLET, GUESS, PERSON = "company", "watch", "firm", "outlet", "guess", "person"

#: Titles that make the capitalised run after them a person, not a company.
PERSON_TITLES = CUES.words("person_titles")

#: Last words that make a capitalised run a company ("Zheshang Securities", "Foo Holdings").
CORPORATE_SUFFIXES = CUES.words("corporate_suffixes")

#: Verbs after an unknown capitalised run that show a company acting ("Kuaishou plans to",
#: "NextDC raised", "Brookfield will invest").
BUSINESS_VERBS = CUES.words("business_verbs")
#: Auxiliaries that need a business verb after them ("Sakura Internet will spend", "NextDC has
#: raised"; not "Yovanovitch was ousted"); "said" needs "it" ("KDDI said it would", not a person).
AUXILIARIES = CUES.words("auxiliaries")
#: Nouns after "X's" that make X a company ("Zhipu's capex", "Kuaishou's revenue").
BUSINESS_NOUNS = CUES.words("business_nouns")

#: Roles that make "TikTok owner" style aliases; each yields "owner of TikTok", "TikTok's owner"…
ALIAS_ROLES = CUES.phrases("alias_roles")


@dataclass(frozen=True, slots=True)
class Name:
    """One name in the text: token range, what it names as reported, and its kind."""

    start: int
    end: int
    name: str
    kind: str


def _alias_regex(aliases: Sequence[str]) -> re.Pattern[str] | None:
    """One regex for every spelling of the watch's names. An alias "X owner" (any role in
    ``ALIAS_ROLES``) also matches "X's owner", "X-owner", "X parent company", "owner of X",
    "parent company of X", "the company behind X"; other aliases match as written."""
    bases: list[str] = []
    plain: list[str] = []
    for alias in aliases:
        parts = alias.rsplit(" ", 1)
        if len(parts) == 2 and parts[1].lower() in ALIAS_ROLES:
            bases.append(parts[0])
        else:
            plain.append(alias)
    alternatives: list[str] = []
    if bases:
        base = "(?:" + "|".join(_escape(b) for b in sorted(set(bases), key=len, reverse=True)) + ")"
        role = "(?:" + "|".join(ALIAS_ROLES) + ")"
        noun = r"(?:\s+(?:company|firm|group))?"
        alternatives += [
            rf"\b{base}(?:['’]s)?[\s-]+{role}{noun}\b",
            rf"\b{role}{noun}\s+of\s+{base}\b",
            rf"\b(?:company|firm)\s+behind\s+{base}\b",
        ]
    for alias in sorted(plain, key=len, reverse=True):
        alternatives.append(rf"\b{_escape(alias)}\b" if alias.isascii() else _escape(alias))
    return re.compile("|".join(alternatives), re.I) if alternatives else None


def _escape(text: str) -> str:
    """A literal for the regex, with either apostrophe and any run of spaces."""
    return re.escape(text).replace("'", "['’]").replace(r"\ ", r"\s+")


def _is_capitalised(token: Token) -> bool:
    return _capitalised_text(token.text)


def _capitalised_text(text: str) -> bool:
    """"ByteDance", "36Kr": a capital or a digit-led name; "$5bn" and "chips" are not."""
    return bool(text) and (text[0].isupper() or (text[0].isdigit() and any(c.isalpha() for c in text)))


LEAD = re.compile(r"\w+")


def _lead(text: str) -> str:
    """The first run of word characters, lower-cased: the gate before a table look-up
    ("People's Daily" -> "people", "JD.com" -> "jd")."""
    match = LEAD.match(text.lower())
    return match.group(0) if match else ""


def _known(
    texts: list[str], spaces: list[str], i: int, table: dict[str, str], exact: set[str]
) -> tuple[int, str] | None:
    """Longest known name starting at token ``i``: (end, canonical). Works on the token texts
    (``texts``/``spaces``) rather than Spans: this runs at every capitalised token."""
    ends = range(min(len(texts), i + MAX_NAME), i, -1)
    for end in ends:
        text = "".join(texts[k] + spaces[k] for k in range(i, end - 1)) + texts[end - 1]
        key = text.lower()
        if key not in table:
            continue
        first = texts[i]
        capitalised = first[:1].isupper() or (first[:1].isdigit() and any(c.isalpha() for c in first))
        if text in exact or (capitalised and text != key):
            return end, table[key]
    return None


class NameFinder:
    """Finds names in a doc; built once per component (the word lists are read once)."""

    def __init__(self, watch_subject: str = "", aliases: Sequence[str] = ()) -> None:
        self.watch_subject = watch_subject
        self.alias_regex = _alias_regex([*aliases, *([watch_subject] if watch_subject else [])])
        self.tables: list[tuple[str, dict[str, str]]] = [
            (OUTLET, _without_the(names(LISTS / "outlets.txt"))),
            (FIRM, _without_the(names(LISTS / "firms.txt"))),
            (COMPANY, names(LISTS / "companies.txt")),
        ]
        self.exact = {
            spelling
            for filename in ("outlets.txt", "firms.txt", "companies.txt")
            for spelling in spellings(LISTS / filename)
        }
        self.leads = {_lead(key) for _kind, table in self.tables for key in table}
        self.not_names = words(LISTS / "not_names.txt")
        self.descriptions = words(LISTS / "company_references.txt")
        self.starters = words(LISTS / "common_starters.txt") | self.not_names
        # the attribution and subject components share one finder (``shared_finder``): each doc
        # is read once, and forgotten with the doc
        self._seen: weakref.WeakKeyDictionary[Doc, list[Name]] = weakref.WeakKeyDictionary()

    def __call__(self, doc: Doc) -> list[Name]:
        """Every name in ``doc`` in text order, without overlaps (watch aliases first, then the
        longest known name, then guesses)."""
        if doc in self._seen:
            return list(self._seen[doc])
        found = self._find(doc)
        self._seen[doc] = found
        return list(found)

    def _find(self, doc: Doc) -> list[Name]:
        found: list[Name] = []
        covered = [False] * len(doc)
        text = doc_text(doc)  # built from every token: once per doc
        if self.alias_regex is not None:
            for match in self.alias_regex.finditer(text):
                span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
                if span is None or any(covered[span.start:span.end]):
                    continue
                end = span.end  # "ByteDance Ltd": the suffix is part of the name
                while end < len(doc) and doc[end].lower_ in CORPORATE_SUFFIXES and _is_capitalised(doc[end]):
                    end += 1
                found.append(Name(span.start, end, self.watch_subject, WATCH))
                covered[span.start:end] = [True] * (end - span.start)
        if MONEY_SPANS in doc.spans:  # "RMB 160 billion", "HK$": amounts hold no names
            for span in doc.spans[MONEY_SPANS]:
                covered[span.start:span.end] = [True] * len(span)
        # token texts from offsets, without building a Token per word (the costly part of a
        # long article)
        texts: list[str] = []
        spaces: list[str] = []
        for start, length, space in doc.to_array([IDX, LENGTH, SPACY]).tolist():
            texts.append(text[start:start + length])
            spaces.append(" " if space else "")
        i = 0
        leads = self.leads
        while i < len(doc):
            token = texts[i]
            first = token[:1]
            if covered[i] or not first.isalnum():
                i += 1
                continue
            if token.islower() and token.isalpha():
                # most words: lower case, so no guess; a table look-up only when a name starts so
                hit = self._known_at(doc, texts, spaces, i) if token in leads else None
                if hit is None:
                    i += 1
                    continue
            else:
                hit = self._known_at(doc, texts, spaces, i) if _lead(token) in leads else None
            if hit is None and (first.isupper() or first.isdigit()):
                hit = self._guess_at(doc, texts, i)
            if hit is None:
                i += 1
                continue
            end, name, kind = hit
            if not any(covered[i:end]):
                found.append(Name(i, end, name, kind))
                covered[i:end] = [True] * (end - i)
            i = end
        found.sort(key=lambda n: n.start)
        return found

    def _known_at(self, doc: Doc, texts: list[str], spaces: list[str], i: int) -> tuple[int, str, str] | None:
        best: tuple[int, str, str] | None = None
        for kind, table in self.tables:
            hit = _known(texts, spaces, i, table, self.exact)
            if hit is not None and (best is None or hit[0] > best[0]):
                best = (hit[0], hit[1], kind)
        if best is None:
            return None
        end, canonical, kind = best
        if kind == OUTLET and canonical.lower().startswith("the ") and doc[i].lower_ != "the" \
                and (i == 0 or doc[i - 1].lower_ != "the"):
            return None  # "The Information", "The Paper": only with their article
        if kind != OUTLET:
            # "Moore Threads Technology Co", "ByteDance Ltd": one name
            while end < len(doc) and end - i < MAX_NAME + 2 and doc[end].lower_ in CORPORATE_SUFFIXES \
                    and _is_capitalised(doc[end]):
                end += 1
        # reported as written ("FT", "Alibaba Group"), not as listed: gold/CONVENTIONS.md;
        # a title that starts with "The" keeps it ("The Information", "The Paper")
        written = " ".join(doc[i:end].text.split())
        if canonical.startswith("The ") and canonical[4:].lower() == written.lower():
            written = canonical
        return end, written, kind

    def _guess_at(self, doc: Doc, texts: list[str], i: int) -> tuple[int, str, str] | None:
        """An unknown company by its form: a capitalised run ending in a corporate suffix, or
        followed by "'s" or a spender's verb; never a month, place or function word. Reads the
        token texts (``texts``), not Tokens: this runs at every capitalised word."""
        lower = texts[i].lower()
        if not _capitalised_text(texts[i]) or lower in self.not_names or lower in CORPORATE_SUFFIXES:
            return None  # "Ltd", "Group" alone are no name
        if lower in self.descriptions and i + 1 < len(texts) and _capitalised_text(texts[i + 1]):
            return None  # "Chipmaker Nvidia said": a description before the name
        end = i
        while end < len(texts) and end - i < MAX_NAME and _capitalised_text(texts[end]) \
                and not any(c.isdigit() for c in texts[end]):
            end += 1
        if end == i:
            return None
        words_in = [texts[k].lower() for k in range(i, end)]
        text = doc[i:end].text
        if words_in[-1] in CORPORATE_SUFFIXES and end - i >= 2:
            return end, text, GUESS
        if i > 0 and texts[i - 1].lower() in PERSON_TITLES:
            return end, text, PERSON
        sentence_start = i == 0 or "\n" in texts[i - 1] or bool(doc[i].is_sent_start)
        if sentence_start and lower in self.starters:
            return None  # "Analysts said", "Revenue was": any capitalised word starts a sentence
        if any(word in self.not_names for word in words_in[:1]):
            return None
        if any(word in self.not_names for word in words_in[1:]) and not (
            words_in[0] not in self.starters and _acts_like_company(texts, end)
        ):
            return None  # "Telkom Indonesia will spend": a place after a name is part of it
        if _acts_like_company(texts, end) or self._introduced_as_company(texts, i) or _apposed_unit(texts, end):
            return end, text, GUESS
        return None

    def _introduced_as_company(self, texts: list[str], i: int) -> bool:
        """Is the run at ``i`` introduced as a company: after a company's description ("chip
        designer Cambricon", "compound semiconductor maker IQE", "AI startup Anthropic",
        "data centre operator YTL Power") or as the one whose shares trade ("shares in IQE",
        "shares of Cambricon")?"""
        before = texts[i - 1].lower() if i > 0 else ""
        before2 = texts[i - 2].lower() if i > 1 else ""
        if before in self.descriptions and before not in ("business", "platform"):
            return True
        return before in ("in", "of") and before2 in SHARE_NOUNS


#: Verbs of a share move before a number ("Advantest rose 2%", "Hua Hong jumped 6%").
SHARE_MOVES = CUES.words("share_moves")
#: Nouns whose "in"/"of" names the company traded ("shares in IQE", "stock of Cambricon").
SHARE_NOUNS = CUES.words("share_nouns")
#: Nouns of a company's part or vehicle in an apposition ("Kunlunxin, Baidu's chip unit, …").
APPOSED_UNITS = CUES.words("apposed_units")


def _apposed_unit(texts: list[str], end: int) -> bool:
    """Is the run ending at ``end`` followed by an apposition naming it a company's part or a
    venture: "Kunlunxin, Baidu's chip unit, was valued", "MGX, Abu Dhabi's AI investment
    vehicle, plans", "Stargate, the venture backed by OpenAI, …"? (", X's … unit ," or ", the …
    venture" within a few words.)"""
    if end >= len(texts) or texts[end] != ",":
        return False
    possessive = False
    described = end + 1 < len(texts) and texts[end + 1].lower() in ("the", "a", "an")
    for k in range(end + 1, min(len(texts), end + 10)):
        word = texts[k].lower()
        if word in ("'s", "’s"):
            possessive = True
        elif word in APPOSED_UNITS and described:
            return True  # "Stargate, the venture backed by OpenAI, …"
        elif word == ",":
            return possessive and texts[k - 1].lower() in APPOSED_UNITS
        elif "\n" in word or word in (".", ";"):
            return False
    return False


def _acts_like_company(texts: list[str], end: int) -> bool:
    """Do the words after a capitalised run show a company: "'s capex", "plans", "will spend",
    "has raised", "said it would"?"""
    words_after = [text.lower() for text in texts[end:end + 5] if text.strip()]
    if not words_after:
        return False
    first = words_after[0]
    second = words_after[1] if len(words_after) > 1 else ""
    if first in ("'s", "’s"):  # "Infineon's fiscal 2025 revenue"
        return any(word in BUSINESS_NOUNS for word in words_after[1:])
    if first in BUSINESS_VERBS:
        return True
    if first in SHARE_MOVES and second[:1].isdigit():
        return True  # "Advantest rose 2% to 11,000 yen": a listed company's shares
    if first in AUXILIARIES:
        return second in BUSINESS_VERBS or second in ("to", "set", "valued", "planning", "investing", "spending")
    if first in ("said", "says", "announced"):
        return second in ("it", "its")
    if first == "," and second in ("the", "a"):
        # "Northvolt, the Swedish battery maker, has received …": described as a company
        described = [text.lower() for text in texts[end:end + 9] if text.strip()]
        for k in range(2, min(len(described) - 1, 7)):
            if described[k] in company_heads():
                return described[k + 1] == ","
    return False


@lru_cache(maxsize=16)
def shared_finder(watch_subject: str = "", aliases: tuple[str, ...] = ()) -> NameFinder:
    """One finder per watch, shared by the components of a pipeline (and by pipelines)."""
    return NameFinder(watch_subject, aliases)


def _without_the(table: dict[str, str]) -> dict[str, str]:
    """Spellings also without a leading "the" ("the Financial Times" is matched from
    "Financial"); the canonical name keeps its article ("The Information")."""
    out = dict(table)
    for key, value in table.items():
        if key.startswith("the "):
            out.setdefault(key[4:], value)
    return out
