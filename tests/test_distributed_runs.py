"""Two ``capexwatch crawl --distributed`` processes make ONE recorded run: the first takes the run lock and
creates the run, the second joins it; both store under its id, and the run's per-source counts are the sum of
what each process crawled (issue 8: "the runs and alerts of the other issues still see one run")."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import scratch_redis
from sqlalchemy import func, or_, select

from crawler.resources import session_maker
from store.models import Article, Figure, Run, RunSource

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from news_site import page_path, serve  # noqa: E402

REDIS_URL = "redis://127.0.0.1:6379/12"  # a scratch database number of the local Redis (not test_distributed's)
PAGES = 120


@pytest.fixture
def redis() -> Iterator[Any]:
    yield from scratch_redis(REDIS_URL)


def config_file(tmp_path: Path, sources: list[dict[str, str]]) -> Path:
    tables = "\n".join(
        f'[[sources]]\nname = "{s["name"]}"\nkind = "{s["kind"]}"\nurl = "{s["url"]}"\n' for s in sources
    )
    path = tmp_path / "capexwatch.toml"
    path.write_text(
        "[crawl]\nretries = 0\nautothrottle = false\ndelay = 0\nconcurrency = 8\nper_host_concurrency = 8\n"
        f"workers = 1\n\n{tables}"
    )
    return path


def test_two_distributed_crawl_commands_record_one_run(redis, database_url: str, tmp_path: Path) -> None:
    with serve(PAGES) as site:
        config = config_file(tmp_path, site.sources())
        command = [sys.executable, "-m", "capexwatch", "--config", str(config), "--db", database_url,
                   "crawl", "-q", "--distributed", REDIS_URL]  # fmt: skip
        processes = [
            subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)
        ]
        outputs = [process.communicate(timeout=180) for process in processes]
        hits = site.article_hits()
    for process, (_out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err[-3000:]
    assert set(hits) == {page_path(i) for i in range(PAGES)} and set(hits.values()) == {1}
    stdout = "".join(out for out, _ in outputs)
    assert stdout.count("completed · claims:") == 1  # the lead process ran the claims and alerts
    assert stdout.count("this process crawled its share") == 1

    with session_maker(database_url)() as session:
        runs = session.scalars(select(Run)).all()
        assert len(runs) == 1 and runs[0].status == "completed"
        run_id = runs[0].id
        fetched = session.scalar(select(func.sum(RunSource.fetched)).where(RunSource.run_id == run_id))
        articles = session.scalar(select(func.count()).select_from(Article).where(Article.run_id == run_id))
        stray = session.scalar(
            select(func.count()).select_from(Article).where(or_(Article.run_id.is_(None), Article.run_id != run_id))
        )
        figures = session.scalar(select(func.count()).select_from(Figure).where(Figure.run_id == run_id))
    assert fetched >= PAGES  # both processes' shares, added up (plus listings)
    assert articles > 0 and stray == 0 and figures > 0
