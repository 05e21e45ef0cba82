"""Shared fixtures: the local mock HTTP server, and running a crawl in a subprocess.

Scrapy's reactor cannot restart within a process, so every crawl runs as
``python -m crawler.run --config-json FILE`` in a subprocess, against the server running in a
thread here; the report comes back as JSON and the database is a real SQLite file.
"""

from __future__ import annotations

import json
import os
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


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--screenshots", default=None, metavar="DIR",
        help="Where the browser test saves its screenshots (docs/ refreshes the README's; default: a temp dir).",
    )  # fmt: skip


@dataclass
class CrawlRun:
    """What one subprocess crawl left behind."""

    report: dict[str, Any]
    stdout: str
    stderr: str
    requests: list[str]  # server paths requested during this crawl


#: The backends every database test runs on: SQLite always; PostgreSQL when
#: ``CAPEXWATCH_TEST_PG`` names a server (``postgresql+psycopg://postgres@127.0.0.1:5432/postgres``);
#: each test run creates a scratch database there and drops it at the end.
PG_SERVER = os.environ.get("CAPEXWATCH_TEST_PG")
BACKENDS = ["sqlite", *(["postgresql"] if PG_SERVER else [])]


@pytest.fixture(scope="session")
def pg_scratch_url() -> Iterator[str]:
    """One migrated scratch database on the PostgreSQL server for the whole run."""
    from store.database import upgrade_database
    from store.testing import postgres_unavailable, temporary_postgres_database

    assert PG_SERVER is not None
    if reason := postgres_unavailable(PG_SERVER):
        pytest.fail(f"CAPEXWATCH_TEST_PG is set but {reason}")
    with temporary_postgres_database(PG_SERVER) as url:
        upgrade_database(url)
        yield url


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated, empty database for one test, on each backend in :data:`BACKENDS`.

    SQLite: a new file in the test's directory. PostgreSQL: the run's scratch database with
    every table emptied first (cheaper than a database per test; ids restart too).
    """
    from store.database import upgrade_database

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.db'}"
        upgrade_database(url)
        return url
    url = request.getfixturevalue("pg_scratch_url")
    from sqlalchemy import create_engine, text

    from store.database import parse_url
    from store.models import Base

    engine = create_engine(parse_url(url))
    try:
        with engine.begin() as connection:
            tables = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
            connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    finally:
        engine.dispose()
    return url


@pytest.fixture
def review_env(database_url: str):
    """The review app on a seeded database (``tests/review_client.py``), on each backend."""
    from review_client import make_env

    env = make_env(database_url)
    yield env
    env.engine.dispose()


@pytest.fixture(scope="module", params=BACKENDS)
def module_database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated, empty database of its own for one test module, on each backend in :data:`BACKENDS`:
    for modules whose tests share what one expensive crawl left behind."""
    from store.database import upgrade_database

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'store.db'}"
        upgrade_database(url)
        yield url
        return
    from store.testing import postgres_unavailable, temporary_postgres_database

    assert PG_SERVER is not None
    if reason := postgres_unavailable(PG_SERVER):
        pytest.fail(f"CAPEXWATCH_TEST_PG is set but {reason}")
    with temporary_postgres_database(PG_SERVER) as url:
        upgrade_database(url)
        yield url


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
    **options: Any,
) -> CrawlRun:
    """Run one crawl (both stages) in a fresh interpreter and return its report and the server's log.

    ``options`` go into the crawl's JSON config as they are (``run_id``, ``workers``, ``redis_url``,
    ``figures``; see ``crawler.run.load_config``).
    """
    workdir.mkdir(parents=True, exist_ok=True)
    config = workdir / "crawl.json"
    report_path = workdir / "report.json"
    config.write_text(
        json.dumps(
            {"sources": sources, "database_url": database_url, "settings": {**FAST_SETTINGS, **(settings or {})},
             "workers": 1, **options}
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


def scratch_redis(url: str) -> Iterator[Any]:
    """A client for a scratch database of the local Redis, flushed before and after; the test is skipped
    when no Redis answers. Each module that uses one picks its own database number."""
    from redis import Redis
    from redis.exceptions import RedisError

    server = Redis.from_url(url)
    try:
        server.ping()
    except RedisError as exc:
        pytest.skip(f"no Redis at {url}: {exc}")
    server.flushdb()
    yield server
    server.flushdb()
    server.close()
