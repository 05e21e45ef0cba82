"""Runs: a row per crawl or re-extraction; articles and figures point at the run that added them.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03

Existing articles and figures keep a null ``run_id``: they were added before runs were recorded.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create ``runs`` and add the nullable ``run_id`` keys to ``articles`` and ``figures``."""
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("started", UTC_TIME, nullable=False),
        sa.Column("finished", UTC_TIME, nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("config_hash", sa.String(length=64), nullable=True),
        sa.Column("ruleset", sa.String(length=100), nullable=True),
        sa.Column("report", sa.JSON(), nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "status IN ('running', 'completed', 'failed', 'interrupted')", name=op.f("ck_runs_status")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_runs")),
    )
    op.create_index(op.f("ix_runs_started"), "runs", ["started"], unique=False)
    for table in ("articles", "figures"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("run_id", sa.Integer(), nullable=True))
            batch.create_foreign_key(op.f(f"fk_{table}_run_id_runs"), "runs", ["run_id"], ["id"])
            batch.create_index(op.f(f"ix_{table}_run_id"), ["run_id"], unique=False)


def downgrade() -> None:
    """Drop the ``run_id`` keys and the ``runs`` table."""
    for table in ("figures", "articles"):
        with op.batch_alter_table(table) as batch:
            batch.drop_index(op.f(f"ix_{table}_run_id"))
            batch.drop_constraint(op.f(f"fk_{table}_run_id_runs"), type_="foreignkey")
            batch.drop_column("run_id")
    op.drop_index(op.f("ix_runs_started"), table_name="runs")
    op.drop_table("runs")
