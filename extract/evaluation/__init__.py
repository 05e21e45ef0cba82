"""Score the figure extractor against a hand-labelled gold set (the rules in gold/CONVENTIONS.md).

The gold file is JSON Lines, one record a line::

    {"id": "g001", "text": "...", "published": "2025-06-03",
     "figures": [{"amount": 150000000000, "amount_high": null, "currency": "CNY",
                  "year": 2025, "source": "Reuters", "subject": "ByteDance"}]}

Matching, per record: a predicted figure matches a gold figure when amount, amount_high and
currency are equal (amounts compared as ``Decimal`` values, so ``1.5E9 == 1500000000``). Each
gold figure is matched at most once; when the same amount appears several times, the pairing
that agrees on the most of year/source/subject is chosen, so a correct prediction is never
marked wrong because of the order in which it was written. Precision/recall/F1 count amounts;
year/source/subject accuracy is measured over the matched pairs only.

Run ``python -m extract.evaluation GOLD.jsonl`` (or ``capexwatch eval GOLD.jsonl``): prints the
figures and every miss; exits 1 when a target in :data:`TARGETS` is not met, 2 when the gold
file is invalid.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Protocol

from extract.figure import Figure, decimal_to_json

#: The bar the issue "Figure extraction analysts can trust" sets (amount P/R, field accuracy).
TARGETS: dict[str, float] = {
    "precision": 0.97,
    "recall": 0.95,
    "year": 0.93,
    "source": 0.93,
    "subject": 0.93,
}

FIELDS: tuple[str, ...] = ("year", "source", "subject")

_REQUIRED_RECORD_KEYS = ("id", "text", "published", "figures")
_REQUIRED_FIGURE_KEYS = ("amount", "amount_high", "currency", "year", "source", "subject")
_OPTIONAL_FIGURE_KEYS = ("metric", "qualifier", "anonymous", "note")
_CURRENCY = re.compile(r"[A-Z]{3}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class GoldFormatError(ValueError):
    """The gold file breaks the schema; ``problems`` names each line and key at fault."""

    def __init__(self, path: str, problems: Sequence[str]) -> None:
        self.path = path
        self.problems = list(problems)
        shown = "\n".join(f"  {p}" for p in self.problems[:50])
        more = f"\n  ... and {len(self.problems) - 50} more" if len(self.problems) > 50 else ""
        super().__init__(f"{path}: {len(self.problems)} problem(s) in the gold file:\n{shown}{more}")


@dataclass(frozen=True, slots=True)
class GoldFigure:
    """One labelled figure. ``metric``/``qualifier``/``anonymous``/``note`` are reported, not scored."""

    amount: Decimal
    amount_high: Decimal | None
    currency: str
    year: int | None
    source: str | None
    subject: str | None
    metric: str | None = None
    qualifier: str | None = None
    anonymous: bool = False
    note: str | None = None


@dataclass(frozen=True, slots=True)
class GoldRecord:
    """One labelled text: what the extractor is given (text, published) and what it should find."""

    id: str
    text: str
    published: date | None
    figures: tuple[GoldFigure, ...]


@dataclass(frozen=True, slots=True)
class GoldCounts:
    records: int
    figures: int
    none_records: int


# --------------------------------------------------------------------------- loading/validating


def validate_record(obj: Any, where: str = "record", *, strict: bool = True) -> list[str]:
    """Every schema problem of one parsed gold record (empty list when it is valid).

    Expects numbers parsed as ``Decimal`` (``json.loads(..., parse_float=Decimal)``); ints are
    accepted too. Checks: required keys and their types, ``published`` an ISO date, amounts
    positive, ``amount_high > amount`` when set, currency three uppercase letters, year an int.

    ``strict`` is for the sets this project writes (every key present, nothing unknown). A gold
    file from elsewhere is read with ``strict=False``: extra keys are ignored, ``id`` may be a
    number, ``published`` may be null or a full timestamp, and a figure needs only ``amount``
    and ``currency`` (a missing ``amount_high``/``year``/``source``/``subject`` reads as null).
    """
    problems: list[str] = []
    if not isinstance(obj, dict):
        return [f"{where}: not a JSON object"]
    required = _REQUIRED_RECORD_KEYS if strict else ("text", "figures")
    for key in required:
        if key not in obj:
            problems.append(f"{where}: missing key {key!r}")
    unknown = set(obj) - set(_REQUIRED_RECORD_KEYS)
    if unknown and strict:
        problems.append(f"{where}: unknown key(s) {sorted(unknown)}")
    if "id" in obj:
        valid_id = isinstance(obj["id"], str) and obj["id"] or (
            not strict and isinstance(obj["id"], int) and not isinstance(obj["id"], bool)
        )
        if not valid_id:
            problems.append(f"{where}: 'id' must be a non-empty string")
    if "text" in obj and (not isinstance(obj["text"], str) or not obj["text"].strip()):
        problems.append(f"{where}: 'text' must be a non-empty string")
    if "published" in obj and (strict or obj["published"] is not None):
        value = obj["published"]
        if not strict and isinstance(value, str) and "T" in value:
            value = value.split("T", 1)[0]  # a full timestamp: its day is what resolves "this year"
        problems.extend(_check_date(value, f"{where}: 'published'"))
    figures = obj.get("figures")
    if "figures" in obj and not isinstance(figures, list):
        problems.append(f"{where}: 'figures' must be a list")
    elif isinstance(figures, list):
        for i, fig in enumerate(figures):
            problems.extend(_validate_figure(fig, f"{where}: figures[{i}]", strict=strict))
    return problems


def _check_date(value: Any, where: str) -> list[str]:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return [f"{where} must be a YYYY-MM-DD string, got {value!r}"]
    try:
        date.fromisoformat(value)
    except ValueError:
        return [f"{where} is not a real date: {value!r}"]
    return []


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool)


def _validate_figure(fig: Any, where: str, *, strict: bool = True) -> list[str]:
    if not isinstance(fig, dict):
        return [f"{where}: not a JSON object"]
    problems: list[str] = []
    for key in _REQUIRED_FIGURE_KEYS if strict else ("amount", "currency"):
        if key not in fig:
            problems.append(f"{where}: missing key {key!r}")
    unknown = set(fig) - set(_REQUIRED_FIGURE_KEYS) - set(_OPTIONAL_FIGURE_KEYS)
    if unknown and strict:
        problems.append(f"{where}: unknown key(s) {sorted(unknown)}")
    if not strict:
        fig = {**fig, **{k: _lenient_number(fig.get(k)) for k in ("amount", "amount_high")}}
    amount = fig.get("amount")
    if "amount" in fig and (not _is_number(amount) or amount <= 0):
        problems.append(f"{where}: 'amount' must be a positive number, got {amount!r}")
    high = fig.get("amount_high")
    if high is not None:
        if not _is_number(high):
            problems.append(f"{where}: 'amount_high' must be a number or null, got {high!r}")
        elif _is_number(amount) and not high > amount:
            problems.append(f"{where}: 'amount_high' {high} must be greater than 'amount' {amount}")
    currency = fig.get("currency")
    if "currency" in fig and (not isinstance(currency, str) or not _CURRENCY.fullmatch(currency)):
        problems.append(f"{where}: 'currency' must be 3 uppercase letters, got {currency!r}")
    year = fig.get("year")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        problems.append(f"{where}: 'year' must be an integer or null, got {year!r}")
    elif year is not None and not 1900 <= year <= 2100:
        problems.append(f"{where}: 'year' {year} is not a plausible year")
    for key in ("source", "subject", "metric", "qualifier", "note"):
        value = fig.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            problems.append(f"{where}: {key!r} must be a non-empty string or null, got {value!r}")
    if "anonymous" in fig and not isinstance(fig["anonymous"], bool):
        problems.append(f"{where}: 'anonymous' must be true or false")
    return problems


def _lenient_number(value: Any) -> Any:
    """A numeric string ("150000000000") as the Decimal it spells; anything else unchanged."""
    if isinstance(value, str):
        try:
            return Decimal(value.replace(",", "").strip())
        except InvalidOperation:
            return value
    return value


def _to_record(obj: dict[str, Any], fallback_id: str = "") -> GoldRecord:
    figures = tuple(
        GoldFigure(
            amount=Decimal(_lenient_number(obj_fig["amount"])),
            amount_high=(
                None if obj_fig.get("amount_high") is None else Decimal(_lenient_number(obj_fig["amount_high"]))
            ),
            currency=obj_fig["currency"],
            year=obj_fig.get("year"),
            source=obj_fig.get("source"),
            subject=obj_fig.get("subject"),
            metric=obj_fig.get("metric"),
            qualifier=obj_fig.get("qualifier"),
            anonymous=obj_fig.get("anonymous", False),
            note=obj_fig.get("note"),
        )
        for obj_fig in obj["figures"]
    )
    published = obj.get("published")
    return GoldRecord(
        id=str(obj.get("id") or fallback_id),
        text=obj["text"],
        published=date.fromisoformat(published[:10]) if published else None,
        figures=figures,
    )


def parse_gold_lines(lines: Iterable[str], name: str = "<gold>", *, strict: bool = True) -> list[GoldRecord]:
    """Parse and validate JSON Lines; raises :class:`GoldFormatError` listing every problem.

    ``strict=False`` reads gold files written elsewhere (see :func:`validate_record`)."""
    problems: list[str] = []
    records: list[GoldRecord] = []
    seen: dict[str, int] = {}
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"line {lineno}"
        try:
            # parse_float=Decimal: a gold amount such as 20.64e9 must not pass through a float.
            obj = json.loads(line, parse_float=Decimal)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: invalid JSON ({exc.msg})")
            continue
        found = validate_record(obj, where, strict=strict)
        if isinstance(obj, dict) and isinstance(obj.get("id"), str | int):
            if obj["id"] in seen and strict:
                found.append(f"{where}: duplicate id {obj['id']!r} (first on line {seen[obj['id']]})")
            seen.setdefault(obj["id"], lineno)
        if found:
            problems.extend(found)
            continue
        records.append(_to_record(obj, fallback_id=where))
    if problems:
        raise GoldFormatError(name, problems)
    return records


def load_gold(path: str | Path, *, strict: bool = True) -> list[GoldRecord]:
    """Load and validate a gold JSON Lines file (``strict=False`` for files written elsewhere)."""
    path = Path(path)
    with path.open(encoding="utf-8") as handle:
        return parse_gold_lines(handle, str(path), strict=strict)


def gold_counts(records: Iterable[GoldRecord]) -> GoldCounts:
    """How many records, figures, and records with no figure at all."""
    records = list(records)
    return GoldCounts(
        records=len(records),
        figures=sum(len(r.figures) for r in records),
        none_records=sum(1 for r in records if not r.figures),
    )


# --------------------------------------------------------------------------- name comparison

_POSSESSIVE = re.compile(r"['\u2019]s\b|(?<=s)['\u2019](?=\s|$)")
_DROPPED = re.compile(r"[.'\u2019`]")
_PUNCT = re.compile(r"[^\w\s]|_")
_LEADING_THE = re.compile(r"^the(?:\s+|$)")


def normalize_name(name: str | None) -> str | None:
    """Lowercase, drop a leading "the", possessive "'s" and punctuation; None for empty names.

    "The Financial Times" -> "financial times"; "ByteDance's" -> "bytedance"; "U.S." -> "us".
    """
    if name is None:
        return None
    text = name.strip().lower()
    text = _POSSESSIVE.sub("", text)
    text = _DROPPED.sub("", text)
    text = _PUNCT.sub(" ", text)
    text = " ".join(text.split())
    text = _LEADING_THE.sub("", text)
    return text or None


def _contains_words(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def _part_matches(expected: str, got: str) -> bool:
    exp, pred = normalize_name(expected), normalize_name(got)
    if exp is None or pred is None:
        return exp is None and pred is None
    if exp == pred:
        return True
    # A whole-word part of the other ("Tencent President Martin Lau" ~ "Martin Lau"), never a
    # piece of a word ("Meta" is not part of "Metaverse Capital").
    exp_words, pred_words = exp.split(), pred.split()
    if len(exp_words) >= len(pred_words):
        return _contains_words(exp_words, pred_words)
    return _contains_words(pred_words, exp_words)


def names_match(expected: str | None, got: str | None) -> bool:
    """Source/subject agreement under gold/CONVENTIONS.md; chains ("A; B") compare part by part."""
    if normalize_name(expected) is None or normalize_name(got) is None:
        return normalize_name(expected) is None and normalize_name(got) is None
    exp_parts = [p for p in expected.split(";") if normalize_name(p)]  # type: ignore[union-attr]
    got_parts = [p for p in got.split(";") if normalize_name(p)]  # type: ignore[union-attr]
    if len(exp_parts) != len(got_parts):
        return False
    return all(_part_matches(e, g) for e, g in zip(exp_parts, got_parts))


def field_agrees(name: str, expected: Any, got: Any) -> bool:
    if name == "year":
        return expected == got
    return names_match(expected, got)


# --------------------------------------------------------------------------- matching


def _dec(value: Any) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    try:
        # str(): a float 20.64e9 must become Decimal("20640000000.0"), not its binary expansion.
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _key(amount: Any, amount_high: Any, currency: Any) -> tuple[Any, ...]:
    low, high = _dec(amount), _dec(amount_high)
    return (
        None if low is None else low.normalize(),
        None if high is None else high.normalize(),
        (currency or "").upper(),
    )


def _agreement(gold: GoldFigure, pred: Figure) -> int:
    return sum(field_agrees(f, getattr(gold, f), getattr(pred, f)) for f in FIELDS)


def _best_pairs(golds: list[int], preds: list[int], score) -> list[tuple[int, int]]:
    """Pair as many as possible, maximising total agreement; ties go to the earliest items.

    Exact search over the smaller side (bitmask DP) for the small groups real texts produce;
    greedy for absurdly repetitive groups, where any pairing is as good as another anyway.
    """
    if not golds or not preds:
        return []
    if min(len(golds), len(preds)) > 12:
        pairs, used = [], set()
        for g in golds:
            best = max((p for p in preds if p not in used), key=lambda p: score(g, p), default=None)
            if best is not None:
                used.add(best)
                pairs.append((g, best))
        return pairs
    swap = len(preds) > len(golds)
    rows, cols = (preds, golds) if swap else (golds, preds)  # cols: the smaller side (bitmask)

    def s(r: int, c: int) -> int:
        return score(c, r) if swap else score(r, c)

    target = len(cols)  # every item of the smaller side gets paired
    memo: dict[tuple[int, int], tuple[int, tuple[tuple[int, int], ...]] | None] = {}

    def best(i: int, mask: int) -> tuple[int, tuple[tuple[int, int], ...]] | None:
        used = bin(mask).count("1")
        if used == target:
            return (0, ())
        if len(rows) - i < target - used:
            return None
        key = (i, mask)
        if key in memo:
            return memo[key]
        result = best(i + 1, mask)  # row i left unpaired
        for j in range(len(cols)):
            if mask & (1 << j):
                continue
            rest = best(i + 1, mask | (1 << j))
            if rest is None:
                continue
            cand = (rest[0] + s(rows[i], cols[j]), ((rows[i], cols[j]),) + rest[1])
            if result is None or cand[0] > result[0]:
                result = cand
        memo[key] = result
        return result

    found = best(0, 0)
    pairs = list(found[1]) if found else []
    return [(c, r) for r, c in pairs] if swap else pairs


def match_figures(
    gold: Sequence[GoldFigure], predicted: Sequence[Figure]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pair gold and predicted figures of one record.

    Returns ``(pairs, unmatched_gold, unmatched_predicted)`` as indexes; ``pairs`` holds
    ``(gold_index, predicted_index)``. Amount, amount_high and currency must be equal.
    """
    gold_groups: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    pred_groups: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for i, g in enumerate(gold):
        gold_groups[_key(g.amount, g.amount_high, g.currency)].append(i)
    for j, p in enumerate(predicted):
        pred_groups[_key(p.amount, p.amount_high, p.currency)].append(j)
    pairs: list[tuple[int, int]] = []
    for key, g_idx in gold_groups.items():
        pairs.extend(
            _best_pairs(g_idx, pred_groups.get(key, []), lambda g, p: _agreement(gold[g], predicted[p]))
        )
    pairs.sort()
    matched_g = {g for g, _ in pairs}
    matched_p = {p for _, p in pairs}
    return (
        pairs,
        [i for i in range(len(gold)) if i not in matched_g],
        [j for j in range(len(predicted)) if j not in matched_p],
    )


