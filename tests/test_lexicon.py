"""The word lists and cue tables the rules read (extract/lexicon.py): their format, and that every
table of a cue file is read by some rule (a word set nobody reads is a rule that silently does
nothing)."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

import extract
from extract.lexicon import Cues, cues, names, spellings, words
from extract.version import PACKAGE


def test_name_lists_map_every_spelling_to_the_first(tmp_path: Path) -> None:
    path = tmp_path / "outlets.txt"
    path.write_text("# outlets\nFinancial Times | FT | the FT  # a comment\n\nReuters\n", encoding="utf-8")
    assert names(path) == {"financial times": "Financial Times", "ft": "Financial Times",
                           "the ft": "Financial Times", "reuters": "Reuters"}
    assert words(path) == {"financial times", "ft", "the ft", "reuters"}
    assert spellings(path) == {"Financial Times", "FT", "the FT", "Reuters"}


def test_cue_tables_read_words_and_phrases(tmp_path: Path) -> None:
    path = tmp_path / "cues.toml"
    path.write_text(
        '[verbs]\nabout = "verbs"\nwords = """\nsaid says\n  told\n"""\n'
        '[openers]\nabout = "phrases, in order"\nphrases = ["as follows", "the following"]\n',
        encoding="utf-8",
    )
    table = Cues(path)
    assert table.words("verbs") == {"said", "says", "told"}
    assert table.phrases("openers") == ("as follows", "the following")
    with pytest.raises(TypeError, match="holds words"):
        table.phrases("verbs")
    with pytest.raises(KeyError, match="no word set"):
        table.words("nouns")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[verbs]\nwords = "said"\n', "needs an 'about' line"),
        ('[verbs]\nabout = "x"\n', "exactly one of 'words' or 'phrases'"),
        ('[verbs]\nabout = "x"\nwords = "said"\nphrases = ["a b"]\n', "exactly one of"),
    ],
)
def test_a_malformed_cue_table_names_the_file_and_table(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "cues.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        Cues(path)


def _import_every_rule_module() -> None:
    for module in pkgutil.walk_packages(extract.__path__, "extract."):
        if not module.name.endswith("__main__"):  # running it is a command, not an import
            importlib.import_module(module.name)


CUE_FILES = sorted(p for p in PACKAGE.rglob("*.toml") if p.name != "patterns.toml")


@pytest.mark.parametrize("path", CUE_FILES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_every_word_set_is_read_by_a_rule(path: Path) -> None:
    _import_every_rule_module()
    table = cues(path)
    unread = set(table.tables) - table.used
    assert not unread, f"{path}: word sets no rule reads: {sorted(unread)}"
