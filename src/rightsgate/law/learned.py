"""The learned screening model: pieces of words that, taken together, suggest protected activity.

A small linear model over character n-grams, learned from the labelled narratives of every split but
the blind holdout (`benchmarks/learned_model.py`, which needs scikit-learn) and shipped as data beside
the lexicon (`screening/learned.json`); scoring needs nothing but this module. Each word is folded as
the lexicon's words are (`folding.py`), padded with a space at each end and cut into every piece of
three to five letters, so "journalist", "journaliste" and "journalistas" share most pieces and
inflections meet without a word list. Each piece weighs 1 + log(count) times its rarity in those
narratives; the weights are scaled to unit length and summed against the learned weights into a
chance from 0 to 1.

A second set of weights says which tag the narrative most resembles, for the rare case where only the
model sees a sign. The model only adds a sign for a person to weigh; its evidence spans still come from
the lexicon, and it never refuses anything by itself.
"""

from __future__ import annotations

import math
from collections import Counter
from functools import cached_property
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from rightsgate.law.folding import TOKEN, fold
from rightsgate.law.sources import LawModel

SMALLEST, LARGEST = 3, 5  # the lengths of the pieces of words, padding included
Piece = Annotated[str, StringConstraints(min_length=1, max_length=LARGEST)]


def pieces(text: str) -> Counter[str]:
    """Every piece of three to five letters of every folded, space-padded word, with its count."""
    found: Counter[str] = Counter()
    for token in TOKEN.findall(text):
        word = f" {fold(token)} "
        for size in range(SMALLEST, LARGEST + 1):
            if len(word) <= size:
                found[word] += 1
                break
            found.update(word[at : at + size] for at in range(len(word) - size + 1))
    return found


class LearnedModel(LawModel):
    """Weights learned from the labelled narratives; `pieces` maps a piece to (rarity, weight)."""

    trained_on: str
    threshold: float = Field(gt=0.5, lt=1.0)
    intercept: float
    pieces: dict[Piece, tuple[float, float]]
    tags: tuple[str, ...] = Field(min_length=1)
    tag_intercepts: tuple[float, ...]
    tag_weights: dict[Piece, tuple[float, ...]]

    @model_validator(mode="after")
    def _one_weight_per_tag(self) -> LearnedModel:
        sizes = {len(self.tag_intercepts), *(len(w) for w in self.tag_weights.values())}
        if sizes != {len(self.tags)}:
            raise ValueError(
                f"tag_intercepts and each of tag_weights need one number per tag ({len(self.tags)})"
            )
        return self

    @cached_property
    def _rarity(self) -> dict[str, float]:
        return {piece: rarity for piece, (rarity, _) in self.pieces.items()}

    def _vector(self, text: str) -> dict[str, float]:
        """The text's known pieces, weighed by count and rarity, scaled to unit length."""
        rarity = self._rarity
        raw = {p: (1.0 + math.log(n)) * rarity[p] for p, n in pieces(text).items() if p in rarity}
        length = math.sqrt(sum(value * value for value in raw.values())) or 1.0
        return {piece: value / length for piece, value in raw.items()}

    def chance(self, text: str) -> float:
        """The model's chance, from 0 to 1, that the text describes protected activity."""
        vector = self._vector(text)
        score = self.intercept + sum(self.pieces[p][1] * value for p, value in vector.items())
        return 1.0 / (1.0 + math.exp(-score))

    def likely_tag(self, text: str) -> str:
        """The tag whose learned weights the text scores highest on."""
        vector = self._vector(text)
        scores = list(self.tag_intercepts)
        for piece, value in vector.items():
            for index, weight in enumerate(self.tag_weights.get(piece, ())):
                scores[index] += weight * value
        return self.tags[max(range(len(scores)), key=scores.__getitem__)]
