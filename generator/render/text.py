"""Contributor text made HTML: escaped, folded for filter boxes, a source section's paragraphs and lists."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from markupsafe import Markup, escape


@lru_cache(maxsize=1 << 16)  # the same names are written on page after page
def as_html(value: object) -> Markup:
    """Contributor text as HTML: escaped, whitespace runs made one space (non-breaking spaces are typography)."""
    return escape(re.sub(r"[^\S\u00a0\u202f]+", " ", str(value)))


def fold(text: str) -> str:
    """Latin letters without diacritics ('Atotștiutorul' -> 'Atotstiutorul'); Cyrillic is kept as is."""
    out = []
    for char in text:
        if "LATIN" in unicodedata.name(char, ""):
            char = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        out.append(char)
    return "".join(out)


def split_blocks(text: str) -> list[tuple[str, list[str]]]:
    """A source section's text as paragraphs and lists: ('p', [lines]), ('ol'|'ul', [items]).

    Blank lines separate paragraphs; list items stay one list even when blank lines part them.
    """
    blocks: list[tuple[str, list[str]]] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        for i, line in enumerate(chunk.splitlines()):
            item = re.match(r"^\s*(?:(\d+)\.|[-•])\s+(.*)$", line)
            kind = ("ol" if item.group(1) else "ul") if item else "p"
            content = item.group(2) if item else line
            if blocks and blocks[-1][0] == kind and (kind != "p" or i > 0):
                blocks[-1][1].append(content)
            else:
                blocks.append((kind, [content]))
    return blocks
