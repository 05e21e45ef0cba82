"""The store's queries on real databases: SQLite (a file) and PostgreSQL (a throwaway database).

Each test runs in a session joined to an outer transaction that is rolled back afterwards
(``store.testing.rolled_back_session``), so tests share one migrated database per backend and
stay fast. Values are re-read from the database (after ``expire_all``) wherever exactness is the
point, never from the identity map.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

import store.queries
from store import (
    Article,
    Figure,
    InvalidDecision,
    InvalidRecord,
    NewArticle,
    NewFigure,
    ReviewDecision,
    SeenUrl,
    StoreError,
    add_article,
    content_hash,
    counts,
    export_rows,
    is_stored,
    mark_seen,
    open_database,
    record_decision,
    seen_urls,
    session_factory,
)
from store.queries import EXPORT_KEYS
from store.testing import rolled_back_session
from store.users import add_user

pytestmark = pytest.mark.filterwarnings("error")

FETCHED = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
TEXT = (
    "ByteDance plans to spend Rmb150bn (US$20.64bn) on AI infrastructure in 2025, "
    "people familiar with the matter told Reuters. A cable costs $0.01 more."
)


@pytest.fixture(scope="module")
def engine(module_database_url: str) -> Iterator[Engine]:
    """One migrated database per backend (SQLite; PostgreSQL with CAPEXWATCH_TEST_PG) for the module."""
    engine = open_database(module_database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with rolled_back_session(engine) as session:
        yield session


def make_article(url: str = "https://news.example/a", **changes: object) -> NewArticle:
    values: dict[str, object] = {
        "url": url,
        "canonical_url": None,
        "title": "ByteDance to spend big on AI",
        "outlet": "Reuters",
        "author": "A. Writer",
        "published": datetime(2025, 1, 2, 9, 30, tzinfo=timezone(timedelta(hours=8))),
        "fetched": FETCHED,
        "text": TEXT,
        "source_name": "reuters",
        "language": "en",
    }
    values.update(changes)
    return NewArticle(**values)  # type: ignore[arg-type]


def make_figure(
    text: str = TEXT, written: str = "Rmb150bn", amount: str = "150000000000", **changes: object
) -> NewFigure:
    start = text.index(written)
    values: dict[str, object] = {
        "amount": Decimal(amount),
        "amount_high": None,
        "currency": "CNY",
        "year": 2025,
        "source": "Reuters",
        "subject": "ByteDance",
        "text": written,
        "sentence": text[: text.index(".") + 1],
        "start": start,
        "end": start + len(written),
        "sentence_start": 0,
        "qualifier": "plans",
        "metric": "capex",
        "claim": 1,
        "anonymous": True,
        "rule": "money.rmb_suffix",
        "ruleset": "capexwatch_rules.v1",
    }
    values.update(changes)
    return NewFigure(**values)  # type: ignore[arg-type]


def stored_figures(session: Session) -> list[Figure]:
    """Figures as they come back from the database, not from the identity map."""
    session.expire_all()
    return list(session.scalars(select(Figure).order_by(Figure.start)))


# --- add_article ------------------------------------------------------------------------------


def test_add_article_keeps_article_and_figures_with_provenance(session: Session) -> None:
    figures = [
        make_figure(),
        make_figure(written="US$20.64bn", amount="20.64E+9", currency="USD"),
    ]
    with session.begin():
        article = add_article(
            session, make_article(canonical_url="https://news.example/canon"), figures
        )
    assert article is not None

    session.expire_all()
    stored = session.get_one(Article, article.id)
    assert stored.url == "https://news.example/a"
    assert stored.canonical_url == "https://news.example/canon"
    assert stored.content_hash == content_hash(TEXT)
    assert stored.source_name == "reuters"
    assert stored.fetched == FETCHED
    assert [f.text for f in stored.figures] == ["Rmb150bn", "US$20.64bn"]
    for figure in stored.figures:
        assert stored.text[figure.start : figure.end] == figure.text
        assert stored.text[figure.sentence_start :].startswith(figure.sentence)
        assert figure.status == "pending"
        assert figure.claim == 1 and figure.anonymous is True
        assert (figure.rule, figure.ruleset) == ("money.rmb_suffix", "capexwatch_rules.v1")
        assert figure.created.tzinfo is not None


def test_published_is_stored_in_utc(session: Session) -> None:
    article = add_article(session, make_article(), [])
    assert article is not None
    session.expire_all()
    published = session.get_one(Article, article.id).published
    assert published == datetime(2025, 1, 2, 1, 30, tzinfo=UTC)
    assert published is not None and published.utcoffset() == timedelta(0)


def test_figures_whose_offsets_miss_their_text_are_refused(session: Session) -> None:
    shifted = replace(make_figure(), start=1, end=9)
    with pytest.raises(InvalidRecord, match="does not match the article text"):
        add_article(session, make_article(), [make_figure(), shifted])
    assert counts(session)["articles"] == 0


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="published"):
        make_article(published=datetime(2025, 1, 2))
    with pytest.raises(ValueError, match="fetched"):
        make_article(fetched=datetime(2025, 1, 2))


def test_duplicate_url_is_not_stored_again(session: Session) -> None:
    assert add_article(session, make_article(), [make_figure()]) is not None
    again = make_article(text=TEXT + " Updated.")
    assert add_article(session, again, [make_figure()]) is None
    assert counts(session)["articles"] == 1
    assert counts(session)["figures"] == 1


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # the new page's URL is an already-stored canonical URL
        (
            {"url": "https://m.example/a", "canonical_url": "https://example/a"},
            {"url": "https://example/a"},
        ),
        # the new page's canonical URL is an already-stored URL
        (
            {"url": "https://example/a"},
            {"url": "https://amp.example/a", "canonical_url": "https://example/a"},
        ),
        # both point at the same canonical URL
        (
            {"url": "https://m.example/a", "canonical_url": "https://example/a"},
            {"url": "https://amp.example/a", "canonical_url": "https://example/a"},
        ),
    ],
)
def test_duplicate_canonical_url_is_not_stored_again(
    session: Session, first: dict[str, str], second: dict[str, str]
) -> None:
    assert add_article(session, make_article(**first), []) is not None
    assert add_article(session, make_article(**second, text="Other words entirely."), []) is None
    assert counts(session)["articles"] == 1


def test_same_text_under_another_url_is_not_stored_again(session: Session) -> None:
    assert add_article(session, make_article(), [make_figure()]) is not None
    respaced = TEXT.replace(" ", "\u00a0 \n", 3)  # syndicated copy: other whitespace, same words
    assert content_hash(respaced) == content_hash(TEXT)
    assert (
        add_article(session, make_article("https://other.example/copy", text=respaced), []) is None
    )
    assert counts(session)["articles"] == 1


def test_different_text_has_a_different_hash() -> None:
    assert content_hash(TEXT) != content_hash(TEXT.replace("150", "160"))


def test_conflicting_insert_stores_nothing_when_precheck_misses(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ON CONFLICT DO NOTHING layer alone: what a concurrent crawl would hit."""
    assert add_article(session, make_article(), [make_figure()]) is not None
    monkeypatch.setattr(store.queries, "_already_stored", lambda *args: False)
    assert add_article(session, make_article(), [make_figure()]) is None
    assert add_article(session, make_article("https://other.example/b"), [make_figure()]) is None
    assert counts(session) == {
        "articles": 1,
        "figures": 1,
        "figures_by_status": {"pending": 1, "approved": 0, "rejected": 0},
    }


