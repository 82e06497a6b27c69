"""Treaty-level values that rules use, each with the provision it comes from."""

from __future__ import annotations

from pydantic import Field

from rightsgate.law.sources import CitationId, LawModel, ShortText


class Threshold(LawModel):
    value: float = Field(ge=0)
    unit: ShortText
    cites: tuple[CitationId, ...] = Field(min_length=1)
    description: ShortText


class TreatyParameters(LawModel):
    """`law/treaty/parameters/uncc.yaml`."""

    serious_crime_min_years: Threshold
    preservation_min_days: Threshold
