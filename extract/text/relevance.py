"""Is a text about the watch? The watched company (or an alias) and at least one topic term.

The test is deliberately cheap and explainable: it runs on every crawled article before the spaCy
rules, and ``matched_terms`` says in a log line why an article was kept. Matching rules:

* case-insensitive;
* Latin-script terms match whole words only, so "chip" does not fire inside "microchipset" nor
  "GPU" inside "eGPUbox";
* a possessive or a plural still counts: "ByteDance's", "GPUs", "data centres", "chip" for the
  term "chips"; words of a term may be joined by spaces or hyphens ("data-centre");
* CJK terms (字节跳动) match as substrings: CJK text has no spaces to mark word boundaries.

Patterns are compiled once per ``Watch`` (it is frozen and hashable, so it keys a cache).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from extract.watch import Watch

#: Scripts written without spaces between words: match their terms as substrings.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
#: Apostrophes seen in possessives: ASCII and typographic.
_POSSESSIVE = r"(?:['\u2019]s)?"
#: Letters and digits that continue a Latin word. Not ``\w``: CJK characters are ``\w`` in Python,
#: and "增加GPU采购" must still match "GPU".
_WORD_CHAR = r"[A-Za-z0-9_\u00c0-\u024f]"
_START = rf"(?<!{_WORD_CHAR})"
_END = rf"(?!{_WORD_CHAR})"
#: Between title and text: not a word joiner, so no term spans the two.
_TITLE_SEPARATOR = "\n|\n"
#: Word joiners inside a multi-word term.
_JOINER = r"[\s\-\u2010\u2011]+"


@dataclass(frozen=True, slots=True)
class Matches:
    """Which of the watch's names and topics a text mentions, in the watch's own spelling."""

    names: tuple[str, ...]
    topics: tuple[str, ...]

    @property
    def relevant(self) -> bool:
        """A name and a topic: the same rule as ``is_about``."""
        return bool(self.names) and bool(self.topics)


@dataclass(frozen=True, slots=True)
class _Compiled:
    names: tuple[tuple[str, re.Pattern[str]], ...]
    topics: tuple[tuple[str, re.Pattern[str]], ...]
    any_name: re.Pattern[str] | None
    any_topic: re.Pattern[str] | None


def is_about(watch: Watch, text: str, title: str = "") -> bool:
    """True when the title or text names the watched company and mentions one of its topics."""
    compiled = _compile(watch)
    if compiled.any_name is None or compiled.any_topic is None:
        return False
    haystack = _haystack(text, title)
    return bool(compiled.any_name.search(haystack)) and bool(compiled.any_topic.search(haystack))


def matched_terms(watch: Watch, text: str, title: str = "") -> Matches:
    """Every name and topic of the watch found in the title or text, for logs and review."""
    compiled = _compile(watch)
    haystack = _haystack(text, title)
    return Matches(
        names=tuple(term for term, pattern in compiled.names if pattern.search(haystack)),
        topics=tuple(term for term, pattern in compiled.topics if pattern.search(haystack)),
    )


def term_pattern(term: str) -> str:
    """The regular expression (uncompiled, to be used case-insensitively) for one watch term.

    >>> bool(re.search(term_pattern("chips"), "a new chip", re.I))
    True
    >>> bool(re.search(term_pattern("GPU"), "GPUs", re.I))
    True
    >>> bool(re.search(term_pattern("capex"), "opcapex", re.I))
    False
    """
    term = term.strip()
    if _CJK.search(term):
        return re.escape(term)
    words = term.split()
    parts = [re.escape(word) + _POSSESSIVE for word in words[:-1]]
    parts.append(_inflected(words[-1]))
    return _START + _JOINER.join(parts) + _END


def _inflected(word: str) -> str:
    """The last word of a term with its plural and possessive forms: chip/chips/chip's."""
    base = word
    if len(word) > 3 and word.lower().endswith("s") and not word.lower().endswith("ss"):
        base = word[:-1]
    return re.escape(base) + r"(?:e?s)?" + _POSSESSIVE


def _haystack(text: str, title: str) -> str:
    """Title and text together, with a separator no term can span."""
    return f"{title}{_TITLE_SEPARATOR}{text}" if title else text


@lru_cache(maxsize=64)
def _compile(watch: Watch) -> _Compiled:
    """All of a watch's patterns, compiled once and kept for the next article."""
    names = tuple((term, re.compile(term_pattern(term), re.IGNORECASE)) for term in watch.names if term.strip())
    topics = tuple((term, re.compile(term_pattern(term), re.IGNORECASE)) for term in watch.topics if term.strip())
    return _Compiled(names=names, topics=topics, any_name=_union(names), any_topic=_union(topics))


def _union(terms: tuple[tuple[str, re.Pattern[str]], ...]) -> re.Pattern[str] | None:
    """One alternation of many terms: a single scan of the text answers "any of them?"."""
    if not terms:
        return None
    return re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in terms), re.IGNORECASE)


__all__ = ["Matches", "is_about", "matched_terms", "term_pattern"]