def test_add_article_does_not_commit(engine: Engine) -> None:
    """The caller owns the transaction: rolling it back must leave nothing stored."""
    factory = session_factory(engine)
    with factory() as session:
        assert (
            add_article(session, make_article("https://rollback.example/x"), [make_figure()])
            is not None
        )
        session.rollback()
    with factory() as session:
        assert not is_stored(session, ["https://rollback.example/x"])
        assert session.scalar(select(Figure.id).limit(1)) is None


# --- money exactness --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "amount", "expected"),
    [
        ("Rmb150bn", Decimal("150E+9"), "150000000000"),
        ("US$20.64bn", Decimal("20.64E+9"), "20640000000"),
        ("$0.01", Decimal("0.01"), "0.01"),
        ("$0.01", Decimal("0.0100"), "0.01"),
        # beyond a float's 15-17 significant digits: only an exact path keeps the cents
        ("$0.01", Decimal("123456789012345678.91"), "123456789012345678.91"),
    ],
)
def test_amounts_come_back_exactly(
    session: Session, written: str, amount: Decimal, expected: str
) -> None:
    figure = replace(make_figure(written=written), amount=amount, amount_high=amount + 1)
    assert add_article(session, make_article(), [figure]) is not None
    (stored,) = stored_figures(session)
    assert isinstance(stored.amount, Decimal)
    assert str(stored.amount) == expected
    assert stored.amount == Decimal(expected)
    assert stored.amount_high == Decimal(expected) + 1
    assert str(next(export_rows(session))["amount"]) == expected


