"""PostgreSQL specifics: exact NUMERIC and timestamptz columns, the ON CONFLICT layer under a real
race between two connections, concurrent first-time upgrades, and a clear error when the server
cannot be reached. The shared query and migration tests also run on PostgreSQL
(``test_store_queries.py``, ``test_store_migrations.py``)."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

from store import (
    DatabaseUnreachable,
    NewArticle,
    NewFigure,
    add_article,
    counts,
    open_database,
    session_factory,
)
from store.database import alembic_config, create_store_engine, parse_url
from store.models import Base
from store.testing import postgres_unavailable, temporary_postgres_database

pytestmark = pytest.mark.filterwarnings("error")

#: The PostgreSQL server of the test run (CAPEXWATCH_TEST_PG, as in conftest); unset: SQLite only.
POSTGRES_SERVER = os.environ.get("CAPEXWATCH_TEST_PG")


@pytest.fixture(scope="module")
def database_url() -> Iterator[str]:
    if POSTGRES_SERVER is None:
        pytest.skip("CAPEXWATCH_TEST_PG is not set: PostgreSQL tests are off")
    if reason := postgres_unavailable(POSTGRES_SERVER):
        pytest.fail(f"CAPEXWATCH_TEST_PG is set but {reason}")
    with temporary_postgres_database(POSTGRES_SERVER) as url:
        yield url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = open_database(database_url)
    yield engine
    with engine.begin() as connection:  # committed data: clean up for the next test
        tables = ", ".join(table.name for table in Base.metadata.sorted_tables)
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()


def article(url: str = "https://x/a") -> NewArticle:
    return NewArticle(
        url=url, canonical_url=None, title="t", outlet="o", author=None, published=None,
        fetched=datetime(2025, 1, 1, tzinfo=UTC), text="ByteDance plans Rmb150bn.", source_name="s",
    )  # fmt: skip


def figure() -> NewFigure:
    return NewFigure(
        amount=Decimal("150000000000"), amount_high=None, currency="CNY", year=2025, source=None,
        subject="ByteDance", text="Rmb150bn", sentence="ByteDance plans Rmb150bn.",
        start=16, end=24,
    )  # fmt: skip


def test_columns_are_numeric_and_timestamptz(engine: Engine) -> None:
    with engine.connect() as connection:
        types: dict[str, str] = dict(
            connection.execute(
                text(
                    "SELECT column_name, data_type FROM information_schema.columns "
                    "WHERE table_name = 'figures' "
                    "AND column_name IN ('amount', 'amount_high', 'created')"
                )
            ).all()
        )
    assert types == {
        "amount": "numeric",
        "amount_high": "numeric",
        "created": "timestamp with time zone",
    }


def test_plain_postgresql_url_uses_psycopg_3() -> None:
    assert parse_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert parse_url("postgresql+psycopg://u@h/db").drivername == "postgresql+psycopg"


def _waiting_on_a_lock(engine: Engine) -> bool:
    with engine.connect() as connection:
        return bool(
            connection.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
            )
        )


def test_racing_crawls_store_an_article_once(engine: Engine) -> None:
    """B's duplicate checks pass (A has not committed), so B's INSERT waits on the unique index;
    once A commits, ON CONFLICT DO NOTHING must make B return None instead of raising."""
    factory = session_factory(engine)
    first = factory()
    first.begin()
    assert add_article(first, article(), [figure()]) is not None

    def second_crawl() -> object:
        with factory.begin() as session:
            return add_article(session, article(), [figure()])

    with ThreadPoolExecutor(max_workers=1) as pool:
        racing = pool.submit(second_crawl)
        deadline = time.monotonic() + 10
        while not _waiting_on_a_lock(engine):
            assert time.monotonic() < deadline, "the second crawl never blocked on the unique index"
            assert not racing.done(), (
                f"the second crawl finished without waiting: {racing.result()!r}"
            )
            time.sleep(0.02)
        first.commit()
        first.close()
        assert racing.result(timeout=10) is None
    with factory() as session:
        assert counts(session)["articles"] == 1
        assert counts(session)["figures"] == 1


def _open_after_barrier(url: str, barrier: Any) -> None:
    """Child process body: wait for the others, then open (and so upgrade) the database."""
    barrier.wait(timeout=30)
    open_database(url).dispose()


@pytest.mark.skipif(POSTGRES_SERVER is None, reason="CAPEXWATCH_TEST_PG is not set: PostgreSQL tests are off")
def test_concurrent_first_upgrades_do_not_collide() -> None:
    """Three crawls opening a fresh database at once (real processes, as in production): the
    advisory lock serialises the upgrade, so all succeed and the schema is created once."""
    context = multiprocessing.get_context("spawn")
    with temporary_postgres_database(POSTGRES_SERVER) as url:
        barrier = context.Barrier(3)
        children = [
            context.Process(target=_open_after_barrier, args=(url, barrier)) for _ in range(3)
        ]
        for child in children:
            child.start()
        for child in children:
            child.join(timeout=60)
            if child.is_alive():
                child.terminate()
                child.join()
        assert [child.exitcode for child in children] == [0, 0, 0]
        engine = create_store_engine(url)
        try:
            with engine.connect() as connection:
                head = ScriptDirectory.from_config(alembic_config()).get_current_head()
                assert connection.scalar(text("SELECT version_num FROM alembic_version")) == head
        finally:
            engine.dispose()


def test_unreachable_server_is_reported_with_masked_url() -> None:
    url = "postgresql://bob:s3cret@127.0.0.1:1/nowhere"
    with pytest.raises(
        DatabaseUnreachable, match=r"postgresql\+psycopg://bob:\*\*\*@127.0.0.1:1/nowhere"
    ) as caught:
        open_database(url)
    assert "s3cret" not in str(caught.value)
