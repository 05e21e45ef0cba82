"""Score the figure extractor against a hand-labelled gold set (the rules in gold/CONVENTIONS.md).

The gold file is JSON Lines, one record a line::

    {"id": "g001", "text": "...", "published": "2025-06-03",
     "figures": [{"amount": 150000000000, "amount_high": null, "currency": "CNY",
                  "year": 2025, "source": "Reuters", "subject": "ByteDance", "metric": "capex"}]}

How (one module each): ``gold`` loads and validates the file; ``matching`` pairs predicted and
gold figures (same amount, range and currency) and compares names; ``report`` counts — amount
precision/recall, year/source/subject accuracy with the kinds of error (missing, spurious, wrong),
the metric with its confusion table and capex-or-not with its 2×2 table — and holds the targets
(``TARGETS`` for the sets written for the rules, ``REAL_TARGETS`` for passages of published
articles; ``targets_for`` picks); ``formatting`` writes the report as text or JSON; ``command`` is
``python -m extract.evaluation`` (``capexwatch eval`` is the same from the CLI).
"""

from extract.evaluation.command import main
from extract.evaluation.formatting import attributes_to_json, format_report, report_to_json
from extract.evaluation.gold import (
    METRICS,
    GoldCounts,
    GoldFigure,
    GoldFormatError,
    GoldRecord,
    gold_counts,
    load_gold,
    parse_gold_lines,
    validate_record,
)
from extract.evaluation.matching import FIELDS, field_agrees, match_figures, names_match, normalize_name
from extract.evaluation.report import (
    REAL_TARGETS,
    TARGETS,
    EvaluationReport,
    Extractor,
    Miss,
    evaluate,
    score_record,
    targets_for,
)

__all__ = [
    "FIELDS",
    "METRICS",
    "REAL_TARGETS",
    "TARGETS",
    "EvaluationReport",
    "Extractor",
    "GoldCounts",
    "GoldFigure",
    "GoldFormatError",
    "GoldRecord",
    "Miss",
    "attributes_to_json",
    "evaluate",
    "field_agrees",
    "format_report",
    "gold_counts",
    "load_gold",
    "main",
    "match_figures",
    "names_match",
    "normalize_name",
    "parse_gold_lines",
    "report_to_json",
    "score_record",
    "targets_for",
    "validate_record",
]
