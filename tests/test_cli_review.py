"""``capexwatch users``, ``review`` and ``export`` through click's runner, on real databases."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from review_seed import seed_articles
from sqlalchemy import select

from capexwatch.cli import main
from store import session_factory
from store.database import open_database
from store.models import ReviewDecision, User
from store.users import authenticate


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database_url: str):  # noqa: ANN201
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CAPEXWATCH_CONFIG", raising=False)
    monkeypatch.delenv("CAPEXWATCH_DB", raising=False)
    runner = CliRunner()

    def run(*args: str, stdin: str | None = None):  # noqa: ANN202
        return runner.invoke(main, ["--db", database_url, *args], input=stdin)

    run.url = database_url  # type: ignore[attr-defined]
    return run


def seeded(url: str) -> dict[str, list[int]]:
    engine = open_database(url)
    try:
        with session_factory(engine).begin() as session:
            return seed_articles(session)
    finally:
        engine.dispose()


def test_users_add_list_disable_enable_password(cli) -> None:  # noqa: ANN001
    added = cli("users", "add", "ann", "--password-stdin", stdin="ann-password-1\n")
    assert added.exit_code == 0 and added.output == "added reviewer ann\n"
    assert cli("users", "add", "root", "--role", "admin", "--password-stdin", stdin="root-password\n").exit_code == 0
    again = cli("users", "add", "Ann", "--password-stdin", stdin="whatever-long\n")
    assert again.exit_code == 1 and "already exists" in again.output
    weak = cli("users", "add", "carl", "--password-stdin", stdin="short\n")
    assert weak.exit_code == 1 and "at least 8" in weak.output
    assert cli("users", "add", "dan").exit_code == 2  # --password-stdin is required
    assert cli("users", "add", "dan", "--role", "owner", "--password-stdin", stdin="x" * 10).exit_code == 2
    listed = cli("users", "list")
    assert listed.exit_code == 0
    assert [line.split("\t")[:3] for line in listed.output.splitlines()] == [
        ["name", "role", "state"], ["ann", "reviewer", "enabled"], ["root", "admin", "enabled"]]  # fmt: skip
    assert cli("users", "disable", "ann").output == "disabled ann\n"
    assert "ann\treviewer\tdisabled" in cli("users", "list").output
    assert cli("users", "disable", "nobody").exit_code == 1
    assert cli("users", "password", "ann", "--password-stdin", stdin="brand-new-pass\n").exit_code == 0
    assert cli("users", "enable", "ann").output == "enabled ann\n"
    engine = open_database(cli.url)
    try:
        with session_factory(engine)() as session:
            assert authenticate(session, "ann", "brand-new-pass") is not None
            assert authenticate(session, "ann", "ann-password-1") is None
    finally:
        engine.dispose()


def test_review_commands_decide_as_a_user_and_export_shows_it(cli) -> None:  # noqa: ANN001
    ids = seeded(cli.url)
    for name in ("ann", "bob"):
        assert cli("users", "add", name, "--password-stdin", stdin=f"{name}-password-1\n").exit_code == 0
    listed = cli("review", "list", "--subject", "bytedance", "--year", "2026", "--format", "jsonl")
    rows = [json.loads(line) for line in listed.output.splitlines()]
    assert [r["id"] for r in rows] == [ids["scmp-jan"][1], ids["information-dec"][0], ids["ft-dec"][0]]
    ft = rows[2]
    assert (ft["text"], ft["amount"], ft["currency"], ft["usd_rate_date"]) == ("Rmb160bn", 160000000000, "CNY",
                                                                                 "2025-06-30")  # fmt: skip
    text = cli("review", "list", "--source", "The Information").output.splitlines()
    assert text[0].startswith("id\tstatus\twritten")
    assert text[1].startswith(f"{ids['information-dec'][0]}\tpending\t$7bn")

    a, b = ids["reuters-jan"]
    approved = cli("review", "approve", str(a), "--user", "ann")
    assert approved.output == f"approved figure {a} (150 billion yuan) as ann\n"
    rejected = cli("review", "reject", str(b), "--reason", "dollar equivalent", "--user", "bob")
    assert rejected.exit_code == 0
    corrected = cli("review", "correct", str(ids["ft-dec"][0]), "--year", "2027", "--amount", "165bn",
                    "--note", "FT update", "--user", "ann")  # fmt: skip
    assert corrected.exit_code == 0 and "amount=165000000000" in corrected.output and "year=2027" in corrected.output

    again = cli("review", "approve", str(b), "--user", "ann")
    assert again.exit_code == 1 and "already rejected by bob" in again.output and "review undo" in again.output
    both = cli("review", "approve", str(ids["information-dec"][0]), str(b), "--user", "ann")
    assert both.exit_code == 1 and "nothing was recorded" in both.output
    assert cli("review", "list", "--status", "pending", "--source", "The Information").output.count("\n") == 2
    undone = cli("review", "undo", str(b), "--user", "ann")
    assert undone.exit_code == 0 and "now pending" in undone.output
    history = cli("review", "history", str(b)).output.splitlines()
    assert [line.split("\t")[2:4] for line in history[1:]] == [["bob", "rejected"], ["ann", "undo"]]
    assert history[1].endswith("undone")

    exported = [json.loads(line) for line in cli("export", "--status", "approved").output.splitlines()]
    by_id = {row["id"]: row for row in exported}
    assert set(by_id) == {a, ids["ft-dec"][0]}
    ft_row = by_id[ids["ft-dec"][0]]
    assert (ft_row["amount"], ft_row["effective_amount"]) == (160000000000, 165000000000)
    assert (ft_row["year"], ft_row["effective_year"], ft_row["corrected_fields"]) == (2026, 2027, ["amount", "year"])
    assert (ft_row["decision"], ft_row["decided_by"], ft_row["decision_note"]) == ("corrected", "ann", "FT update")
    assert by_id[a]["decided_by"] == "ann" and by_id[a]["decided_at"]
    table = list(csv.DictReader(io.StringIO(cli("export", "--format", "csv").output)))
    ft_csv = next(r for r in table if r["id"] == str(ids["ft-dec"][0]))
    assert (ft_csv["effective_amount"], ft_csv["corrected_fields"], ft_csv["status"]) == (
        "165000000000", "amount year", "approved")  # fmt: skip
    assert Decimal(ft_csv["amount"]) == 160000000000


def test_review_refuses_unknown_and_disabled_users_and_bad_input(cli) -> None:  # noqa: ANN001
    ids = seeded(cli.url)
    fid = ids["ft-dec"][0]
    cli("users", "add", "ann", "--password-stdin", stdin="ann-password-1\n")
    unknown = cli("review", "approve", str(fid), "--user", "mallory")
    assert unknown.exit_code == 2 and "no user named 'mallory'" in unknown.output
    cli("users", "disable", "ann")
    disabled = cli("review", "approve", str(fid), "--user", "ann")
    assert disabled.exit_code == 2 and "disabled" in disabled.output
    cli("users", "password", "ann", "--password-stdin", stdin="ann-password-2\n")
    cli("users", "enable", "ann")
    assert cli("review", "approve", str(fid)).exit_code == 2  # --user is required
    assert cli("review", "approve", "999999", "--user", "ann").exit_code == 1
    assert cli("review", "reject", str(fid), "--reason", " ", "--user", "ann").exit_code == 2
    assert cli("review", "correct", str(fid), "--user", "ann").exit_code == 2  # nothing to correct
    bad = cli("review", "correct", str(fid), "--amount", "lots", "--user", "ann")
    assert bad.exit_code == 2 and "is not an amount" in bad.output
    assert cli("review", "list", "--status", "maybe").exit_code == 2
    assert cli("export", "--status", "bogus").exit_code == 2
    engine = open_database(cli.url)
    try:
        with session_factory(engine)() as session:
            assert session.scalar(select(ReviewDecision.id).limit(1)) is None
            assert session.scalar(select(User.active).where(User.name == "ann")) is True
    finally:
        engine.dispose()
