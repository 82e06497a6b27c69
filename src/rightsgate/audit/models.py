"""The audit table: append-only; unique `seq` and `prev_hash` keep the chain from forking."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from rightsgate.db import Base


class AuditEvent(Base):
    """One stored event. Display text is derived, never stored; payloads hold references and codes."""

    __tablename__ = "audit_events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(64))
    actor: Mapped[str] = mapped_column(String(128))
    case_id: Mapped[int | None] = mapped_column(Integer, index=True)
    created_at: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    engine_version: Mapped[str | None] = mapped_column(String(32))
    law_digest: Mapped[str | None] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True)
