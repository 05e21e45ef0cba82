"""The ledger of known claims on a real store (SQLite and PostgreSQL): new, change, corroboration,
equivalents, other currencies within the stated tolerance, claims that are never compared."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from ledger_helpers import Said, publish
from sqlalchemy import select
from sqlalchemy.orm import Session

from alerts.ledger import assign_claims, summarise
from alerts.matching import USD_TOLERANCE
from store.database import open_database, session_factory
from store.decisions import record_decision
from store.models import Claim, ClaimFigure, Figure
from store.rates import Rate, RateTable, import_rates
from store.users import add_user


@pytest.fixture
def session(database_url: str):
    engine = open_database(database_url)
    with session_factory(engine).begin() as session:
        yield session
    engine.dispose()


def assign(session: Session) -> list:
    return assign_claims(session, RateTable.load(session), run_id=None)


def test_new_then_corroboration_then_change(session: Session) -> None:
    first = publish(
        session,
        "ft",
        "The Harbour Ledger",
        "2025-12-23",
        "ByteDance plans capex of Rmb160bn in 2026, the FT said.",
        Said("Rmb160bn", "160e9", "CNY", 2026),
    )
    (new,) = assign(session)
    assert (new.relation, new.previous_claim_id) == ("new", None)

    publish(
        session,
        "scmp",
        "Straits Tech Review",
        "2026-01-06",
        "ByteDance will spend Rmb160bn in 2026, the FT reported.",
        Said("Rmb160bn", "160e9", "CNY", 2026),
    )
    (repeat,) = assign(session)
    assert (repeat.relation, repeat.claim_id) == ("corroboration", new.claim_id)

    publish(session, "bbg", "Pacific Business Daily", "2026-01-20", "ByteDance raised 2026 capex to Rmb180bn.",
            Said("Rmb180bn", "180e9", "CNY", 2026, source="Bloomberg News"))  # fmt: skip
    (change,) = assign(session)
    assert change.relation == "change" and change.claim_id != new.claim_id
    assert change.previous_claim_id == new.claim_id
    claim = session.get_one(Claim, new.claim_id)
    members = session.scalars(select(ClaimFigure.figure_id).where(ClaimFigure.claim_id == claim.id)).all()
    assert len(members) == 2 and first.figures[0].id in members
    assert assign(session) == []  # every figure is in exactly one claim, once


def test_equivalents_written_side_by_side_share_one_claim(session: Session) -> None:
    publish(session, "ft", "The Harbour Ledger", "2025-12-23", "ByteDance plans Rmb160bn ($22bn) of capex in 2026.",
            Said("Rmb160bn", "160e9", "CNY", 2026), Said("$22bn", "22e9", "USD", 2026))  # fmt: skip
    (event,) = assign(session)
    assert event.relation == "new" and len(event.figure_ids) == 2
    claim = session.get_one(Claim, event.claim_id)
    assert claim.amount_usd == Decimal("22e9") and claim.usd_rate_day is None  # the equivalent, not a rate

    # "$22bn" alone matches the claim through its dollar equivalent, exactly.
    publish(session, "wire", "Meridian Wire", "2026-01-02", "ByteDance will spend $22bn in 2026.",
            Said("$22bn", "22e9", "USD", 2026))  # fmt: skip
    assert [e.relation for e in assign(session)] == ["corroboration"]
    # A dollar amount is compared with the claim's dollar figure exactly, not within the tolerance.
    publish(session, "other", "Meridian Wire", "2026-01-03", "ByteDance will spend $22.5bn in 2026.",
            Said("$22.5bn", "22.5e9", "USD", 2026))  # fmt: skip
    assert [e.relation for e in assign(session)] == ["change"]


def test_another_currency_matches_through_the_dated_rate_within_the_tolerance(session: Session) -> None:
    publish(session, "wire", "Meridian Wire", "2025-01-23", "ByteDance set aside 150 billion yuan for 2025.",
            Said("150 billion yuan", "150e9", "CNY", 2025))  # fmt: skip
    (event,) = assign(session)
    claim = session.get_one(Claim, event.claim_id)
    usd, rate = RateTable.load(session).to_usd(Decimal("150e9"), "CNY", claim.usd_rate_day)
    assert rate is not None and claim.usd_rate_day == rate.day and claim.amount_usd == usd.quantize(Decimal("0.01"))

    inside = (claim.amount_usd * (1 + USD_TOLERANCE - Decimal("0.001")) / Decimal(1e9)).quantize(Decimal("0.001"))
    outside = (claim.amount_usd * (1 + USD_TOLERANCE + Decimal("0.001")) / Decimal(1e9)).quantize(Decimal("0.001"))
    publish(session, "in", "Straits Tech Review", "2025-02-01", f"ByteDance will spend ${inside}bn in 2025.",
            Said(f"${inside}bn", str(inside * Decimal(1e9)), "USD", 2025))  # fmt: skip
    publish(session, "out", "Pacific Business Daily", "2025-02-02", f"ByteDance will spend ${outside}bn in 2025.",
            Said(f"${outside}bn", str(outside * Decimal(1e9)), "USD", 2025))  # fmt: skip
    assert [e.relation for e in assign(session)] == ["corroboration", "change"]


def test_amounts_are_compared_as_numbers_in_sql(session: Session) -> None:
    """The band around $10bn is 9.5bn..10.5bn: as text, '9600000000' would fall outside it."""
    import_rates(session, [Rate("CHF", date(2025, 1, 1), Decimal("1.25"), "test")])
    publish(session, "a", "Meridian Wire", "2025-03-01", "ByteDance will spend $9.6bn in 2025.",
            Said("$9.6bn", "9.6e9", "USD", 2025))  # fmt: skip
    publish(session, "b", "Swiss Desk", "2025-03-02", "ByteDance will spend CHF8bn in 2025.",
            Said("CHF8bn", "8e9", "CHF", 2025))  # fmt: skip
    assert [e.relation for e in assign(session)] == ["new", "corroboration"]


def test_figures_without_subject_or_year_are_claims_of_their_own(session: Session) -> None:
    for slug in ("a", "b"):
        publish(session, slug, "Meridian Wire", "2025-03-01", f"Alibaba will invest Rmb380bn over 3 years ({slug}).",
                Said("Rmb380bn", "380e9", "CNY", None, subject="Alibaba"))  # fmt: skip
        publish(session, slug + "x", "Meridian Wire", "2025-03-01", f"Someone will spend Rmb10bn in 2025 ({slug}).",
                Said("Rmb10bn", "10e9", "CNY", 2025, subject=None))  # fmt: skip
    events = assign(session)
    assert [e.relation for e in events] == ["uncompared"] * 4
    assert len({e.claim_id for e in events}) == 4


def test_a_total_and_a_part_in_one_article_are_two_new_claims(session: Session) -> None:
    publish(session, "ft", "The Harbour Ledger", "2025-12-23",
            "ByteDance plans capex of Rmb160bn in 2026. Roughly Rmb85bn of it would go on chips.",
            Said("Rmb160bn", "160e9", "CNY", 2026), Said("Rmb85bn", "85e9", "CNY", 2026, claim=2))  # fmt: skip
    assert [(e.relation, e.previous_claim_id) for e in assign(session)] == [("new", None), ("new", None)]
    publish(session, "bbg", "Pacific Business Daily", "2026-01-20", "ByteDance raised 2026 capex to Rmb180bn.",
            Said("Rmb180bn", "180e9", "CNY", 2026))  # fmt: skip
    (change,) = assign(session)
    previous = session.get_one(Claim, change.previous_claim_id)
    assert previous.amount == Decimal("160e9")  # what the earlier article led with


def test_a_claim_every_figure_of_which_was_rejected_is_not_known(session: Session) -> None:
    publish(session, "ft", "The Harbour Ledger", "2025-12-23", "ByteDance plans capex of Rmb160bn in 2026.",
            Said("Rmb160bn", "160e9", "CNY", 2026))  # fmt: skip
    assign(session)
    figure_id = session.scalars(select(Figure.id)).one()
    record_decision(session, figure_id, "rejected", add_user(session, "alice", "a long passphrase"), note="misread")
    publish(session, "again", "Meridian Wire", "2026-01-02", "ByteDance plans capex of Rmb160bn in 2026, again.",
            Said("Rmb160bn", "160e9", "CNY", 2026))  # fmt: skip
    assert [e.relation for e in assign(session)] == ["new"]


def test_summary_and_figures_stored_before_runs_were_recorded(session: Session) -> None:
    publish(session, "old", "Meridian Wire", "2024-01-01", "ByteDance spent Rmb80bn in 2023.",
            Said("Rmb80bn", "80e9", "CNY", 2023), run=False)  # fmt: skip
    events = assign(session)
    assert [(e.relation, e.from_run) for e in events] == [("new", False)]
    assert summarise(events) == {"new": 1, "change": 0, "corroboration": 0, "uncompared": 0}
