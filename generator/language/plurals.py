"""Counts in words by the CLDR plural rules of each language (Babel): '1 тип', '3 типа', '6 типов'."""

from __future__ import annotations

import re
from functools import cache

from babel import Locale
from babel.numbers import format_decimal

from generator.language.codes import LANGUAGES
from generator.language.strings import ui, ui_strings

SELECTOR = "by"  # in a plural string: the name of the number that picks the form (default 'n')
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@cache
def categories(lang: str) -> frozenset[str]:
    """The CLDR plural categories of a language for whole numbers, 'other' included."""
    return Locale.parse(lang).plural_form.tags | {"other"}


def category(n: int, lang: str) -> str:
    """The CLDR plural category of a number in a language ('one', 'few', 'many', 'other')."""
    return Locale.parse(lang).plural_form(n)


def forms(key: str, lang: str) -> dict[str, str]:
    """A plural UI string's forms in one language, by category, with the selector if any."""
    value = ui(key, lang)
    if not isinstance(value, dict):
        raise TypeError(f"UI string '{key}' has no plural forms")
    return value


def plural(key: str, lang: str, n: int, **counts: int) -> str:
    """A plural UI string with its numbers filled in, in the form the counting number asks for."""
    values = {"n": n, **counts}
    table = forms(key, lang)
    text = table.get(category(values[table.get(SELECTOR, "n")], lang)) or table["other"]
    return _PLACEHOLDER.sub(lambda m: format_decimal(values[m.group(1)], locale=lang), text)


def table_problems() -> list[str]:
    """What is wrong with the plural strings: a missing language, a missing or foreign category."""
    problems = []
    for key, by_lang in ui_strings().items():
        if not any(isinstance(v, dict) for v in by_lang.values()):
            continue
        for lang in LANGUAGES:
            value = by_lang.get(lang)
            if not isinstance(value, dict):
                problems.append(f"{key}: no plural forms in {lang}")
                continue
            found = set(value) - {SELECTOR}
            if found != categories(lang):
                problems.append(f"{key} ({lang}): categories {sorted(found)}, CLDR has {sorted(categories(lang))}")
    return problems
