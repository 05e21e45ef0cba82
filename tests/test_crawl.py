"""End-to-end crawls of the local fixture site into a real database (SQLite, and PostgreSQL with
CAPEXWATCH_TEST_PG).

Three crawls share one database, in order: a first crawl (feeds, a search-engine feed, a sitemap
index, and two broken sources), a second identical crawl (must fetch no article page again and
add nothing), and a crawl of failure endpoints and private-address links (each counted, the run
completes, nothing stored before is touched).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import pytest
from sqlalchemy import select

from store.database import open_database, session_factory
from store.models import Article, Figure, SeenUrl


@dataclass
class Snapshot:
    articles: dict[str, dict[str, Any]]  # by URL
    figures: list[dict[str, Any]]
    seen: dict[str, str]  # URL -> outcome


def snapshot(database_url: str) -> Snapshot:
    engine = open_database(database_url)
    try:
        with session_factory(engine)() as session:
            articles = {
                a.url: {
                    "id": a.id,
                    "canonical_url": a.canonical_url,
                    "title": a.title,
                    "outlet": a.outlet,
                    "author": a.author,
                    "published": a.published,
                    "text": a.text,
                    "source_name": a.source_name,
                    "fetched": a.fetched,
                }
                for a in session.scalars(select(Article))
            }
            figures = [
                {
                    "id": f.id,
                    "article_id": f.article_id,
                    "text": f.text,
                    "start": f.start,
                    "end": f.end,
                    "sentence": f.sentence,
                    "sentence_start": f.sentence_start,
                    "amount": f.amount,
                    "currency": f.currency,
                    "ruleset": f.ruleset,
                }
                for f in session.scalars(select(Figure))
            ]
            seen = {s.url: s.outcome for s in session.scalars(select(SeenUrl))}
    finally:
        engine.dispose()
    return Snapshot(articles, figures, seen)


@pytest.fixture(scope="module")
def crawls(mockserver, crawl_runner, tmp_path_factory, module_database_url) -> dict[str, Any]:
    """Run the three crawls once for the whole module (per backend)."""
    workdir = tmp_path_factory.mktemp("crawl")
    database_url = module_database_url
    base = mockserver.base_url
    sources = [
        {"name": "Example Wire", "kind": "feed", "url": f"{base}/feeds/rss.xml"},
        {"name": "Chip Weekly", "kind": "feed", "url": f"{base}/feeds/atom.xml"},
        {"name": "News search", "kind": "feed", "url": f"{base}/feeds/gnews.xml"},
        {"name": "Wire sitemap", "kind": "sitemap", "url": f"{base}/sitemaps/index.xml"},
        {"name": "Broken feed", "kind": "feed", "url": f"{base}/status/500"},
        {"name": "HTML feed", "kind": "feed", "url": f"{base}/not-xml"},
    ]
    first = crawl_runner(mockserver, sources, database_url, workdir / "first")
    after_first = snapshot(database_url)
    second = crawl_runner(mockserver, sources, database_url, workdir / "second")
    after_second = snapshot(database_url)
    failure_sources = [
        {"name": "Failures", "kind": "feed", "url": f"{base}/feeds/failures.xml"},
        {"name": "Private links", "kind": "feed", "url": f"{base}/feeds/private.xml"},
        {"name": "News search later", "kind": "feed", "url": f"{base}/feeds/gnews-later.xml"},
    ]
    failures = crawl_runner(
        mockserver,
        failure_sources,
        database_url,
        workdir / "failures",
        settings={"DOWNLOAD_TIMEOUT": 1, "DOWNLOAD_MAXSIZE": 512 * 1024, "DOWNLOAD_WARNSIZE": 256 * 1024},
    )
    after_failures = snapshot(database_url)
    return {
        "base": base,
        "first": first,
        "second": second,
        "failures": failures,
        "after_first": after_first,
        "after_second": after_second,
        "after_failures": after_failures,
    }


def url(crawls: dict[str, Any], path: str) -> str:
    return f"{crawls['base']}{path}"


def test_relevant_articles_are_stored_once(crawls) -> None:
    stored = crawls["after_first"].articles
    capex = {url(crawls, "/articles/bytedance-capex.html"), url(crawls, "/articles/bytedance-capex-copy.html")}
    expected_others = {
        url(crawls, "/articles/bytedance-chips.html"),
        url(crawls, "/articles/bytedance-datacentre.html"),
        url(crawls, "/articles/tiktok-owner-gpus.html"),
    }
    # The syndicated copy has the same text: one of the two is stored, never both.
    assert len(set(stored) & capex) == 1
    assert set(stored) - capex == expected_others
    assert crawls["first"].report["articles_kept"] == 4


def test_irrelevant_and_empty_pages_are_not_stored_but_remembered(crawls) -> None:
    snap = crawls["after_first"]
    for path, outcome in [
        ("/articles/weather.html", "irrelevant"),
        ("/articles/retail-sales.html", "irrelevant"),
        ("/articles/malformed.html", "no_text"),
    ]:
        assert url(crawls, path) not in snap.articles
        assert snap.seen[url(crawls, path)] == outcome
    capex_urls = [url(crawls, "/articles/bytedance-capex.html"), url(crawls, "/articles/bytedance-capex-copy.html")]
    assert sorted(snap.seen[u] for u in capex_urls) == ["duplicate", "kept"]
    dropped = crawls["first"].report["per_source"]["Example Wire"]["dropped"]
    assert dropped.get("no_text") == 1


def test_tracking_parameters_and_fragments_do_not_create_new_urls(crawls) -> None:
    snap = crawls["after_first"]
    assert not [u for u in snap.seen if "utm_" in u or "fbclid" in u or "#" in u]
    # rss.xml lists bytedance-capex.html twice (utm_*, fbclid/gclid): fetched once, as first listed
    fetched = [p for p in crawls["first"].requests if p.startswith("/articles/bytedance-capex.html")]
    assert len(fetched) == 1


def test_search_engine_link_redirects_to_the_publisher(crawls) -> None:
    snap = crawls["after_first"]
    article = snap.articles[url(crawls, "/articles/bytedance-datacentre.html")]
    assert article["outlet"] == "Nordic Tech News"  # from <source>, not the engine's host
    assert article["source_name"] == "News search"
    # The page has no date: the feed's pubDate is the fallback.
    assert article["published"].replace(tzinfo=article["published"].tzinfo or timezone.utc) == datetime(
        2026, 1, 6, 9, 12, tzinfo=timezone.utc
    )
    assert snap.seen[url(crawls, "/rss/articles/bytedance-datacentre?oc=5")] == "kept"
    assert snap.seen[url(crawls, "/rss/articles/weather?oc=5")] == "irrelevant"


def test_a_page_listed_by_three_sources_is_fetched_once(crawls) -> None:
    # bytedance-chips.html: rss.xml (Atom link), atom.xml, and gnews.xml through a redirect
    requests = crawls["first"].requests
    assert requests.count("/articles/bytedance-chips.html") == 1
    per_source = crawls["first"].report["per_source"]
    assert sum(s["skipped_listed_twice"] for s in per_source.values()) >= 2


def test_redirect_to_a_page_seen_in_an_earlier_run_is_not_followed(crawls) -> None:
    requests = crawls["failures"].requests
    assert "/rss/articles/tiktok-owner-gpus?oc=5" in requests
    assert "/articles/tiktok-owner-gpus.html" not in requests
    engine_link = url(crawls, "/rss/articles/tiktok-owner-gpus?oc=5")
    assert crawls["after_failures"].seen[engine_link] == "duplicate"  # not requested next run
    assert crawls["failures"].report["per_source"]["News search later"]["skipped_seen"] == 1


def test_news_sitemap_fields_reach_the_article(crawls) -> None:
    article = crawls["after_first"].articles[url(crawls, "/articles/tiktok-owner-gpus.html")]
    published = article["published"].replace(tzinfo=article["published"].tzinfo or timezone.utc)
    assert published == datetime(2026, 10, 9, 7, 13, 38, 278000, tzinfo=timezone.utc)
    assert article["source_name"] == "Wire sitemap"


def test_figures_are_stored_with_provenance(crawls) -> None:
    snap = crawls["after_first"]
    texts = {a["id"]: a["text"] for a in snap.articles.values()}
    assert snap.figures, "no figure stored"
    assert {f["article_id"] for f in snap.figures} == set(texts), "every kept article has figures"
    for figure in snap.figures:
        text = texts[figure["article_id"]]
        assert text[figure["start"] : figure["end"]] == figure["text"]
        start = figure["sentence_start"]
        assert text[start : start + len(figure["sentence"])] == figure["sentence"]
        assert figure["ruleset"]
    assert crawls["first"].report["figures_found"] == len(snap.figures)


def test_failing_sources_are_reported_and_do_not_stop_the_others(crawls) -> None:
    report = crawls["first"].report
    assert report["sources"] == 6
    assert report["sources_failed"] == 2
    assert report["per_source"]["Broken feed"]["failed"]
    assert report["per_source"]["Broken feed"]["errors"] == {"http_500": 1}
    assert report["per_source"]["HTML feed"]["errors"] == {"not_xml": 1}
    assert not report["per_source"]["Example Wire"]["failed"]
    # a broken child sitemap is an error of a source that otherwise works
    assert report["per_source"]["Wire sitemap"]["errors"] == {"http_500": 1}
    assert not report["per_source"]["Wire sitemap"]["failed"]
    assert any("FAILED" in line for line in crawls["first"].stdout.splitlines())


def test_second_crawl_fetches_no_article_page_again_and_adds_nothing(crawls) -> None:
    requests = crawls["second"].requests
    assert requests, "the second crawl did run"
    pages = [p for p in requests if p.startswith(("/articles/", "/rss/articles/"))]
    assert pages == []
    assert {"/feeds/rss.xml", "/feeds/gnews.xml", "/sitemaps/index.xml"} <= set(requests)
    assert crawls["after_second"] == crawls["after_first"]
    report = crawls["second"].report
    assert report["pages_fetched"] == 0 and report["articles_kept"] == 0
    assert report["per_source"]["Example Wire"]["skipped_seen"] >= 4


def test_failure_endpoints_are_counted_and_the_run_completes(crawls) -> None:
    report = crawls["failures"].report
    errors = report["per_source"]["Failures"]["errors"]
    assert errors == {
        "http_500": 1, "http_404": 1, "timeout": 1, "too_large": 1, "not_html": 1, "robots_forbidden": 1,
    }  # fmt: skip
    assert report["sources_failed"] == 0
    # robots.txt is obeyed
    assert not [p for p in crawls["failures"].requests if p.startswith("/robots-disallowed/")]


def test_gbk_page_is_decoded_and_stored(crawls) -> None:
    article = crawls["after_failures"].articles[url(crawls, "/gbk")]
    assert "字节跳动计划在2026年将资本开支提高到1600亿元人民币" in article["text"]


def test_private_addresses_are_refused_on_every_hop(crawls) -> None:
    report = crawls["failures"].report
    errors = report["per_source"]["Private links"]["errors"]
    # 10.0.0.1, 192.168.1.5, 169.254.169.254, localhost:<port>, and the redirect hop to 10.0.0.2
    assert errors == {"refused_private": 5, "refused_scheme": 1}
    requests = crawls["failures"].requests
    assert "/articles/localhost-only.html" not in requests  # localhost:<port> is this server
    assert any(p.startswith("/redirect?to=") for p in requests)  # the first hop was allowed
    # the one fine link was already seen: skipped
    assert report["per_source"]["Private links"]["skipped_seen"] == 1


def test_nothing_stored_before_is_touched_by_a_failing_run(crawls) -> None:
    before, after = crawls["after_second"], crawls["after_failures"]
    for key, article in before.articles.items():
        assert after.articles[key] == article
    assert [f for f in after.figures if f["id"] in {g["id"] for g in before.figures}] == before.figures
    assert set(after.articles) - set(before.articles) == {url(crawls, "/gbk")}
    # failed pages are not remembered: they are retried next run
    for path in ("/status/500", "/status/404", "/delay?s=4", "/huge?kb=2048"):
        assert url(crawls, path) not in after.seen


def test_progress_lines_name_the_source(crawls) -> None:
    assert "[Example Wire] fetched" in crawls["first"].stderr


def test_resolver_refuses_a_name_resolving_to_this_machine_even_past_the_gate(
    mockserver, crawl_runner, tmp_path
) -> None:
    """Defence in depth: with the gate middleware switched off, the reactor's resolver still
    refuses ``localhost`` (the stand-in for a rebinding name). Only a loopback name is used, so
    even a failure of this test sends nothing off this machine."""
    run = crawl_runner(
        mockserver,
        [{"name": "Localhost link", "kind": "feed", "url": f"{mockserver.base_url}/feeds/localhost.xml"}],
        f"sqlite:///{tmp_path / 'resolver.db'}",
        tmp_path,
        settings={"DOWNLOADER_MIDDLEWARES": {"crawler.middlewares.private_address.PrivateAddressMiddleware": None}},
    )
    assert run.report["per_source"]["Localhost link"]["errors"] == {"refused_private": 1}, run.stderr[-3000:]
    assert "/articles/localhost-only.html" not in run.requests
