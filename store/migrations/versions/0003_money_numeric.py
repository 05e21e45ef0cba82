"""Money compares and sorts as numbers on SQLite: figures' amounts move from text to NUMERIC.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03

Revision 0001 stored amounts on SQLite as decimal text, exact but compared as text (``'9000000000'
> '10000000000'``). This rebuilds the ``figures`` table with NUMERIC-affinity columns; SQLite moves
each row's text into them, converting it to an INTEGER (whole amounts) or a REAL only where that is
lossless, so no amount changes value (``store.types.Money`` explains the storage). PostgreSQL
already stores NUMERIC: nothing to do there.

Every row is then rewritten from its original text the way ``Money`` writes new amounts, because
SQLite's own conversion would round a fraction with more than 15 significant digits into a REAL;
that rule is copied here (not imported) so this revision keeps meaning the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MONEY_COLUMNS = ("amount", "amount_high")




def _number(text: str | None) -> int | float | bytes | None:
    """The value SQLite should hold for decimal ``text``: INTEGER, an exact REAL, else a BLOB."""
    if text is None:
        return None
    exact = Decimal(text).normalize()
    if exact == exact.to_integral_value():
        if abs(exact) <= 2**63 - 1:
            return int(exact)
    elif len(exact.as_tuple().digits) <= 15:
        return float(exact)
    return format(exact, "f").encode("ascii")


def _retype(new_type: sa.types.TypeEngine, old_type: sa.types.TypeEngine) -> None:
    with op.batch_alter_table("figures", recreate="always") as batch:
        for column in MONEY_COLUMNS:
            batch.alter_column(column, type_=new_type, existing_type=old_type)


def upgrade() -> None:
    """On SQLite, rebuild ``figures`` with NUMERIC amounts, each converted without loss."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    originals = bind.execute(sa.text("SELECT id, amount, amount_high FROM figures")).all()
    _retype(sa.Numeric(), sa.String(length=64))
    rows = [
        {"id": row_id, "amount": _number(amount), "amount_high": _number(high)}
        for row_id, amount, high in originals
    ]
    if rows:
        bind.execute(
            sa.text("UPDATE figures SET amount = :amount, amount_high = :amount_high WHERE id = :id"), rows
        )


def downgrade() -> None:
    """Back to decimal text on SQLite, each amount written out in full."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    originals = bind.execute(sa.text("SELECT id, amount, amount_high FROM figures")).all()
    _retype(sa.String(length=64), sa.Numeric())

    def text(value: object) -> str | None:
        if value is None:
            return None
        if isinstance(value, bytes):
            return value.decode("ascii")
        exact = Decimal(repr(value) if isinstance(value, float) else value).normalize()
        return format(exact.to_integral_value() if exact == exact.to_integral_value() else exact, "f")

    rows = [{"id": row_id, "amount": text(amount), "amount_high": text(high)} for row_id, amount, high in originals]
    if rows:
        bind.execute(
            sa.text("UPDATE figures SET amount = :amount, amount_high = :amount_high WHERE id = :id"), rows
        )
