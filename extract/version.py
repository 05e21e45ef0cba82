"""The rule-set version every figure records (``Figure.ruleset``): "capexwatch-rules.v3+<hash>".

Why computed, not written by hand: a version that someone must remember to bump is stale the
first time a cue word is added in a hurry, and a stale version makes two different rule sets look
the same in the store. So the version is derived, at import, from the content of every file that
decides what a figure is — the rule modules and their word lists and cue tables — and it changes
whenever any of them does (a comment too: cheap, and never wrong in the dangerous direction).

``MAJOR`` is the part a person writes: raise it for a change of what the rules mean (a new
attribute, a new convention), so that versions sort by era; the hash tells apart the versions
within one era. ``tests/test_version.py`` checks that every rule file is covered, that editing a
word list changes the version, and that files outside the rules (evaluation, page text) do not.

Reading ~60 small files costs about a millisecond, once per process.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

#: Raised by hand when the meaning of the rules changes (v2: the money and context rules of
#: issue 8; v3: the restructure into text/money/context packages and the metric of issue 10).
MAJOR = "capexwatch-rules.v3"

#: The ``extract`` package folder.
PACKAGE = Path(__file__).resolve().parent

#: Suffixes of files that hold rules or their data.
RULE_SUFFIXES = frozenset({".py", ".txt", ".toml", ".json"})

#: Paths (relative to ``extract/``, POSIX form) that do not decide what a figure is: scoring,
#: page-text extraction and relevance (they run before or after the rules), the record and watch
#: types, this module.
NOT_RULES = frozenset({
    "evaluation",
    "text/article.py",
    "text/relevance.py",
    "figure.py",
    "watch.py",
    "version.py",
    "__init__.py",
})


def rule_files(root: Path = PACKAGE) -> list[Path]:
    """Every file under ``root`` that holds rules or their data, in a fixed order."""
    found = []
    for path in root.rglob("*"):
        if not path.is_file() or path.suffix not in RULE_SUFFIXES or "__pycache__" in path.parts:
            continue
        relative = path.relative_to(root).as_posix()
        if relative in NOT_RULES or relative.split("/", 1)[0] in NOT_RULES:
            continue
        found.append(path)
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def content_hash(files: Iterable[Path], root: Path = PACKAGE) -> str:
    """A short hash of the files' paths and contents (line endings normalised, so a checkout
    on another system gives the same version)."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes().replace(b"\r\n", b"\n"))
        digest.update(b"\0")
    return digest.hexdigest()[:10]


def ruleset_version(root: Path = PACKAGE) -> str:
    """ "capexwatch-rules.v3+<hash of the rule files under root>"."""
    return f"{MAJOR}+{content_hash(rule_files(root), root)}"


#: The version of the rules in this checkout.
RULESET = ruleset_version()
