"""Crawl stages: articles say which rule-set's figures they have (the figure stage's mark).

Revision ID: 0030_crawl
Revises: 0020_alerts
Create Date: 2026-12-04

The crawl now stores a kept article first and a separate stage extracts its figures; an article
whose ``figures_ruleset`` is null, or another rule-set than the current one, is what that stage
reads. Articles stored before this revision got their figures in the same transaction: they are
marked with the rule-set of those figures, so they are not read again under that rule-set;
articles with no figure stay null and are read once by the next stage.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0030_crawl"
down_revision: str | Sequence[str] | None = "0020_alerts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add ``articles.figures_ruleset`` (indexed) and fill it from the stored figures."""
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("figures_ruleset", sa.String(length=100), nullable=True))
        batch.create_index(op.f("ix_articles_figures_ruleset"), ["figures_ruleset"], unique=False)
    op.execute(
        "UPDATE articles SET figures_ruleset = "
        "(SELECT MAX(figures.ruleset) FROM figures WHERE figures.article_id = articles.id)"
    )


def downgrade() -> None:
    """Drop ``articles.figures_ruleset``."""
    with op.batch_alter_table("articles") as batch:
        batch.drop_index(op.f("ix_articles_figures_ruleset"))
        batch.drop_column("figures_ruleset")
