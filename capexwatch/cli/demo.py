"""``capexwatch demo``: the whole pipeline on the bundled site, offline."""

from __future__ import annotations

from pathlib import Path

import click

from capexwatch.cli.app import LOG_LEVEL, fail, get_config, main


@main.command()
@click.option(
    "--db-file", "demo_db", type=click.Path(dir_okay=False), default=None,
    help="New SQLite file to crawl into and keep (default: a temporary database, removed afterwards).",
)  # fmt: skip
@click.option("-q", "--quiet", is_flag=True, help="No progress lines.")
@LOG_LEVEL
@click.pass_context
def demo(ctx: click.Context, demo_db: str | None, quiet: bool, log_level: str) -> None:
    """Serve the bundled news site on 127.0.0.1, crawl it into a fresh SQLite database, show the figures.

    The watch and crawl limits come from the configuration (``--config``); the database is a
    temporary one unless ``--db-file`` (a new SQLite file) or the global ``--db`` URL names one —
    never ``[database] url``, so a demo cannot fill the real database with demo articles.
    """
    import tempfile

    from capexwatch.demo_runner import run_demo
    from store.database import masked

    config = get_config(ctx)
    explicit_db = ctx.ensure_object(dict).get("db")
    if demo_db and explicit_db:
        raise click.UsageError("give either --db (before the command) or --db-file, not both")
    progress = None if quiet else (lambda line: click.echo(line, err=True))
    with tempfile.TemporaryDirectory(prefix="capexwatch-demo-") as scratch:
        if explicit_db:
            url, label = explicit_db, masked(explicit_db)
        else:
            path = Path(demo_db) if demo_db else Path(scratch) / "demo.db"
            if path.exists():
                fail(f"{path} exists; the demo crawls into a fresh database: pass another --db-file", status=2)
            url = f"sqlite:///{path}"
            label = str(path) if demo_db else "a temporary database (removed on exit; keep one with --db-file PATH)"
        for line in run_demo(config, url, label, log_level=log_level.upper(), progress=progress):
            click.echo(line)
