"""``capexwatch crawl``: one crawl of every configured source, then the figures of what it kept."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import click

from capexwatch.cli.app import LOG_LEVEL, fail, get_config, main, open_store
from capexwatch.config import Config, ConfigError, check_redis_url

if TYPE_CHECKING:
    from crawler.figure_stage import FigureReport
    from crawler.report import CrawlReport
    from crawler.sources import Source


def crawl_then_extract(
    config: Config,
    sources: Sequence[Source],
    *,
    run_id: int | None = None,
    progress: Callable[[str], None] | None = None,
    log_level: str = "WARNING",
    redis_url: str | None = None,
) -> tuple[CrawlReport, FigureReport]:
    """The stages of ``capexwatch crawl``, in order:

    1. the crawl stage stores every kept article (with ``run_id``), page text extracted in a pool
       of ``[crawl] workers`` processes;
    2. the figure stage extracts and stores the figures of every article without figures of the
       current rule-set (with ``run_id``), in a pool of its own — forked once the crawl is over
       from a process that built the rules once, and only if some article needs them.

    The crawl report comes back with the figure counts added, per source. With ``redis_url``
    this process is one of several crawling together, and the figure stage splits its articles
    with the others.
    """
    from crawler.figure_stage import extract_figures
    from crawler.run import run_crawl
    from crawler.workers import WorkerPool

    overrides = {**config.crawl.scrapy_settings(), "LOG_LEVEL": log_level}
    with WorkerPool(config.crawl.pool_size, config.watch, rules=False) as pool:
        crawl_report = run_crawl(
            sources, config.watch, config.database_url,
            run_id=run_id, settings_overrides=overrides, progress=progress, pool=pool, redis_url=redis_url,
        )  # fmt: skip
    claim = None
    if redis_url:
        from crawler.distributed import figure_claim
        from extract.pipeline import FigureExtractor

        claim = figure_claim(redis_url, FigureExtractor.ruleset)
    figure_report = extract_figures(
        config.database_url, config.watch, run_id=run_id, workers=config.crawl.pool_size, claim=claim,
        progress=progress,
    )  # fmt: skip
    crawl_report.add_figures(figure_report)
    return crawl_report, figure_report


@main.command()
@click.option(
    "--source",
    "only",
    multiple=True,
    help="Crawl only the source with this name (repeatable).",
)
@click.option(
    "--distributed", "redis_url", metavar="REDIS_URL", default=None,
    help="Crawl together with other processes sharing this Redis (e.g. redis://127.0.0.1:6379/0); "
    "overrides [crawl] redis_url.",
)  # fmt: skip
@click.option("-q", "--quiet", is_flag=True, help="No progress lines; only the summary.")
@LOG_LEVEL
@click.pass_context
def crawl(ctx: click.Context, only: tuple[str, ...], redis_url: str | None, quiet: bool, log_level: str) -> None:
    """Crawl every configured source once and store the figures of articles about the watch."""
    config = get_config(ctx)
    sources = [s for s in config.sources if not only or s.name in only]
    if unknown := sorted(set(only) - {s.name for s in config.sources}):
        fail(f"configuration error: {config.label}: no source named {unknown[0]!r}; "
              f"expected one of: {', '.join(s.name for s in config.sources)}", status=2)  # fmt: skip
    if not sources:
        fail(f"configuration error: {config.label}: no [[sources]] to crawl; "
              'expected at least one [[sources]] table with name, kind and url', status=2)  # fmt: skip
    if redis_url is not None:
        try:
            redis_url = check_redis_url(redis_url, "--distributed")
        except ConfigError as exc:
            fail(f"configuration error: {exc}", status=2)
    redis_url = redis_url or config.crawl.redis_url
    open_store(config.database_url)  # migrate (and fail clearly) before Scrapy starts
    if redis_url:
        _check_redis(redis_url)

    progress = None if quiet else (lambda line: click.echo(line, err=True))
    crawl_report, figure_report = crawl_then_extract(
        config, sources, progress=progress, log_level=log_level.upper(), redis_url=redis_url
    )
    for line in crawl_report.summary_lines():
        click.echo(line)
    click.echo(figure_report.summary_line())


def _check_redis(redis_url: str) -> None:
    """Fail with one line (status 1) if the Redis server cannot be reached, before anything runs."""
    from redis import Redis
    from redis.exceptions import RedisError

    server = Redis.from_url(redis_url, socket_connect_timeout=5)
    try:
        server.ping()
    except RedisError as exc:
        fail(f"cannot reach Redis at {redis_url}: {exc}")
    finally:
        server.close()
