"""The ``capexwatch`` command group and what every command shares: configuration, the database,
failing with one clear line.

Heavy imports (Scrapy, spaCy, trafilatura) happen inside the commands that need them, so
``capexwatch --help`` and configuration errors answer at once. Exit status: 0 when a command
completed (a crawl with failed pages included), 1 when it could not do its job (database
unreachable, unreadable input), 2 for a usage or configuration error.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn

import click

from capexwatch.config import Config, ConfigError, load_config

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def fail(message: str, status: int = 1) -> NoReturn:
    click.echo(f"capexwatch: {message}", err=True)
    sys.exit(status)


def get_config(ctx: click.Context) -> Config:
    """Load the configuration once per invocation; a mistake exits with status 2 before any work."""
    obj = ctx.ensure_object(dict)
    if "config" not in obj:
        try:
            obj["config"] = load_config(obj.get("config_path"), db_override=obj.get("db"))
        except ConfigError as exc:
            fail(f"configuration error: {exc}", status=2)
    return obj["config"]


def open_store(
    url: str,
):  # -> sqlalchemy.Engine (kept lazy: store imports SQLAlchemy + Alembic)
    from store.database import open_database
    from store.errors import StoreError

    try:
        return open_database(url)
    except StoreError as exc:
        fail(str(exc))


@contextmanager
def store_session(ctx: click.Context, *, write: bool = False) -> Iterator[Session]:
    """A session on the configured database (created or upgraded first; one clear line if it cannot
    be opened), in one transaction when ``write``; the engine is disposed of afterwards."""
    from store.database import session_factory

    engine = open_store(get_config(ctx).database_url)
    try:
        factory = session_factory(engine)
        with factory.begin() if write else factory() as session:
            yield session
    finally:
        engine.dispose()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), default=None,
    help="TOML configuration file (default: $CAPEXWATCH_CONFIG, then ./capexwatch.toml, then built-in).",
)  # fmt: skip
@click.option(
    "--db",
    default=None,
    help="Database URL; overrides $CAPEXWATCH_DB and [database] url.",
)
@click.version_option(package_name="capexwatch")
@click.pass_context
def main(ctx: click.Context, config_path: str | None, db: str | None) -> None:
    """Follow what companies are reported to spend: crawl news, extract money figures, review them."""
    ctx.ensure_object(dict).update(config_path=config_path, db=db)


LOG_LEVEL = click.option(
    "--log-level", type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"], case_sensitive=False),
    default="WARNING", show_default=True, help="Scrapy's log on stderr (INFO shows every request and the stats).",
)  # fmt: skip
