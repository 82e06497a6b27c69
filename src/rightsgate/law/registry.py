"""The citation registry: one entry per citable provision, in our own words, never the authentic text.

Each instrument lives in `law/treaty/<instrument>.yaml`. An entry is `verified` only where its number was
checked against an authentic text; findings cite paragraph-level ids only for verified entries.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import Field, HttpUrl, StringConstraints, model_validator

from rightsgate.law.sources import CitationId, LawModel, ShortText


class Confidence(StrEnum):
    """How sure we are of a provision (see the project's domain notes): T > C > K > U."""

    T = "T"
    C = "C"
    K = "K"
    U = "U"


class CitationSource(LawModel):
    symbol: ShortText
    url: HttpUrl


class CitationEntry(LawModel):
    """One citable provision."""

    id: CitationId
    title: ShortText
    heading_chain: tuple[ShortText, ...] = Field(min_length=1)
    paraphrase: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400)]
    source: CitationSource
    confidence: Confidence
    verified: bool
    checked_against: ShortText | None = None
    checked_on: date | None = None
    pattern: ShortText | None = None
    notes: ShortText | None = None

    @model_validator(mode="after")
    def _verification_recorded(self) -> CitationEntry:
        if self.verified and (self.checked_against is None or self.checked_on is None):
            raise ValueError("a verified entry needs checked_against and checked_on")
        return self

    @property
    def instrument(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def is_paragraph_level(self) -> bool:
        """An id with more than instrument and article (uncc.40.21) points at a paragraph."""
        return self.id.count(".") > 1


class InstrumentInfo(LawModel):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+$")]
    title: ShortText
    symbol: ShortText | None = None
    url: HttpUrl


class Chapter(LawModel):
    number: ShortText
    title: ShortText
    first_article: int = Field(ge=1)
    last_article: int = Field(ge=1)


class InstrumentFile(LawModel):
    """A whole `law/treaty/<instrument>.yaml` file."""

    instrument: InstrumentInfo
    chapters: tuple[Chapter, ...] = ()
    entries: tuple[CitationEntry, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _entries_belong(self) -> InstrumentFile:
        for entry in self.entries:
            if entry.instrument != self.instrument.id:
                raise ValueError(f"entry {entry.id} does not belong to instrument {self.instrument.id}")
        return self
