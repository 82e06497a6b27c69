"""The inbox's "flagged": whether an assessment has a human-rights finding that needs a person or
supports refusal, kept as a column so the inbox can filter on it. Existing assessments are flagged from
their stored explanation (a purged one stays unflagged).

Revision ID: 0005_load
Revises: 0004_reports
Create Date: 2026-12-05 08:30:00.000000

"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0005_load"
down_revision: str | Sequence[str] | None = "0004_reports"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FLAGGING = {"needs_human_review", "refusal_required", "refusal_permitted"}
ASSESSMENTS = sa.table(
    "assessments", sa.column("id", sa.Integer), sa.column("explanation", sa.Text), sa.column("rights_flagged")
)


def _flagged(explanation: str) -> bool:
    findings = json.loads(explanation)["assessment"]["findings"]
    return any(f["rule"].startswith("human_rights.") and f["outcome"] in FLAGGING for f in findings)


def upgrade() -> None:
    """Add the column, then flag the stored assessments whose explanation calls for it."""
    op.add_column(
        "assessments", sa.Column("rights_flagged", sa.Boolean(), server_default=sa.false(), nullable=False)
    )
    connection = op.get_bind()
    rows = connection.execute(sa.select(ASSESSMENTS.c.id, ASSESSMENTS.c.explanation))
    flagged = [row.id for row in rows if row.explanation and _flagged(row.explanation)]
    for start in range(0, len(flagged), 1000):
        ids = flagged[start : start + 1000]
        connection.execute(ASSESSMENTS.update().where(ASSESSMENTS.c.id.in_(ids)).values(rights_flagged=True))


def downgrade() -> None:
    op.drop_column("assessments", "rights_flagged")
