"""Reports: the decider's coded grounds, the engine's grounds dropped, and indexes for the report counts.

Revision ID: 0004_reports
Revises: 0003_access
Create Date: 2026-12-05 08:10:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0004_reports"
down_revision: str | Sequence[str] | None = "0003_access"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create `decision_grounds`, drop `assessment_grounds`, index what the report query filters on."""
    op.create_table(
        "decision_grounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("ground", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["decision_id"],
            ["decisions.id"],
            name=op.f("fk_decision_grounds_decision_id_decisions"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decision_grounds")),
        sa.UniqueConstraint("decision_id", "ground", name="uq_decision_grounds_ground"),
    )
    with op.batch_alter_table("decision_grounds", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_decision_grounds_decision_id"), ["decision_id"], unique=False)
    op.drop_table("assessment_grounds")


def downgrade() -> None:
    """Restore `assessment_grounds` (empty) and drop what the upgrade added."""
    op.create_table(
        "assessment_grounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name=op.f("fk_assessment_grounds_assessment_id_assessments"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_grounds")),
        sa.UniqueConstraint("assessment_id", "rule", name="uq_assessment_grounds_rule"),
    )
    with op.batch_alter_table("assessment_grounds", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_assessment_grounds_assessment_id"), ["assessment_id"], unique=False
        )
    op.drop_index(op.f("ix_decision_grounds_decision_id"), table_name="decision_grounds")
    op.drop_table("decision_grounds")
