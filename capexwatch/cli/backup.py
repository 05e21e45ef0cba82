"""``capexwatch backup``: a consistent copy of the SQLite database, safe while a crawl runs."""

from __future__ import annotations

from pathlib import Path

import click

from capexwatch.cli.app import fail, get_config, main


@main.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.pass_context
def backup(ctx: click.Context, path: str) -> None:
    """Copy the configured SQLite database to PATH (a new file), consistently, even mid-crawl."""
    from store.backup import BackupError, backup_sqlite

    config = get_config(ctx)
    try:
        size = backup_sqlite(config.database_url, Path(path))
    except BackupError as exc:
        fail(str(exc))
    click.echo(f"backed up to {path} ({size:,} bytes)")
