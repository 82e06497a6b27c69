"""Citations: every finding points at the provision or principle it rests on.

`cite(id)` checks the id against the citation registry when a rule module is imported, so a typo in a
citation cannot ship. Paragraph-level ids are refused unless the registry marks them verified; detail
below the verified level goes in the `pinpoint` note.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from rightsgate.law.files import SHIPPED
from rightsgate.law.loader import parse
from rightsgate.law.registry import CitationEntry, InstrumentFile


class Citation(BaseModel):
    """A reference to a registry entry, with an optional pinpoint below the verified level."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    pinpoint: Annotated[str, StringConstraints(max_length=300)] | None = None


@cache
def registry() -> dict[str, CitationEntry]:
    """The shipped citation registry, read once."""
    files = (parse(InstrumentFile, path) for path in sorted((SHIPPED / "treaty").glob("*.yaml")))
    return {entry.id: entry for file in files for entry in file.entries}


class UnknownCitation(KeyError):
    """A rule cites an id that is not in the registry, or cites a paragraph that is not verified."""


def cite(citation_id: str, pinpoint: str | None = None) -> Citation:
    """A citation to a registry entry; fails at once for an unknown or unverified paragraph-level id."""
    entry = registry().get(citation_id)
    if entry is None:
        raise UnknownCitation(f"citation {citation_id!r} is not in the registry")
    if entry.is_paragraph_level and not entry.verified:
        raise UnknownCitation(f"citation {citation_id!r} is paragraph-level but not verified: cite the article")
    return Citation(id=citation_id, pinpoint=pinpoint)
