"""Column types that keep money exact and times in UTC on every backend we support.

Why not plain ``Numeric``: SQLite has no decimal type, so SQLAlchemy's ``Numeric`` goes through a
float there (and warns that it does); ``Rmb150bn`` would survive but ``0.01`` and large amounts with
cents would not. Why not decimal text (what revision 0001 stored): text compares as text, so
``amount > 10bn`` matched $9bn and sorting by amount was wrong.

:class:`Money` is an unbounded ``NUMERIC`` on PostgreSQL. On SQLite it is a column of NUMERIC
affinity that is handed values SQLite can hold exactly: a whole amount as an INTEGER (exact to
9.2e18), a fraction with at most 15 significant digits (every other amount a news figure has) as a
REAL, whose shortest repr gives the same decimal back. Anything beyond both would lose digits as a
REAL, so it is kept as decimal text in a BLOB (NUMERIC affinity leaves BLOBs alone): exact, but
sorted after every number. So SQL compares and sorts amounts as numbers, and
:class:`Money` always hands back a canonical :class:`~decimal.Decimal` (``150000000000``,
``0.01``) whichever backend.

Why not plain ``DateTime(timezone=True)``: SQLite stores no offset and returns naive values, and
PostgreSQL returns values in the session time zone. :class:`UTCDateTime` refuses naive input,
stores UTC and always returns aware UTC datetimes.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import DateTime, Dialect, Numeric
from sqlalchemy.types import TypeDecorator, TypeEngine, UserDefinedType

#: The largest whole amount SQLite stores as an exact INTEGER (a signed 64-bit integer).
SQLITE_MAX_INTEGER = 2**63 - 1


class SQLiteNumeric(UserDefinedType[Any]):
    """``NUMERIC`` affinity on SQLite with no driver-side float conversion (see module doc)."""

    cache_ok = True

    def get_col_spec(self, **_kw: Any) -> str:
        return "NUMERIC"


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
    """An exact money amount stored as a number on every backend; floats refused."""

    impl = Numeric
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        """NUMERIC affinity without float conversion on SQLite; unbounded NUMERIC elsewhere."""
        if dialect.name == "sqlite":
            return dialect.type_descriptor(SQLiteNumeric())
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
            return sqlite_money(amount)
        return amount

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        """Always a canonical ``Decimal``, whatever the backend returned (int, REAL, text, Decimal).

        A REAL read back from SQLite is taken by its shortest repr, which is the decimal text it
        was stored from (it was stored only because its 15 significant digits survive).
        """
        if value is None:
            return None
        if isinstance(value, float):
            value = repr(value)
        elif isinstance(value, bytes):
            value = value.decode("ascii")
        return canonical_decimal(Decimal(value))


#: Significant digits a REAL (an IEEE double) always gives back exactly through its shortest repr.
REAL_EXACT_DIGITS = 15


def sqlite_money(amount: Decimal) -> int | float | bytes:
    """What SQLite is handed for ``amount`` (see the module doc): INTEGER, REAL or, rarely, BLOB."""
    exact = canonical_decimal(amount)
    if exact == exact.to_integral_value():
        if abs(exact) <= SQLITE_MAX_INTEGER:
            return int(exact)
    elif len(exact.as_tuple().digits) <= REAL_EXACT_DIGITS:
        return float(exact)
    return format(exact, "f").encode("ascii")


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
