"""Published reports, kept exactly as published so anyone can later check them against the database."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from rightsgate.db import Base


class PublishedReport(Base):
    """One published report: its period, the audit head it was computed from, and its JSON text."""

    __tablename__ = "published_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str] = mapped_column(String(16), index=True)
    head_seq: Mapped[int] = mapped_column(Integer)
    head_hash: Mapped[str] = mapped_column(String(64))
    digest: Mapped[str] = mapped_column(String(64))
    published_by: Mapped[str] = mapped_column(String(128))
    published_at: Mapped[datetime] = mapped_column()
    content: Mapped[str] = mapped_column(Text)
