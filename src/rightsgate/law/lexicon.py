"""The screening lexicon: words that suggest a request targets protected activity, per language.

A term matches whole words after folding (case, diacritics, Arabic letter forms and article: see
`folding.py`); a word of a term ending in `*` matches any word that starts with it, so inflected forms
meet ("задержани*" for every case ending). Text is split into words once and each word is looked up,
so screening costs the same whatever the size of the lexicon. Besides the terms, a tag may name
offence categories whose charge is itself a sign (`categories`) and categories whose charge contrasts
with the conduct (`contrast`: a "hacking" charge for reporting a flaw). `harm` lists words describing
damage to systems or victims, and `victim_categories` the charges that name a victim (fraud, threats,
extortion): conduct words weigh less under such a charge, unless the tag lists it as a contrast. The
lexicon only raises signs for a person to weigh; it never refuses by itself.
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


def _not_harm(name: str) -> str:
    if name == "harm":
        raise ValueError("the tag name `harm` is reserved for the evidence of harm words")
    return name


Terms = Annotated[dict[Language, tuple[Term, ...]], AfterValidator(_check_terms)]
CategoryId = Annotated[str, AfterValidator(_check_category)]


Word = tuple[str, tuple["Entry", ...]]  # a word of a text: folded, and the terms anchored on it


@dataclass(frozen=True, slots=True)
class Entry:
    """One term: its folded words, which of them are prefixes, its tag, and the word it is indexed by
    (its longest, the last of equals, so a term is not tried at every "the" or "de")."""

    words: tuple[str, ...]
    prefixes: tuple[bool, ...]
    tag: str
    anchor: int

    def start(self, words: list[Word], at: int) -> int | None:
        """Where the term starts if its words surround word `at` (its anchor), else None."""
        start = at - self.anchor
        if len(self.words) == 1:
            return start  # the index matched the only word
        if start < 0 or start + len(self.words) > len(words):
            return None
        for offset, (word, prefix) in enumerate(zip(self.words, self.prefixes, strict=True)):
            folded = words[start + offset][0]
            if offset != self.anchor and not (folded.startswith(word) if prefix else folded == word):
                return None
        return start


@dataclass(frozen=True, slots=True)
class Hit:
    """A term found in a text: the term, its tag and the span of the original text it covers."""

    entry: Entry
    start: int
    end: int


@dataclass(frozen=True)
class Matcher:
    """Terms indexed by their anchor word, exact or as a prefix of a given length."""

    exact: dict[str, tuple[Entry, ...]]
    prefixes: dict[int, dict[str, tuple[Entry, ...]]]
    seen: dict[str, Word] = field(default_factory=dict)

    def find(self, text: str) -> list[Hit]:
        """Every term found in the text, with its span in the original text."""
        seen = self.seen
        words = [seen.get(token) or self._look_up(token) for token in TOKEN.findall(text)]
        found = [
            (entry, start)
            for index, (_, candidates) in enumerate(words)
            if candidates
            for entry in candidates
            if (start := entry.start(words, index)) is not None
        ]
        if not found:
            return []
        spans = [match.span() for match in TOKEN.finditer(text)]  # folding keeps word boundaries
        return [Hit(e, spans[start][0], spans[start + len(e.words) - 1][1]) for e, start in found]

    def _look_up(self, token: str) -> Word:
        """The folded word and the terms anchored on it, remembered (vocabulary repeats)."""
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
        key = entry.words[entry.anchor]
        if entry.prefixes[entry.anchor]:
            prefixes[len(key)][key].append(entry)
        else:
            exact[key].append(entry)
    return Matcher(
        exact={word: tuple(found) for word, found in exact.items()},
        prefixes={n: {stem: tuple(found) for stem, found in stems.items()} for n, stems in prefixes.items()},
    )


def _entry(tag: str, term: str) -> Entry:
    """A term's folded words, each marked as a prefix when `*` follows it."""
    found = list(TOKEN.finditer(term))
    folded = tuple(fold(m.group()) for m in found)
    return Entry(
        words=folded,
        prefixes=tuple(term[m.end() : m.end() + 1] == "*" for m in found),
        tag=tag,
        anchor=max(range(len(folded)), key=lambda i: (len(folded[i]), i)),
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
    victim_categories: tuple[CategoryId, ...] = ()
    tags: dict[Annotated[TagName, AfterValidator(_not_harm)], Tag]

    @cached_property
    def by_category(self) -> dict[str, tuple[str, ...]]:
        """The tags an offence category is a sign of."""
        found: dict[str, list[str]] = defaultdict(list)
        for name, tag in self.tags.items():
            for category in tag.categories:
                found[category].append(name)
        return {category: tuple(names) for category, names in found.items()}

    @cached_property
    def matcher(self) -> Matcher:
        """Every language's terms and harm words, indexed once."""
        entries = _entries(HARM, self.harm)
        for name, tag in self.tags.items():
            entries |= _entries(name, tag.terms)
        return _index(sorted(entries, key=lambda e: (e.tag, e.words)))
