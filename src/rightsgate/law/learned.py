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
from collections.abc import Iterator
from functools import cache, cached_property
from operator import mul
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from rightsgate.law.folding import TOKEN, fold
from rightsgate.law.sources import LawModel

SMALLEST, LARGEST = 3, 5  # the lengths of the pieces of words, padding included
MAX_REMEMBERED = 200_000  # words whose known pieces are remembered before memory starts afresh
Piece = Annotated[str, StringConstraints(min_length=1, max_length=LARGEST)]


def _word_pieces(token: str) -> Iterator[str]:
    """Every piece of three to five letters of one folded, space-padded word, in order; a padded word no
    longer than a piece is one piece."""
    word = f" {fold(token)} "
    for size in range(SMALLEST, LARGEST + 1):
        if len(word) <= size:
            yield word
            return
        yield from (word[at : at + size] for at in range(len(word) - size + 1))


@cache
def _damped(count: int) -> float:
    """A piece's weight for its count: 1 + log(count)."""
    return 1.0 + math.log(count)


def pieces(text: str) -> Counter[str]:
    """Every piece of three to five letters of every folded, space-padded word, with its count."""
    return Counter(piece for token in TOKEN.findall(text) for piece in _word_pieces(token))


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

    @cached_property
    def _weight(self) -> dict[str, float]:
        return {piece: weight for piece, (_, weight) in self.pieces.items()}

    @cached_property
    def _remembered(self) -> dict[str, tuple[str, ...]]:
        """The known pieces of each word already read (vocabulary repeats), as the model's own strings."""
        return {}

    def _known_pieces(self, token: str) -> tuple[str, ...]:
        """The word's pieces the model knows, in order, remembered."""
        remembered = self._remembered
        known = remembered.get(token)
        if known is None:
            if len(remembered) > MAX_REMEMBERED:
                remembered.clear()
            own = self._own
            known = remembered[token] = tuple(own[p] for p in _word_pieces(token) if p in own)
        return known

    @cached_property
    def _own(self) -> dict[str, str]:
        return {piece: piece for piece in self.pieces}

    def _counts(self, text: str) -> Counter[str]:
        """The text's pieces the model knows, with their counts, in the order `pieces` finds them."""
        found: list[str] = []
        for token in TOKEN.findall(text):
            found += self._known_pieces(token)
        return Counter(found)

    def _vector(self, text: str) -> tuple[list[str], list[float]]:
        """The text's known pieces, weighed by count and rarity, scaled to unit length."""
        counts = self._counts(text)
        known = list(counts)
        raw = list(map(mul, map(_damped, counts.values()), map(self._rarity.__getitem__, known)))
        length = math.sqrt(sum(map(mul, raw, raw))) or 1.0
        return known, [value / length for value in raw]

    def chance(self, text: str) -> float:
        """The model's chance, from 0 to 1, that the text describes protected activity."""
        known, values = self._vector(text)
        score = self.intercept + sum(map(mul, map(self._weight.__getitem__, known), values))
        return 1.0 / (1.0 + math.exp(-score))

    def likely_tag(self, text: str) -> str:
        """The tag whose learned weights the text scores highest on."""
        scores = list(self.tag_intercepts)
        for piece, value in zip(*self._vector(text), strict=True):
            for index, weight in enumerate(self.tag_weights.get(piece, ())):
                scores[index] += weight * value
        return self.tags[max(range(len(scores)), key=scores.__getitem__)]
