"""Each item pipeline on its own, with a real store, real Scrapy stats and a real worker process (no crawl).

The end-to-end crawl tests show the pipelines are wired in order; these show what each one
decides, drops and counts, and that the batched writer keeps each article all-or-nothing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from scrapy.exceptions import DropItem
from scrapy.extension import ExtensionManager
from scrapy.utils.test import get_crawler
from sqlalchemy import select

from crawler.extensions.seen import SeenRecorder
from crawler.items import PageItem
from crawler.pipelines.article_text import ArticleTextPipeline
from crawler.pipelines.relevance import RelevancePipeline
from crawler.pipelines.store import StorePipeline
from crawler.report import CrawlReport
from crawler.resources import session_maker
from crawler.sources import Source
from crawler.spiders.capexwatch import CapexwatchSpider
from crawler.store_writer import StoreWriter
from crawler.workers import WorkerPool
from extract.watch import DEFAULT_WATCH
from store.models import Article, SeenUrl

SITES = Path(__file__).parent / "sites"
BASE = "http://127.0.0.1:8123"
FETCHED = datetime(2026, 1, 24, tzinfo=UTC)


@pytest.fixture(scope="module")
def pool() -> Iterator[WorkerPool]:
    with WorkerPool(1, DEFAULT_WATCH) as pool:
        yield pool


@pytest.fixture
def crawler(database_url, pool):
    crawler = get_crawler(
        CapexwatchSpider,
        settings_dict={
            "CAPEXWATCH_DATABASE_URL": database_url,
            "CAPEXWATCH_WATCH": DEFAULT_WATCH,
            "CAPEXWATCH_POOL": pool,
            "EXTENSIONS_BASE": {},
            "EXTENSIONS": {"crawler.store_writer.StoreWriter": 0},
        },
    )
    crawler.extensions = ExtensionManager.from_crawler(crawler)
    crawler.spider = CapexwatchSpider.from_crawler(crawler, sources=[])
    return crawler


def run(coroutine):
    return asyncio.run(coroutine)


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


def text_of(crawler, item: PageItem) -> PageItem:
    pipeline = ArticleTextPipeline.from_crawler(crawler)
    pipeline.open_spider()
    return run(pipeline.process_item(item))


async def store_all(crawler, items: list[PageItem]) -> list[PageItem | DropItem]:
    """Store ``items`` through one StorePipeline (one batch), then close the writer."""
    writer = crawler.get_extension(StoreWriter)
    await writer.spider_opened(crawler.spider)
    store = StorePipeline.from_crawler(crawler)
    store.open_spider()
    results = await asyncio.gather(*(store.process_item(item) for item in items), return_exceptions=True)
    await writer.spider_closed(crawler.spider, "finished")
    return results


def test_article_text_drops_a_page_without_main_text(crawler) -> None:
    item = page("malformed.html")
    with pytest.raises(DropItem, match="no main text"):
        text_of(crawler, item)
    assert item.outcome == "no_text"
    assert stats(crawler)["capexwatch/dropped/no_text"] == 1
    assert stats(crawler)["capexwatch/source/Example Wire/dropped/no_text"] == 1


def test_article_text_keeps_text_canonical_and_relevance(crawler) -> None:
    item = text_of(crawler, page("bytedance-capex.html"))
    assert "160 billion yuan ($22 billion)" in item.article.text
    assert item.html == ""
    assert item.about
    assert f"{BASE}/articles/bytedance-capex.html" in item.seen_urls()


def test_relevance_drops_pages_not_about_the_watch(crawler) -> None:
    relevance = RelevancePipeline.from_crawler(crawler)
    assert relevance.process_item(text_of(crawler, page("bytedance-chips.html"))).outcome is None
    weather = text_of(crawler, page("weather.html"))
    assert not weather.about
    with pytest.raises(DropItem, match="not about the watch"):
        relevance.process_item(weather)
    assert weather.outcome == "irrelevant"
    assert stats(crawler)["capexwatch/dropped/irrelevant"] == 1


def test_one_batch_stores_each_article_once_with_its_urls(crawler, database_url) -> None:
    first = text_of(crawler, page("bytedance-capex.html"))
    first.requested_url = f"{BASE}/rss/articles/bytedance-capex?oc=5"
    again = text_of(crawler, page("bytedance-capex.html"))  # the same URL, in the same batch
    copy = text_of(crawler, page("bytedance-capex-copy.html"))  # the same text under another URL
    chips = text_of(crawler, page("bytedance-chips.html"))
    results = run(store_all(crawler, [first, again, copy, chips]))
    assert [r.outcome if isinstance(r, PageItem) else "dropped" for r in results] == [
        "kept", "dropped", "dropped", "kept",
    ]  # fmt: skip
    assert all("duplicate" in str(r) for r in results if isinstance(r, DropItem))
    assert stats(crawler)["capexwatch/articles_kept"] == 2
    assert stats(crawler)["capexwatch/dropped/duplicate"] == 2
    assert stats(crawler)["capexwatch/store_batches"] == 1

    with session_maker(database_url)() as session:
        stored = {a.url: a for a in session.scalars(select(Article))}
        seen = {s.url: s.outcome for s in session.scalars(select(SeenUrl))}
    assert set(stored) == {f"{BASE}/articles/bytedance-capex.html", f"{BASE}/articles/bytedance-chips.html"}
    assert all(a.figures_ruleset is None and a.run_id is None for a in stored.values())  # figures come later
    assert seen[f"{BASE}/rss/articles/bytedance-capex?oc=5"] == "kept"
    assert seen[f"{BASE}/articles/bytedance-capex.html"] == "kept"


def test_an_article_whose_urls_cannot_be_written_is_rolled_back_alone(crawler, database_url) -> None:
    """The article row is inserted, then marking its URLs fails in the database: its savepoint
    takes the article back out, and the other article of the batch is committed."""
    from crawler.pipelines.store import article_record

    good = article_record(text_of(crawler, page("bytedance-chips.html")))
    bad = article_record(text_of(crawler, page("bytedance-capex.html")))

    async def write_both() -> list:
        writer = crawler.get_extension(StoreWriter)
        await writer.spider_opened(crawler.spider)
        results = await asyncio.gather(
            writer.add_article(bad, [None]),  # seen_urls.url is NOT NULL: fails after the insert
            writer.add_article(good, [good.url]),
            return_exceptions=True,
        )
        await writer.spider_closed(crawler.spider, "finished")
        return results

    failed, stored = run(write_both())
    assert isinstance(failed, Exception) and stored is True
    with session_maker(database_url)() as session:
        assert [a.url for a in session.scalars(select(Article))] == [good.url]
        assert set(session.scalars(select(SeenUrl.url))) == {good.url}


def test_seen_recorder_remembers_final_outcomes_only(crawler, database_url) -> None:
    recorder = SeenRecorder.from_crawler(crawler)
    irrelevant = page("weather.html")
    irrelevant.outcome = "irrelevant"
    unexplained = page("retail-sales.html")  # dropped without an outcome: retried next run

    async def drop_both() -> None:
        writer = crawler.get_extension(StoreWriter)
        await writer.spider_opened(crawler.spider)
        for item in (irrelevant, unexplained):
            recorder.item_dropped(item, None, DropItem("x"), None)
        await writer.spider_closed(crawler.spider, "finished")

    run(drop_both())
    with session_maker(database_url)() as session:
        seen = {s.url: s.outcome for s in session.scalars(select(SeenUrl))}
    assert seen == {f"{BASE}/articles/weather.html": "irrelevant"}


def test_a_home_page_canonical_does_not_make_every_article_a_duplicate(crawler, database_url) -> None:
    items = []
    for name in ("bytedance-capex.html", "bytedance-chips.html"):
        item = page(name)
        slug = name.removesuffix(".html")
        item.html = item.html.replace(f"{BASE}/articles/{slug}.html", f"{BASE}/")
        items.append(text_of(crawler, item))
    results = run(store_all(crawler, items))
    assert [r.outcome for r in results] == ["kept", "kept"]
    with session_maker(database_url)() as session:
        stored = session.scalars(select(Article)).all()
        seen = set(session.scalars(select(SeenUrl.url)))
    assert {a.canonical_url for a in stored} == {None}
    assert f"{BASE}/" not in seen


def test_report_from_one_crawls_stats() -> None:
    ok = Source("Wire", "feed", f"{BASE}/rss.xml")
    broken = Source("Broken", "sitemap", f"{BASE}/status/500")
    report = CrawlReport.from_stats(
        [ok, broken],
        {"finish_reason": "finished", "capexwatch/errors/timeout": 1, "capexwatch/errors/http_500": 1,
         "capexwatch/errors/robots_forbidden": 1,  # a robots.txt of no source
         "capexwatch/source/Wire/pages_fetched": 5, "capexwatch/source/Wire/articles_kept": 2,
         "capexwatch/source/Wire/errors/timeout": 1, "capexwatch/source/Wire/dropped/irrelevant": 3,
         "capexwatch/source/Broken/listing_failed": 1, "capexwatch/source/Broken/errors/http_500": 1},
    )  # fmt: skip
    assert (report.sources, report.sources_failed, report.pages_fetched, report.articles_kept) == (2, 1, 5, 2)
    assert report.errors == {"http_500": 1, "robots_forbidden": 1, "timeout": 1}
    assert report.per_source["Wire"]["errors"] == {"timeout": 1}
    lines = report.summary_lines()
    assert lines[0] == "2 sources (1 failed) · fetched 5 pages · kept 2 articles · 0 figures"
    assert "[Wire] ok" in lines[2] and "dropped irrelevant 3" in lines[2]
    assert "[Broken] FAILED" in lines[3]
    assert CrawlReport.from_json(report.to_json()) == report
