"""SQLite specifics: file creation, transactions that really nest, foreign keys, busy timeout,
money kept as exact text, and clear errors for URLs the store cannot use."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import IntegrityError, OperationalError

from store import (
    DatabaseUnreachable,
    Figure,
    NewArticle,
    NewFigure,
    SchemaMismatch,
    UnsupportedDatabase,
    add_article,
    counts,
    open_database,
    session_factory,
    upgrade_database,
)
from store.database import SQLITE_BUSY_TIMEOUT, masked

pytestmark = pytest.mark.filterwarnings("error")


def article(url: str, text_: str = "It costs $0.01.") -> NewArticle:
    return NewArticle(
        url=url, canonical_url=None, title="t", outlet="o", author=None, published=None,
        fetched=datetime(2025, 1, 1, tzinfo=UTC), text=text_, source_name="s",
    )  # fmt: skip


def cent() -> NewFigure:
    return NewFigure(
        amount=Decimal("0.01"), amount_high=None, currency="USD", year=None, source=None,
        subject=None, text="$0.01", sentence="It costs $0.01.", start=9, end=14,
    )  # fmt: skip


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = open_database(f"sqlite:///{tmp_path}/store.db")
    yield engine
    engine.dispose()


def test_upgrade_creates_file_and_parent_directories(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "capexwatch.db"
    upgrade_database(f"sqlite:///{path}")
    assert path.is_file()
    upgrade_database(f"sqlite:///{path}")  # idempotent
    with sqlite3.connect(path) as connection:
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    assert {"articles", "figures", "seen_urls", "review_decisions", "alembic_version"} <= tables


def test_in_memory_database_is_usable_across_sessions() -> None:
    engine = open_database("sqlite://")
    try:
        factory = session_factory(engine)
        with factory.begin() as session:
            add_article(session, article("https://x/a"), [cent()])
        with factory() as session:
            assert counts(session)["figures"] == 1
    finally:
        engine.dispose()


def test_money_is_stored_as_numbers_sqlite_can_hold_exactly(engine: Engine) -> None:
    with session_factory(engine).begin() as session:
        add_article(session, article("https://x/a"), [cent()])
    with engine.connect() as connection:
        row = connection.execute(text("SELECT amount, typeof(amount) FROM figures")).one()
    assert tuple(row) == (0.01, "real")


AMOUNTS = [Decimal("9000000000"), Decimal("150000000000"), Decimal("10000000000"), Decimal("0.01"),
           Decimal("1234567.89"), Decimal("9223372036854775807")]  # fmt: skip


def test_money_compares_and_sorts_numerically_and_reads_back_exactly(engine: Engine) -> None:
    """As text, '9000000000' > '10000000000' and $9bn matched ``amount > 10bn``."""
    factory = session_factory(engine)
    with factory.begin() as session:
        for number, amount in enumerate(AMOUNTS):
            prefix = f"Item {number} costs "
            figure = replace(cent(), amount=amount, sentence=f"{prefix}$0.01.", start=len(prefix), end=len(prefix) + 5)
            add_article(session, article(f"https://x/{number}", f"{prefix}$0.01."), [figure])
    with factory() as session:
        over = session.scalars(select(Figure.amount).where(Figure.amount > Decimal("10000000000")))
        assert sorted(over) == [Decimal("150000000000"), Decimal("9223372036854775807")]
        ordered = list(session.scalars(select(Figure.amount).order_by(Figure.amount)))
    assert ordered == sorted(AMOUNTS)


def test_foreign_keys_are_enforced(engine: Engine) -> None:
    orphan = Figure(
        article_id=12345, amount=Decimal(1), amount_high=None, currency="USD", year=None,
        source=None, subject=None, qualifier=None, text="$1", sentence="$1", sentence_start=0,
        start=0, end=2, rule="", ruleset="",
    )  # fmt: skip
    with (
        pytest.raises(IntegrityError, match="FOREIGN KEY"),
        session_factory(engine).begin() as session,
    ):
        session.add(orphan)


def test_busy_timeout_is_set(engine: Engine) -> None:
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == int(
            SQLITE_BUSY_TIMEOUT * 1000
        )
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_savepoint_rollback_really_undoes_only_the_inner_work(engine: Engine) -> None:
    """pysqlite's legacy transaction handling breaks SAVEPOINT; our BEGIN handling must not."""
    factory = session_factory(engine)
    with factory.begin() as session:
        add_article(session, article("https://x/kept", "kept text"), [])
        nested = session.begin_nested()
        add_article(session, article("https://x/undone", "undone text"), [])
        nested.rollback()
    with factory() as session:
        assert counts(session)["articles"] == 1


def test_transactions_take_the_write_lock_up_front(engine: Engine) -> None:
    """BEGIN IMMEDIATE: a second transaction waits its busy timeout at BEGIN, then fails clearly,
    instead of failing half way through a read-then-insert (a deferred BEGIN would pass here)."""
    impatient = open_database(engine.url.set(query={"timeout": "0.2"}).render_as_string())
    try:
        with engine.begin():
            started = time.monotonic()
            with pytest.raises(OperationalError, match="database is locked"), impatient.begin():
                pass
            assert time.monotonic() - started >= 0.15
    finally:
        impatient.dispose()


@pytest.mark.parametrize(
    ("url", "error", "message"),
    [
        ("mysql://bob:s3cret@db.example/capex", UnsupportedDatabase, "unsupported database"),
        ("not a url", UnsupportedDatabase, "not a database URL"),
        ("postgresql+nosuchdriver://bob:s3cret@h/db", UnsupportedDatabase, "no driver"),
    ],
)
def test_unusable_urls_fail_clearly_and_hide_passwords(
    url: str, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message) as caught:
        open_database(url)
    assert "s3cret" not in str(caught.value)
    if "://" in url:
        assert "***" in str(caught.value)


def test_unwritable_sqlite_path_is_unreachable(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(DatabaseUnreachable, match="file/sub"):
        upgrade_database(f"sqlite:///{blocker}/sub/x.db")


def test_a_file_that_is_not_a_database_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are notes, not a database " * 10)
    with pytest.raises(DatabaseUnreachable, match="file is not a database"):
        open_database(f"sqlite:///{path}")


def test_a_database_from_a_newer_release_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/newer.db"
    upgrade_database(url)
    with sqlite3.connect(tmp_path / "newer.db") as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(SchemaMismatch, match=r"9999.*newer capexwatch"):
        open_database(url)


def test_masked_hides_only_the_password() -> None:
    assert masked("postgresql://bob:s3cret@h:5432/db") == "postgresql://bob:***@h:5432/db"
    assert masked("sqlite:///x.db") == "sqlite:///x.db"


def test_stored_cent_reads_back_through_the_orm(engine: Engine) -> None:
    with session_factory(engine).begin() as session:
        add_article(session, article("https://x/a"), [cent()])
    with session_factory(engine)() as session:
        assert session.scalar(select(Figure.amount)) == Decimal("0.01")
