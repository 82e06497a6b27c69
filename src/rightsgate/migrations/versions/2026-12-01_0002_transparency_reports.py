"""Transparency reports: statistical codes kept with each assessment, and published reports.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 21:15:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _assessment_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["assessment_id"],
        ["assessments.id"],
        name=op.f(f"fk_{table}_assessment_id_assessments"),
        ondelete="RESTRICT",
    )


def upgrade() -> None:
    """Create the code, ground and published-report tables."""
    op.create_table(
        "assessment_codes",
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("legal_basis", sa.String(length=16), nullable=False),
        sa.Column("offence_category", sa.String(length=24), nullable=False),
        sa.Column("identifiers", sa.Integer(), nullable=True),
        sa.Column("data_categories", sa.String(length=64), nullable=False),
        _assessment_fk("assessment_codes"),
        sa.PrimaryKeyConstraint("assessment_id", name=op.f("pk_assessment_codes")),
    )
    op.create_table(
        "assessment_grounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=64), nullable=False),
        _assessment_fk("assessment_grounds"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_grounds")),
        sa.UniqueConstraint("assessment_id", "rule", name="uq_assessment_grounds_rule"),
    )
    with op.batch_alter_table("assessment_grounds", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_assessment_grounds_assessment_id"), ["assessment_id"], unique=False
        )
    op.create_table(
        "published_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("head_seq", sa.Integer(), nullable=False),
        sa.Column("head_hash", sa.String(length=64), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("published_by", sa.String(length=128), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_published_reports")),
    )
    with op.batch_alter_table("published_reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_published_reports_period"), ["period"], unique=False)


def downgrade() -> None:
    """Drop the three tables."""
    op.drop_table("published_reports")
    op.drop_table("assessment_grounds")
    op.drop_table("assessment_codes")
