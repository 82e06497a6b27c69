"""The screening lexicon: words that suggest a request targets protected activity, per language.

A term matches at word boundaries, case-insensitively; a term ending in `*` matches any word that starts
with it. The lexicon only raises signs for a person to weigh; it never refuses by itself.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Annotated

from pydantic import Field, StringConstraints

from rightsgate.law.sources import LawModel, ShortText

Term = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=80)]


class Tag(LawModel):
    description: ShortText
    terms: dict[Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")], tuple[Term, ...]]


class Lexicon(LawModel):
    languages: tuple[str, ...] = Field(min_length=1)
    tags: dict[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")], Tag]

    @cached_property
    def patterns(self) -> dict[str, re.Pattern[str]]:
        """One compiled pattern per tag, over every language's terms."""
        return {name: _compile(term for terms in tag.terms.values() for term in terms) for name, tag in self.tags.items()}


def _compile(terms: object) -> re.Pattern[str]:
    parts = []
    for term in sorted(set(terms), key=len, reverse=True):  # type: ignore[call-overload]
        stem = term.removesuffix("*")
        body = re.escape(stem).replace(r"\ ", r"\s+")
        parts.append(body + (r"\w*" if term.endswith("*") else r"(?!\w)"))
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")", re.IGNORECASE)
