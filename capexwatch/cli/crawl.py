"""``capexwatch crawl``: one crawl of every configured source."""

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
    """Crawl every configured source once and store the figures of articles about the watch."""
    config = get_config(ctx)
    sources = [s for s in config.sources if not only or s.name in only]
    if unknown := sorted(set(only) - {s.name for s in config.sources}):
        fail(f"configuration error: {config.label}: no source named {unknown[0]!r}; "
              f"expected one of: {', '.join(s.name for s in config.sources)}", status=2)  # fmt: skip
    if not sources:
        fail(f"configuration error: {config.label}: no [[sources]] to crawl; "
              'expected at least one [[sources]] table with name, kind and url', status=2)  # fmt: skip
    open_store(config.database_url)  # migrate (and fail clearly) before Scrapy starts

    from crawler.run import run_crawl

    progress = None if quiet else (lambda line: click.echo(line, err=True))
    report = run_crawl(
        sources, config.watch, config.database_url,
        settings_overrides={**config.crawl.scrapy_settings(), "LOG_LEVEL": log_level.upper()}, progress=progress,
    )  # fmt: skip
    for line in report.summary_lines():
        click.echo(line)
