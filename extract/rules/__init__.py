"""Word lists the context rules read, kept as plain text so they can be reviewed and extended
without touching code (rules as data).

Each ``*.txt`` file holds one entry a line; ``#`` starts a comment. A line may give other
spellings after ``|`` ("Financial Times | FT | the FT"): the first name is what a figure reports,
the others are how a text may write it. Files are read once per process (``lru_cache``): the
components are built once per pipeline, but tests build many pipelines.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

RULES_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def names(filename: str) -> dict[str, str]:
    """Every spelling (lower-cased) in ``filename`` mapped to the canonical name of its line."""
    table: dict[str, str] = {}
    for line in (RULES_DIR / filename).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        spellings = [part.strip() for part in line.split("|") if part.strip()]
        for spelling in spellings:
            table.setdefault(spelling.lower(), spellings[0])
    return table


@lru_cache(maxsize=None)
def words(filename: str) -> frozenset[str]:
    """The lower-cased entries of a one-word-a-line list (aliases, if any, included)."""
    return frozenset(names(filename))
