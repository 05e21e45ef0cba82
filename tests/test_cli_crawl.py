"""The user's path end to end, as separate processes: a config file -> `capexwatch crawl` -> `export`.

Each command runs in its own process (Scrapy's reactor cannot restart inside one), against the
bundled demo site served here on 127.0.0.1 and a real SQLite file.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from capexwatch.demo.expected import EXPECTED, IRRELEVANT
from capexwatch.demo.site import demo_sources, serve_site

CLI = [sys.executable, "-c", "from capexwatch.cli import main; main()"]


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args], cwd=cwd, capture_output=True, text=True, timeout=240,
        env={"PATH": "/usr/bin:/bin", "PYTHONWARNINGS": "ignore"},
    )  # fmt: skip


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve_site() as base_url:
        yield base_url


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory, site: str) -> Path:
    workdir = tmp_path_factory.mktemp("cli-crawl")
    sources = "\n".join(
        f'[[sources]]\nname = "{s["name"]}"\nkind = "{s["kind"]}"\nurl = "{s["url"]}"\n' for s in demo_sources(site)
    )
    (workdir / "capexwatch.toml").write_text(
        '[watch]\nsubject = "ByteDance"\naliases = ["TikTok owner", "TikTok parent"]\n'
        'topics = ["capex", "capital spending", "data centre", "GPU", "chips", "AI infrastructure"]\n\n'
        '[database]\nurl = "sqlite:///watch.db"\n\n' + sources,
        encoding="utf-8",
    )
    return workdir


@pytest.fixture(scope="module")
def first_crawl(workdir: Path) -> subprocess.CompletedProcess[str]:
    return run_cli("crawl", cwd=workdir)  # ./capexwatch.toml is picked up by default


def export(workdir: Path) -> list[dict]:
    result = run_cli("export", "--format", "jsonl", cwd=workdir)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_crawl_exits_0_with_progress_and_a_summary(first_crawl: subprocess.CompletedProcess[str]) -> None:
    assert first_crawl.returncode == 0, first_crawl.stderr[-3000:]
    assert re.search(r"\[Meridian Wire\] fetched \d+", first_crawl.stderr)  # progress while it works
    summary = first_crawl.stdout.splitlines()[0]
    assert re.match(r"\d+ sources \(0 failed\) · fetched \d+ pages · kept 3 articles · \d+ figures", summary)


def test_export_lists_the_figures_of_relevant_articles_once(first_crawl, workdir: Path, site: str) -> None:
    rows = export(workdir)
    relevant = {site + story["path"] for story in EXPECTED}
    assert {row["article_url"] for row in rows} == relevant
    assert not {site + page["path"] for page in IRRELEVANT} & {row["article_url"] for row in rows}
    for story in EXPECTED:
        got = sorted((r["text"], r["amount"], r["currency"]) for r in rows if r["article_url"] == site + story["path"])
        want = sorted((f["text"], int(f["amount"]), f["currency"]) for f in story["figures"])
        assert got == want, story["path"]
    for row in rows:
        assert row["status"] == "pending" and row["rule"] and row["ruleset"]
        assert row["text"] in row["sentence"]


def test_second_crawl_fetches_no_article_again_and_adds_no_rows(first_crawl, workdir: Path) -> None:
    before = export(workdir)
    second = run_cli("crawl", "-q", cwd=workdir)
    assert second.returncode == 0, second.stderr[-3000:]
    assert "fetched 0 pages · kept 0 articles · 0 figures" in second.stdout.splitlines()[0]
    assert export(workdir) == before


def test_demo_command_runs_offline_and_prints_figures(tmp_path: Path) -> None:
    result = run_cli("demo", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "kept 3 articles" in result.stdout
    assert "CNY 150bn  year=2025  subject=ByteDance" in result.stdout
    assert "CNY 160bn  year=2026  subject=ByteDance  source=Financial Times" in result.stdout
    assert "USD 7bn" in result.stdout
    assert not list(tmp_path.iterdir())  # the demo database was temporary
