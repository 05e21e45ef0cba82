"""Runs' per-source counts, the run lock, the ledger of known claims and the alert outbox.

Revision ID: 0020_alerts
Revises: 0010_review
Create Date: 2026-12-03

Figures stored before this revision enter the ledger on the next crawl without alerting (their
``run_id`` is null: they were known before runs were recorded), so upgrading does not announce the
whole history again.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020_alerts"
down_revision: str | Sequence[str] | None = "0010_review"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = sa.DateTime(timezone=True)
MONEY = sa.Numeric()  # NUMERIC on both backends (see store.types.Money)


def upgrade() -> None:
    """Create ``run_sources``, ``run_locks``, ``alerts``, ``alert_deliveries``, ``claims``, ``claim_figures``."""
    op.create_table(
        "run_sources",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("source_name", sa.String(length=200), nullable=False),
        sa.Column("failed", sa.Boolean(), nullable=False),
        sa.Column("listed", sa.Integer(), nullable=False),
        sa.Column("fetched", sa.Integer(), nullable=False),
        sa.Column("kept", sa.Integer(), nullable=False),
        sa.Column("figures", sa.Integer(), nullable=False),
        sa.Column("errors", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name=op.f("fk_run_sources_run_id_runs")),
        sa.PrimaryKeyConstraint("run_id", "source_name", name=op.f("pk_run_sources")),
    )
    op.create_index(op.f("ix_run_sources_source_name"), "run_sources", ["source_name"], unique=False)
    op.create_table(
        "run_locks",
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("holder", sa.String(length=200), nullable=False),
        sa.Column("host", sa.String(length=255), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("acquired", UTC_TIME, nullable=False),
        sa.Column("heartbeat", UTC_TIME, nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name=op.f("fk_run_locks_run_id_runs")),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_run_locks")),
    )
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("source_name", sa.String(length=200), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.Column("created", UTC_TIME, nullable=False),
        sa.Column("sent", UTC_TIME, nullable=True),
        sa.CheckConstraint(
            "kind IN ('new', 'change', 'digest', 'source_down', 'source_recovered')", name=op.f("ck_alerts_kind")
        ),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name=op.f("fk_alerts_run_id_runs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alerts")),
    )
    op.create_index(op.f("ix_alerts_run_id"), "alerts", ["run_id"], unique=False)
    op.create_index(op.f("ix_alerts_source_name"), "alerts", ["source_name"], unique=False)
    op.create_index(op.f("ix_alerts_sent"), "alerts", ["sent"], unique=False)
    op.create_table(
        "alert_deliveries",
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=64), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_attempt", UTC_TIME, nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("sent", UTC_TIME, nullable=True),
        sa.CheckConstraint("status IN ('sent', 'failed')", name=op.f("ck_alert_deliveries_status")),
        sa.ForeignKeyConstraint(["alert_id"], ["alerts.id"], name=op.f("fk_alert_deliveries_alert_id_alerts")),
        sa.PrimaryKeyConstraint("alert_id", "channel", name=op.f("pk_alert_deliveries")),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("subject_key", sa.String(length=200), nullable=True),
        sa.Column("metric", sa.String(length=100), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("amount_high", MONEY, nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("amount_usd", MONEY, nullable=True),
        sa.Column("amount_high_usd", MONEY, nullable=True),
        sa.Column("usd_rate_day", sa.Date(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("previous_claim_id", sa.Integer(), nullable=True),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("created", UTC_TIME, nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("kind IN ('new', 'change', 'uncompared')", name=op.f("ck_claims_kind")),
        sa.ForeignKeyConstraint(["alert_id"], ["alerts.id"], name=op.f("fk_claims_alert_id_alerts")),
        sa.ForeignKeyConstraint(["previous_claim_id"], ["claims.id"], name=op.f("fk_claims_previous_claim_id_claims")),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name=op.f("fk_claims_run_id_runs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
    )
    op.create_index(op.f("ix_claims_run_id"), "claims", ["run_id"], unique=False)
    op.create_index(op.f("ix_claims_alert_id"), "claims", ["alert_id"], unique=False)
    op.create_index("ix_claims_subject_key_metric_year", "claims", ["subject_key", "metric", "year"], unique=False)
    op.create_table(
        "claim_figures",
        sa.Column("figure_id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("relation", sa.String(length=20), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("assigned", UTC_TIME, nullable=False),
        sa.CheckConstraint(
            "relation IN ('first', 'equivalent', 'corroboration')", name=op.f("ck_claim_figures_relation")
        ),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], name=op.f("fk_claim_figures_claim_id_claims")),
        sa.ForeignKeyConstraint(["figure_id"], ["figures.id"], name=op.f("fk_claim_figures_figure_id_figures")),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name=op.f("fk_claim_figures_run_id_runs")),
        sa.PrimaryKeyConstraint("figure_id", name=op.f("pk_claim_figures")),
    )
    op.create_index(op.f("ix_claim_figures_claim_id"), "claim_figures", ["claim_id"], unique=False)


def downgrade() -> None:
    """Drop the tables, dependants first."""
    op.drop_index(op.f("ix_claim_figures_claim_id"), table_name="claim_figures")
    op.drop_table("claim_figures")
    op.drop_index("ix_claims_subject_key_metric_year", table_name="claims")
    op.drop_index(op.f("ix_claims_alert_id"), table_name="claims")
    op.drop_index(op.f("ix_claims_run_id"), table_name="claims")
    op.drop_table("claims")
    op.drop_table("alert_deliveries")
    op.drop_index(op.f("ix_alerts_sent"), table_name="alerts")
    op.drop_index(op.f("ix_alerts_source_name"), table_name="alerts")
    op.drop_index(op.f("ix_alerts_run_id"), table_name="alerts")
    op.drop_table("alerts")
    op.drop_table("run_locks")
    op.drop_index(op.f("ix_run_sources_source_name"), table_name="run_sources")
    op.drop_table("run_sources")
