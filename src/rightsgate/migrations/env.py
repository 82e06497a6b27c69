"""Alembic environment: runs online against the engine handed over in the configuration, or, when
run by the `alembic` command (for `alembic revision --autogenerate`), the one `RIGHTSGATE_DATABASE_URL`
names."""

from __future__ import annotations

from alembic import context

import rightsgate.audit.models
import rightsgate.auth.models
import rightsgate.cases.models  # noqa: F401  (registers the tables)
from rightsgate.db import Base, make_engine
from rightsgate.settings import Settings

engine = context.config.attributes.get("engine") or make_engine(Settings())
with engine.connect() as connection:
    context.configure(
        connection=connection, target_metadata=Base.metadata, render_as_batch=True, compare_type=True
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
