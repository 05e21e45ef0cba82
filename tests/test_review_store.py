"""Review in the store, on real SQLite and PostgreSQL: users, decisions keyed to them, undo,
effective values, the "changed under you" guard with two concurrent writers, and migration 0010."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from alembic import command
from review_seed import PASSWORDS, seed_articles, seed_users
from sqlalchemy import Engine, select, text

from store import DecisionConflict, InvalidDecision, UnknownFigure, UserError, session_factory
from store.database import alembic_config, create_store_engine, downgrade_database, open_database, upgrade_database
from store.decisions import last_undoable, record_decision, review_state, undo_decision
from store.models import Figure, ReviewDecision, User
from store.queries import export_rows
from store.testing import postgres_unavailable, temporary_postgres_database
from store.users import active_user, add_user, app_secret, authenticate, set_active, set_password


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = open_database(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def seeded(engine: Engine) -> dict[str, list[int]]:
    with session_factory(engine).begin() as session:
        seed_users(session)
        return seed_articles(session)


def user(session, name: str) -> User:  # noqa: ANN001
    return active_user(session, name)


# --- users ------------------------------------------------------------------------------------


def test_users_are_unique_ignoring_case_and_need_a_real_password(engine: Engine) -> None:
    with session_factory(engine).begin() as session:
        ann = add_user(session, "ann", "long-enough")
        assert ann.password_hash is not None and ann.password_hash.startswith("$argon2id$")
        assert "long-enough" not in ann.password_hash
        with pytest.raises(UserError, match="already exists"):
            add_user(session, "ANN", "long-enough")
        with pytest.raises(UserError, match="at least 8"):
            add_user(session, "bob", "short")
        with pytest.raises(UserError, match="unknown role"):
            add_user(session, "bob", "long-enough", role="owner")
        with pytest.raises(UserError, match="control characters"):
            add_user(session, "bo\x00b", "long-enough")


def test_authenticate_checks_the_password_and_refuses_disabled_users(engine: Engine) -> None:
    with session_factory(engine).begin() as session:
        seed_users(session)
    with session_factory(engine).begin() as session:
        assert authenticate(session, "ann", PASSWORDS["ann"]).name == "ann"
        assert authenticate(session, "ann", "wrong-password") is None
        assert authenticate(session, "nobody", PASSWORDS["ann"]) is None
        before = user(session, "bob").session_version
        set_active(session, "bob", False)
        assert authenticate(session, "bob", PASSWORDS["bob"]) is None
        assert session.scalar(select(User.session_version).where(User.name == "bob")) == before + 1
        with pytest.raises(UserError, match="disabled"):
            active_user(session, "bob")
        with pytest.raises(UserError, match="no user named 'carol'"):
            active_user(session, "carol")
        set_password(session, "ann", "a-new-password")
        assert authenticate(session, "ann", PASSWORDS["ann"]) is None
        assert authenticate(session, "ann", "a-new-password") is not None


def test_the_session_key_is_made_once_and_shared(engine: Engine) -> None:
    with session_factory(engine).begin() as session:
        first = app_secret(session, "k")
    with session_factory(engine).begin() as session:
        assert app_secret(session, "k") == first and len(first) >= 40


# --- decisions, undo, effective values ---------------------------------------------------------


def test_decisions_record_the_user_and_undo_restores_the_previous_status(
    engine: Engine, seeded: dict[str, list[int]]
) -> None:
    fid = seeded["ft-dec"][0]
    with session_factory(engine).begin() as session:
        record_decision(session, fid, "approved", user(session, "ann"), expected_version=0)
        record_decision(session, fid, "rejected", user(session, "bob"), note="wrong year", expected_version=1)
    with session_factory(engine).begin() as session:
        assert session.get_one(Figure, fid).status == "rejected"
        undo = undo_decision(session, fid, user(session, "ann"), expected_version=2)
    with session_factory(engine).begin() as session:
        figure = session.get_one(Figure, fid)
        assert (figure.status, figure.version) == ("approved", 3)  # back to ann's approval
        history = list(session.scalars(
            select(ReviewDecision).where(ReviewDecision.figure_id == fid).order_by(ReviewDecision.id)))
        assert [(d.decision, d.reviewer, d.note) for d in history] == [
            ("approved", "ann", None), ("rejected", "bob", "wrong year"), ("undo", "ann", None),
        ]  # fmt: skip
        assert history[2].undoes_id == history[1].id == undo.undoes_id
        undo_decision(session, fid, user(session, "ann"))
        assert session.get_one(Figure, fid).status == "pending"
        with pytest.raises(InvalidDecision, match="no decision to undo"):
            undo_decision(session, fid, user(session, "ann"))


def test_a_correction_approves_with_effective_values_and_keeps_the_extraction(
    engine: Engine, seeded: dict[str, list[int]]
) -> None:
    fid = seeded["ft-dec"][0]
    with session_factory(engine).begin() as session:
        decision = record_decision(
            session, fid, "corrected", user(session, "ann"),
            corrected={"amount": Decimal("165000000000"), "year": 2026, "source": "FT"}, note="per the filing",
        )  # fmt: skip
        assert decision.corrected == {"amount": "165000000000", "source": "FT"}  # year was already 2026
    with session_factory(engine).begin() as session:
        figure = session.get_one(Figure, fid)
        state = review_state(figure)
        assert figure.status == "approved" and figure.amount == Decimal("160000000000")
        assert state.effective["amount"] == Decimal("165000000000") and state.effective["source"] == "FT"
        assert state.corrected_fields == {"amount", "source"}
        [row] = [r for r in export_rows(session, status="approved") if r["id"] == fid]
        assert (row["amount"], row["effective_amount"]) == (Decimal("160000000000"), Decimal("165000000000"))
        assert (row["source"], row["effective_source"]) == ("Financial Times", "FT")
        assert row["corrected_fields"] == ["amount", "source"]
        assert (row["decision"], row["decided_by"], row["decision_note"]) == ("corrected", "ann", "per the filing")
        assert row["decided_at"].startswith(str(state.latest.decided_at.year))
        with pytest.raises(InvalidDecision, match="nothing to correct"):
            record_decision(session, fid, "corrected", user(session, "bob"), corrected={"year": 2026})
        with pytest.raises(InvalidDecision, match="amount_high"):
            record_decision(session, fid, "corrected", user(session, "bob"), corrected={"amount_high": Decimal(1)})
        with pytest.raises(InvalidDecision, match="ISO 4217"):
            record_decision(session, fid, "corrected", user(session, "bob"), corrected={"currency": "yuan"})
        with pytest.raises(InvalidDecision, match="needs a reason"):
            record_decision(session, fid, "rejected", user(session, "bob"), note="  ")
        with pytest.raises(UnknownFigure):
            record_decision(session, 10**9, "approved", user(session, "bob"))
        set_active(session, "bob", False)
        with pytest.raises(InvalidDecision, match="disabled"):
            record_decision(session, fid, "approved", session.scalars(select(User).where(User.name == "bob")).one())


def test_last_undoable_is_my_latest_standing_decision_unless_someone_decided_after(
    engine: Engine, seeded: dict[str, list[int]]
) -> None:
    first, second = seeded["reuters-jan"]
    with session_factory(engine).begin() as session:
        ann, bob = user(session, "ann"), user(session, "bob")
        assert last_undoable(session, ann) is None
        mine_first = record_decision(session, first, "approved", ann)
        mine_second = record_decision(session, second, "approved", ann)
        assert last_undoable(session, ann)[0].id == mine_second.id
        undo_decision(session, second, ann)
        assert last_undoable(session, ann)[0].id == mine_first.id  # undo again goes further back
        record_decision(session, first, "rejected", bob, note="duplicate")
        assert last_undoable(session, ann) is None  # bob decided after ann: not ann's to take back


# --- two reviewers at once ----------------------------------------------------------------------


def test_two_concurrent_deciders_one_wins_the_other_is_told(engine: Engine, seeded: dict[str, list[int]]) -> None:
    """Real threads, each with its own connection and transaction, both having seen version 0 (as two
    reviewers who loaded the same page), released together to decide."""
    fid = seeded["information-dec"][0]
    factory = session_factory(engine)
    start = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def decide(name: str, decision: str, note: str | None) -> None:
        try:
            start.wait(timeout=10)
            with factory.begin() as session:
                reviewer = user(session, name)
                record_decision(session, fid, decision, reviewer, note=note, expected_version=0)
            outcomes[name] = "recorded"
        except DecisionConflict as exc:
            outcomes[name] = exc

    threads = [threading.Thread(target=decide, args=("ann", "approved", None)),
               threading.Thread(target=decide, args=("bob", "rejected", "not capex"))]  # fmt: skip
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(type(v).__name__ if not isinstance(v, str) else v for v in outcomes.values()) == [
        "DecisionConflict", "recorded"]  # fmt: skip
    winner = next(name for name, v in outcomes.items() if v == "recorded")
    loser_error = next(v for v in outcomes.values() if isinstance(v, DecisionConflict))
    assert "changed under you" in str(loser_error) and f"by {winner}" in str(loser_error)
    with factory() as session:
        decisions = list(session.scalars(select(ReviewDecision).where(ReviewDecision.figure_id == fid)))
        assert [d.reviewer for d in decisions] == [winner]  # the loser's decision left no trace
        figure = session.get_one(Figure, fid)
        assert (figure.status, figure.version) == (decisions[0].decision, 1)


# --- migration 0010: free-text reviewers become users ------------------------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def old_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database at revision 0004 (the schema before review), on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.db'}"
        return
    server = os.environ.get("CAPEXWATCH_TEST_PG")
    if not server or postgres_unavailable(server):
        pytest.skip("PostgreSQL: CAPEXWATCH_TEST_PG is not set or the server is down")
    with temporary_postgres_database(server) as url:
        yield url


def test_migration_turns_free_text_reviewers_into_users_without_loss(old_database: str) -> None:
    engine = create_store_engine(old_database)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0004")
            # The old schema's rows, written as revision 0004 stored them (its models are gone).
            connection.execute(text(
                "INSERT INTO articles (id, url, fetched, text, content_hash, source_name) "
                "VALUES (1, 'https://x/a', '2025-01-01 00:00:00', 'Rmb150bn and $7bn', 'h', 's')"))
            for fid, start in ((1, 0), (2, 13)):
                connection.execute(text(
                    "INSERT INTO figures (id, article_id, amount, currency, anonymous, metric, claim, text, sentence, "
                    "sentence_start, start, \"end\", rule, ruleset, status, created) VALUES (:id, 1, 150, 'CNY', "
                    "false, 'capex', 0, 't', 't', 0, :s, :s, '', '', 'pending', '2025-01-01 00:00:00')"),
                    {"id": fid, "s": start})  # fmt: skip
            for did, fid, decision, reviewer in ((1, 1, "approved", "ann"), (2, 1, "corrected", "Bob Smith"),
                                                 (3, 2, "rejected", "ann")):  # fmt: skip
                connection.execute(text(
                    "INSERT INTO review_decisions (id, figure_id, decision, reviewer, decided_at, corrected) VALUES "
                    "(:id, :fid, :d, :r, '2025-01-02 00:00:00', :c)"),
                    {"id": did, "fid": fid, "d": decision, "r": reviewer,
                     "c": '{"year": 2026}' if decision == "corrected" else None})  # fmt: skip
            connection.execute(text("UPDATE figures SET status = 'corrected' WHERE id = 1"))
            connection.execute(text("UPDATE figures SET status = 'rejected' WHERE id = 2"))
        upgrade_database(old_database)
        with session_factory(engine)() as session:
            users = {u.name: u for u in session.scalars(select(User))}
            assert set(users) == {"ann", "Bob Smith"}
            assert all(not u.active and u.password_hash is None and u.role == "reviewer" for u in users.values())
            decisions = list(session.scalars(select(ReviewDecision).order_by(ReviewDecision.id)))
            assert [(d.id, d.reviewer, d.decision) for d in decisions] == [
                (1, "ann", "approved"), (2, "Bob Smith", "corrected"), (3, "ann", "rejected")]  # fmt: skip
            statuses = dict(session.execute(select(Figure.id, Figure.status)).all())
            assert statuses == {1: "approved", 2: "rejected"}  # a correction now approves
            assert review_state(session.get_one(Figure, 1)).effective["year"] == 2026
            assert set(session.scalars(select(Figure.version))) == {0}
        downgrade_database(old_database, "0004")
        with engine.begin() as connection:
            rows = connection.execute(text("SELECT id, reviewer FROM review_decisions ORDER BY id")).all()
            assert [tuple(r) for r in rows] == [(1, "ann"), (2, "Bob Smith"), (3, "ann")]
            status = connection.scalar(text("SELECT status FROM figures WHERE id = 1"))
            assert status == "corrected"
    finally:
        engine.dispose()
