"""``capexwatch crawl``: one recorded run — crawl every configured source, extract the figures of what
it kept, update the ledger, alert."""

from __future__ import annotations

import click

from capexwatch.cli.app import LOG_LEVEL, fail, get_config, main, open_store
from capexwatch.config import ConfigError, check_redis_url


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
    """Crawl every configured source once, store the figures of articles about the watch, and alert
    about new and changed claims (a recorded run; two never overlap on one database)."""
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
    engine = open_store(config.database_url)  # migrate (and fail clearly) before Scrapy starts
    if redis_url:
        _check_redis(redis_url)

    from capexwatch.nightly import run_nightly
    from store.locks import LockHeld

    progress = None if quiet else (lambda line: click.echo(line, err=True))
    try:
        result = run_nightly(
            engine, config, sources, log_level=log_level.upper(), progress=progress, redis_url=redis_url
        )
    except LockHeld as exc:
        fail(f"{exc}; not starting a second crawl (a crawl left by a dead process is taken over automatically)")
    finally:
        engine.dispose()
    if result.taken_over is not None:
        dead = result.taken_over.describe()
        click.echo(f"capexwatch: took over the lock of {dead}; that run is marked interrupted", err=True)
    lines = result.crawl.summary_lines()
    if result.figures is not None:
        lines.append(result.figures.summary_line())
    for line in lines + result.summary_lines():
        click.echo(line)
    for channel, error in result.delivery.failures.items():
        click.echo(f"capexwatch: alerts not delivered to {channel}: {error}; kept for the next run "
                   "or `capexwatch alerts retry`", err=True)  # fmt: skip


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
