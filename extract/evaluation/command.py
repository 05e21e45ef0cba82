"""``python -m extract.evaluation GOLD.jsonl``: ``capexwatch eval`` without the CLI package."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from extract.evaluation.formatting import format_report, report_to_json
from extract.evaluation.gold import GoldFormatError, load_gold
from extract.evaluation.report import Extractor, evaluate, targets_for
from extract.figure import decimal_to_json


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return decimal_to_json(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def main(argv: Sequence[str] | None = None, extractor: Extractor | None = None) -> int:
    """The ``python -m extract.evaluation`` command; ``extractor`` defaults to ``FigureExtractor()``.
    Exits 1 when a target the set is held to (``targets_for``) is not met, 2 when the gold file
    is invalid."""
    parser = argparse.ArgumentParser(
        prog="python -m extract.evaluation",
        description="Score the figure extractor against a gold JSON Lines file.",
    )
    parser.add_argument("gold", type=Path, help="gold JSON Lines file (see gold/CONVENTIONS.md)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--strict", action="store_true", help="every key required, no unknown keys")
    args = parser.parse_args(argv)
    try:
        records = load_gold(args.gold, strict=args.strict)
    except (OSError, GoldFormatError) as exc:
        print(exc, file=sys.stderr)
        return 2
    targets = targets_for(records)
    report = evaluate(records, extractor, batch_size=args.batch_size)
    if args.json:
        print(json.dumps(report_to_json(report, targets), indent=2, ensure_ascii=False, default=_json_default))
    else:
        print(format_report(report, targets))
    return 0 if report.meets_targets(targets) else 1
