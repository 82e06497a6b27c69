"""The offence taxonomy: conduct categories, so dual criminality is judged by conduct, not by name.

The Convention's own offences are arts 7-17 (uncc.22 applies to them); other categories are the ones
requests commonly cite. Each category is flagged `convention_offence`, `cyber_dependent` and
`expression_related`.
"""

from __future__ import annotations

from functools import cache, cached_property
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from rightsgate.law.files import SHIPPED, read_yaml
from rightsgate.law.sources import CitationId, LawModel, ShortText

TAXONOMY_FILE = SHIPPED / "taxonomy.yaml"


class OffenceCategory(LawModel):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
    name: ShortText
    description: ShortText
    convention_article: int | None = Field(default=None, ge=7, le=17)
    convention_offence: bool
    cyber_dependent: bool
    expression_related: bool
    cites: tuple[CitationId, ...] = ()

    @model_validator(mode="after")
    def _article_matches_flag(self) -> OffenceCategory:
        if self.convention_offence != (self.convention_article is not None):
            raise ValueError("a Convention offence needs its convention_article, and only it")
        return self


class Taxonomy(LawModel):
    categories: tuple[OffenceCategory, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> Taxonomy:
        ids = [category.id for category in self.categories]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate category ids: {', '.join(duplicates)}")
        return self

    @cached_property
    def by_id(self) -> dict[str, OffenceCategory]:
        return {category.id: category for category in self.categories}

    def get(self, category_id: str) -> OffenceCategory | None:
        return self.by_id.get(category_id)


@cache
def shipped_taxonomy() -> Taxonomy:
    """The taxonomy shipped with rightsgate (read once)."""
    return Taxonomy.model_validate(read_yaml(TAXONOMY_FILE))


def category_ids() -> frozenset[str]:
    """The valid category ids, for validating requests."""
    return frozenset(category.id for category in shipped_taxonomy().categories)
