"""Alembic migrations on empty SQLite and PostgreSQL databases: they build exactly the models.

``compare_metadata`` is what ``alembic revision --autogenerate`` runs; an empty diff after
``upgrade head`` means the hand-checked revision and ``store/models.py`` agree (types, nullability,
indexes, unique constraints, foreign keys). CHECK constraints are not compared by Alembic, so
their names are checked separately.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from store import NewArticle, add_article, counts, session_factory
from store.database import alembic_config, create_store_engine, open_database, upgrade_database
from store.models import Base
from store.testing import postgres_unavailable, temporary_postgres_database

pytestmark = pytest.mark.filterwarnings("error")

#: The PostgreSQL server of the test run (CAPEXWATCH_TEST_PG, as in conftest); unset: SQLite only.
POSTGRES_SERVER = os.environ.get("CAPEXWATCH_TEST_PG")
#: Every table the models declare, plus Alembic's own.
TABLES = {*Base.metadata.tables, "alembic_version"}


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of a database that does not exist yet (SQLite) or has no tables (PostgreSQL)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/new/dir/capexwatch.db"
        return
    if POSTGRES_SERVER is None:
        pytest.skip("CAPEXWATCH_TEST_PG is not set: PostgreSQL tests are off")
    if reason := postgres_unavailable(POSTGRES_SERVER):
        pytest.fail(f"CAPEXWATCH_TEST_PG is set but {reason}")
    with temporary_postgres_database(POSTGRES_SERVER) as url:
        yield url


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def test_there_is_one_head() -> None:
    assert len(ScriptDirectory.from_config(alembic_config()).get_heads()) == 1


def test_upgrade_from_empty_creates_every_table_at_head(empty_url: str) -> None:
    upgrade_database(empty_url)
    engine = create_store_engine(empty_url)
    try:
        assert set(inspect(engine).get_table_names()) == TABLES
        with engine.connect() as connection:
            assert MigrationContext.configure(connection).get_current_revision() == head_revision()
    finally:
        engine.dispose()


def test_upgraded_schema_matches_the_models(empty_url: str) -> None:
    upgrade_database(empty_url)
    engine = create_store_engine(empty_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
        inspector = inspect(engine)
        assert {c["name"] for c in inspector.get_check_constraints("figures")} == {
            "ck_figures_status"
        }
        assert {c["name"] for c in inspector.get_check_constraints("review_decisions")} == {
            "ck_review_decisions_decision"
        }
    finally:
        engine.dispose()


def test_upgrade_is_idempotent_and_keeps_data(empty_url: str) -> None:
    engine = open_database(empty_url)
    try:
        with session_factory(engine).begin() as session:
            article = NewArticle(
                url="https://x/a", canonical_url=None, title=None, outlet=None, author=None,
                published=None, fetched=datetime(2025, 1, 1, tzinfo=UTC), text="t", source_name="s",
            )  # fmt: skip
            assert add_article(session, article, []) is not None
    finally:
        engine.dispose()
    upgrade_database(empty_url)
    engine = open_database(empty_url)
    try:
        with session_factory(engine)() as session:
            assert counts(session)["articles"] == 1
    finally:
        engine.dispose()


def test_downgrade_to_base_then_upgrade_again(empty_url: str) -> None:
    upgrade_database(empty_url)
    engine = create_store_engine(empty_url)
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "base")
        assert set(inspect(engine).get_table_names()) == {"alembic_version"}
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "head")
            assert (
                connection.scalar(text("SELECT version_num FROM alembic_version"))
                == head_revision()
            )
    finally:
        engine.dispose()
