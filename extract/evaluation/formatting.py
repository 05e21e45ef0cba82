"""The evaluation report as text (for a reader) and as JSON (for scripts and the README's figures).

Both give the amount scores against their targets, each attribute's accuracy with its confusion —
the kinds of error of year/source/subject (missing, spurious, wrong), the metric's confusion table
and capex-or-not's 2×2 table — and then every miss.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from extract.evaluation.gold import METRICS
from extract.evaluation.matching import FIELDS
from extract.evaluation.report import CAPEX_SIDES, ERROR_KINDS, TARGETS, EvaluationReport

_KIND_TITLES = {
    "false_negative": "Missed figures (false negatives)",
    "false_positive": "Spurious figures (false positives)",
    "year": "Wrong year",
    "source": "Wrong source",
    "subject": "Wrong subject",
    "metric": "Wrong metric",
}


def _score_line(name: str, value: float | None, count: str, target: float | None) -> str:
    shown = "      -" if value is None else f"{value:7.3f}"
    verdict = ""
    if target is not None:
        verdict = f"target {target:.2f}  {'ok' if value is not None and value >= target else 'BELOW'}"
    return f"  {name:<13}{shown}  {count:>9}  {verdict}".rstrip()


def _table(title: str, labels: tuple[str, ...], cells: Mapping[str, Mapping[str, int]]) -> list[str]:
    """A confusion table: rows are gold labels, columns predicted ones."""
    width = max(9, *(len(label) + 1 for label in labels))
    lines = [f"  {title} (rows: gold, columns: predicted)",
             "    " + " " * width + "".join(f"{label:>{width}}" for label in labels)]
    for gold in labels:
        lines.append("    " + f"{gold:<{width}}" + "".join(f"{cells[gold][pred]:>{width}}" for pred in labels))
    return lines


def format_report(report: EvaluationReport, targets: Mapping[str, float] = TARGETS) -> str:
    """Human-readable: the figures against their targets, each attribute's confusion, then every
    miss grouped by kind."""
    lines = [
        f"records {report.records}  gold figures {report.gold_figures}  "
        f"predicted {report.predicted_figures}  matched {report.matched}  "
        f"false positives {report.false_positives}  false negatives {report.false_negatives}",
    ]
    scores = report.scores()
    counts = {
        "precision": f"{report.matched}/{report.predicted_figures}",
        "recall": f"{report.matched}/{report.gold_figures}",
        "f1": "",
        **{name: f"{report.attribute_correct(name)}/{report.matched}" for name in FIELDS},
        "metric": f"{report.metric_correct}/{report.metric_scored}",
        "capex_or_not": f"{report.capex_correct}/{report.metric_scored}",
    }
    for name, value in scores.items():
        lines.append(_score_line(name, value, counts[name], targets.get(name)))
    lines.append("meets targets: " + ("yes" if report.meets_targets(targets) else "no"))
    lines.append("")
    lines.append("Errors by attribute (over matched figures)")
    for name in FIELDS:
        kinds = "  ".join(f"{kind} {report.errors[name][kind]}" for kind in ERROR_KINDS)
        lines.append(f"  {name:<8} {kinds}")
    if report.metric_scored:
        unlabelled = f"; {report.metric_unlabelled} with no metric of the vocabulary, not scored" \
            if report.metric_unlabelled else ""
        lines.append(f"  metric   scored on {report.metric_scored} figures{unlabelled}")
        lines += _table("metric", METRICS, report.metric_confusion)
        lines += _table("capex or not", CAPEX_SIDES, report.capex_confusion)
    else:
        lines.append("  metric   not scored: the set labels no metric of the vocabulary")
    for kind, title in _KIND_TITLES.items():
        misses = [m for m in report.misses if m.kind == kind]
        if not misses:
            continue
        lines.append("")
        lines.append(f"{title}: {len(misses)}")
        for m in misses:
            if kind == "false_negative":
                detail = f"expected {m.amount} {m.expected}"
            elif kind == "false_positive":
                detail = f"got {m.amount} {m.got}"
            else:
                detail = f"{m.amount}: expected {m.expected!r}, got {m.got!r} ({m.error})"
            lines.append(f"  [{m.record_id}] {detail}")
            lines.append(f"      | {' '.join(m.sentence.split())}")
    return "\n".join(lines)


def attributes_to_json(report: EvaluationReport) -> dict[str, Any]:
    """Each attribute's accuracy with its confusion: error kinds for year/source/subject, the
    confusion tables for metric and capex-or-not."""
    scores = report.scores()
    attributes: dict[str, Any] = {
        name: {"accuracy": scores[name], "correct": report.attribute_correct(name), "scored": report.matched,
               **report.errors[name]}
        for name in FIELDS
    }
    attributes["metric"] = {
        "accuracy": scores["metric"],
        "correct": report.metric_correct,
        "scored": report.metric_scored,
        "unlabelled": report.metric_unlabelled,
        "confusion": {gold: dict(row) for gold, row in report.metric_confusion.items()},
    }
    attributes["capex_or_not"] = {
        "accuracy": scores["capex_or_not"],
        "correct": report.capex_correct,
        "scored": report.metric_scored,
        "confusion": {gold: dict(row) for gold, row in report.capex_confusion.items()},
    }
    return attributes


def report_to_json(report: EvaluationReport, targets: Mapping[str, float] = TARGETS) -> dict[str, Any]:
    """A JSON-ready dict: counts, scores, targets, each attribute's confusion and every miss."""
    return {
        "counts": {
            "records": report.records,
            "gold_figures": report.gold_figures,
            "predicted_figures": report.predicted_figures,
            "matched": report.matched,
            "false_positives": report.false_positives,
            "false_negatives": report.false_negatives,
            "year_correct": report.year_correct,
            "source_correct": report.source_correct,
            "subject_correct": report.subject_correct,
            "metric_scored": report.metric_scored,
            "metric_correct": report.metric_correct,
            "capex_or_not_correct": report.capex_correct,
        },
        "scores": report.scores(),
        "targets": dict(targets),
        "failed_targets": {k: {"score": s, "target": t} for k, (s, t) in report.failed_targets(targets).items()},
        "meets_targets": report.meets_targets(targets),
        "attributes": attributes_to_json(report),
        "misses": [m.to_json() for m in report.misses],
    }
