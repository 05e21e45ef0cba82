"""``capexwatch crawl``: one recorded run — crawl every configured source, update the ledger, alert."""

from __future__ import annotations

import click

from capexwatch.cli.app import LOG_LEVEL, fail, get_config, main, open_store


@main.command()
@click.option(
    "--source",
    "only",
    multiple=True,
    help="Crawl only the source with this name (repeatable).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress lines; only the summary.")
@LOG_LEVEL
@click.pass_context
def crawl(ctx: click.Context, only: tuple[str, ...], quiet: bool, log_level: str) -> None:
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
    engine = open_store(config.database_url)  # migrate (and fail clearly) before Scrapy starts

    from capexwatch.nightly import run_nightly
    from store.locks import LockHeld

    progress = None if quiet else (lambda line: click.echo(line, err=True))
    try:
        result = run_nightly(
            engine, config, sources,
            settings_overrides={**config.crawl.scrapy_settings(), "LOG_LEVEL": log_level.upper()}, progress=progress,
        )  # fmt: skip
    except LockHeld as exc:
        fail(f"{exc}; not starting a second crawl (a crawl left by a dead process is taken over automatically)")
    finally:
        engine.dispose()
    if result.taken_over is not None:
        dead = result.taken_over.describe()
        click.echo(f"capexwatch: took over the lock of {dead}; that run is marked interrupted", err=True)
    for line in result.crawl.summary_lines() + result.summary_lines():
        click.echo(line)
    for channel, error in result.delivery.failures.items():
        click.echo(f"capexwatch: alerts not delivered to {channel}: {error}; kept for the next run "
                   "or `capexwatch alerts retry`", err=True)  # fmt: skip
