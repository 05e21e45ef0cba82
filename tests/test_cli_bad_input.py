"""Bad input gets one clear line and the right exit status, never a traceback (issue 9's list)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from capexwatch.cli import main

ROOT = Path(__file__).parent.parent


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CAPEXWATCH_CONFIG", raising=False)
    monkeypatch.delenv("CAPEXWATCH_DB", raising=False)
    return CliRunner()


def test_export_with_an_unknown_status_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["--db", f"sqlite:///{tmp_path / 'x.db'}", "export", "--status", "bogus"])
    assert result.exit_code == 2
    assert "'bogus' is not one of 'pending'" in result.output and "Traceback" not in result.output


def test_eval_of_a_file_that_is_not_utf8_says_so_in_one_line(runner: CliRunner, tmp_path: Path) -> None:
    gold = tmp_path / "latin1.jsonl"
    raw = '{"id": "a", "text": "Caf\xe9 spends $5bn.", "published": null, "figures": []}\n'.encode("latin-1")
    gold.write_bytes(raw)
    result = runner.invoke(main, ["eval", str(gold)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"capexwatch: {gold}: not UTF-8 text (invalid continuation byte at byte {raw.index(0xE9)}); expected a UTF-8 JSON Lines file"
    ]


def test_eval_check_on_an_empty_gold_file_does_not_claim_the_targets_are_met(runner: CliRunner, tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n")
    result = runner.invoke(main, ["eval", "--check", str(empty)])
    assert result.exit_code == 1 and "no records" in result.output and "meets targets" not in result.output
    no_figures = tmp_path / "none.jsonl"
    no_figures.write_text(json.dumps({"id": "n", "text": "Nothing here.", "published": "2025-01-01", "figures": []}))
    result = runner.invoke(main, ["eval", "--check", str(no_figures)])
    assert result.exit_code == 1 and "no labelled figures" in result.output


def test_extract_jsonl_reports_a_non_utf8_line_and_reads_the_others(runner: CliRunner, tmp_path: Path) -> None:
    records = tmp_path / "mixed.jsonl"
    bad = b'{"id": "bad", "text": "caf\xe9"}\n'
    records.write_bytes(bad + b'{"id": "ok", "text": "ByteDance plans to spend $5bn in 2026."}\n')
    result = runner.invoke(main, ["extract", "--jsonl", str(records)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert f"capexwatch: {records}:1: not UTF-8 text (invalid continuation byte at byte {bad.index(0xE9)})" in lines
    figures = [json.loads(line) for line in lines if line.startswith("{")]
    assert [(f["id"], f["amount"]) for f in figures] == [("ok", 5000000000)]


def test_config_masks_the_database_password(runner: CliRunner, tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[database]\nurl = "postgresql+psycopg://analyst:s3cret@127.0.0.1/capexwatch"\n')
    result = runner.invoke(main, ["--config", str(config), "config"])
    assert result.exit_code == 0
    assert "s3cret" not in result.output and "postgresql+psycopg://analyst:***@127.0.0.1/capexwatch" in result.output


def test_demo_uses_the_given_config_and_database(tmp_path: Path) -> None:
    """A watch for another company keeps none of the demo's ByteDance stories, in the --db given."""
    config = tmp_path / "other.toml"
    config.write_text('[watch]\nsubject = "Northwind Traders"\n')
    database = tmp_path / "demo-here.db"
    result = subprocess.run(
        [sys.executable, "-m", "capexwatch", "--config", str(config), "--db", f"sqlite:///{database}", "demo", "-q"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"figures stored in sqlite:///{database}:" in result.stdout
    with sqlite3.connect(database) as connection:
        articles = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        judged = connection.execute("SELECT count(*) FROM seen_urls WHERE outcome = 'irrelevant'").fetchone()[0]
    assert articles == 0 and judged >= 3
