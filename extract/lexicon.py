"""Word lists and cue tables the rules read: data files beside the rules, not literals in code.

Two formats, both plain text so a reviewer can extend them without reading the rules:

* ``*.txt`` name lists: one entry a line, ``#`` starts a comment. A line may give other
  spellings after ``|`` ("Financial Times | FT | the FT"): the first is what a figure reports,
  the others are how a text may write it (``names``, ``words``, ``spellings``).
* ``*.toml`` cue tables: one TOML table per word set, each with an ``about`` line saying what
  the words do and either ``words`` (a string of whitespace-separated words, read as a
  ``frozenset``) or ``phrases`` (a list of strings, kept in order). ``Cues.words("title_words")``.

Files are read once per process (``lru_cache``): the components are built once per pipeline,
but tests build many pipelines. Any change to these files changes the rule-set version
(``extract.version``), because every figure records which rules found it.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path


@cache
def names(path: Path) -> dict[str, str]:
    """Every spelling (lower-cased) in the name list at ``path`` mapped to its line's first name."""
    table: dict[str, str] = {}
    for spellings_of_line in _lines(path):
        for spelling in spellings_of_line:
            table.setdefault(spelling.lower(), spellings_of_line[0])
    return table


@cache
def words(path: Path) -> frozenset[str]:
    """The lower-cased entries of a one-word-a-line list (other spellings, if any, included)."""
    return frozenset(names(path))


@cache
def spellings(path: Path) -> frozenset[str]:
    """Every spelling of a name list as written (case kept), also without a leading "the"."""
    found: set[str] = set()
    for spellings_of_line in _lines(path):
        for part in spellings_of_line:
            found.add(part)
            if part.lower().startswith("the "):
                found.add(part[4:])
    return frozenset(found)


def _lines(path: Path) -> list[list[str]]:
    """The spellings of each entry line of a name list (comments and blank lines dropped)."""
    entries: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            parts = [part.strip() for part in line.split("|") if part.strip()]
            if parts:
                entries.append(parts)
    return entries


class Cues:
    """The word sets of one ``*.toml`` cue table file (see the module docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with path.open("rb") as handle:
            self.tables: dict[str, dict[str, object]] = tomllib.load(handle)
        for name, table in self.tables.items():
            if not isinstance(table, dict) or not isinstance(table.get("about"), str):
                raise ValueError(f"{path}: [{name}] needs an 'about' line saying what the words do")
            if ("words" in table) == ("phrases" in table):
                raise ValueError(f"{path}: [{name}] needs exactly one of 'words' or 'phrases'")
        self.used: set[str] = set()

    def _table(self, name: str) -> dict[str, object]:
        if name not in self.tables:
            raise KeyError(f"{self.path}: no word set [{name}]")
        self.used.add(name)
        return self.tables[name]

    def words(self, name: str) -> frozenset[str]:
        """The word set ``[name]`` (its ``words`` string split on whitespace)."""
        value = self._table(name).get("words")
        if not isinstance(value, str):
            raise TypeError(f"{self.path}: [{name}] holds phrases, not words")
        return frozenset(value.split())

    def phrases(self, name: str) -> tuple[str, ...]:
        """The phrase list ``[name]``, in file order."""
        value = self._table(name).get("phrases")
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise TypeError(f"{self.path}: [{name}] holds words, not a list of phrases")
        return tuple(value)


@cache
def cues(path: Path) -> Cues:
    """The cue table file at ``path``, read once."""
    return Cues(path)
