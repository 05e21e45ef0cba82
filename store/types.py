"""Column types that keep money exact and times in UTC on every backend we support.

Why not plain ``Numeric``: SQLite has no decimal type, so SQLAlchemy's ``Numeric`` goes through a
float there (and warns that it does); ``Rmb150bn`` would survive but ``0.01`` and large amounts with
cents would not. :class:`Money` stores the exact decimal text on SQLite and an unbounded
``NUMERIC`` on PostgreSQL (no precision/scale, so nothing is ever silently rounded), and always
hands back a canonical :class:`~decimal.Decimal` (``150000000000``, ``0.01``), whichever backend.

Why not plain ``DateTime(timezone=True)``: SQLite stores no offset and returns naive values, and
PostgreSQL returns values in the session time zone. :class:`UTCDateTime` refuses naive input,
stores UTC and always returns aware UTC datetimes.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import DateTime, Dialect, Numeric, String
from sqlalchemy.types import TypeDecorator, TypeEngine

#: Room for any decimal a news figure can need, as text on SQLite (length is advisory there).
MONEY_TEXT_LENGTH = 64


def canonical_decimal(value: Decimal) -> Decimal:
    """``value`` without exponent or trailing zeros: ``1.5E+11`` -> ``150000000000``,
    ``0.0100`` -> ``0.01``.

    PostgreSQL returns the scale it was given and SQLite the text it stored; normalising here
    makes both backends return equal-looking values, which keeps exports and tests identical.
    """
    normal = value.normalize()
    if normal == normal.to_integral_value():
        return Decimal(int(normal))  # exact at any size, unlike quantize() under a 28-digit context
    return normal


class Money(TypeDecorator[Decimal]):
    """An exact money amount: ``NUMERIC`` on PostgreSQL, decimal text on SQLite; floats refused."""

    impl = Numeric
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        """Decimal text on SQLite (exact, no float round trip); unbounded NUMERIC elsewhere."""
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(MONEY_TEXT_LENGTH))
        return dialect.type_descriptor(Numeric(asdecimal=True))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        """Accept ``Decimal`` or ``int`` only: a float here would already have lost the cents."""
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
            raise TypeError(f"money must be Decimal or int, not {type(value).__name__}: {value!r}")
        amount = Decimal(value)
        if not amount.is_finite():
            raise ValueError(f"money must be a finite number, not {amount}")
        if dialect.name == "sqlite":
            return format(canonical_decimal(amount), "f")
        return amount

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        """Always a canonical ``Decimal``, whatever the backend returned (text or Decimal)."""
        if value is None:
            return None
        return canonical_decimal(Decimal(value))


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware timestamp stored in UTC; naive datetimes are refused, not guessed at."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        """Convert to UTC; on SQLite drop the (now redundant) offset so text sorts by time."""
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime, not {type(value).__name__}: {value!r}")
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(
                f"naive datetime {value.isoformat()} has no time zone; pass an aware one"
            )
        utc = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return utc.replace(tzinfo=None)
        return utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        """An aware UTC datetime: SQLite's naive values are UTC by construction (see above)."""
        if value is None:
            return None
        moment: datetime = value
        if moment.tzinfo is None:
            return moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC)


def utcnow() -> datetime:
    """The current time, aware, in UTC — the only clock the store uses for defaults."""
    return datetime.now(UTC)
