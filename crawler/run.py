"""Run one crawl of every configured source, in this process, and report what it did.

``run_crawl`` is what ``capexwatch crawl`` calls. Scrapy's reactor can start only once per
process, so ``run_crawl`` can run only once per process too; tests and benchmarks run it in a
subprocess through ``python -m crawler.run --config-json FILE``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from scrapy.crawler import AsyncCrawlerProcess, Crawler
from scrapy.settings import Settings

from crawler.report import CrawlReport
from crawler.resources import session_maker
from crawler.sources import Source
from crawler.spiders.base import NewsSpider
from crawler.spiders.feed import FeedSpider
from crawler.spiders.sitemap import SitemapSpider
from extract.watch import Watch

#: One base spider per source shape; a source is configuration, never a new spider file.
SPIDERS: dict[str, type[NewsSpider]] = {"feed": FeedSpider, "sitemap": SitemapSpider}


def crawl_settings(
    sources: Sequence[Source],
    watch: Watch,
    database_url: str,
    settings_overrides: Mapping[str, Any] | None = None,
    progress: Callable[[str], None] | None = None,
) -> Settings:
    """The project settings, loaded from ``crawler.settings`` explicitly (not via a scrapy.cfg
    found from the working directory), plus this run's configuration."""
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("CAPEXWATCH_SOURCES", list(sources), priority="cmdline")
    settings.set("CAPEXWATCH_WATCH", watch, priority="cmdline")
    settings.set("CAPEXWATCH_DATABASE_URL", database_url, priority="cmdline")
    settings.set("CAPEXWATCH_PROGRESS", progress, priority="cmdline")
    if settings_overrides:
        settings.update(dict(settings_overrides), priority="cmdline")
    return settings


def run_crawl(
    sources: Sequence[Source],
    watch: Watch,
    database_url: str,
    *,
    settings_overrides: Mapping[str, Any] | None = None,
    progress: Callable[[str], None] | None = None,
) -> CrawlReport:
    """Crawl every source once (one crawler each, concurrently) into ``database_url``.

    A source that fails (its feed 500s, isn't XML, times out) is counted in the report and
    doesn't stop the others. The database is opened (and migrated) before the crawl starts, so
    a bad URL fails at once rather than inside every crawler.
    """
    for source in sources:
        if source.kind not in SPIDERS:
            raise ValueError(f"source {source.name!r}: unknown kind {source.kind!r}")
    session_maker(database_url)
    if not sources:
        return CrawlReport()
    settings = crawl_settings(sources, watch, database_url, settings_overrides, progress)
    process = AsyncCrawlerProcess(settings)
    runs: list[tuple[Source, Crawler]] = []
    for source in sources:
        crawler = process.create_crawler(SPIDERS[source.kind])
        runs.append((source, crawler))
        process.crawl(crawler, source=source)
    process.start()
    return CrawlReport.from_stats(
        (source, crawler.stats.get_stats() if crawler.stats else {}) for source, crawler in runs
    )


def load_config(path: str) -> tuple[list[Source], Watch, str, dict[str, Any]]:
    """Read the JSON config of ``python -m crawler.run`` (a test/benchmark entry, not the
    user's TOML config, which ``capexwatch`` validates)."""
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    sources = [Source(name=s["name"], kind=s["kind"], url=s["url"]) for s in data["sources"]]
    watch_data = data.get("watch")
    if watch_data is None:
        from extract.watch import DEFAULT_WATCH

        watch = DEFAULT_WATCH
    else:
        watch = Watch(
            subject=watch_data["subject"],
            aliases=tuple(watch_data.get("aliases", ())),
            topics=tuple(watch_data.get("topics", ())),
        )
    return sources, watch, data["database_url"], dict(data.get("settings", {}))


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m crawler.run --config-json FILE [--report-json OUT]``: one crawl, one report."""
    parser = argparse.ArgumentParser(prog="python -m crawler.run", description=main.__doc__)
    parser.add_argument("--config-json", required=True, help="sources, watch, database_url, settings")
    parser.add_argument("--report-json", help="write the CrawlReport as JSON here")
    args = parser.parse_args(argv)
    sources, watch, database_url, overrides = load_config(args.config_json)

    def progress(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    report = run_crawl(sources, watch, database_url, settings_overrides=overrides, progress=progress)
    if args.report_json:
        with open(args.report_json, "w", encoding="utf-8") as handle:
            json.dump(report.to_json(), handle, indent=2)
    for line in report.summary_lines():
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
