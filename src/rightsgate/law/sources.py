"""Shared pieces of the law data: sources, strict models, and dated values.

Dated values follow OpenFisca: a mapping from effective date to value, where `null` ends the value.
`value_at(values, on)` returns the value in force on a date, or None when none is.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, TypeVar

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, StringConstraints, model_validator

V = TypeVar("V")

ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400)]
CitationId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")]


class LawModel(BaseModel):
    """Law data is closed and immutable: unknown keys are an error."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(LawModel):
    """Where a value comes from: a title with a URL, or a document identifier."""

    title: ShortText
    url: HttpUrl | None = None
    document: ShortText | None = None

    @model_validator(mode="after")
    def _locatable(self) -> Source:
        if self.url is None and self.document is None:
            raise ValueError("a source needs a url or a document identifier")
        return self


def value_at(values: dict[date, V | None], on: date) -> V | None:
    """The value in force on `on`: the latest entry dated on or before it (None if ended or not begun)."""
    current: V | None = None
    for effective in sorted(values):
        if effective > on:
            break
        current = values[effective]
    return current


Dated = Annotated[dict[date, V | None], Field(min_length=1)]
