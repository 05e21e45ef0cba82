"""``capexwatch rates``: the dated exchange-rate table behind USD equivalents and cross-currency claims."""

from __future__ import annotations

from pathlib import Path

import click

from capexwatch.cli.app import fail, get_config, main, store_session


@main.group()
def rates() -> None:
    """The exchange rates used for USD equivalents and for matching amounts across currencies."""


@rates.command("import")
@click.argument("path", type=click.Path(dir_okay=False, allow_dash=False))
@click.pass_context
def import_command(ctx: click.Context, path: str) -> None:
    """Add or replace rates from a CSV with columns date,currency,usd_per_unit (all or nothing)."""
    from store.rates import RatesFileError, import_rates, parse_rates_csv

    get_config(ctx)  # a configuration mistake is reported before the file is read
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc}); expected a UTF-8 CSV file")
    try:
        parsed = parse_rates_csv(text, name=path, source=f"imported from {Path(path).name}")
    except RatesFileError as exc:
        fail(str(exc))
    with store_session(ctx, write=True) as session:
        count = import_rates(session, parsed)
    click.echo(f"imported {count} rate(s) from {path}")


@rates.command("list")
@click.option("--currency", default=None, help="Only this currency (ISO 4217 code).")
@click.pass_context
def list_command(ctx: click.Context, currency: str | None) -> None:
    """Print every known rate (bundled and imported) as CSV, with where each came from."""
    from store.rates import RateTable

    with store_session(ctx) as session:
        table = RateTable.load(session)
    shown = table.rates(currency)
    if currency and not shown:
        fail(f"no rates for {currency.upper()!r}; known: {', '.join(table.currencies())}")
    click.echo("date,currency,usd_per_unit,source")
    for rate in shown:
        click.echo(f"{rate.day.isoformat()},{rate.currency},{rate.usd_per_unit},{rate.source}")
