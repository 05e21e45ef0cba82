"""Exchange rates imported by the user (``fx_rates``); bundled rates stay in the package.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MONEY = sa.Numeric()  # NUMERIC on both backends (see store.types.Money)


def upgrade() -> None:
    """Create ``fx_rates`` keyed by currency and day."""
    op.create_table(
        "fx_rates",
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("usd_per_unit", MONEY, nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("currency", "day", name=op.f("pk_fx_rates")),
    )


def downgrade() -> None:
    """Drop ``fx_rates``."""
    op.drop_table("fx_rates")
