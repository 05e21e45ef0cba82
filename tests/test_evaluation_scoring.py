"""The matcher and scorer of extract/evaluation/, on hand-built figures (no rules involved)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from extract.evaluation import (
    TARGETS,
    EvaluationReport,
    GoldFigure,
    GoldFormatError,
    GoldRecord,
    evaluate,
    format_report,
    gold_counts,
    main,
    match_figures,
    names_match,
    normalize_name,
    parse_gold_lines,
    report_to_json,
    validate_record,
)
from extract.figure import Figure

PUBLISHED = date(2025, 6, 3)


def fig(amount, currency="USD", high=None, year=None, source=None, subject=None, text="x", sentence="s"):
    return Figure(
        amount=Decimal(str(amount)),
        amount_high=None if high is None else Decimal(str(high)),
        currency=currency,
        year=year,
        source=source,
        subject=subject,
        text=text,
        sentence=sentence,
        start=0,
        end=1,
    )


def gold(amount, currency="USD", high=None, year=None, source=None, subject=None):
    return GoldFigure(
        amount=Decimal(str(amount)),
        amount_high=None if high is None else Decimal(str(high)),
        currency=currency,
        year=year,
        source=source,
        subject=subject,
    )


class CannedExtractor:
    """Returns fixed predictions per text, and records how it was called."""

    def __init__(self, by_text):
        self.by_text = by_text
        self.calls = []

    def extract_many(self, records, batch_size=32):
        records = list(records)
        self.calls.append((records, batch_size))
        for text, _published in records:
            yield list(self.by_text.get(text, []))


def record(rid, text, *figures, published=PUBLISHED):
    return GoldRecord(id=rid, text=text, published=published, figures=tuple(figures))


# ------------------------------------------------------------------ names


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("The Financial Times", "financial times"),
        ("ByteDance's", "bytedance"),
        ("ByteDance\u2019s", "bytedance"),
        ("U.S. Commerce Department", "us commerce department"),
        ("  Goldman   Sachs ", "goldman sachs"),
        ("", None),
        (None, None),
        ("the", None),
        ("Theta Capital", "theta capital"),
    ],
)
def test_normalize_name(name, expected):
    assert normalize_name(name) == expected


@pytest.mark.parametrize(
    ("expected", "got", "agree"),
    [
        ("Financial Times", "the Financial Times", True),
        ("Martin Lau", "Tencent President Martin Lau", True),
        ("Tencent President Martin Lau", "Martin Lau", True),
        ("Meta", "Metaverse Capital", False),
        ("Reuters", "Bloomberg", False),
        ("ByteDance", None, False),
        (None, "ByteDance", False),
        (None, None, True),
        (None, "  ", True),
        ("Bloomberg; South China Morning Post", "Bloomberg;South China Morning Post", True),
        ("Bloomberg; South China Morning Post", "Bloomberg", False),
        ("Bloomberg; South China Morning Post", "South China Morning Post; Bloomberg", False),
        ("Bloomberg; South China Morning Post", "Bloomberg News; the South China Morning Post", True),
    ],
)
def test_names_match(expected, got, agree):
    assert names_match(expected, got) is agree


# ------------------------------------------------------------------ matching


def test_amount_equal_after_decimal_normalisation():
    pairs, lost, extra = match_figures([gold("150000000000", "CNY")], [fig("1.5E11", "CNY")])
    assert pairs == [(0, 0)] and lost == [] and extra == []


def test_currency_mismatch_is_a_false_negative_and_a_false_positive():
    pairs, lost, extra = match_figures([gold(7e9, "USD")], [fig(7e9, "CNY")])
    assert pairs == [] and lost == [0] and extra == [0]


def test_range_must_match_both_ends():
    golds = [gold(60e9, high=65e9)]
    assert match_figures(golds, [fig(60e9)])[0] == []
    assert match_figures(golds, [fig(60e9, high=66e9)])[0] == []
    assert match_figures(golds, [fig(60e9, high=65e9)])[0] == [(0, 0)]


def test_each_gold_figure_matched_once():
    pairs, lost, extra = match_figures([gold(7e9)], [fig(7e9), fig(7e9)])
    assert len(pairs) == 1 and lost == [] and len(extra) == 1


def test_duplicates_pair_by_field_agreement_not_order():
    golds = [gold(7e9, year=2025, source="Reuters"), gold(7e9, year=2026, source="FT")]
    preds = [fig(7e9, year=2026, source="FT"), fig(7e9, year=2025, source="Reuters")]
    pairs, lost, extra = match_figures(golds, preds)
    assert pairs == [(0, 1), (1, 0)] and not lost and not extra


def test_duplicates_with_more_gold_than_predictions_keep_the_best_pair():
    golds = [gold(1e9, year=2024), gold(1e9, year=2025), gold(1e9, year=2026)]
    pairs, lost, _ = match_figures(golds, [fig(1e9, year=2026)])
    assert pairs == [(2, 0)] and lost == [0, 1]


def test_duplicates_with_more_predictions_than_gold():
    golds = [gold(1e9, subject="ByteDance")]
    preds = [fig(1e9, subject="Alibaba"), fig(1e9, subject="ByteDance"), fig(1e9)]
    pairs, _, extra = match_figures(golds, preds)
    assert pairs == [(0, 1)] and extra == [0, 2]


# ------------------------------------------------------------------ scoring


def test_evaluate_counts_and_scores():
    records = [
        record(
            "a",
            "text a",
            gold(150e9, "CNY", year=2025, source="Reuters", subject="ByteDance"),
            gold(20.64e9, "USD", year=2025, source="Reuters", subject="ByteDance"),
        ),
        record("b", "text b", gold(60e9, high=65e9, year=None, source=None, subject="Meta")),
        record("c", "text c"),
    ]
    extractor = CannedExtractor(
        {
            "text a": [
                fig(150e9, "CNY", year=2025, source="the Reuters", subject="ByteDance's"),
                fig("20640000000.00", "USD", year=2024, source="Reuters", subject="ByteDance"),
            ],
            "text b": [fig(60e9, high=65e9, year=None, source="Bloomberg", subject="Meta")],
            "text c": [fig(3, "USD", text="$3", sentence="It costs $3.")],
        }
    )
    report = evaluate(records, extractor, batch_size=7)
    assert extractor.calls[0][1] == 7
    assert [t for t, _ in extractor.calls[0][0]] == ["text a", "text b", "text c"]
    assert (report.gold_figures, report.predicted_figures, report.matched) == (3, 4, 3)
    assert report.precision == pytest.approx(3 / 4)
    assert report.recall == 1.0
    assert report.f1 == pytest.approx(2 * 0.75 / 1.75)
    assert report.year_accuracy == pytest.approx(2 / 3)
    assert report.source_accuracy == pytest.approx(2 / 3)
    assert report.subject_accuracy == 1.0
    kinds = sorted((m.kind, m.record_id) for m in report.misses)
    assert kinds == [("false_positive", "c"), ("source", "b"), ("year", "a")]
    year_miss = next(m for m in report.misses if m.kind == "year")
    assert (year_miss.expected, year_miss.got) == (2025, 2024)
    assert not report.meets_targets()
    assert set(report.failed_targets()) == {"precision", "year", "source"}
    assert report.meets_targets({"recall": 0.95, "subject": 0.93})


def test_null_year_agrees_only_with_null():
    records = [record("n", "t", gold(5e9, year=None), gold(6e9, year=None))]
    report = evaluate(records, CannedExtractor({"t": [fig(5e9, year=None), fig(6e9, year=2025)]}))
    assert report.year_correct == 1
    miss = next(m for m in report.misses if m.kind == "year")
    assert (miss.expected, miss.got) == (None, 2025)


def test_false_negative_reports_the_gold_figure_and_the_text():
    records = [record("r", "ByteDance\nwill spend Rmb150bn.", gold(150e9, "CNY", year=2025))]
    report = evaluate(records, CannedExtractor({}))
    (miss,) = report.misses
    assert miss.kind == "false_negative" and miss.record_id == "r"
    assert miss.sentence == "ByteDance will spend Rmb150bn."
    assert miss.amount == "CNY 150000000000"
    assert report.precision == 1.0 and report.recall == 0.0
    assert report.year_accuracy == 0.0


def test_extractor_returning_the_wrong_number_of_results_is_an_error():
    class Short:
        def extract_many(self, records, batch_size=32):
            return iter([[]])

    with pytest.raises(ValueError):
        evaluate([record("a", "t1"), record("b", "t2")], Short())


def test_format_and_json_report_every_miss():
    records = [record("a", "t", gold(7e9, year=2025, source="The Information", subject="ByteDance"))]
    preds = [
        fig(7e9, year=2025, source="Reuters", subject="ByteDance", text="$7B", sentence="It spent $7B."),
        fig(12000, text="$12,000", sentence="Chips cost $12,000."),
    ]
    report = evaluate(records, CannedExtractor({"t": preds}))
    text = format_report(report)
    assert "precision" in text and "BELOW" in text
    assert "Wrong source: 1" in text and "'The Information'" in text and "'Reuters'" in text
    assert "Spurious figures (false positives): 1" in text and "Chips cost $12,000." in text
    data = report_to_json(report)
    json.dumps(data)
    assert data["counts"]["false_positives"] == 1
    assert data["scores"]["precision"] == 0.5
    assert data["meets_targets"] is False
    assert {m["kind"] for m in data["misses"]} == {"source", "false_positive"}
    assert set(data["failed_targets"]) == {"precision", "source"}


def test_perfect_report_meets_targets():
    report = EvaluationReport(records=1, gold_figures=2, predicted_figures=2, matched=2,
                              year_correct=2, source_correct=2, subject_correct=2)
    assert report.meets_targets(TARGETS)
    assert "meets targets: yes" in format_report(report)


def test_unknown_target_name_is_an_error():
    with pytest.raises(KeyError):
        EvaluationReport().meets_targets({"recal": 0.9})


# ------------------------------------------------------------------ gold validation


def _line(**overrides):
    obj = {
        "id": "g1",
        "text": "ByteDance plans to spend Rmb150bn.",
        "published": "2025-01-02",
        "figures": [
            {"amount": 150000000000, "amount_high": None, "currency": "CNY", "year": 2025,
             "source": None, "subject": "ByteDance"}
        ],
    }
    obj.update(overrides)
    return json.dumps(obj)


def test_parse_valid_gold_keeps_decimals_exact():
    line = _line(figures=[{"amount": 20.64e9, "amount_high": None, "currency": "USD", "year": None,
                           "source": "Reuters", "subject": "ByteDance", "anonymous": True}])
    (rec,) = parse_gold_lines([line, ""])
    assert rec.published == date(2025, 1, 2)
    assert rec.figures[0].amount == Decimal("20640000000")
    assert rec.figures[0].anonymous is True
    assert gold_counts([rec, record("z", "none")]) == gold_counts([rec, record("z", "none")])
    counts = gold_counts([rec, record("z", "none")])
    assert (counts.records, counts.figures, counts.none_records) == (2, 1, 1)


@pytest.mark.parametrize(
    ("overrides", "fragment"),
    [
        ({"published": "2025-13-01"}, "not a real date"),
        ({"published": "03/06/2025"}, "YYYY-MM-DD"),
        ({"text": ""}, "'text'"),
        ({"figures": {}}, "'figures' must be a list"),
        ({"extra": 1}, "unknown key"),
        ({"figures": [{"amount": 5, "amount_high": 4, "currency": "USD", "year": None,
                       "source": None, "subject": None}]}, "must be greater"),
        ({"figures": [{"amount": 5, "amount_high": None, "currency": "usd", "year": None,
                       "source": None, "subject": None}]}, "3 uppercase"),
        ({"figures": [{"amount": "5", "amount_high": None, "currency": "USD", "year": None,
                       "source": None, "subject": None}]}, "positive number"),
        ({"figures": [{"amount": 5, "amount_high": None, "currency": "USD", "year": "2025",
                       "source": None, "subject": None}]}, "'year'"),
        ({"figures": [{"amount": 5, "currency": "USD", "year": None, "source": None,
                       "subject": None}]}, "missing key 'amount_high'"),
    ],
)
def test_validator_rejects(overrides, fragment):
    obj = json.loads(_line(**overrides))
    problems = validate_record(obj, "line 1")
    assert any(fragment in p for p in problems), problems


def test_parse_reports_every_bad_line_and_duplicate_ids():
    lines = [_line(), "{not json", _line(), _line(id="g2", published="2025-02-30")]
    with pytest.raises(GoldFormatError) as info:
        parse_gold_lines(lines, "gold.jsonl")
    problems = info.value.problems
    assert any(p.startswith("line 2") and "invalid JSON" in p for p in problems)
    assert any(p.startswith("line 3") and "duplicate id 'g1'" in p for p in problems)
    assert any(p.startswith("line 4") and "not a real date" in p for p in problems)
    assert "gold.jsonl" in str(info.value)


def test_main_exit_status_for_invalid_gold(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    assert main([str(bad)]) == 2
    assert "invalid JSON" in capsys.readouterr().err


def test_main_exit_status_follows_targets(tmp_path, capsys):
    gold_file = tmp_path / "gold.jsonl"
    gold_file.write_text(_line() + "\n", encoding="utf-8")
    text = json.loads(_line())["text"]
    right = fig(150e9, "CNY", year=2025, subject="ByteDance", text="Rmb150bn", sentence=text)
    assert main([str(gold_file)], CannedExtractor({text: [right]})) == 0
    assert "meets targets: yes" in capsys.readouterr().out
    wrong_year = fig(150e9, "CNY", year=2024, subject="ByteDance", text="Rmb150bn", sentence=text)
    assert main([str(gold_file), "--json"], CannedExtractor({text: [wrong_year]})) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["failed_targets"] == {"year": {"score": 0.0, "target": 0.93}}


def test_lenient_reading_of_a_gold_file_written_elsewhere():
    """Extra keys, a numeric id, a timestamp or null date, a string amount, keys left out."""
    lines = [
        json.dumps({"id": 7, "text": "Meta will spend $70bn.", "published": "2025-03-01T08:00:00Z",
                    "lang": "en", "figures": [{"amount": "70000000000", "currency": "USD", "claim": 1}]}),
        json.dumps({"text": "No money here.", "published": None, "figures": []}),
    ]
    with pytest.raises(GoldFormatError):
        parse_gold_lines(lines, "elsewhere.jsonl")  # strict: our own sets must be complete
    first, second = parse_gold_lines(lines, "elsewhere.jsonl", strict=False)
    assert (first.id, first.published) == ("7", date(2025, 3, 1))
    [figure] = first.figures
    assert (figure.amount, figure.amount_high, figure.year, figure.source) == (Decimal("70000000000"), None, None, None)
    assert second.id == "line 2" and second.published is None


def test_lenient_reading_still_rejects_real_mistakes():
    bad = json.dumps({"id": "x", "text": "t", "published": "03/06/2025",
                      "figures": [{"amount": "lots", "currency": "usd"}]})
    with pytest.raises(GoldFormatError) as info:
        parse_gold_lines([bad], "elsewhere.jsonl", strict=False)
    text = "\n".join(info.value.problems)
    assert "YYYY-MM-DD" in text and "positive number" in text and "3 uppercase" in text
