"""[crawl] max_age_days: entries a listing dates before the cutoff are not fetched; undated ones are."""

from __future__ import annotations

from crawler.report import CrawlReport


def test_old_entries_are_skipped_and_counted(mockserver, crawl_runner, tmp_path, database_url) -> None:
    source = {"name": "Wire", "kind": "feed", "url": f"{mockserver.base_url}/feeds/rss.xml"}
    run = crawl_runner(
        mockserver, [source], database_url, tmp_path,
        settings={"CAPEXWATCH_MAX_AGE_DAYS": 30},  # the feed's dated entries are from January 2026
    )  # fmt: skip
    pages = {path.split("?")[0] for path in run.requests if path.startswith("/articles/")}
    assert "/articles/weather.html" not in pages  # dated 2026-01-20
    assert "/articles/bytedance-capex-copy.html" not in pages  # dated 2026-01-23
    assert "/articles/malformed.html" in pages  # undated: may be new, so fetched
    entry = run.report["per_source"]["Wire"]
    assert entry["skipped_old"] >= 3
    [line] = [l for l in CrawlReport.from_json(run.report).summary_lines() if l.startswith("[Wire]")]
    assert f"skipped (too old) {entry['skipped_old']}" in line


def test_without_a_cutoff_every_entry_is_fetched(mockserver, crawl_runner, tmp_path, database_url) -> None:
    source = {"name": "Wire", "kind": "feed", "url": f"{mockserver.base_url}/feeds/rss.xml"}
    run = crawl_runner(mockserver, [source], database_url, tmp_path)
    pages = {path.split("?")[0] for path in run.requests if path.startswith("/articles/")}
    assert {"/articles/weather.html", "/articles/bytedance-capex-copy.html"} <= pages
    assert run.report["per_source"]["Wire"]["skipped_old"] == 0
