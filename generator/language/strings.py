"""UI strings in the reader's language: one table of every string the pages and scripts show."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from generator import yamlload
from generator.language.codes import LANGUAGES

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


__all__ = ["LANGUAGES", "ui", "ui_strings"]
