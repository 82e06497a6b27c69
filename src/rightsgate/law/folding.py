"""Folding words so that spelling variants of the same word meet.

A word is folded the same way in the lexicon and in a request: case is folded, diacritics are removed
("rédacteur" and "redacteur" meet, as do "ё" and "е"), Arabic short vowels and the elongation stroke are
removed, the forms of alef, alef maqsura and taa marbuta are unified, and the Arabic definite article with
its attached prepositions ("ال", "بال", "وال", "لل" …) is removed, so a stem matches with or without it.
Folding never joins or splits words, so evidence spans stay those of the original text.
"""

from __future__ import annotations

import re
import unicodedata

# Letters, digits and the combining marks (Latin accents, Arabic vowel marks) that belong inside a word.
TOKEN = re.compile(r"[\w\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670]+")
ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ـ": None})
ARABIC_ARTICLE = re.compile(r"^(?:[وف]?[بكل]?ال|[وف]?لل)(?=\w{2})")


def fold(word: str) -> str:
    """The folded form of one word: no case, no diacritics, one spelling of each Arabic letter form."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    if plain.isascii():
        return plain
    return ARABIC_ARTICLE.sub("", plain.translate(ARABIC_LETTERS))
