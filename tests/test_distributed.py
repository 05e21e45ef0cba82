"""Distributed crawling on the local Redis: real crawl processes sharing one queue and one duplicate filter.

A generated site of a few hundred articles (``benchmarks/news_site.py``) is served here; crawl
processes (``python -m crawler.run`` with a ``redis_url``) run against it on a scratch Redis
database, flushed before and after. The server's log says how often each article page was
fetched; the database says how often each article was stored.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import scratch_redis
from sqlalchemy import func, select

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from news_site import is_about_watch, page_path, serve  # noqa: E402

from crawler.resources import session_maker  # noqa: E402
from store.models import Article, Figure  # noqa: E402

REDIS_URL = "redis://127.0.0.1:6379/13"  # a scratch database number of the local Redis
PAGES = 200
SETTINGS = {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "RETRY_TIMES": 0, "LOG_LEVEL": "INFO",
            "CONCURRENT_REQUESTS": 8, "CONCURRENT_REQUESTS_PER_DOMAIN": 8, "CAPEXWATCH_REDIS_LEASE": 3}  # fmt: skip


@pytest.fixture
def redis() -> Iterator[Any]:
    yield from scratch_redis(REDIS_URL)


def start_crawl(workdir: Path, name: str, sources: list[dict[str, str]], database_url: str) -> subprocess.Popen:
    config = workdir / f"{name}.json"
    config.write_text(json.dumps({
        "sources": sources, "database_url": database_url, "settings": SETTINGS, "workers": 1,
        "redis_url": REDIS_URL,
    }))  # fmt: skip
    return subprocess.Popen(
        [sys.executable, "-m", "crawler.run", "--config-json", str(config),
         "--report-json", str(workdir / f"{name}.out")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip


def finish(process: subprocess.Popen, timeout: float = 150) -> tuple[str, str]:
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        raise AssertionError(f"crawl process did not end by itself:\n{err[-4000:]}") from None
    assert process.returncode == 0, err[-4000:]
    return out, err


def stored(database_url: str) -> tuple[dict[str, int], int, int]:
    """Articles per URL, figures, and figures that repeat an (article, offset) pair."""
    with session_maker(database_url)() as session:
        urls = session.execute(select(Article.url, func.count()).group_by(Article.url)).all()
        figures = session.scalar(select(func.count()).select_from(Figure))
        repeated = session.execute(
            select(Figure.article_id, Figure.start).group_by(Figure.article_id, Figure.start).having(func.count() > 1)
        ).all()
    return dict(urls), figures, len(repeated)


def test_two_processes_fetch_every_article_once_and_end_by_themselves(redis, database_url, tmp_path) -> None:
    with serve(PAGES) as site:
        first = start_crawl(tmp_path, "first", site.sources(), database_url)
        second = start_crawl(tmp_path, "second", site.sources(), database_url)
        finish(first)
        finish(second)
        hits = site.article_hits()
    assert set(hits) == {page_path(i) for i in range(PAGES)}
    assert [path for path, n in hits.items() if n != 1] == []  # every page fetched exactly once
    reports = [json.loads((tmp_path / f"{name}.out").read_text()) for name in ("first", "second")]
    fetched = [report["pages_fetched"] for report in reports]
    assert sum(fetched) == PAGES and min(fetched) > 0, fetched  # both did part of the work

    articles, figures, repeated = stored(database_url)
    assert set(articles) == {f"{site.base_url}{page_path(i)}" for i in range(PAGES) if is_about_watch(i)}
    assert set(articles.values()) == {1}
    assert figures == sum(report["figures_found"] for report in reports) and repeated == 0
    assert redis.keys("capexwatch:requests") == [] and redis.keys("capexwatch:workers") == []  # run cleared


def test_a_process_that_dies_leaves_its_requests_to_the_others(redis, database_url, tmp_path) -> None:
    with serve(PAGES, delay=0.05) as site:
        doomed = start_crawl(tmp_path, "doomed", site.sources(), database_url)
        deadline = time.monotonic() + 120
        while sum(site.article_hits().values()) < 40:  # it is well into the crawl, leases in hand
            assert doomed.poll() is None and time.monotonic() < deadline, "the crawl ended too soon"
            time.sleep(0.05)
        survivor = start_crawl(tmp_path, "survivor", site.sources(), database_url)
        while redis.hlen("capexwatch:workers") < 2:  # both are in the crawl before one dies
            assert doomed.poll() is None and survivor.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        os.killpg(doomed.pid, signal.SIGKILL)  # the process and its workers, as if its machine died
        doomed.communicate()
        _, log = finish(survivor)
        hits = site.article_hits()
    assert set(hits) == {page_path(i) for i in range(PAGES)}  # nothing the dead process held was lost
    assert "took over" in log  # its leases were put back in the queue once its heartbeat stopped
    articles, _, repeated = stored(database_url)
    assert set(articles) == {f"{site.base_url}{page_path(i)}" for i in range(PAGES) if is_about_watch(i)}
    assert set(articles.values()) == {1} and repeated == 0
