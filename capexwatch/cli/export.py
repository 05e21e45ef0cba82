"""``capexwatch export``: one row per stored figure with its article, provenance and review.

Each row keeps the values the rules extracted in the plain fields and adds what review made of
them: ``effective_*`` (after any correction), ``corrected_fields``, the ``status`` and the
``decision`` behind it, ``decided_by``/``decided_at`` and its ``decision_note``.
``--status approved`` is the reviewed data set.
"""

from __future__ import annotations

import csv
import json
from typing import IO

import click

from capexwatch.cli.app import main, store_session
from store.models.articles import FIGURE_STATUSES

EXPORT_FIELDS = (
    "id", "amount", "amount_high", "currency", "year", "source", "subject", "anonymous",
    "qualifier", "metric", "claim", "text", "sentence", "start", "end", "rule", "ruleset",
    "status", "article_id", "article_url", "article_title", "outlet", "published",
    "effective_amount", "effective_amount_high", "effective_currency", "effective_year", "effective_source",
    "effective_subject", "effective_anonymous", "effective_qualifier", "effective_metric", "corrected_fields",
    "decision", "decided_by", "decided_at", "decision_note",
)  # fmt: skip
MONEY_FIELDS = ("amount", "amount_high", "effective_amount", "effective_amount_high")


@main.command()
@click.option(
    "--status",
    type=click.Choice(FIGURE_STATUSES),
    default=None,
    help="Only figures with this review status: pending, approved (the reviewed data set) or rejected.",
)
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
    from store.queries import export_rows

    with store_session(ctx) as session:
        rows = export_rows(session, status=status)
        if fmt == "jsonl":
            for row in rows:
                row = {**row, **{name: decimal_to_json(row[name]) for name in MONEY_FIELDS}}
                output.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        else:
            writer = csv.DictWriter(output, fieldnames=EXPORT_FIELDS, extrasaction="ignore")
            writer.writeheader()
            for row in rows:
                row = {**row, "corrected_fields": " ".join(row["corrected_fields"])}
                writer.writerow({k: "" if v is None else v for k, v in row.items()})
