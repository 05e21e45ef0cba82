"""A dated exchange-rate table: USD equivalents for reviewers, and matching amounts across currencies.

Figures are kept in the currency they were written in; a reviewer still wants "Rmb160bn ≈ $22.8bn"
and the claims ledger must see that "Rmb160bn" and "$22bn" are the same number. Both need a rate,
and both must say which rate and date they used, so every conversion returns the :class:`Rate` it
applied.

Rates come from two places: the CSV bundled with the package (``store/data/fx_rates.csv``,
indicative month-end values that change with a release) and the ``fx_rates`` table, filled by
``capexwatch rates import FILE.csv``; an imported rate wins over a bundled one for the same currency
and day. The rate used for a date is the latest on or before it, else the earliest after it (a
figure reported before the table starts).
"""

from __future__ import annotations

import csv
import io
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from importlib import resources

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.errors import StoreError
from store.models.rates import FxRate
from store.queries import upsert

BUNDLED_SOURCE = "bundled (indicative)"
CSV_COLUMNS = ("date", "currency", "usd_per_unit")


class RatesFileError(StoreError):
    """A rates CSV that cannot be read; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Rate:
    """One unit of ``currency`` was worth ``usd_per_unit`` US dollars on ``day`` (per ``source``)."""

    currency: str
    day: date
    usd_per_unit: Decimal
    source: str


def parse_rates_csv(text: str, name: str = "<rates>", source: str | None = None) -> list[Rate]:
    """Rates from CSV text with columns ``date,currency,usd_per_unit`` (``#`` lines are comments).

    Raises :class:`RatesFileError` naming ``name``, the line and what was expected at the first
    bad row, so nothing is half-imported.
    """
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    numbered = [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    missing = [column for column in CSV_COLUMNS if column not in (reader.fieldnames or ())]
    if missing:
        where = f"{name}:{numbered[0]}" if numbered else name
        header = ",".join(CSV_COLUMNS)
        raise RatesFileError(f"{where}: missing column(s) {', '.join(missing)}; expected a header {header}")
    rates: list[Rate] = []
    for row, number in zip(reader, numbered[1:], strict=False):
        where = f"{name}:{number}"
        try:
            day = date.fromisoformat((row["date"] or "").strip())
        except ValueError:
            raise RatesFileError(f"{where}: date {row['date']!r} is not valid; expected YYYY-MM-DD") from None
        currency = (row["currency"] or "").strip().upper()
        if len(currency) != 3 or not currency.isalpha():
            raise RatesFileError(f"{where}: currency {row['currency']!r} is not valid; expected an ISO 4217 code")
        try:
            value = Decimal((row["usd_per_unit"] or "").strip())
        except InvalidOperation:
            value = Decimal(0)
        if not value.is_finite() or value <= 0:
            raise RatesFileError(
                f"{where}: usd_per_unit {row['usd_per_unit']!r} is not valid; expected a positive number"
            )
        rates.append(Rate(currency, day, value, source or name))
    return rates


def bundled_rates() -> list[Rate]:
    """The rates shipped with the package."""
    text = resources.files("store").joinpath("data/fx_rates.csv").read_text(encoding="utf-8")
    return parse_rates_csv(text, name="fx_rates.csv", source=BUNDLED_SOURCE)


def import_rates(session: Session, rates: Iterable[Rate]) -> int:
    """Store ``rates`` (replacing any imported rate of the same currency and day); returns how many."""
    count = 0
    for rate in rates:
        upsert(
            session,
            FxRate,
            {"currency": rate.currency, "day": rate.day, "usd_per_unit": rate.usd_per_unit, "source": rate.source},
            keys=("currency", "day"),
        )
        count += 1
    session.flush()
    return count


class RateTable:
    """Every known rate by currency, for lookups by date. Build once per request or run."""

    def __init__(self, rates: Iterable[Rate]) -> None:
        merged: dict[tuple[str, date], Rate] = {}
        for rate in rates:  # later entries (imported) win over earlier ones (bundled)
            merged[(rate.currency, rate.day)] = rate
        self._by_currency: dict[str, list[Rate]] = {}
        for rate in sorted(merged.values(), key=lambda r: (r.currency, r.day)):
            self._by_currency.setdefault(rate.currency, []).append(rate)
        self._days: Mapping[str, Sequence[date]] = {
            currency: [r.day for r in rates] for currency, rates in self._by_currency.items()
        }

    @classmethod
    def load(cls, session: Session | None = None) -> RateTable:
        """The bundled rates, overridden by the ones imported into the database (if a session is given)."""
        imported: list[Rate] = []
        if session is not None:
            imported = [
                Rate(row.currency, row.day, row.usd_per_unit, row.source)
                for row in session.scalars(select(FxRate))
            ]
        return cls([*bundled_rates(), *imported])

    def currencies(self) -> list[str]:
        """Every currency with at least one rate (USD is implicit)."""
        return sorted(self._by_currency)

    def rates(self, currency: str | None = None) -> list[Rate]:
        """All rates, or those of ``currency``, by currency and day."""
        if currency is not None:
            return list(self._by_currency.get(currency.upper(), []))
        return [rate for currency in self.currencies() for rate in self._by_currency[currency]]

    def rate_on(self, currency: str, day: date | None) -> Rate | None:
        """The rate for ``currency`` on ``day``: the latest on or before it, else the earliest.

        ``None`` for a currency the table does not know. Without a day, the latest rate.
        """
        rates = self._by_currency.get(currency.upper())
        if not rates:
            return None
        if day is None:
            return rates[-1]
        position = bisect_right(self._days[currency.upper()], day)
        return rates[position - 1] if position else rates[0]

    def to_usd(self, amount: Decimal, currency: str, day: date | None) -> tuple[Decimal, Rate | None] | None:
        """``amount`` in US dollars and the rate used (``None`` for USD itself); ``None`` if unknown."""
        if currency.upper() == "USD":
            return amount, None
        rate = self.rate_on(currency, day)
        if rate is None:
            return None
        return amount * rate.usd_per_unit, rate
