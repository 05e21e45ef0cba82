"""``capexwatch demo``: the whole pipeline on the bundled site, offline."""

from __future__ import annotations

from pathlib import Path

import click

from capexwatch.cli.app import LOG_LEVEL, fail, main


@main.command()
@click.option("--db-file", "demo_db", type=click.Path(dir_okay=False), default=None,
              help="SQLite file to crawl into (default: a fresh temporary file, removed afterwards).")  # fmt: skip
@click.option("-q", "--quiet", is_flag=True, help="No progress lines.")
@LOG_LEVEL
def demo(demo_db: str | None, quiet: bool, log_level: str) -> None:
    """Serve the bundled news site on 127.0.0.1, crawl it into a fresh SQLite database, show the figures."""
    import tempfile

    from capexwatch.demo_runner import run_demo

    with tempfile.TemporaryDirectory(prefix="capexwatch-demo-") as scratch:
        path = Path(demo_db) if demo_db else Path(scratch) / "demo.db"
        if path.exists():
            fail(
                f"{path} exists; the demo crawls into a fresh database: pass another --db-file",
                status=2,
            )
        progress = None if quiet else (lambda line: click.echo(line, err=True))
        for line in run_demo(path, progress=progress, log_level=log_level.upper()):
            click.echo(line)
