"""Alembic environment for the store, driven from code by :mod:`store.database`.

Usually :func:`store.database.alembic_config` passes an open connection in
``config.attributes["connection"]`` and the migration runs inside the caller's transaction. For
ad-hoc use (``alembic -c ... upgrade head``) a ``sqlalchemy.url`` main option is honoured too,
through the same engine setup as the application. No logging configuration is applied: the
application owns logging.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from store.database import create_store_engine
from store.models import Base

config = context.config
target_metadata = Base.metadata


def _configure(connection: Connection) -> None:
    """Bind the context to ``connection``; batch mode on SQLite, whose ALTER TABLE is limited."""
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )


def run_migrations_offline() -> None:
    """Write the SQL for a URL instead of running it (``alembic upgrade head --sql``)."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Migrate through the given connection, or through a new engine for ``sqlalchemy.url``."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no connection in config.attributes and no sqlalchemy.url option")
    engine = create_store_engine(url)
    try:
        with engine.connect() as new_connection:
            _configure(new_connection)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
