"""The alphabetical order of names in each language (ș after s in Romanian, ё with е in Russian)."""

from __future__ import annotations

import unicodedata
from functools import cache

# Letters a language sorts as letters of their own, right after their base letter (CLDR tailorings).
OWN_LETTERS = {
    "ro": {"ă": ("a", 1), "â": ("a", 2), "î": ("i", 1), "ș": ("s", 1), "ş": ("s", 1), "ț": ("t", 1), "ţ": ("t", 1)},
}


@cache  # the same names are sorted on every index, relation list and language
def sort_key(text: str, lang: str) -> tuple:
    """A sort key: letters by the language's alphabet, accents ignored first and compared last."""
    own = OWN_LETTERS.get(lang, {})
    primary = []
    for char in text.casefold():
        if char in own:
            primary.append(own[char])
            continue
        if char == "ё" or "LATIN" in unicodedata.name(char, ""):  # й stays a letter of its own
            char = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        primary.extend((c, 0) for c in char)
    return tuple(primary), text.casefold(), text
