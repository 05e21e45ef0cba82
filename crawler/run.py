"""Run one crawl of every configured source, in this process, and report what it did.

``run_crawl`` is the crawl stage of ``capexwatch crawl``: one Scrapy crawler, one spider for every
source, kept articles stored (the figure stage, :mod:`crawler.figure_stage`, follows it). Scrapy's
reactor can start only once per process, so ``run_crawl`` can run only once per process too; tests
and benchmarks run both stages in a subprocess through ``python -m crawler.run --config-json FILE``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from scrapy.crawler import AsyncCrawlerProcess
from scrapy.settings import Settings

from crawler.report import CrawlReport
from crawler.resources import session_maker
from crawler.sources import SOURCE_KINDS, Source
from crawler.spiders.capexwatch import CapexwatchSpider
from crawler.workers import WorkerPool, all_cores
from extract.watch import Watch


def crawl_settings(
    sources: Sequence[Source],
    watch: Watch,
    database_url: str,
    settings_overrides: Mapping[str, Any] | None = None,
    progress: Callable[[str], None] | None = None,
    *,
    run_id: int | None = None,
    pool: WorkerPool | None = None,
    redis_url: str | None = None,
) -> Settings:
    """The project settings, loaded from ``crawler.settings`` explicitly (not via a scrapy.cfg
    found from the working directory), plus this run's configuration."""
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("CAPEXWATCH_SOURCES", list(sources), priority="cmdline")
    settings.set("CAPEXWATCH_WATCH", watch, priority="cmdline")
    settings.set("CAPEXWATCH_DATABASE_URL", database_url, priority="cmdline")
    settings.set("CAPEXWATCH_RUN_ID", run_id, priority="cmdline")
    settings.set("CAPEXWATCH_PROGRESS", progress, priority="cmdline")
    settings.set("CAPEXWATCH_POOL", pool, priority="cmdline")
    if settings_overrides:
        settings.update(dict(settings_overrides), priority="cmdline")
    if redis_url:
        from crawler.distributed import distributed_settings

        settings.update(distributed_settings(redis_url), priority="cmdline")
    return settings


def run_crawl(
    sources: Sequence[Source],
    watch: Watch,
    database_url: str,
    *,
    run_id: int | None = None,
    settings_overrides: Mapping[str, Any] | None = None,
    progress: Callable[[str], None] | None = None,
    pool: WorkerPool | None = None,
    redis_url: str | None = None,
) -> CrawlReport:
    """Crawl every source once, in one spider run, into ``database_url``.

    Articles are stored with ``run_id`` (the run record that the caller keeps, if any). ``pool``
    is the process pool that extracts page text (started here when None, sized by the
    ``CAPEXWATCH_WORKERS`` setting). ``redis_url`` makes this process one of several sharing a
    request queue and duplicate filter in Redis (:mod:`crawler.distributed`).

    A source that fails (its feed 500s, isn't XML, times out) is counted in the report and
    doesn't stop the others. The database is opened (and migrated) before the crawl starts, so
    a bad URL fails at once.
    """
    for source in sources:
        if source.kind not in SOURCE_KINDS:
            raise ValueError(f"source {source.name!r}: unknown kind {source.kind!r}")
    session_maker(database_url)
    if not sources:
        return CrawlReport()
    settings = crawl_settings(
        sources, watch, database_url, settings_overrides, progress, run_id=run_id, pool=pool, redis_url=redis_url
    )
    process = AsyncCrawlerProcess(settings)
    crawler = process.create_crawler(CapexwatchSpider)
    process.crawl(crawler)
    process.start()
    return CrawlReport.from_stats(sources, crawler.stats.get_stats() if crawler.stats else {})


def load_config(path: str) -> dict[str, Any]:
    """Read the JSON config of ``python -m crawler.run`` (a test/benchmark entry, not the
    user's TOML config, which ``capexwatch`` validates): sources, watch and database_url, and
    optionally settings, workers, run_id, redis_url and figures (false: crawl stage only)."""
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    data["sources"] = [Source(name=s["name"], kind=s["kind"], url=s["url"]) for s in data["sources"]]
    watch_data = data.get("watch")
    if watch_data is None:
        from extract.watch import DEFAULT_WATCH

        data["watch"] = DEFAULT_WATCH
    else:
        data["watch"] = Watch(
            subject=watch_data["subject"],
            aliases=tuple(watch_data.get("aliases", ())),
            topics=tuple(watch_data.get("topics", ())),
        )
    return data


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m crawler.run --config-json FILE [--report-json OUT]``: the crawl stage, then the
    figure stage, in this process; one report."""
    parser = argparse.ArgumentParser(prog="python -m crawler.run", description=main.__doc__)
    parser.add_argument("--config-json", required=True, help="sources, watch, database_url, settings, ...")
    parser.add_argument("--report-json", help="write the CrawlReport (and the figure stage's) as JSON here")
    args = parser.parse_args(argv)
    config = load_config(args.config_json)

    def progress(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    from crawler.figure_stage import FigureReport, extract_figures

    watch, database_url, run_id = config["watch"], config["database_url"], config.get("run_id")
    workers = config.get("workers") or all_cores()
    with WorkerPool(workers, watch, rules=False) as pool:
        report = run_crawl(
            config["sources"], watch, database_url, run_id=run_id, settings_overrides=config.get("settings"),
            progress=progress, pool=pool, redis_url=config.get("redis_url"),
        )  # fmt: skip
    figures = FigureReport()
    if config.get("figures", True):
        claim = None
        if config.get("redis_url"):
            from crawler.distributed import figure_claim
            from extract.pipeline import FigureExtractor

            claim = figure_claim(config["redis_url"], FigureExtractor.ruleset)
        figures = extract_figures(database_url, watch, run_id=run_id, workers=workers, claim=claim, progress=progress)
        report.add_figures(figures)
    if args.report_json:
        with open(args.report_json, "w", encoding="utf-8") as handle:
            json.dump({**report.to_json(), "figure_stage": figures.to_json()}, handle, indent=2)
    for line in report.summary_lines():
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
