"""Contributor text made HTML: escaped, and folded for filter boxes."""

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