# --------------------------------------------------------------------------- report


@dataclass(frozen=True, slots=True)
class Miss:
    """One thing the extractor got wrong, with the words a reviewer needs to see.

    ``kind`` is "false_positive", "false_negative", "year", "source" or "subject".
    ``amount`` is the figure as written (predicted) or as labelled (gold).
    """

    kind: str
    record_id: str
    sentence: str
    amount: str
    expected: Any
    got: Any

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "record_id": self.record_id,
            "sentence": self.sentence,
            "amount": self.amount,
            "expected": self.expected,
            "got": self.got,
        }


def _ratio(num: int, den: int, empty: float) -> float:
    return num / den if den else empty


@dataclass(slots=True)
class EvaluationReport:
    """Counts, scores and every miss of one evaluation run."""

    records: int = 0
    gold_figures: int = 0
    predicted_figures: int = 0
    matched: int = 0
    year_correct: int = 0
    source_correct: int = 0
    subject_correct: int = 0
    misses: list[Miss] = field(default_factory=list)

    @property
    def false_positives(self) -> int:
        return self.predicted_figures - self.matched

    @property
    def false_negatives(self) -> int:
        return self.gold_figures - self.matched

    @property
    def precision(self) -> float:
        # Nothing predicted means nothing wrong predicted: recall carries that failure.
        return _ratio(self.matched, self.predicted_figures, 1.0)

    @property
    def recall(self) -> float:
        return _ratio(self.matched, self.gold_figures, 1.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def _accuracy(self, correct: int) -> float:
        # Over matched pairs only; with gold figures but no match there is no evidence of accuracy.
        return _ratio(correct, self.matched, 1.0 if self.gold_figures == 0 else 0.0)

    @property
    def year_accuracy(self) -> float:
        return self._accuracy(self.year_correct)

    @property
    def source_accuracy(self) -> float:
        return self._accuracy(self.source_correct)

    @property
    def subject_accuracy(self) -> float:
        return self._accuracy(self.subject_correct)

    def scores(self) -> dict[str, float]:
        """The scores under the names :data:`TARGETS` uses (plus f1)."""
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "year": self.year_accuracy,
            "source": self.source_accuracy,
            "subject": self.subject_accuracy,
        }

    def failed_targets(self, targets: Mapping[str, float] = TARGETS) -> dict[str, tuple[float, float]]:
        """``{name: (score, target)}`` for every target not met."""
        scores = self.scores()
        unknown = set(targets) - set(scores)
        if unknown:
            raise KeyError(f"unknown target(s) {sorted(unknown)}; known: {sorted(scores)}")
        return {k: (scores[k], t) for k, t in targets.items() if scores[k] < t}

    def meets_targets(self, targets: Mapping[str, float] = TARGETS) -> bool:
        return not self.failed_targets(targets)


