"""Review: users, decisions that point at them, undo records, a version on figures.

Revision ID: 0010_review
Revises: 0004
Create Date: 2026-12-04

- ``users`` (argon2 hashes, a role, enabled or not) and ``app_secrets`` (the session-signing key).
- ``review_decisions.reviewer`` (free text) becomes ``user_id``, a key into ``users``: each distinct
  name found becomes a user of that exact name, disabled and without a password (so nobody can sign
  in as them until an admin sets one), and every decision keeps pointing at the same name.
- ``review_decisions.undoes_id``: an ``undo`` record names the decision it takes back (unique, so a
  decision is undone at most once); ``undo`` joins the allowed decisions.
- ``figures.version`` (0 for existing rows) for optimistic locking.
- A correction now approves a figure: status ``corrected`` is folded into ``approved`` (the
  decision itself still says ``corrected``), and ``ck_figures_status`` no longer allows it.

Downgrading keeps every decision and its reviewer's name but drops the undo records together with
the decisions they took back (revision 0004 cannot express them); the users table goes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0010_review"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TIME = sa.DateTime(timezone=True)
OLD_STATUSES = "status IN ('pending', 'approved', 'rejected', 'corrected')"
NEW_STATUSES = "status IN ('pending', 'approved', 'rejected')"
OLD_DECISIONS = "decision IN ('approved', 'rejected', 'corrected')"
NEW_DECISIONS = "decision IN ('approved', 'rejected', 'corrected', 'undo')"


def _now() -> object:
    """Now, as the bound parameter each backend stores (SQLite: naive UTC, like ``UTCDateTime``)."""
    now = datetime.now(UTC)
    return now.replace(tzinfo=None) if op.get_bind().dialect.name == "sqlite" else now


def upgrade() -> None:
    """Create the new tables, move reviewers' names into ``users`` and re-key decisions to them."""
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=True),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("session_version", sa.Integer(), nullable=False),
        sa.Column("created", UTC_TIME, nullable=False),
        sa.CheckConstraint("role IN ('reviewer', 'admin')", name=op.f("ck_users_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("name", name=op.f("uq_users_name")),
    )
    op.create_table(
        "app_secrets",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("created", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_app_secrets")),
    )
    bind = op.get_bind()
    users = sa.table(
        "users", sa.column("name"), sa.column("password_hash"), sa.column("role"), sa.column("active"),
        sa.column("session_version"), sa.column("created", UTC_TIME),
    )  # fmt: skip
    names = bind.execute(sa.text("SELECT DISTINCT reviewer FROM review_decisions ORDER BY reviewer")).scalars().all()
    if names:
        now = _now()
        bind.execute(
            users.insert(),
            [{"name": name, "password_hash": None, "role": "reviewer", "active": False,
              "session_version": 0, "created": now} for name in names],  # fmt: skip
        )

    bind.execute(sa.text("UPDATE figures SET status = 'approved' WHERE status = 'corrected'"))
    with op.batch_alter_table("figures") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), server_default="0", nullable=False))
        batch.drop_constraint(op.f("ck_figures_status"), type_="check")
        batch.create_check_constraint(op.f("ck_figures_status"), NEW_STATUSES)

    with op.batch_alter_table("review_decisions") as batch:
        batch.add_column(sa.Column("user_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("undoes_id", sa.Integer(), nullable=True))
    bind.execute(
        sa.text(
            "UPDATE review_decisions SET user_id = "
            "(SELECT users.id FROM users WHERE users.name = review_decisions.reviewer)"
        )
    )
    with op.batch_alter_table("review_decisions") as batch:
        batch.alter_column("user_id", existing_type=sa.Integer(), nullable=False)
        batch.drop_column("reviewer")
        batch.create_foreign_key(op.f("fk_review_decisions_user_id_users"), "users", ["user_id"], ["id"])
        batch.create_foreign_key(
            op.f("fk_review_decisions_undoes_id_review_decisions"), "review_decisions", ["undoes_id"], ["id"]
        )
        batch.create_unique_constraint(op.f("uq_review_decisions_undoes_id"), ["undoes_id"])
        batch.create_index(op.f("ix_review_decisions_user_id"), ["user_id"], unique=False)
        batch.drop_constraint(op.f("ck_review_decisions_decision"), type_="check")
        batch.create_check_constraint(op.f("ck_review_decisions_decision"), NEW_DECISIONS)


def downgrade() -> None:
    """Back to free-text reviewers; undo records and what they undid are dropped (see module doc)."""
    bind = op.get_bind()
    undone = bind.execute(
        sa.text("SELECT id, undoes_id FROM review_decisions WHERE decision = 'undo'")
    ).all()
    if undone:
        bind.execute(sa.text("DELETE FROM review_decisions WHERE decision = 'undo'"))
        bind.execute(
            sa.text("DELETE FROM review_decisions WHERE id = :id"), [{"id": target} for _undo, target in undone]
        )
    with op.batch_alter_table("review_decisions") as batch:
        batch.add_column(sa.Column("reviewer", sa.String(length=200), nullable=True))
    bind.execute(
        sa.text(
            "UPDATE review_decisions SET reviewer = "
            "(SELECT users.name FROM users WHERE users.id = review_decisions.user_id)"
        )
    )
    with op.batch_alter_table("review_decisions") as batch:
        batch.alter_column("reviewer", existing_type=sa.String(length=200), nullable=False)
        batch.drop_constraint(op.f("ck_review_decisions_decision"), type_="check")
        batch.create_check_constraint(op.f("ck_review_decisions_decision"), OLD_DECISIONS)
        batch.drop_index(op.f("ix_review_decisions_user_id"))
        batch.drop_constraint(op.f("uq_review_decisions_undoes_id"), type_="unique")
        batch.drop_constraint(op.f("fk_review_decisions_undoes_id_review_decisions"), type_="foreignkey")
        batch.drop_constraint(op.f("fk_review_decisions_user_id_users"), type_="foreignkey")
        batch.drop_column("undoes_id")
        batch.drop_column("user_id")

    with op.batch_alter_table("figures") as batch:
        batch.drop_constraint(op.f("ck_figures_status"), type_="check")
        batch.create_check_constraint(op.f("ck_figures_status"), OLD_STATUSES)
        batch.drop_column("version")
    # A figure whose latest decision is a correction had status 'corrected' before this revision.
    bind.execute(
        sa.text(
            "UPDATE figures SET status = 'corrected' WHERE status = 'approved' AND ("
            "SELECT d.decision FROM review_decisions d WHERE d.figure_id = figures.id "
            "ORDER BY d.id DESC LIMIT 1) = 'corrected'"
        )
    )
    op.drop_table("app_secrets")
    op.drop_table("users")
