"""A crawl of the bundled demo site, checked against its answer key (capexwatch.demo.expected).

The demo site has the shapes a real watch meets: a publisher RSS feed with tracking parameters,
an Atom feed, a search-engine feed whose links redirect to the publishers, and a news sitemap
index; each relevant story is reachable from two sources and must be stored once.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

import pytest
from sqlalchemy import select

from capexwatch.demo.expected import EXPECTED, IRRELEVANT
from capexwatch.demo.site import demo_sources, serve_site
from store.database import open_database, session_factory
from store.models import Article, SeenUrl


@pytest.fixture(scope="module")
def demo_crawl(crawl_runner, tmp_path_factory, module_database_url) -> dict[str, Any]:
    workdir = tmp_path_factory.mktemp("demo")
    database_url = module_database_url
    with serve_site() as base_url:
        run = crawl_runner(None, demo_sources(base_url), database_url, workdir)
    engine = open_database(database_url)
    with session_factory(engine)() as session:
        articles = {
            a.url: {
                "canonical_url": a.canonical_url,
                "outlet": a.outlet,
                "title": a.title,
                "published": a.published,
                "text": a.text,
                "figures": [
                    {"text": f.text, "start": f.start, "end": f.end,
                     "key": (f.amount, f.amount_high, f.currency, f.year)}
                    for f in a.figures
                ],  # fmt: skip
            }
            for a in session.scalars(select(Article))
        }
        seen = {s.url: s.outcome for s in session.scalars(select(SeenUrl))}
    engine.dispose()
    return {"base": base_url, "report": run.report, "articles": articles, "seen": seen}


def test_every_relevant_story_is_stored_once_under_its_publisher_url(demo_crawl) -> None:
    base = demo_crawl["base"]
    assert set(demo_crawl["articles"]) == {base + e["path"] for e in EXPECTED}
    report = demo_crawl["report"]
    assert report["articles_kept"] == len(EXPECTED)
    assert report["sources_failed"] == 0


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda e: e["path"])
def test_article_provenance(demo_crawl, expected: dict[str, Any]) -> None:
    base = demo_crawl["base"]
    article = demo_crawl["articles"][base + expected["path"]]
    assert article["outlet"] == expected["outlet"]
    if expected["canonical"]:
        assert article["canonical_url"] == base + expected["canonical"]
    published = article["published"]
    assert published is not None, "no date: the listing's date must be the fallback"
    if published.tzinfo is None:
        published = published.replace(tzinfo=timezone.utc)
    if "T" in expected["published"]:
        assert published == datetime.fromisoformat(expected["published"])
    else:  # a date only: the listing's date, used because the page has none
        assert published.date() == date.fromisoformat(expected["published"])
    for phrase in expected["in_text"]:
        assert phrase in article["text"]
    for phrase in expected["not_in_text"]:
        assert phrase not in article["text"]


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda e: e["path"])
def test_expected_figures_are_stored_at_their_offsets(demo_crawl, expected: dict[str, Any]) -> None:
    """Matched as the gold set matches (amount, range top, currency, year), not by span text;
    the year checks that the listing's date reached the extractor for undated pages."""
    article = demo_crawl["articles"][demo_crawl["base"] + expected["path"]]
    stored = {figure["key"] for figure in article["figures"]}
    for figure in expected["figures"]:
        key = (figure["amount"], figure["amount_high"], figure["currency"], figure["year"])
        assert key in stored, figure["text"]
    for figure in article["figures"]:
        assert article["text"][figure["start"] : figure["end"]] == figure["text"]


def test_irrelevant_pages_are_not_stored_but_remembered(demo_crawl) -> None:
    base = demo_crawl["base"]
    for page in IRRELEVANT:
        assert base + page["path"] not in demo_crawl["articles"], page["reason"]
        assert demo_crawl["seen"].get(base + page["path"]) == "irrelevant", page["path"]