def _gold_as_text(g: GoldFigure) -> str:
    amount = f"{g.amount.normalize():f}"
    if g.amount_high is not None:
        amount += f"-{g.amount_high.normalize():f}"
    return f"{g.currency} {amount}"


def _pred_as_text(p: Figure) -> str:
    amount = f"{_dec(p.amount).normalize():f}"  # type: ignore[union-attr]
    if p.amount_high is not None:
        amount += f"-{_dec(p.amount_high).normalize():f}"  # type: ignore[union-attr]
    return f"{p.text!r} = {p.currency} {amount}"


def score_record(
    record: GoldRecord, predicted: Sequence[Figure], report: EvaluationReport
) -> None:
    """Match one record's predictions and add its counts and misses to ``report``."""
    pairs, lost, extra = match_figures(record.figures, predicted)
    report.records += 1
    report.gold_figures += len(record.figures)
    report.predicted_figures += len(predicted)
    report.matched += len(pairs)
    for gi, pi in pairs:
        gold, pred = record.figures[gi], predicted[pi]
        for name in FIELDS:
            expected, got = getattr(gold, name), getattr(pred, name)
            if field_agrees(name, expected, got):
                setattr(report, f"{name}_correct", getattr(report, f"{name}_correct") + 1)
            else:
                report.misses.append(
                    Miss(name, record.id, pred.sentence, _pred_as_text(pred), expected, got)
                )
    context = " ".join(record.text.split())
    for gi in lost:
        gold = record.figures[gi]
        report.misses.append(
            Miss(
                "false_negative",
                record.id,
                context,
                _gold_as_text(gold),
                {f: getattr(gold, f) for f in FIELDS},
                None,
            )
        )
    for pi in extra:
        pred = predicted[pi]
        report.misses.append(
            Miss(
                "false_positive",
                record.id,
                pred.sentence,
                _pred_as_text(pred),
                None,
                {f: getattr(pred, f) for f in FIELDS},
            )
        )


