"""Contributor text made HTML."""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup, escape


@lru_cache(maxsize=1 << 16)  # the same names are written on page after page
def as_html(value: object) -> Markup:
    """Contributor text as HTML: escaped, whitespace runs made one space (non-breaking spaces are typography)."""
    return escape(re.sub(r"[^\S\u00a0\u202f]+", " ", str(value)))

