"""Each item pipeline on its own, with a real SQLite store and real Scrapy stats (no crawl).

The end-to-end crawl tests show the pipelines are wired in order; these show what each one
decides, drops and counts.
"""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler
from sqlalchemy import select

from crawler.extensions.seen import SeenRecorder
from crawler.items import PageItem
from crawler.pipelines.article_text import ArticleTextPipeline
from crawler.pipelines.duplicate import DuplicatePipeline
from crawler.pipelines.relevance import RelevancePipeline
from crawler.pipelines.store import StorePipeline
from crawler.report import CrawlReport
from crawler.resources import session_maker
from crawler.sources import Source
from extract.figure import Figure
from extract.watch import DEFAULT_WATCH
from store.models import Article, SeenUrl
from store.models import Figure as FigureRow

SITES = Path(__file__).parent / "sites"
BASE = "http://127.0.0.1:8123"
FETCHED = datetime(2026, 1, 24, tzinfo=timezone.utc)


@pytest.fixture
def crawler(tmp_path):
    crawler = get_crawler(
        settings_dict={
            "CAPEXWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'pipelines.db'}",
            "CAPEXWATCH_WATCH": DEFAULT_WATCH,
        }
    )
    crawler._apply_settings()
    return crawler


def page(name: str, url: str | None = None) -> PageItem:
    html = (SITES / "articles" / name).read_text().replace("{{BASE}}", BASE)
    return PageItem(
        source_name="Example Wire",
        requested_url=url or f"{BASE}/articles/{name}",
        url=url or f"{BASE}/articles/{name}",
        html=html,
        fetched=FETCHED,
    )


def stats(crawler) -> dict:
    return crawler.stats.get_stats()


def figure_at(text: str, written: str) -> Figure:
    start = text.index(written)
    return Figure(
        amount=Decimal("22000000000"), amount_high=None, currency="USD", year=2026, source=None,
        subject="ByteDance", text=written, sentence=text, start=start, end=start + len(written),
        sentence_start=0, ruleset="test.v1",
    )  # fmt: skip


def test_article_text_drops_a_page_without_main_text(crawler) -> None:
    item = page("malformed.html")
    with pytest.raises(DropItem, match="no main text"):
        ArticleTextPipeline.from_crawler(crawler).process_item(item)
    assert item.outcome == "no_text"
    assert stats(crawler)["capexwatch/dropped/no_text"] == 1
    assert stats(crawler)["capexwatch/source/Example Wire/dropped/no_text"] == 1


def test_article_text_keeps_text_and_canonical(crawler) -> None:
    item = ArticleTextPipeline.from_crawler(crawler).process_item(page("bytedance-capex.html"))
    assert "160 billion yuan ($22 billion)" in item.article.text
    assert item.html == ""
    assert f"{BASE}/articles/bytedance-capex.html" in item.seen_urls()


def test_relevance_drops_pages_not_about_the_watch(crawler) -> None:
    text = ArticleTextPipeline.from_crawler(crawler)
    relevance = RelevancePipeline.from_crawler(crawler)
    relevance.open_spider()
    kept = relevance.process_item(text.process_item(page("bytedance-chips.html")))
    assert kept.outcome is None
    weather = text.process_item(page("weather.html"))
    with pytest.raises(DropItem, match="not about the watch"):
        relevance.process_item(weather)
    assert weather.outcome == "irrelevant"
    assert stats(crawler)["capexwatch/dropped/irrelevant"] == 1


