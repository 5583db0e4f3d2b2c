"""UI strings and entry texts in the reader's language, with English as the visible fallback."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from generator import yamlload
from generator.content.model import Archetype, Entry, Response, Symptom, Text
from generator.language.codes import DEFAULT, LANGUAGES

# One table per feature (core.yml, search.yml, ...), merged; a key may be defined in one file only.
UI_DIR = Path(__file__).parent / "ui"


@cache
def ui_strings() -> dict[str, dict[str, str]]:
    """The translation table of every UI string: key -> language -> text."""
    table: dict[str, dict[str, str]] = {}
    for path in sorted(UI_DIR.glob("*.yml")):
        part = yamlload.load(path.read_text("utf-8")) or {}
        clash = sorted(set(table) & set(part))
        if clash:
            raise ValueError(f"{path.name}: UI keys defined in another file too: {', '.join(clash)}")
        table.update(part)
    return table


def ui(key: str, lang: str) -> str:
    """One UI string in a language; an unknown key is a programming error."""
    return ui_strings()[key][lang]


def entry_texts(entry: Entry) -> dict[str, Text]:
    """Every translatable text of an entry, by field path ('summary', 'steps[1]', 'responses[0].note')."""
    texts: dict[str, Text] = {"name": entry.name, "summary": entry.summary}
    if isinstance(entry, Archetype) and entry.why:
        texts["why"] = entry.why
    lists = {Archetype: ("avoid",), Response: ("steps", "say", "avoid"), Symptom: ("examples",)}
    for field in lists.get(type(entry), ()):
        for i, text in enumerate(getattr(entry, field)):
            texts[f"{field}[{i}]"] = text
    links = {Archetype: ("symptoms", "responses", "related"), Response: ("symptoms",)}
    for field in links.get(type(entry), ()):
        for i, link in enumerate(getattr(entry, field)):
            if link.note:
                texts[f"{field}[{i}].note"] = link.note
    return texts


def untranslated(entry: Entry, lang: str) -> list[str]:
    """Field paths of an entry with no text in this language (English is never missing)."""
    if lang == DEFAULT:
        return []
    return [path for path, text in entry_texts(entry).items() if lang not in text]


def text_version(entry: Entry) -> str:
    """A short fingerprint of an entry's English text: `status --mark` records the one a translation follows."""
    from generator.history.staleness import version_of

    return version_of(entry_texts(entry))


__all__ = ["LANGUAGES", "ui", "ui_strings", "untranslated", "entry_texts", "text_version"]
