"""Gold sets: loading and validating hand-labelled JSON Lines (the schema of gold/CONVENTIONS.md).

A record is ``{"id", "text", "published", "figures"}``; the real-text sets add ``url``, ``outlet``,
``company`` (and may say ``published_note``), and must give a ``metric`` from the fixed vocabulary
for every figure. ``load_gold`` raises ``GoldFormatError`` naming every line and key at fault.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from extract.figure import METRICS

#: What a figure may measure (gold/CONVENTIONS.md, "metric"); the rules output the same words.

_REQUIRED_RECORD_KEYS = ("id", "text", "published", "figures")
#: Keys of a real-text record (gold/REAL.md) besides the required ones.
REAL_TEXT_KEYS = ("url", "outlet", "company")
_OPTIONAL_RECORD_KEYS = (*REAL_TEXT_KEYS, "published_note")
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
    """One labelled figure. ``metric`` is scored when it is a word of ``METRICS`` (older sets have
    free-text labels, which are counted as unlabelled); ``qualifier``/``anonymous``/``note`` are kept."""

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
    #: the page the passage comes from, its outlet and main company (real-text sets only)
    url: str | None = None
    outlet: str | None = None
    company: str | None = None

    @property
    def real_text(self) -> bool:
        """A passage of a published article (gold/REAL.md), not a text written for the rules."""
        return self.url is not None and self.outlet is not None


@dataclass(frozen=True, slots=True)
class GoldCounts:
    records: int
    figures: int
    none_records: int


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
    unknown = set(obj) - set(_REQUIRED_RECORD_KEYS) - set(_OPTIONAL_RECORD_KEYS)
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
    for key in REAL_TEXT_KEYS:
        if key in obj and (not isinstance(obj[key], str) or not obj[key].strip()):
            problems.append(f"{where}: {key!r} must be a non-empty string")
    real_text = all(key in obj for key in ("url", "outlet"))
    figures = obj.get("figures")
    if "figures" in obj and not isinstance(figures, list):
        problems.append(f"{where}: 'figures' must be a list")
    elif isinstance(figures, list):
        for i, fig in enumerate(figures):
            problems.extend(_validate_figure(fig, f"{where}: figures[{i}]", strict=strict))
            if real_text and isinstance(fig, dict) and fig.get("metric") not in METRICS:
                # a real-text set is scored on the metric: every figure needs one of the vocabulary
                problems.append(f"{where}: figures[{i}]: 'metric' must be one of {', '.join(METRICS)} in a "
                                f"real-text record, got {fig.get('metric')!r}")
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
        url=obj.get("url"),
        outlet=obj.get("outlet"),
        company=obj.get("company"),
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


