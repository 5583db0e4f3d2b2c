"""Link previews: each page's plain-text description and OpenGraph type, in the page's language."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.content.model import KIND_ORDER, Entry
from generator.content.texts import in_language
from generator.language.strings import ui

# OpenGraph wants language_TERRITORY; the English text is written in British spelling ("recognise").
OG_LOCALES = {"en": "en_GB", "fr": "fr_FR", "ro": "ro_RO", "ru": "ru_RU"}
DESCRIPTION_LIMIT = 160  # what search results and chat previews show before they cut

# The page whose src_uri is the key describes itself with this UI string (the intro it shows).
_INTROS = {"index.md": "home_intro", "print.md": "home_intro", "diagnose.md": "diagnose_intro",
           "tags/index.md": "tags_intro", "cheatsheets/index.md": "cheatsheets_intro",
           "trainers/index.md": "trainers_intro", "trainers/print.md": "trainers_intro", **{f"{kind}/index.md": f"{kind}_intro" for kind in KIND_ORDER}}


@dataclass(frozen=True)
class Preview:
    """What a chat client or a search engine shows for a page: its description and OpenGraph type."""

    description: str
    type: str  # "article" for a page about one entry, "website" for the others

    def as_meta(self) -> dict[str, str]:
        """The page meta the theme's head template reads (plain text: the template escapes it)."""
        return {"description": self.description, "type": self.type}


def plain(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """Text on one line, cut on a word boundary to at most `limit` characters with an ellipsis."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut and not text[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–—") + "…"


def preview(src_uri: str, entry: Entry | None, lang: str) -> Preview:
    """The preview of the page at src_uri, about entry if it has one ('archetypes/talker.md', talker)."""
    intro = plain(ui(_INTROS.get(src_uri, "home_intro"), lang))
    if entry is None:
        return Preview(intro, "website")
    summary = plain(in_language(entry.summary, lang)[0])
    return Preview(summary or plain(ui(f"{entry.kind}_intro", lang)), "article")
