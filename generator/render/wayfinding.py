"""What helps a reader find their way: one-line summaries, the most telling sign, neighbours in reading order."""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.content.model import Entry, Handbook

# A sentence ends at . ! ? or … followed by a space and a capital letter (not at "2 a.m. and").
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“„«(]?[A-ZÀ-ÖØ-ÞĂÂÎȘȚŞŢА-ЯЁ])")


def first_sentence(text: str) -> str:
    """The first sentence of a text, for a one-line summary."""
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0]


def telling_sign(book: Handbook, archetype: Entry) -> Entry | None:
    """The archetype's sign that points to the fewest client types (first listed on a tie), or None."""
    signs = [book.get("symptoms", link.id) for link in book.linked(archetype, "symptoms")]
    if not signs:
        return None
    return min(signs, key=lambda s: len(book.linked(s, "archetypes")))  # min keeps the first of equals


def neighbours(ordered: Sequence[Entry], entry: Entry, place: int | None = None) -> tuple[Entry | None, Entry | None]:
    """The entries before and after one in a reading order (place: its index there, if known); None at
    either end."""
    i = next(i for i, e in enumerate(ordered) if e is entry) if place is None else place
    return (ordered[i - 1] if i > 0 else None), (ordered[i + 1] if i + 1 < len(ordered) else None)
