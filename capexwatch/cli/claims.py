"""``capexwatch claims``: the ledger of known claims, with their sources, dates and review status."""

from __future__ import annotations

import csv
import json
import sys

import click

from capexwatch.cli.app import main, store_session

CSV_FIELDS = (
    "id", "subject", "metric", "year", "amount", "amount_high", "currency", "amount_usd", "kind",
    "previous_claim_id", "status", "first_reported", "last_reported", "sources", "outlets", "urls",
)  # fmt: skip


def _day(moment: object) -> str:
    return moment.date().isoformat() if moment is not None else "?"  # type: ignore[attr-defined]


@main.command()
@click.option("--subject", default=None, help="Only claims about this subject (any case).")
@click.option("--year", type=int, default=None, help="Only claims for this year.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@click.pass_context
def claims(ctx: click.Context, subject: str | None, year: int | None, fmt: str) -> None:
    """List known claims with their sources, first and last reported dates, and review status."""
    from alerts.listing import list_claims

    with store_session(ctx) as session:
        rows = list_claims(session, subject=subject, year=year)
    if fmt == "json":
        click.echo(json.dumps([row.to_json() for row in rows], ensure_ascii=False, indent=2))
        return
    if fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            data = row.to_json()
            data["sources"] = len(row.sources)
            data["outlets"] = "; ".join(dict.fromkeys(s.outlet or "?" for s in row.sources))
            data["urls"] = " ".join(dict.fromkeys(s.url for s in row.sources))
            writer.writerow(data)
        return
    if not rows:
        click.echo("no claims" + (" match" if subject or year else " yet: run `capexwatch crawl`"))
    for row in rows:
        claim = row.claim
        before = f" (before: claim {claim.previous_claim_id})" if claim.previous_claim_id else ""
        click.echo(
            f"claim {claim.id}  {claim.subject or '?'} · {claim.metric} · {claim.year or '?'} · {row.value}"
            f"  {claim.kind}{before} · {row.status}"
        )
        click.echo(
            f"  first reported {_day(row.first_reported)}, last {_day(row.last_reported)} · "
            f"{len(row.sources)} source{'s' if len(row.sources) != 1 else ''}"
        )
        for source in row.sources:
            click.echo(
                f"  - {source.text}  {source.attribution or 'no named source'} ({source.outlet or '?'},"
                f" {_day(source.reported)})  {source.url}  [{source.status}]"
            )
