"""Exchange rates a user imported (``capexwatch rates import``); the bundled ones stay in the package.

Bundled rates ship as ``store/data/fx_rates.csv`` and change with a release; rows here are the
user's own and win over a bundled rate of the same currency and day.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Date, String
from sqlalchemy.orm import Mapped, mapped_column

from store.models.base import Base


class FxRate(Base):
    """How many US dollars one unit of ``currency`` was worth on ``day``, and where that came from."""

    __tablename__ = "fx_rates"

    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    usd_per_unit: Mapped[Decimal]
    source: Mapped[str] = mapped_column(String(200))

    def __repr__(self) -> str:
        return f"FxRate({self.currency!r}, {self.day.isoformat()}, {self.usd_per_unit!r})"
