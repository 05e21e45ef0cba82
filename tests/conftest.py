"""Shared fixtures: the local mock HTTP server, and running a crawl in a subprocess.

Scrapy's reactor cannot restart within a process, so every crawl runs as
``python -m crawler.run --config-json FILE`` in a subprocess, against the server running in a
thread here; the report comes back as JSON and the database is a real SQLite file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from mockserver import MockHTTPServer, serve

ROOT = Path(__file__).parent.parent

#: Fast, deterministic crawls of a local site: no politeness delays, no retries of 500s.
FAST_SETTINGS: dict[str, Any] = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "RETRY_TIMES": 0,
    "LOG_LEVEL": "INFO",
}


@dataclass
class CrawlRun:
    """What one subprocess crawl left behind."""

    report: dict[str, Any]
    stdout: str
    stderr: str
    requests: list[str]  # server paths requested during this crawl


@pytest.fixture(scope="session")
def mockserver() -> Iterator[MockHTTPServer]:
    with serve() as server:
        yield server


def run_crawl_subprocess(
    server: MockHTTPServer | None,
    sources: list[dict[str, str]],
    database_url: str,
    workdir: Path,
    settings: dict[str, Any] | None = None,
    timeout: float = 120,
) -> CrawlRun:
    """Run one crawl in a fresh interpreter and return its report and the server's log."""
    workdir.mkdir(parents=True, exist_ok=True)
    config = workdir / "crawl.json"
    report_path = workdir / "report.json"
    config.write_text(
        json.dumps(
            {"sources": sources, "database_url": database_url, "settings": {**FAST_SETTINGS, **(settings or {})}}
        )
    )
    if server is not None:
        server.clear()
    result = subprocess.run(
        [sys.executable, "-m", "crawler.run", "--config-json", str(config), "--report-json", str(report_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise AssertionError(f"crawl exited {result.returncode}:\n{result.stdout}\n{result.stderr[-5000:]}")
    return CrawlRun(
        report=json.loads(report_path.read_text()),
        stdout=result.stdout,
        stderr=result.stderr,
        requests=server.requests() if server is not None else [],
    )


@pytest.fixture(scope="session")
def crawl_runner():
    """The subprocess crawl runner, as a fixture so test modules don't import conftest."""
    return run_crawl_subprocess


@pytest.fixture(scope="session")
def extractor():
    """The rule pipeline for the default watch, built once per test run (spaCy set-up is the
    slow part); extraction keeps no state between texts, so tests can share it."""
    from extract.pipeline import FigureExtractor

    return FigureExtractor()
