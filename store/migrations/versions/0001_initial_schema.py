"""Initial schema: articles, figures, seen_urls, review_decisions.

Revision ID: 0001
Revises:
Create Date: 2026-11-29

Hand-checked against ``store/models.py``; ``tests/test_store_migrations.py`` compares the
upgraded database with the models on SQLite and PostgreSQL. Column types are frozen here as
plain SQLAlchemy types (not imported from ``store.types``) so this revision keeps meaning the
same thing if the application types change later: money is decimal text on SQLite and
unbounded NUMERIC elsewhere, exactly what ``store.types.Money`` renders today.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MONEY = sa.Numeric().with_variant(sa.String(64), "sqlite")
UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the four tables with their named keys, constraints and indexes."""
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("canonical_url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("outlet", sa.String(length=200), nullable=True),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("published", UTC_TIME, nullable=True),
        sa.Column("fetched", UTC_TIME, nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("source_name", sa.String(length=200), nullable=False),
        sa.Column("language", sa.String(length=35), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_articles_content_hash")),
        sa.UniqueConstraint("url", name=op.f("uq_articles_url")),
    )
    op.create_index(op.f("ix_articles_canonical_url"), "articles", ["canonical_url"])
    op.create_index(op.f("ix_articles_published"), "articles", ["published"])

    op.create_table(
        "seen_urls",
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(length=50), nullable=False),
        sa.Column("source_name", sa.String(length=200), nullable=True),
        sa.Column("first_seen", UTC_TIME, nullable=False),
        sa.Column("last_seen", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("url", name=op.f("pk_seen_urls")),
    )

    op.create_table(
        "figures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("amount", MONEY, nullable=False),
        sa.Column("amount_high", MONEY, nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.Column("qualifier", sa.String(length=100), nullable=True),
        sa.Column("metric", sa.String(length=100), nullable=False),
        sa.Column("claim", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("sentence_start", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=200), nullable=False),
        sa.Column("ruleset", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created", UTC_TIME, nullable=False),
        sa.CheckConstraint(
            "status IN ('pending', 'approved', 'rejected', 'corrected')",
            name=op.f("ck_figures_status"),
        ),
        sa.ForeignKeyConstraint(
            ["article_id"], ["articles.id"], name=op.f("fk_figures_article_id_articles")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_figures")),
    )
    op.create_index("ix_figures_article_id_start", "figures", ["article_id", "start"])
    op.create_index(op.f("ix_figures_status"), "figures", ["status"])

    op.create_table(
        "review_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("figure_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("reviewer", sa.String(length=200), nullable=False),
        sa.Column("decided_at", UTC_TIME, nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("corrected", sa.JSON(), nullable=True),
        sa.CheckConstraint(
            "decision IN ('approved', 'rejected', 'corrected')",
            name=op.f("ck_review_decisions_decision"),
        ),
        sa.ForeignKeyConstraint(
            ["figure_id"], ["figures.id"], name=op.f("fk_review_decisions_figure_id_figures")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_decisions")),
    )
    op.create_index(op.f("ix_review_decisions_figure_id"), "review_decisions", ["figure_id"])


def downgrade() -> None:
    """Drop everything, children first."""
    op.drop_index(op.f("ix_review_decisions_figure_id"), table_name="review_decisions")
    op.drop_table("review_decisions")
    op.drop_index(op.f("ix_figures_status"), table_name="figures")
    op.drop_index("ix_figures_article_id_start", table_name="figures")
    op.drop_table("figures")
    op.drop_table("seen_urls")
    op.drop_index(op.f("ix_articles_published"), table_name="articles")
    op.drop_index(op.f("ix_articles_canonical_url"), table_name="articles")
    op.drop_table("articles")
