"""Entry texts: what a text is, which one a reader gets, every text of an entry, and the version of its English.

A text is a mapping language -> words, English always in it ('name', 'steps[1]', 'responses[0].note').
One walker finds them all, in an Entry of the model or in an entry's YAML data as read (git history
holds files that were never checked): the translation status, the pages' notices, the version
`status --mark` records and the translations outdated in git history all count the same texts.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping
from functools import cache

from generator.content.model import Entry, Text
from generator.content.problems import field_path
from generator.language.codes import DEFAULT, LANGUAGES

Texts = dict[str, dict[str, str]]  # field path ('summary', 'steps[1]', 'responses[0].note') -> language -> text
_LANGUAGES = frozenset(LANGUAGES)
_NOT_TEXTS = "translated_from"  # its keys are languages too, its values versions of the English


def in_language(text: Text, lang: str) -> tuple[str, str]:
    """The text in this language if it has one, else the English one; with the language it is in.

    How English is shown to a reader of another language (marked lang="en", said so in JSON) is the caller's.
    """
    return (text[lang], lang) if lang in text else (text[DEFAULT], DEFAULT)


def is_text(value: object) -> bool:
    """Whether a value is a text: a mapping of the handbook's languages, with English in words."""
    return isinstance(value, Mapping) and isinstance(value.get(DEFAULT), str) and set(value) <= _LANGUAGES


def texts_of(value: object, path: tuple = ()) -> Texts:
    """Every text in an entry (an Entry, or its YAML data), by field path, in the order of its fields.

    Of a text in YAML data only the strings count (`fr: 5` is not a French text).
    """
    found: Texts = {}
    _walk(value, path, found)
    return found


def _walk(value: object, path: tuple, found: Texts) -> None:
    if is_text(value):
        found[field_path(path)] = {lang: words for lang, words in value.items() if isinstance(words, str)}
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if key != _NOT_TEXTS:
                _walk(item, path + (key,), found)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            _walk(item, path + (i,), found)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for name in _fields(type(value)):
            if name != _NOT_TEXTS:
                _walk(getattr(value, name), path + (name,), found)


@cache
def _fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def entry_texts(entry: Entry) -> Texts:
    """Every translatable text of an entry, by field path ('summary', 'steps[1]', 'responses[0].note')."""
    return texts_of(entry)


def untranslated(entry: Entry, lang: str) -> list[str]:
    """Field paths of an entry with no text in this language (English is never missing)."""
    if lang == DEFAULT:
        return []
    return [path for path, text in entry_texts(entry).items() if lang not in text]


def version_of(texts: Texts) -> str:
    """A short fingerprint of the English texts: what `status --mark` records."""
    english = "\n".join(f"{path}={text[DEFAULT]}" for path, text in sorted(texts.items()))
    return hashlib.sha256(english.encode("utf-8")).hexdigest()[:8]


def text_version(entry: Entry) -> str:
    """The version of an entry's English text: `status --mark` records the one a translation follows."""
    return version_of(entry_texts(entry))


def reader_version(entry: Entry, lang: str) -> str:
    """A short fingerprint of an entry's texts as a reader of lang reads them (each in lang, or in English) and,
    for a source, its sections: a reader's browser marks an entry it saw with another one as updated."""
    read = [f"{path}={in_language(text, lang)[0]}" for path, text in sorted(entry_texts(entry).items())]
    read += [f"{section.id}={section.heading}\n{section.text}" for section in getattr(entry, "sections", ())]
    return hashlib.sha256("\n".join(read).encode("utf-8")).hexdigest()[:12]
