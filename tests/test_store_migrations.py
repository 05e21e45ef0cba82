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
from decimal import Decimal
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select, text

from store import NewArticle, SchemaMismatch, add_article, counts, session_factory
from store.database import alembic_config, create_store_engine, open_database, upgrade_database
from store.models import Base, Figure
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


#: Amounts as revision 0001/0002 wrote them on SQLite (decimal text), including the ones SQLite's own
#: text-to-number conversion would round (a long fraction) or cannot hold as an INTEGER.
OLD_TEXT_AMOUNTS = ["9000000000", "150000000000", "10000000000", "0.01", "123456789012345678.91",
                    "99999999999999999999999", "1234567.5"]  # fmt: skip


def test_money_text_rows_become_numbers_without_loss(tmp_path: Path) -> None:
    """Issue: on SQLite money was text, so ``amount > 10bn`` matched $9bn; 0003 converts old rows."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_store_engine(url)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0002")
            connection.execute(
                text(
                    "INSERT INTO articles (id, url, fetched, text, content_hash, source_name) "
                    "VALUES (1, 'https://x/a', '2025-01-01 00:00:00', 't', 'h', 's')"
                )
            )
            for number, amount in enumerate(OLD_TEXT_AMOUNTS):
                connection.execute(
                    text(
                        "INSERT INTO figures (article_id, amount, currency, anonymous, metric, claim, text, "
                        "sentence, sentence_start, start, \"end\", rule, ruleset, status, created) VALUES "
                        "(1, :amount, 'USD', 0, 'capex', 0, 't', 't', 0, :n, :n, '', '', 'pending', "
                        "'2025-01-01 00:00:00')"
                    ),
                    {"amount": amount, "n": number},
                )
        upgrade_database(url)
        with session_factory(engine)() as session:
            stored = list(session.scalars(select(Figure.amount).order_by(Figure.start)))
            over = set(session.scalars(select(Figure.amount).where(Figure.amount > Decimal("10000000000"))))
        assert stored == [Decimal(amount) for amount in OLD_TEXT_AMOUNTS]
        # The two amounts SQLite cannot hold as numbers stay exact (as BLOBs), which sort after numbers.
        assert over == {Decimal("150000000000"), Decimal("123456789012345678.91"), Decimal("99999999999999999999999")}
    finally:
        engine.dispose()


def test_a_database_written_by_a_newer_version_is_refused_untouched(empty_url: str) -> None:
    upgrade_database(empty_url)
    engine = create_store_engine(empty_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '0999_from_the_future'"))
        with pytest.raises(SchemaMismatch, match="'0999_from_the_future', written by a newer capexwatch"):
            open_database(empty_url)
        with engine.connect() as connection:
            assert connection.scalar(text("SELECT version_num FROM alembic_version")) == "0999_from_the_future"
    finally:
        engine.dispose()
