"""The shared ``database_url`` fixture hands each test an empty, migrated database on every backend."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from store import NewArticle, add_article, open_database, session_factory
from store.models import Article


def _store_one(url: str, address: str) -> int:
    engine = open_database(url)
    try:
        with session_factory(engine).begin() as session:
            add_article(
                session,
                NewArticle(
                    url=address, canonical_url=None, title="t", outlet="o", author=None, published=None,
                    fetched=datetime(2025, 1, 1, tzinfo=UTC), text=f"text of {address}", source_name="s",
                ),  # fmt: skip
                [],
            )
        with session_factory(engine)() as session:
            return session.scalar(select(func.count()).select_from(Article)) or 0
    finally:
        engine.dispose()


def test_first_test_sees_an_empty_database(database_url: str) -> None:
    assert _store_one(database_url, "https://x/first") == 1


def test_second_test_sees_an_empty_database_too(database_url: str) -> None:
    assert _store_one(database_url, "https://x/second") == 1
