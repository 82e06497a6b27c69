"""Citations: every finding points at the provision or principle it rests on.

`cite(id)` checks the id against the citation registry when a rule module is imported, so a typo in a
citation cannot ship. Paragraph-level ids are refused unless the registry marks them verified; detail
below the verified level goes in the `pinpoint` note.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rightsgate.law.files import SHIPPED
from rightsgate.law.loader import parse
from rightsgate.law.registry import CitationEntry, InstrumentFile


@dataclass(frozen=True, slots=True)
class Citation:
    """A reference to a registry entry, with an optional pinpoint below the verified level."""

    id: str
    pinpoint: str | None = None


@cache
def registry() -> dict[str, CitationEntry]:
    """The shipped citation registry, read once."""
    files = (parse(InstrumentFile, path) for path in sorted((SHIPPED / "treaty").glob("*.yaml")))
    return {entry.id: entry for file in files for entry in file.entries}


class CitationError(KeyError):
    """A rule cites an id that is not in the registry, or cites a paragraph that is not verified."""


@cache
def cite(citation_id: str, pinpoint: str | None = None) -> Citation:
    """A citation to a registry entry; fails at once for an unknown or unverified paragraph-level id."""
    entry = registry().get(citation_id)
    if entry is None:
        raise CitationError(f"citation {citation_id!r} is not in the registry")
    if entry.is_paragraph_level and not entry.verified:
        raise CitationError(f"citation {citation_id!r} is paragraph-level but not verified: cite the article")
    return Citation(id=citation_id, pinpoint=pinpoint)


@cache
def with_policy(base: tuple[Citation, ...], policy_ids: tuple[str, ...]) -> tuple[Citation, ...]:
    """A rule's own citations, then its policy setting's: each provision once, first pinpoint kept."""
    merged: dict[str, Citation] = {}
    for citation in (*base, *(cite(i) for i in policy_ids)):
        merged.setdefault(citation.id, citation)
    return tuple(merged.values())
