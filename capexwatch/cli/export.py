"""``capexwatch export``: one row per stored figure with its article and provenance."""

from __future__ import annotations

import csv
import json
from typing import IO

import click

from capexwatch.cli.app import get_config, main, open_store
from store.models.articles import FIGURE_STATUSES

EXPORT_FIELDS = (
    "id", "amount", "amount_high", "currency", "year", "source", "subject", "anonymous",
    "qualifier", "metric", "claim", "text", "sentence", "start", "end", "rule", "ruleset",
    "status", "article_id", "article_url", "article_title", "outlet", "published",
)  # fmt: skip


@main.command()
@click.option("--status", type=click.Choice(FIGURE_STATUSES), default=None, help="Only figures with this review status.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv"]),
    default="jsonl",
    show_default=True,
)
@click.option(
    "-o",
    "--output",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="File to write (default stdout).",
)
@click.pass_context
def export(ctx: click.Context, status: str | None, fmt: str, output: IO[str]) -> None:
    """Write one row per stored figure with its article and provenance."""
    from extract.figure import decimal_to_json
    from store.database import session_factory
    from store.queries import export_rows

    config = get_config(ctx)
    engine = open_store(config.database_url)
    with session_factory(engine)() as session:
        rows = export_rows(session, status=status)
        if fmt == "jsonl":
            for row in rows:
                row = {
                    **row,
                    "amount": decimal_to_json(row["amount"]),
                    "amount_high": decimal_to_json(row["amount_high"]),
                }
                output.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        else:
            writer = csv.DictWriter(output, fieldnames=EXPORT_FIELDS, extrasaction="ignore")
            writer.writeheader()
            for row in rows:
                writer.writerow({k: "" if v is None else v for k, v in row.items()})
