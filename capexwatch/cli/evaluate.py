"""``capexwatch eval``: score the rules on a gold set."""

from __future__ import annotations

import json
import sys

import click

from capexwatch.cli.app import fail, get_config, main


@main.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, allow_dash=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@click.option("--check", is_flag=True, help="Exit with status 1 when a target is not met.")
@click.option(
    "--strict",
    is_flag=True,
    help="Require every key of gold/CONVENTIONS.md and no unknown ones.",
)
@click.pass_context
def evaluate(ctx: click.Context, gold: str, fmt: str, check: bool, strict: bool) -> None:
    """Score the extraction rules on a gold set: precision/recall of amounts; year/source/subject/metric accuracy.

    A real-text set (every record has ``url`` and ``outlet``) is held to the real-text targets, the
    sets written for the rules to theirs (``extract.evaluation.targets_for``)."""
    from extract.evaluation import (
        GoldFormatError,
        format_report,
        load_gold,
        report_to_json,
        targets_for,
    )
    from extract.evaluation import evaluate as run_evaluation
    from extract.pipeline import FigureExtractor

    config = get_config(ctx)
    try:
        records = load_gold(gold, strict=strict)
    except GoldFormatError as exc:
        fail(str(exc), status=2)
    except UnicodeDecodeError as exc:
        fail(f"{gold}: not UTF-8 text ({exc.reason} at byte {exc.start}); expected a UTF-8 JSON Lines file")
    except OSError as exc:
        fail(f"{gold}: cannot read ({exc.strerror or exc})")
    if not records:
        fail(f"{gold}: no records; expected one JSON object per line (see gold/CONVENTIONS.md)")
    if check and not any(record.figures for record in records):
        fail(f"{gold}: no labelled figures, so recall and field accuracy cannot be checked")
    targets = targets_for(records)
    report = run_evaluation(records, FigureExtractor(config.watch))
    if fmt == "json":
        from extract.figure import decimal_to_json

        click.echo(
            json.dumps(
                report_to_json(report, targets),
                ensure_ascii=False,
                indent=2,
                default=decimal_to_json,
            )
        )
    else:
        click.echo(format_report(report, targets))
    if check and not report.meets_targets(targets):
        sys.exit(1)