def test_store_then_duplicate_and_seen(crawler) -> None:
    text = ArticleTextPipeline.from_crawler(crawler)
    store = StorePipeline.from_crawler(crawler)
    store.open_spider()
    duplicate = DuplicatePipeline.from_crawler(crawler)
    duplicate.open_spider()

    item = text.process_item(page("bytedance-capex.html", url=f"{BASE}/articles/bytedance-capex.html"))
    item.requested_url = f"{BASE}/rss/articles/bytedance-capex?oc=5"
    item.figures = [figure_at(item.article.text, "$22 billion")]
    duplicate.process_item(item)
    store.process_item(item)
    assert item.outcome == "kept"
    assert stats(crawler)["capexwatch/articles_kept"] == 1
    assert stats(crawler)["capexwatch/figures"] == 1

    Session = session_maker(crawler.settings["CAPEXWATCH_DATABASE_URL"])
    with Session() as session:
        [article] = session.scalars(select(Article)).all()
        [figure] = session.scalars(select(FigureRow)).all()
        seen = {s.url: s.outcome for s in session.scalars(select(SeenUrl))}
    assert article.url == f"{BASE}/articles/bytedance-capex.html"
    assert article.text[figure.start : figure.end] == "$22 billion"
    assert seen == {
        f"{BASE}/rss/articles/bytedance-capex?oc=5": "kept",
        f"{BASE}/articles/bytedance-capex.html": "kept",
    }

    again = text.process_item(page("bytedance-capex.html"))
    with pytest.raises(DropItem, match="duplicate"):
        duplicate.process_item(again)
    # the same text under an unrelated URL: caught by the store's content hash
    copy = text.process_item(page("bytedance-capex-copy.html"))
    duplicate.process_item(copy)
    with pytest.raises(DropItem, match="duplicate"):
        store.process_item(copy)
    assert stats(crawler)["capexwatch/dropped/duplicate"] == 2
    assert stats(crawler)["capexwatch/articles_kept"] == 1


def test_seen_recorder_remembers_final_outcomes_only(crawler) -> None:
    recorder = SeenRecorder.from_crawler(crawler)
    irrelevant = page("weather.html")
    irrelevant.outcome = "irrelevant"
    unexplained = page("retail-sales.html")  # dropped without an outcome: retried next run
    for item in (irrelevant, unexplained):
        recorder.item_dropped(item, None, DropItem("x"), None)
    with session_maker(crawler.settings["CAPEXWATCH_DATABASE_URL"])() as session:
        seen = {s.url: s.outcome for s in session.scalars(select(SeenUrl))}
    assert seen == {f"{BASE}/articles/weather.html": "irrelevant"}


def test_report_from_stats() -> None:
    ok = Source("Wire", "feed", f"{BASE}/rss.xml")
    broken = Source("Broken", "sitemap", f"{BASE}/status/500")
    report = CrawlReport.from_stats(
        [
            (ok, {"finish_reason": "finished", "capexwatch/pages_fetched": 5, "capexwatch/articles_kept": 2,
                  "capexwatch/figures": 7, "capexwatch/errors/timeout": 1, "capexwatch/dropped/irrelevant": 3}),
            (broken, {"finish_reason": "finished", "capexwatch/listing_failed": 1,
                      "capexwatch/errors/http_500": 1}),
        ]
    )  # fmt: skip
    assert (report.sources, report.sources_failed, report.pages_fetched) == (2, 1, 5)
    assert (report.articles_kept, report.figures_found) == (2, 7)
    assert report.errors == {"http_500": 1, "timeout": 1}
    lines = report.summary_lines()
    assert lines[0] == "2 sources (1 failed) · fetched 5 pages · kept 2 articles · 7 figures"
    assert "[Wire] ok" in lines[2] and "dropped irrelevant 3" in lines[2]
    assert "[Broken] FAILED" in lines[3]
    assert CrawlReport.from_json(report.to_json()) == report


def test_a_home_page_canonical_does_not_make_every_article_a_duplicate(crawler) -> None:
    text = ArticleTextPipeline.from_crawler(crawler)
    duplicate = DuplicatePipeline.from_crawler(crawler)
    duplicate.open_spider()
    store = StorePipeline.from_crawler(crawler)
    store.open_spider()
    for name in ("bytedance-capex.html", "bytedance-chips.html"):
        item = page(name)
        slug = name.removesuffix(".html")
        item.html = item.html.replace(f"{BASE}/articles/{slug}.html", f"{BASE}/")
        store.process_item(duplicate.process_item(text.process_item(item)))
    with session_maker(crawler.settings["CAPEXWATCH_DATABASE_URL"])() as session:
        stored = session.scalars(select(Article)).all()
        seen = set(session.scalars(select(SeenUrl.url)))
    assert len(stored) == 2
    assert {a.canonical_url for a in stored} == {None}
    assert f"{BASE}/" not in seen
