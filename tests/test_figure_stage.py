"""The figure stage over stored articles: figures of each article once per rule-set, with the run
that added them, counted per source; on SQLite and PostgreSQL, with real worker processes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from crawler.figure_stage import FigureReport, extract_figures
from crawler.report import CrawlReport
from crawler.resources import session_maker
from crawler.sources import Source
from crawler.workers import WorkerPool
from extract.pipeline import FigureExtractor
from extract.watch import DEFAULT_WATCH
from store import NewArticle, NewFigure, add_article
from store.extraction import store_figures
from store.models import Article, Figure, Run

FETCHED = datetime(2026, 1, 24, tzinfo=UTC)
TEXTS = {
    "wire": "ByteDance plans to spend Rmb150bn on AI infrastructure in 2025, people familiar told Reuters.",
    "blog": "The TikTok owner will buy $7bn of Nvidia chips overseas next year, The Information reported.",
    "quiet": "ByteDance said nothing about its data centre budget at the event.",
}


@pytest.fixture(scope="module")
def pool() -> Iterator[WorkerPool]:
    with WorkerPool(2, DEFAULT_WATCH) as pool:
        yield pool


def store_articles(database_url: str, *, ruleset: str | None = None) -> dict[str, int]:
    ids = {}
    with session_maker(database_url).begin() as session:
        for name, text in TEXTS.items():
            record = NewArticle(
                url=f"https://news.example/{name}", canonical_url=None, title=name, outlet=None, author=None,
                published=datetime(2026, 1, 20, tzinfo=UTC), fetched=FETCHED, text=text, source_name=name,
            )  # fmt: skip
            ids[name] = add_article(session, record, [], figures_ruleset=ruleset).id
    return ids


def new_run(database_url: str) -> int:
    with session_maker(database_url).begin() as session:
        run = Run(kind="crawl", started=FETCHED, status="running")
        session.add(run)
        session.flush()
        return run.id


def figures(database_url: str) -> list[Figure]:
    with session_maker(database_url)() as session:
        return list(session.scalars(select(Figure).order_by(Figure.article_id, Figure.start)))


def test_each_article_gets_its_figures_once_with_the_run(database_url, pool) -> None:
    ids = store_articles(database_url)
    run_id = new_run(database_url)
    report = extract_figures(database_url, DEFAULT_WATCH, run_id=run_id, pool=pool, batch_size=2)
    stored = figures(database_url)
    assert {f.text for f in stored} == {"Rmb150bn", "$7bn"}
    assert {f.run_id for f in stored} == {run_id}
    assert {f.ruleset for f in stored} == {FigureExtractor.ruleset}
    with session_maker(database_url)() as session:
        for article in session.scalars(select(Article)):
            assert article.figures_ruleset == FigureExtractor.ruleset  # read, with or without figures
            for figure in article.figures:
                assert article.text[figure.start : figure.end] == figure.text
    assert (report.articles, report.figures, report.errors) == (3, 2, {})
    assert report.per_source == {
        "wire": {"articles": 1, "figures": 1, "errors": {}},
        "blog": {"articles": 1, "figures": 1, "errors": {}},
        "quiet": {"articles": 1, "figures": 0, "errors": {}},
    }
    assert FigureReport.from_json(report.to_json()) == report
    assert set(ids) == set(report.per_source)

    again = extract_figures(database_url, DEFAULT_WATCH, run_id=run_id, pool=pool)
    assert (again.articles, again.figures) == (0, 0)
    assert len(figures(database_url)) == 2


def test_articles_read_by_another_rule_set_are_read_again_and_current_ones_are_not(database_url, pool) -> None:
    store_articles(database_url, ruleset=FigureExtractor.ruleset)
    assert extract_figures(database_url, DEFAULT_WATCH, pool=pool).articles == 0
    with session_maker(database_url).begin() as session:
        session.execute(Article.__table__.update().values(figures_ruleset="older-rules.v1"))
    assert extract_figures(database_url, DEFAULT_WATCH, pool=pool).articles == 3


def test_store_figures_adds_a_rule_sets_figures_only_once(database_url) -> None:
    """The guard two concurrent stages rely on: the second writer's UPDATE changes no row."""
    ids = store_articles(database_url)
    text = TEXTS["wire"]
    start = text.index("Rmb150bn")
    figure = NewFigure(amount=150_000_000_000, amount_high=None, currency="CNY", year=2025, source="Reuters",
                       subject="ByteDance", text="Rmb150bn", sentence=text, start=start, end=start + 8)  # fmt: skip
    with session_maker(database_url).begin() as first:
        assert store_figures(first, ids["wire"], "rules.v9", [figure], text=text)
    with session_maker(database_url).begin() as second:
        assert not store_figures(second, ids["wire"], "rules.v9", [figure], text=text)
    assert len(figures(database_url)) == 1


def test_a_claim_leaves_other_processes_articles_alone(database_url, pool) -> None:
    ids = store_articles(database_url)
    others = {ids["blog"]}
    report = extract_figures(
        database_url, DEFAULT_WATCH, pool=pool, claim=lambda chunk: [i for i in chunk if i not in others]
    )
    assert (report.articles, report.skipped) == (2, 1)
    assert {f.text for f in figures(database_url)} == {"Rmb150bn"}


def test_figure_counts_join_the_crawl_report_per_source(database_url, pool) -> None:
    store_articles(database_url)
    stage = extract_figures(database_url, DEFAULT_WATCH, pool=pool)
    crawl = CrawlReport.from_stats(
        [Source("wire", "feed", "https://news.example/rss"), Source("blog", "feed", "https://news.example/atom")],
        {"finish_reason": "finished", "capexwatch/source/wire/articles_kept": 1},
    )
    crawl.add_figures(stage)
    assert crawl.figures_found == 2
    assert (crawl.per_source["wire"]["figures"], crawl.per_source["blog"]["figures"]) == (1, 1)
    assert crawl.summary_lines()[0].endswith("· 2 figures")
