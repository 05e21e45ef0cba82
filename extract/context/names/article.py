"""The company an article is about: the one a reader takes "the company", "we" or a bare figure
("Third-quarter revenue hit $51.2bn") to mean when no company is named near them.

News passages name their company in the headline or first sentence and then again and again;
other companies come and go (rivals, suppliers, partners). So the article's company is the one
named most, counting a mention in the opening sentence (the headline, when there is one) and the
first company named extra. A passage that names two companies about equally has none: there a
bare figure is not plainly anyone's (gold/CONVENTIONS.md, "subject").

Names are grouped by company (``company_key``: "Alibaba Group Holding Ltd" and "Alibaba" are one),
and the company is reported as the text writes it most often.
"""

from __future__ import annotations

import weakref
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from extract.context.names import LISTS
from extract.context.names.finder import COMPANY, CORPORATE_SUFFIXES, GUESS, WATCH, Name
from extract.lexicon import cues, names

CUES = cues(Path(__file__).resolve().with_name("cues.toml"))

#: Kinds of name that can be the company an article is about.
ARTICLE_KINDS = (COMPANY, WATCH, GUESS)
#: Tokens of the opening (the headline and first sentence) where a mention counts extra.
OPENING_TOKENS = 60
#: Extra weight of a mention in the opening, and of the first company named.
OPENING_WEIGHT = 2
FIRST_WEIGHT = 1
#: The article's company needs at least this weight, and this many times the runner-up's.
MIN_WEIGHT = 3
LEAD_RATIO = 1.5


@dataclass(frozen=True, slots=True)
class ArticleCompany:
    """The company an article is about, as written most often, and its grouping key."""

    name: str
    key: str


def company_key(name: str) -> str:
    """A name without its corporate suffixes and possessive, mapped to its listed company
    ("Alibaba Group Holding Ltd." -> "alibaba", "Meta Platforms" -> "meta")."""
    table = names(LISTS / "companies.txt")
    words = [w for w in name.lower().replace("’", "'").split() if w not in ("'s", "the")]
    words = [w[:-2] if w.endswith("'s") else w for w in words]
    while len(words) > 1 and words[-1].rstrip(".,") in CORPORATE_SUFFIXES | PLATFORM_WORDS:
        words.pop()
    key = " ".join(words)
    return table.get(key, key).lower()


#: Words after a company's name that still name the company ("Meta Platforms", "Baidu Inc").
PLATFORM_WORDS = CUES.words("company_name_tails")


class ArticleCompanies:
    """Works out, once per doc, the company each article is about (shared by the source and
    subject rules; forgotten with the doc)."""

    def __init__(self) -> None:
        self._seen: weakref.WeakKeyDictionary[Doc, ArticleCompany | None] = weakref.WeakKeyDictionary()

    def __call__(self, doc: Doc, found: list[Name]) -> ArticleCompany | None:
        if doc in self._seen:
            return self._seen[doc]
        company = article_company(doc, found)
        self._seen[doc] = company
        return company


def article_company(doc: Doc, found: list[Name]) -> ArticleCompany | None:
    """The company ``doc`` is about (see the module docstring), else None."""
    weights: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    opening_end = _opening_end(doc)
    first: str | None = None
    for name in found:
        if name.kind not in ARTICLE_KINDS:
            continue
        key = company_key(name.name)
        weights[key] += 1 + (OPENING_WEIGHT if name.start < opening_end else 0)
        spellings.setdefault(key, Counter())[name.name] += 1
        if first is None:
            first = key
            weights[key] += FIRST_WEIGHT
    if not weights:
        return None
    ranked = weights.most_common(2)
    top, weight = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if weight < MIN_WEIGHT or weight < LEAD_RATIO * runner_up:
        return None
    written = spellings[top].most_common()
    most = written[0][1]
    # of the spellings written most often, the shortest ("Meta" rather than "Meta Platforms")
    name = min((text for text, count in written if count == most), key=len)
    return ArticleCompany(name, top)


def _opening_end(doc: Doc) -> int:
    """Where the opening ends: the end of the first sentence, or ``OPENING_TOKENS`` in."""
    if not len(doc):
        return 0
    first = doc[0].sent if doc.has_annotation("SENT_START") else doc[:]
    return min(max(first.end, 1), OPENING_TOKENS) if first.end < OPENING_TOKENS else OPENING_TOKENS


#: One detector for every pipeline (each doc is read once).
ARTICLE_COMPANIES = ArticleCompanies()
