"""The report as published: strict pydantic models, the source of the shipped JSON Schema.

Cells carry only what a reader may see: the text shown and the bounds it states. Exact counts of
protected cells never enter these models.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Cell(Frozen):
    """A published count: `text` as shown ("12", "1–4", "≥5", "withheld") and the range it states."""

    text: str
    low: int = Field(ge=0, description="The smallest value the shown text allows.")
    high: int | None = Field(ge=0, description="The largest value it allows; null when unbounded.")


class Row(Frozen):
    key: str = Field(description="The code counted (an outcome, a State code, a rule id, ...).")
    label: str
    cells: tuple[Cell, ...]


class Table(Frozen):
    name: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    note: str | None = None


class Headline(Frozen):
    requests_received: Cell
    identifiers_specified: Cell
    consultations_held: Cell


class Timing(Frozen):
    """Days from receipt to a decision to execute, execute in part or refuse."""

    decisions: Cell
    median_days: int | None
    p90_days: int | None
    note: str


class Figures(Frozen):
    headline: Headline
    timing: Timing
    tables: tuple[Table, ...]


class PeriodOut(Frozen):
    label: str
    start: date
    end: date


class AuditHead(Frozen):
    """The newest audit event the report was computed from; check it with `rightsgate audit verify`."""

    seq: int = Field(ge=0)
    hash: str = Field(pattern=r"^[0-9a-f]{64}$")
    created_at: str | None


class Query(Frozen):
    name: str
    version: str
    definition: tuple[str, ...]


class Protection(Frozen):
    threshold: int = Field(ge=2, description="Counts from 1 to threshold-1 are shown only as a band.")
    method: tuple[str, ...]


class Software(Frozen):
    name: Literal["rightsgate"] = "rightsgate"
    version: str


class Report(Frozen):
    """A transparency report; `digest` is the SHA-256 of the canonical JSON of `figures`."""

    schema_version: Literal["1"] = "1"
    title: str
    period: PeriodOut
    software: Software
    audit_head: AuditHead
    query: Query
    protection: Protection
    figures: Figures
    digest: str = Field(pattern=r"^[0-9a-f]{64}$")
