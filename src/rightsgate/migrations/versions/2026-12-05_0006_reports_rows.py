"""Report rows: one narrow row per case with the codes the current transparency report counts it by,
and a covering index per grouping of the figures. The table starts empty; the current report is counted
from the case tables until `rightsgate report backfill` has built a row for every stored case.

Revision ID: 0006_reports
Revises: 0005_load
Create Date: 2026-12-05 13:30:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0006_reports"
down_revision: str | Sequence[str] | None = "0005_load"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {
    "ix_report_rows_outcomes": [
        "year", "state", "quarter", "outcome", "departure", "identifiers", "consultations"
    ],
    "ix_report_rows_codes": [
        "year", "legal_basis", "request_type", "data_category", "offence_category", "urgency", "quarter"
    ],
    "ix_report_rows_days": ["year", "days", "quarter"],
    "ix_report_rows_grounds": ["year", "refusal_grounds", "quarter"],
    "ix_report_rows_as_of": ["as_of"],
}  # fmt: skip


def upgrade() -> None:
    """Create `report_rows` and its indexes."""
    op.create_table(
        "report_rows",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=2), nullable=False),
        sa.Column("outcome", sa.String(length=32), nullable=False),
        sa.Column("departure", sa.String(length=32), nullable=True),
        sa.Column("days", sa.Integer(), nullable=True),
        sa.Column("legal_basis", sa.String(length=16), nullable=False),
        sa.Column("request_type", sa.String(length=40), nullable=False),
        sa.Column("data_category", sa.String(length=64), nullable=False),
        sa.Column("offence_category", sa.String(length=24), nullable=False),
        sa.Column("urgency", sa.String(length=16), nullable=False),
        sa.Column("identifiers", sa.Integer(), nullable=False),
        sa.Column("refusal_grounds", sa.String(length=1000), nullable=True),
        sa.Column("consultations", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_report_rows_case_id_cases"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_report_rows")),
    )
    for name, columns in INDEXES.items():
        op.create_index(name, "report_rows", columns, unique=False)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="report_rows")
    op.drop_table("report_rows")
