"""The screening lexicon: words that suggest a request targets protected activity, per language.

A term matches whole words after folding (case, diacritics, Arabic letter forms and article: see
`folding.py`); a word of a term ending in `*` matches any word that starts with it, so inflected forms
meet ("задержани*" for every case ending). Text is split into words once and each word is looked up,
so screening costs the same whatever the size of the lexicon. Besides the terms, a tag may name
offence categories whose charge is itself a sign (`categories`) and categories whose charge contrasts
with the conduct (`contrast`: a "hacking" charge for reporting a flaw). `harm` lists words describing
damage to systems or victims. The lexicon only raises signs for a person to weigh; it never refuses by
itself.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

from rightsgate.law.folding import TOKEN, fold
from rightsgate.law.sources import LawModel, ShortText
from rightsgate.law.taxonomy import category_ids

MAX_REMEMBERED = 200_000
STRAY_STAR = re.compile(r"(?<![\w\u0300-\u036f])\*|\*(?=[\w])")
HARM = "_harm"  # the pseudo-tag of harm words; tag names start with a letter, so it cannot collide
Term = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=80)]
TagName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]


def _check_terms(terms: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    for term in (t for group in terms.values() for t in group):
        if STRAY_STAR.search(term) or not TOKEN.search(term):
            raise ValueError(f"term {term!r}: `*` may only end a word, and a term needs a word")
    return terms


def _check_category(value: str) -> str:
    if value not in category_ids():
        raise ValueError(f"{value!r} is not an offence category of the taxonomy")
    return value


Terms = Annotated[dict[Language, tuple[Term, ...]], AfterValidator(_check_terms)]
CategoryId = Annotated[str, AfterValidator(_check_category)]


@dataclass(frozen=True, slots=True)
class Entry:
    """One term: its folded words, which of them are prefixes, and its tag."""

    words: tuple[str, ...]
    prefixes: tuple[bool, ...]
    tag: str

    def matches(self, tokens: list[str], at: int) -> bool:
        following = tokens[at : at + len(self.words)]
        if len(following) < len(self.words):
            return False
        return all(
            token.startswith(word) if prefix else token == word
            for token, word, prefix in zip(following, self.words, self.prefixes, strict=True)
        )


@dataclass(frozen=True, slots=True)
class Hit:
    """A term found in a text: the term, its tag and the span of the original text it covers."""

    entry: Entry
    start: int
    end: int


@dataclass(frozen=True)
class Matcher:
    """Terms indexed by their first folded word, exact or as a prefix of a given length."""

    exact: dict[str, tuple[Entry, ...]]
    prefixes: dict[int, dict[str, tuple[Entry, ...]]]
    seen: dict[str, tuple[str, tuple[Entry, ...]]] = field(default_factory=dict)

    def find(self, text: str) -> list[Hit]:
        """Every term found in the text, with its span in the original text."""
        matches = list(TOKEN.finditer(text))
        looked_up = [self._look_up(match.group()) for match in matches]
        folded = [key for key, _ in looked_up]
        return [
            Hit(entry, matches[index].start(), matches[index + len(entry.words) - 1].end())
            for index, (_, candidates) in enumerate(looked_up)
            for entry in candidates
            if entry.matches(folded, index)
        ]

    def _look_up(self, token: str) -> tuple[str, tuple[Entry, ...]]:
        """The folded word and the terms that may start at it (remembered: vocabulary repeats)."""
        if (known := self.seen.get(token)) is not None:
            return known
        key = fold(token)
        candidates = list(self.exact.get(key, ()))
        for length, stems in self.prefixes.items():
            if len(key) >= length:
                candidates += stems.get(key[:length], ())
        if len(self.seen) > MAX_REMEMBERED:
            self.seen.clear()
        self.seen[token] = (key, tuple(candidates))
        return self.seen[token]


def _index(entries: list[Entry]) -> Matcher:
    exact: dict[str, list[Entry]] = defaultdict(list)
    prefixes: dict[int, dict[str, list[Entry]]] = defaultdict(lambda: defaultdict(list))
    for entry in entries:
        first = entry.words[0]
        if entry.prefixes[0]:
            prefixes[len(first)][first].append(entry)
        else:
            exact[first].append(entry)
    return Matcher(
        exact={word: tuple(found) for word, found in exact.items()},
        prefixes={n: {stem: tuple(found) for stem, found in stems.items()} for n, stems in prefixes.items()},
    )


def _entry(tag: str, term: str) -> Entry:
    """A term's folded words, each marked as a prefix when `*` follows it."""
    found = list(TOKEN.finditer(term))
    return Entry(
        words=tuple(fold(m.group()) for m in found),
        prefixes=tuple(term[m.end() : m.end() + 1] == "*" for m in found),
        tag=tag,
    )


def _entries(tag: str, terms: Terms) -> set[Entry]:
    """One entry per distinct folded term of every language."""
    return {_entry(tag, term) for group in terms.values() for term in group}


class Tag(LawModel):
    description: ShortText
    categories: tuple[CategoryId, ...] = ()
    contrast: tuple[CategoryId, ...] = ()
    terms: Terms


class Lexicon(LawModel):
    languages: tuple[str, ...] = Field(min_length=1)
    harm: Terms
    tags: dict[TagName, Tag]

    @cached_property
    def matcher(self) -> Matcher:
        """Every language's terms and harm words, indexed once."""
        entries = _entries(HARM, self.harm)
        for name, tag in self.tags.items():
            entries |= _entries(name, tag.terms)
        return _index(sorted(entries, key=lambda e: (e.tag, e.words)))
