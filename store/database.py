"""Open the store's database: check the URL, create/upgrade the schema, hand out sessions.

The schema is only ever created by Alembic (``store/migrations``), never by
``metadata.create_all``, so a database made today and one upgraded from an older release are the
same. The Alembic configuration is built in code and points at the packaged migrations directory,
so it works from any working directory and from an installed wheel, with no ``alembic.ini``.

SQLite needs three adjustments to behave like a real transactional store (see SQLAlchemy's
"Transactions with SQLite and the sqlite3 driver"): Python's sqlite3 module is told not to manage
transactions and we emit ``BEGIN IMMEDIATE`` ourselves, which makes DDL transactional, makes
SAVEPOINTs work, and takes the write lock up front so a read-then-insert (``add_article``) cannot
fail half way with "database is locked"; foreign keys are switched on (SQLite leaves them off);
and a busy timeout makes a second writer wait instead of failing at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from store.errors import DatabaseUnreachable, SchemaMismatch, UnsupportedDatabase

SUPPORTED_BACKENDS: tuple[str, ...] = ("sqlite", "postgresql")
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: Seconds a SQLite writer waits for another writer's lock before giving up.
SQLITE_BUSY_TIMEOUT = 30.0
#: Seconds to wait for a PostgreSQL server to accept and answer a connection: a server that
#: accepts the TCP connection and never answers must not hang a nightly run with no output.
PG_CONNECT_TIMEOUT = 10
#: Arbitrary constant key of the PostgreSQL advisory lock that serialises concurrent upgrades.
PG_MIGRATION_LOCK = 0x6361_7065_7877  # "capexw"


def masked(url: str | URL) -> str:
    """``url`` as text with any password replaced by ``***``, safe for messages and logs."""
    if isinstance(url, URL):
        return url.render_as_string(hide_password=True)
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparseable database URL>"


def parse_url(url: str) -> URL:
    """Parse ``url``, check it names a supported backend; bare ``postgresql://`` means psycopg 3."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise UnsupportedDatabase(f"not a database URL: {masked(url)!r}") from exc
    if parsed.get_backend_name() not in SUPPORTED_BACKENDS:
        raise UnsupportedDatabase(
            f"unsupported database {masked(parsed)!r}: use one of {', '.join(SUPPORTED_BACKENDS)}"
        )
    if parsed.drivername == "postgresql":
        # The project depends on psycopg 3 only; SQLAlchemy 2.0's default driver was psycopg2.
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def is_memory_sqlite(url: URL) -> bool:
    """True for an in-memory SQLite database, which lives only as long as its one connection."""
    return url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:")


def _sqlite_engine(url: URL) -> Engine:
    """A SQLite engine with real transactions, foreign keys and a busy timeout (see module doc)."""
    # A ``?timeout=`` in the URL wins over our default (pysqlite reads it from the query).
    kwargs: dict[str, Any] = (
        {} if "timeout" in url.query else {"connect_args": {"timeout": SQLITE_BUSY_TIMEOUT}}
    )
    if is_memory_sqlite(url):
        # One shared connection, or each new connection would see a new, empty database.
        kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    elif not url.query.get("uri"):
        try:
            Path(str(url.database)).expanduser().parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseUnreachable(
                f"cannot create the directory for {masked(url)!r}: {exc}"
            ) from exc
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def create_store_engine(url: str) -> Engine:
    """An engine for ``url`` configured for the store, without touching the schema.

    Raises :class:`UnsupportedDatabase` for other backends or a missing driver.
    """
    parsed = parse_url(url)
    try:
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(parsed)
        # A ``?connect_timeout=`` in the URL (``[database] connect_timeout``) wins over the default.
        connect_args = {} if "connect_timeout" in parsed.query else {"connect_timeout": PG_CONNECT_TIMEOUT}
        return create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)
    except (NoSuchModuleError, ModuleNotFoundError) as exc:
        raise UnsupportedDatabase(f"no driver for {masked(parsed)!r}: {exc}") from exc


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic configuration for the packaged migrations, optionally bound to ``connection``.

    Passing the connection (rather than a URL) lets us migrate an in-memory SQLite database,
    run the upgrade in the caller's transaction, and never write a password into a config file.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _upgrade_engine(engine: Engine) -> None:
    """Run ``alembic upgrade head`` on ``engine`` in one transaction; a no-op when up to date."""
    try:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                # Two crawls starting at once must not both create the tables.
                connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_MIGRATION_LOCK}
                )
            _refuse_newer_schema(connection, engine.url)
            command.upgrade(alembic_config(connection), "head")
    except DBAPIError as exc:
        # Connection refused, bad credentials, missing database, "file is not a database", ...
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
        raise DatabaseUnreachable(f"cannot open database {masked(engine.url)!r}: {reason}") from exc
    except CommandError as exc:
        raise SchemaMismatch(
            f"cannot upgrade database {masked(engine.url)!r}: {exc} "
            "(was it created by a newer capexwatch?)"
        ) from exc


def _refuse_newer_schema(connection: Connection, url: URL) -> None:
    """Refuse a database whose schema revision this version does not know (a newer capexwatch
    wrote it): upgrading or using it could lose what the newer version stores."""
    current = MigrationContext.configure(connection).get_current_revision()
    if current is None:
        return
    scripts = ScriptDirectory.from_config(alembic_config())
    try:
        known = scripts.get_revision(current) is not None
    except CommandError:
        known = False
    if not known:
        raise SchemaMismatch(
            f"database {masked(url)!r} has schema revision {current!r}, written by a newer capexwatch "
            f"(this one knows up to {scripts.get_current_head()!r}); upgrade capexwatch — nothing was changed"
        )


def upgrade_database(url: str) -> None:
    """Create or upgrade the schema at ``url`` to the latest revision (idempotent).

    For a SQLite file, the file and its parent directory are created if missing.
    """
    engine = create_store_engine(url)
    try:
        _upgrade_engine(engine)
    finally:
        engine.dispose()


def open_database(url: str) -> Engine:
    """An engine for ``url`` whose schema is at the latest revision (upgraded now if needed)."""
    engine = create_store_engine(url)
    try:
        _upgrade_engine(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions for ``engine``; use one ``with factory.begin() as session:`` per article.

    ``expire_on_commit=False`` so objects returned by a finished transaction (an added
    ``Article``) can still be read, e.g. for logging, after the ``with`` block.
    """
    return sessionmaker(bind=engine, expire_on_commit=False)
