"""The screening lexicon: words that suggest a request targets protected activity, per language.

A term matches whole words, case-insensitively; a term ending in `*` matches any word that starts with
it (only a term's last word may carry `*`). Text is split into words once and each word is looked up,
so screening costs the same whatever the size of the lexicon. The lexicon only raises signs for a person
to weigh; it never refuses by itself.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Annotated

from pydantic import Field, StringConstraints, field_validator

from rightsgate.law.sources import LawModel, ShortText

WORD = re.compile(r"\w+")
MAX_REMEMBERED = 200_000
Term = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=80)]


@dataclass(frozen=True, slots=True)
class Entry:
    """One term: its words (lower case), whether the last is a prefix, and its tag."""

    words: tuple[str, ...]
    prefix: bool
    tag: str

    def matches(self, tokens: list[str], at: int) -> bool:
        following = tokens[at : at + len(self.words)]
        if len(following) < len(self.words):
            return False
        *whole, last = self.words
        head_ok = all(token == word for token, word in zip(following, whole, strict=False))
        return head_ok and (following[-1].startswith(last) if self.prefix else following[-1] == last)


@dataclass(frozen=True)
class Matcher:
    """Terms indexed by their first word, exact or as a prefix of a given length."""

    exact: dict[str, tuple[Entry, ...]]
    prefixes: dict[int, dict[str, tuple[Entry, ...]]]
    seen: dict[str, tuple[Entry, ...]] = field(default_factory=dict)

    def find(self, text: str) -> list[tuple[str, int, int]]:
        """(tag, start, end) for every term found in the text."""
        tokens = WORD.findall(text.lower())
        hits = [
            (entry, index)
            for index, token in enumerate(tokens)
            for entry in self._candidates(token)
            if entry.matches(tokens, index)
        ]
        if not hits:
            return []
        spans = [(m.start(), m.end()) for m in WORD.finditer(text)]
        if len(spans) != len(tokens):  # lower-casing changed the word boundaries: match word by word
            spans = [
                (m.start(), m.end()) for m in WORD.finditer(text) for _ in WORD.findall(m.group().lower())
            ]
        return [(e.tag, spans[i][0], spans[i + len(e.words) - 1][1]) for e, i in hits]

    def _candidates(self, token: str) -> tuple[Entry, ...]:
        """The terms that may start at this word (remembered: vocabulary repeats across requests)."""
        if (known := self.seen.get(token)) is not None:
            return known
        candidates = list(self.exact.get(token, ()))
        for length, stems in self.prefixes.items():
            if len(token) >= length:
                candidates += stems.get(token[:length], ())
        if len(self.seen) > MAX_REMEMBERED:
            self.seen.clear()
        self.seen[token] = tuple(candidates)
        return self.seen[token]


def _index(entries: list[Entry]) -> Matcher:
    exact: dict[str, list[Entry]] = defaultdict(list)
    prefixes: dict[int, dict[str, list[Entry]]] = defaultdict(lambda: defaultdict(list))
    for entry in entries:
        first = entry.words[0]
        if entry.prefix and len(entry.words) == 1:
            prefixes[len(first)][first].append(entry)
        else:
            exact[first].append(entry)
    return Matcher(
        exact={word: tuple(found) for word, found in exact.items()},
        prefixes={n: {stem: tuple(found) for stem, found in stems.items()} for n, stems in prefixes.items()},
    )


class Tag(LawModel):
    description: ShortText
    terms: dict[Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")], tuple[Term, ...]]

    @field_validator("terms")
    @classmethod
    def _star_only_at_the_end(cls, terms: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        for term in (t for group in terms.values() for t in group):
            if "*" in term.removesuffix("*") or not WORD.search(term):
                raise ValueError(f"term {term!r}: `*` may only end a term, which needs a word")
        return terms


class Lexicon(LawModel):
    languages: tuple[str, ...] = Field(min_length=1)
    tags: dict[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")], Tag]

    @cached_property
    def matcher(self) -> Matcher:
        """Every language's terms, indexed once."""
        entries = []
        for name, tag in self.tags.items():
            for term in {t for group in tag.terms.values() for t in group}:
                words = tuple(word.lower() for word in WORD.findall(term))
                entries.append(Entry(words=words, prefix=term.endswith("*"), tag=name))
        return _index(entries)
