"""``capexwatch init`` and ``capexwatch config``: the database schema and the configuration."""

from __future__ import annotations

import click

from capexwatch.cli.app import fail, get_config, main


@main.command()
@click.pass_context
def init(ctx: click.Context) -> None:
    """Create the database or upgrade it to the newest schema (Alembic migrations)."""
    from sqlalchemy.engine import make_url

    from store.database import upgrade_database
    from store.errors import StoreError

    config = get_config(ctx)
    try:
        upgrade_database(config.database_url)
    except StoreError as exc:
        fail(str(exc))
    click.echo(f"database ready: {make_url(config.database_url).render_as_string(hide_password=True)}")


@main.command("config")
@click.pass_context
def show_config(ctx: click.Context) -> None:
    """Validate the configuration and print what it resolves to (nothing is fetched)."""
    config = get_config(ctx)
    click.echo(f"configuration: {config.label}")
    click.echo(f"watch: {config.watch.subject} (aliases: {', '.join(config.watch.aliases) or '-'})")
    click.echo(f"topics: {', '.join(config.watch.topics)}")
    from store.database import masked

    click.echo(f"database: {masked(config.database_url)}")
    click.echo(f"sources ({len(config.sources)}):")
    for source in config.sources:
        click.echo(f"  [{source.kind}] {source.name}: {source.url}")