def test_float_amounts_are_refused() -> None:
    with pytest.raises(TypeError, match="amount"):
        make_figure(amount="1", amount_high=1.5)
    with pytest.raises(TypeError, match="amount"):
        replace(make_figure(), amount=20.64e9)  # type: ignore[arg-type]  # the point of the test


# --- export -----------------------------------------------------------------------------------


def _seed_three_articles(session: Session) -> None:
    """Inserted out of order: undated, then March, then January; figures out of offset order."""
    late_text = "Later: ByteDance $7B and $9B."
    undated = make_article("https://x/undated", published=None, text="Undated $5 note.")
    add_article(session, undated, [make_figure("Undated $5 note.", "$5", "5", currency="USD")])
    march = make_article(
        "https://x/march", published=datetime(2025, 3, 1, tzinfo=UTC), text=late_text
    )
    add_article(
        session,
        march,
        [
            make_figure(late_text, "$9B", "9E+9", currency="USD"),
            make_figure(late_text, "$7B", "7E+9", currency="USD"),
        ],
    )
    january = make_article("https://x/january", published=datetime(2025, 1, 5, tzinfo=UTC))
    add_article(session, january, [make_figure()])


def test_export_rows_order_and_keys(session: Session) -> None:
    _seed_three_articles(session)
    rows = list(export_rows(session))
    assert [row["text"] for row in rows] == ["Rmb150bn", "$7B", "$9B", "$5"]
    assert all(tuple(row) == EXPORT_KEYS for row in rows)
    assert set(EXPORT_KEYS) == {
        "id", "amount", "amount_high", "currency", "year", "source", "subject", "anonymous",
        "qualifier", "metric", "claim", "text", "sentence", "start", "end", "rule", "ruleset",
        "status", "article_url", "article_title", "outlet", "published", "article_id",
        "effective_amount", "effective_amount_high", "effective_currency", "effective_year",
        "effective_source", "effective_subject", "effective_anonymous", "effective_qualifier",
        "effective_metric", "corrected_fields", "decision", "decided_by", "decided_at", "decision_note",
    }  # fmt: skip
    first = rows[0]
    assert first["amount"] == Decimal("150000000000") and isinstance(first["amount"], Decimal)
    assert first["article_url"] == "https://x/january"
    assert first["article_title"] == "ByteDance to spend big on AI"
    assert first["outlet"] == "Reuters"
    assert first["published"] == "2025-01-05T00:00:00+00:00"
    assert rows[-1]["published"] is None
    assert first["article_id"] == session.scalar(
        select(Article.id).where(Article.url == "https://x/january")
    )


def test_export_rows_filters_by_status(session: Session) -> None:
    _seed_three_articles(session)
    ids = [row["id"] for row in export_rows(session)]
    record_decision(session, ids[1], "approved", add_user(session, "ann", "password-ann"))
    assert [row["id"] for row in export_rows(session, status="approved")] == [ids[1]]
    assert [row["id"] for row in export_rows(session, status="pending")] == [ids[0], ids[2], ids[3]]
    with pytest.raises(StoreError, match="unknown figure status"):
        list(export_rows(session, status="bogus"))


# --- seen URLs --------------------------------------------------------------------------------


