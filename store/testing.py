"""Helpers for tests that need a real store: a throwaway PostgreSQL database, a rolled-back session.

Shipped with the package (as ``sqlalchemy.testing`` and ``django.test`` are) so the crawler's and
the CLI's tests can use a real database the same way the store's own tests do, instead of faking
sessions. Nothing in the application imports this module.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from store.database import parse_url

#: Where the development PostgreSQL server runs; any existing database on it will do.
DEFAULT_POSTGRES_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def postgres_unavailable(server_url: str = DEFAULT_POSTGRES_SERVER) -> str | None:
    """Why the PostgreSQL server at ``server_url`` cannot be used, or ``None`` if it can."""
    engine = create_engine(parse_url(server_url), connect_args={"connect_timeout": 3})
    try:
        with engine.connect():
            return None
    except OperationalError as exc:
        return (
            f"PostgreSQL server {parse_url(server_url).render_as_string()} unreachable: {exc.orig}"
        )
    finally:
        engine.dispose()


@contextmanager
def temporary_postgres_database(
    server_url: str = DEFAULT_POSTGRES_SERVER, prefix: str = "capexwatch_test_"
) -> Iterator[str]:
    """Create an empty database named ``<prefix><random>`` on the server, yield its URL, drop it.

    The drop uses ``WITH (FORCE)`` so a connection leaked by a failing test cannot leave the
    database behind. CREATE/DROP DATABASE cannot run in a transaction, hence AUTOCOMMIT.
    """
    server: URL = parse_url(server_url)
    name = f"{prefix}{secrets.token_hex(6)}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield server.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@contextmanager
def rolled_back_session(engine: Engine) -> Iterator[Session]:
    """A session inside an outer transaction that is rolled back afterwards, whatever happens.

    ``join_transaction_mode="create_savepoint"`` turns the code under test's own
    ``session.begin()``/``commit()``/``rollback()`` into SAVEPOINT operations, so it runs
    unchanged and the database is left as it was (SQLAlchemy's "Joining a Session into an
    External Transaction" recipe).
    """
    with engine.connect() as connection:
        outer = connection.begin()
        session = Session(bind=connection, join_transaction_mode="create_savepoint")
        try:
            yield session
        finally:
            session.close()
            outer.rollback()