class Extractor(Protocol):
    def extract_many(
        self, records: Iterable[tuple[str, date | None]], batch_size: int = ...
    ) -> Iterable[list[Figure]]: ...


def evaluate(
    records: Sequence[GoldRecord], extractor: Extractor | None = None, batch_size: int = 32
) -> EvaluationReport:
    """Run ``extractor`` (default: ``FigureExtractor()``) over the gold texts and score it."""
    if extractor is None:
        # Imported here so scoring (and its tests) never needs the rule pipeline loaded.
        from extract.pipeline import FigureExtractor

        extractor = FigureExtractor()
    records = list(records)
    outputs = extractor.extract_many(((r.text, r.published) for r in records), batch_size=batch_size)
    report = EvaluationReport()
    # strict: an extractor that drops or adds a record would otherwise shift every score silently.
    for record, predicted in zip(records, outputs, strict=True):
        score_record(record, list(predicted), report)
    return report


_KIND_TITLES = {
    "false_negative": "Missed figures (false negatives)",
    "false_positive": "Spurious figures (false positives)",
    "year": "Wrong year",
    "source": "Wrong source",
    "subject": "Wrong subject",
}


def format_report(report: EvaluationReport, targets: Mapping[str, float] = TARGETS) -> str:
    """Human-readable: the figures against their targets, then every miss grouped by kind."""
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
        "year": f"{report.year_correct}/{report.matched}",
        "source": f"{report.source_correct}/{report.matched}",
        "subject": f"{report.subject_correct}/{report.matched}",
    }
    for name, value in scores.items():
        target = targets.get(name)
        verdict = "" if target is None else f"target {target:.2f}  {'ok' if value >= target else 'BELOW'}"
        lines.append(f"  {name:<10}{value:7.3f}  {counts[name]:>9}  {verdict}".rstrip())
    lines.append("meets targets: " + ("yes" if report.meets_targets(targets) else "no"))
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
                detail = f"{m.amount}: expected {m.expected!r}, got {m.got!r}"
            lines.append(f"  [{m.record_id}] {detail}")
            lines.append(f"      | {' '.join(m.sentence.split())}")
    return "\n".join(lines)


def report_to_json(report: EvaluationReport, targets: Mapping[str, float] = TARGETS) -> dict[str, Any]:
    """A JSON-ready dict: counts, scores, targets and every miss."""
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
        },
        "scores": report.scores(),
        "targets": dict(targets),
        "failed_targets": {k: {"score": s, "target": t} for k, (s, t) in report.failed_targets(targets).items()},
        "meets_targets": report.meets_targets(targets),
        "misses": [m.to_json() for m in report.misses],
    }


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return decimal_to_json(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def main(argv: Sequence[str] | None = None, extractor: Extractor | None = None) -> int:
    """The ``python -m extract.evaluation`` command; ``extractor`` defaults to ``FigureExtractor()``."""
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
    report = evaluate(records, extractor, batch_size=args.batch_size)
    if args.json:
        print(json.dumps(report_to_json(report), indent=2, ensure_ascii=False, default=_json_default))
    else:
        print(format_report(report))
    return 0 if report.meets_targets() else 1


if __name__ == "__main__":
    sys.exit(main())