def test_mark_seen_upsert_keeps_first_seen(session: Session) -> None:
    first = datetime(2025, 1, 1, tzinfo=UTC)
    later = datetime(2025, 1, 2, 8, 0, tzinfo=timezone(timedelta(hours=8)))
    mark_seen(session, "https://x/a", "irrelevant", "reuters", when=first)
    mark_seen(session, "https://x/b", "kept", "scmp", when=first)
    mark_seen(session, "https://x/a", "kept", None, when=later)

    session.expire_all()
    row = session.get_one(SeenUrl, "https://x/a")
    assert (row.outcome, row.source_name) == ("kept", "reuters")
    assert row.first_seen == first
    assert row.last_seen == later == datetime(2025, 1, 2, tzinfo=UTC)
    assert seen_urls(session) == {"https://x/a", "https://x/b"}
    assert seen_urls(session, outcomes=["irrelevant"]) == set()
    assert session.scalar(select(SeenUrl.outcome).where(SeenUrl.url == "https://x/b")) == "kept"


def test_mark_seen_defaults_to_now(session: Session) -> None:
    before = datetime.now(UTC)
    mark_seen(session, "https://x/now", "no_text", "reuters")
    session.expire_all()
    row = session.get_one(SeenUrl, "https://x/now")
    assert before <= row.first_seen == row.last_seen <= datetime.now(UTC)


def test_is_stored(session: Session) -> None:
    add_article(session, make_article("https://x/a", canonical_url="https://x/canon"), [])
    assert is_stored(session, ["https://nope", "https://x/a"])
    assert is_stored(session, iter(["https://x/canon"]))
    assert not is_stored(session, ["https://nope"])
    assert not is_stored(session, [])


# --- review decisions -------------------------------------------------------------------------


def test_record_decision_sets_status_and_keeps_who_and_when(session: Session) -> None:
    article = add_article(session, make_article(), [make_figure()])
    assert article is not None
    figure_id = article.figures[0].id
    before = datetime.now(UTC)
    ann, bob = add_user(session, "ann", "password-ann"), add_user(session, "bob", "password-bob")
    record_decision(session, figure_id, "approved", ann, note="matches the filing")
    record_decision(
        session,
        figure_id,
        "corrected",
        bob,
        corrected={"amount": Decimal("1.6E+11"), "year": 2026},
    )

    session.expire_all()
    figure = session.get_one(Figure, figure_id)
    assert figure.status == "approved"  # a correction approves the figure with corrected values
    assert figure.version == 2
    assert figure.amount == Decimal(
        "150000000000"
    )  # extracted value kept; correction is in the decision
    decisions = list(session.scalars(select(ReviewDecision).order_by(ReviewDecision.id)))
    assert [(d.decision, d.reviewer, d.note) for d in decisions] == [
        ("approved", "ann", "matches the filing"),
        ("corrected", "bob", None),
    ]
    assert decisions[1].corrected == {"amount": "160000000000", "year": 2026}
    assert all(before <= d.decided_at <= datetime.now(UTC) for d in decisions)
    assert counts(session)["figures_by_status"]["approved"] == 1


@pytest.mark.parametrize(
    ("decision", "corrected", "message"),
    [
        ("maybe", None, "unknown decision"),
        ("corrected", None, "needs the corrected values"),
        ("approved", {"year": 2024}, "use 'corrected'"),
        ("corrected", {"colour": "red"}, "cannot correct colour"),
        ("corrected", {"amount": 1.5}, "must be Decimal"),
    ],
)
def test_record_decision_refuses_bad_input(
    session: Session, decision: str, corrected: dict[str, object] | None, message: str
) -> None:
    article = add_article(session, make_article(), [make_figure()])
    assert article is not None
    with pytest.raises(InvalidDecision, match=message):
        record_decision(
            session, article.figures[0].id, decision, add_user(session, "ann", "password-ann"), corrected=corrected
        )
    assert session.scalar(select(ReviewDecision.id).limit(1)) is None


def test_record_decision_on_missing_figure(session: Session) -> None:
    with pytest.raises(InvalidDecision, match="no figure with id 999999"):
        record_decision(session, 999999, "approved", add_user(session, "ann", "password-ann"))


def test_counts_on_empty_store(session: Session) -> None:
    assert counts(session) == {
        "articles": 0,
        "figures": 0,
        "figures_by_status": {"pending": 0, "approved": 0, "rejected": 0},
    }
