"""The exchange-rate table: bundled rates, CSV import (all or nothing), lookups by date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from capexwatch.cli import main
from store import open_database, session_factory
from store.rates import RatesFileError, RateTable, bundled_rates, import_rates, parse_rates_csv


def test_bundled_rates_cover_the_currencies_figures_come_in() -> None:
    currencies = {rate.currency for rate in bundled_rates()}
    assert {"CNY", "HKD", "EUR", "GBP", "JPY", "KRW", "INR", "TWD"} <= currencies


def test_rate_on_a_day_is_the_latest_on_or_before_it_else_the_earliest() -> None:
    table = RateTable(parse_rates_csv("date,currency,usd_per_unit\n2025-01-31,CNY,0.137\n2025-06-30,CNY,0.14\n"))
    assert table.rate_on("CNY", date(2025, 3, 1)).usd_per_unit == Decimal("0.137")
    assert table.rate_on("cny", date(2025, 6, 30)).usd_per_unit == Decimal("0.14")
    assert table.rate_on("CNY", date(2020, 1, 1)).day == date(2025, 1, 31)
    assert table.rate_on("CNY", None).day == date(2025, 6, 30)
    assert table.rate_on("XAU", date(2025, 1, 1)) is None


def test_to_usd_says_which_rate_it_used() -> None:
    table = RateTable(parse_rates_csv("date,currency,usd_per_unit\n2025-12-31,CNY,0.14\n"))
    usd, rate = table.to_usd(Decimal("160000000000"), "CNY", date(2026, 1, 5))
    assert usd == Decimal("22400000000.00") and rate is not None and rate.day == date(2025, 12, 31)
    assert table.to_usd(Decimal(7), "USD", None) == (Decimal(7), None)
    assert table.to_usd(Decimal(7), "XAU", None) is None


@pytest.mark.parametrize(
    ("csv_text", "message"),
    [
        ("day,currency,usd_per_unit\n", "bad.csv:1: missing column(s) date"),
        ("date,currency,usd_per_unit\n2025-13-01,CNY,0.1\n", "bad.csv:2: date '2025-13-01' is not valid"),
        ("# note\ndate,currency,usd_per_unit\n2025-01-01,yuan,0.1\n", "bad.csv:3: currency 'yuan' is not valid"),
        ("date,currency,usd_per_unit\n2025-01-01,CNY,-1\n", "bad.csv:2: usd_per_unit '-1' is not valid"),
        ("date,currency,usd_per_unit\n2025-01-01,CNY,abc\n", "bad.csv:2: usd_per_unit 'abc' is not valid"),
    ],
)
def test_a_bad_row_is_named_by_file_and_line(csv_text: str, message: str) -> None:
    with pytest.raises(RatesFileError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        parse_rates_csv(csv_text, name="bad.csv")


def test_imported_rates_override_bundled_ones_and_replace_earlier_imports(database_url: str) -> None:
    day = bundled_rates()[0].day
    currency = bundled_rates()[0].currency
    engine = open_database(database_url)
    try:
        sessions = session_factory(engine)
        with sessions.begin() as session:
            import_rates(session, parse_rates_csv(f"date,currency,usd_per_unit\n{day},{currency},1.5\n", "a.csv"))
        with sessions.begin() as session:
            import_rates(session, parse_rates_csv(f"date,currency,usd_per_unit\n{day},{currency},2.5\n", "b.csv"))
        with sessions() as session:
            rate = RateTable.load(session).rate_on(currency, day)
    finally:
        engine.dispose()
    assert rate is not None and (rate.usd_per_unit, rate.source) == (Decimal("2.5"), "b.csv")


def test_cli_imports_then_lists_and_refuses_a_bad_file_whole(tmp_path: Path) -> None:
    runner = CliRunner()
    db = ["--db", f"sqlite:///{tmp_path / 'r.db'}"]
    good = tmp_path / "good.csv"
    good.write_text("date,currency,usd_per_unit\n2026-11-30,CNY,0.141\n2026-11-30,XAU,2650\n")
    bad = tmp_path / "bad.csv"
    bad.write_text("date,currency,usd_per_unit\n2026-11-30,EUR,1.1\n2026-11-31,GBP,1.3\n")
    result = runner.invoke(main, [*db, "rates", "import", str(good)])
    assert result.exit_code == 0, result.output
    assert "imported 2 rate(s)" in result.output
    result = runner.invoke(main, [*db, "rates", "import", str(bad)])
    assert result.exit_code == 1 and f"{bad}:3: date '2026-11-31' is not valid" in result.output
    listed = runner.invoke(main, [*db, "rates", "list", "--currency", "XAU"])
    assert listed.exit_code == 0 and listed.output.splitlines() == [
        "date,currency,usd_per_unit,source",
        "2026-11-30,XAU,2650,imported from good.csv",
    ]
    euro = runner.invoke(main, [*db, "rates", "list", "--currency", "EUR"]).output
    assert "2026-11-30,EUR" not in euro  # the bad file was refused whole
    unknown = runner.invoke(main, [*db, "rates", "list", "--currency", "ZZZ"])
    assert unknown.exit_code == 1 and "no rates for 'ZZZ'" in unknown.output
