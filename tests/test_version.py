"""The rule-set version changes whenever a rule or a word list does (extract/version.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

from extract.pipeline import FigureExtractor
from extract.version import MAJOR, PACKAGE, RULESET, rule_files, ruleset_version


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "extract"
    shutil.copytree(PACKAGE, root, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def test_the_version_is_the_hash_of_the_rule_files() -> None:
    assert RULESET == ruleset_version() and RULESET.startswith(MAJOR + "+")
    assert FigureExtractor.ruleset == RULESET


def test_every_rule_module_and_data_file_is_covered() -> None:
    covered = {path.relative_to(PACKAGE).as_posix() for path in rule_files()}
    for expected in (
        "pipeline.py",
        "lexicon.py",
        "text/sentences.py",
        "text/sentences.toml",
        "money/patterns.py",
        "money/currencies.py",
        "context/year/patterns.toml",
        "context/source/report_verbs.txt",
        "context/source/cues.toml",
        "context/names/companies.txt",
        "context/subject/choose.py",
        "context/metric/cues.toml",
    ):
        assert expected in covered, expected
    # every word list and cue table beside the rules is in the hash, whatever its folder
    data = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*") if p.suffix in (".txt", ".toml")}
    assert data <= covered
    # page text, scoring and the record types do not decide what a figure is
    assert not any(name.startswith(("evaluation/", "text/article.py", "text/relevance.py")) for name in covered)


def test_a_new_cue_word_changes_the_version(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    before = ruleset_version(root)
    assert before == RULESET  # the copy is the same rule set
    verbs = root / "context" / "source" / "report_verbs.txt"
    verbs.write_text(verbs.read_text(encoding="utf-8") + "summarised\n", encoding="utf-8")
    after = ruleset_version(root)
    assert after != before and after.startswith(MAJOR + "+")


def test_a_changed_rule_module_changes_the_version(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    module = root / "context" / "year" / "guards.py"
    module.write_text(module.read_text(encoding="utf-8").replace("BALANCE_REACH = 8", "BALANCE_REACH = 9"),
                      encoding="utf-8")
    assert ruleset_version(root) != RULESET


def test_files_outside_the_rules_leave_the_version_alone(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "README.md").write_text("a newer guide\n", encoding="utf-8")
    scoring = root / "evaluation" / "report.py"
    scoring.write_text(scoring.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert ruleset_version(root) == RULESET


def test_line_endings_do_not_change_the_version(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    verbs = root / "context" / "source" / "report_verbs.txt"
    verbs.write_bytes(verbs.read_bytes().replace(b"\n", b"\r\n"))
    assert ruleset_version(root) == RULESET
