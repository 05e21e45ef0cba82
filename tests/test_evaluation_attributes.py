"""Each attribute's accuracy and its confusion in ``capexwatch eval``: the kinds of error of
year/source/subject, the metric's confusion table, capex-or-not, and which targets a set is held to
(hand-built figures: no rules involved)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from extract.evaluation import (
    REAL_TARGETS,
    TARGETS,
    GoldFigure,
    GoldFormatError,
    GoldRecord,
    evaluate,
    format_report,
    main,
    parse_gold_lines,
    report_to_json,
    targets_for,
)
from extract.figure import Figure

PUBLISHED = date(2026, 3, 1)


def fig(amount, year=None, source=None, subject=None, metric="other"):
    return Figure(amount=Decimal(str(amount)), amount_high=None, currency="USD", year=year, source=source,
                  subject=subject, text=f"${amount}", sentence="s", start=0, end=1, metric=metric)


def gold(amount, year=None, source=None, subject=None, metric=None):
    return GoldFigure(amount=Decimal(str(amount)), amount_high=None, currency="USD", year=year, source=source,
                      subject=subject, metric=metric)


class Canned:
    def __init__(self, by_text):
        self.by_text = by_text

    def extract_many(self, records, batch_size=32):
        for text, _published in records:
            yield list(self.by_text.get(text, []))


def run(golds, preds):
    records = [GoldRecord(id="r1", text="t", published=PUBLISHED, figures=tuple(golds))]
    return evaluate(records, Canned({"t": preds}))


def test_errors_are_missing_spurious_or_wrong():
    report = run(
        [gold(1, year=2025, source="Reuters", subject="Meta"),
         gold(2, year=None, source=None, subject=None),
         gold(3, year=2025, source="Reuters", subject="Meta")],
        [fig(1, year=None, source=None, subject=None),           # all three missing
         fig(2, year=2026, source="Bloomberg", subject="Meta"),  # all three spurious
         fig(3, year=2024, source="Bloomberg", subject="Alphabet")],  # all three wrong
    )
    for name in ("year", "source", "subject"):
        assert report.errors[name] == {"missing": 1, "spurious": 1, "wrong": 1}
    kinds = sorted((m.kind, m.error) for m in report.misses)
    assert kinds.count(("year", "missing")) == 1 and kinds.count(("subject", "wrong")) == 1


def test_metric_confusion_and_capex_or_not():
    report = run(
        [gold(1, metric="capex"), gold(2, metric="capex"), gold(3, metric="revenue"), gold(4, metric="other"),
         gold(5, metric="price")],
        [fig(1, metric="capex"), fig(2, metric="other"), fig(3, metric="capex"), fig(4, metric="valuation"),
         fig(5, metric="price")],
    )
    assert report.metric_scored == 5 and report.metric_correct == 2
    assert report.metric_accuracy == pytest.approx(2 / 5)
    assert report.metric_confusion["capex"]["capex"] == 1
    assert report.metric_confusion["capex"]["other"] == 1
    assert report.metric_confusion["revenue"]["capex"] == 1
    assert report.metric_confusion["other"]["valuation"] == 1
    # capex-or-not: 1 right capex, 1 capex missed, 1 not taken for capex, 2 right "not"
    assert report.capex_confusion == {"capex": {"capex": 1, "not": 1}, "not": {"capex": 1, "not": 2}}
    assert report.capex_accuracy == pytest.approx(3 / 5)
    errors = {(m.expected, m.got): m.error for m in report.misses if m.kind == "metric"}
    assert errors == {("capex", "other"): "capex_flip", ("revenue", "capex"): "capex_flip",
                      ("other", "valuation"): "wrong"}


def test_free_text_metric_labels_are_not_scored():
    """The older sets label metrics in free text ("share price", "net profit"): counted, not scored."""
    report = run([gold(1, metric="share price"), gold(2, metric=None), gold(3, metric="capex")],
                 [fig(1, metric="price"), fig(2), fig(3, metric="capex")])
    assert (report.metric_scored, report.metric_unlabelled, report.metric_correct) == (1, 2, 1)
    assert report.scores()["metric"] == 1.0


def test_a_set_with_no_metric_labels_reports_none_and_fails_a_metric_target():
    report = run([gold(1)], [fig(1)])
    assert report.scores()["metric"] is None and report.scores()["capex_or_not"] is None
    assert report.meets_targets(TARGETS)
    assert "capex_or_not" in report.failed_targets({"capex_or_not": 0.95})
    assert "metric   not scored" in format_report(report)


def test_text_and_json_show_each_attribute_with_its_confusion():
    report = run([gold(1, year=2025, metric="capex"), gold(2, metric="revenue")],
                 [fig(1, year=None, metric="capex"), fig(2, metric="other")])
    text = format_report(report, REAL_TARGETS)
    assert "year     missing 1  spurious 0  wrong 0" in text
    assert "metric (rows: gold, columns: predicted)" in text
    assert "capex or not (rows: gold, columns: predicted)" in text
    assert "capex_or_not" in text and "target 0.95" in text
    data = json.loads(json.dumps(report_to_json(report, REAL_TARGETS)))
    assert data["attributes"]["year"] == {"accuracy": 0.5, "correct": 1, "scored": 2,
                                          "missing": 1, "spurious": 0, "wrong": 0}
    assert data["attributes"]["metric"]["confusion"]["revenue"]["other"] == 1
    assert data["attributes"]["capex_or_not"]["confusion"] == {"capex": {"capex": 1, "not": 0},
                                                               "not": {"capex": 0, "not": 1}}
    assert data["scores"]["metric"] == 0.5 and data["targets"] == REAL_TARGETS
    assert set(data["failed_targets"]) == {"year"}


REAL_LINE = {
    "id": "rd1", "url": "https://example.com/a", "outlet": "Example News", "company": "Meta",
    "published": "2026-01-02", "text": "Meta will spend $70bn.",
    "figures": [{"amount": 70000000000, "amount_high": None, "currency": "USD", "year": None, "source": None,
                 "subject": "Meta", "metric": "capex"}],
}


def test_real_text_records_are_held_to_the_real_targets():
    real = parse_gold_lines([json.dumps(REAL_LINE)], strict=True)
    assert real[0].real_text and real[0].outlet == "Example News" and real[0].company == "Meta"
    assert targets_for(real) == REAL_TARGETS
    written = parse_gold_lines([json.dumps({k: v for k, v in REAL_LINE.items()
                                            if k not in ("url", "outlet", "company")})])
    assert targets_for(written) == TARGETS
    assert targets_for(real + written) == TARGETS  # a mixed file is no real-text set


def test_real_text_figures_need_a_vocabulary_metric():
    line = json.loads(json.dumps(REAL_LINE))
    line["figures"][0]["metric"] = "capital spending"
    with pytest.raises(GoldFormatError, match="'metric' must be one of capex, revenue"):
        parse_gold_lines([json.dumps(line)])


def test_main_checks_a_real_text_set_against_its_targets(tmp_path, capsys):
    path = tmp_path / "real.jsonl"
    path.write_text(json.dumps(REAL_LINE) + "\n", encoding="utf-8")
    right = [fig(70e9, subject="Meta", metric="capex")]
    assert main([str(path)], extractor=Canned({REAL_LINE["text"]: right})) == 0
    capsys.readouterr()
    wrong = [fig(70e9, subject="Meta", metric="other")]
    assert main([str(path), "--json"], extractor=Canned({REAL_LINE["text"]: wrong})) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["failed_targets"]["capex_or_not"] == {"score": 0.0, "target": 0.95}
