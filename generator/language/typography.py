"""Typography by each language's rules: its quotation marks, and French non-breaking spaces."""

from __future__ import annotations

import re
from functools import lru_cache

# CLDR's quotation marks (delimiters) per language: outer pair, inner pair. Babel does not ship them.
QUOTES = {
    "en": (("“", "”"), ("‘", "’")),
    "fr": (("«\u202f", "\u202f»"), ("“", "”")),
    "ro": (("„", "”"), ("«", "»")),
    "ru": (("«", "»"), ("„", "“")),
}
NBSP, NNBSP = "\u00a0", "\u202f"
_OPENING, _CLOSING = "\"“„«", "\"”“»"
_STRAIGHT = re.compile(r'"([^"\n]+)"')
_BEFORE_COLON = re.compile(r"[ \u00a0]+:(?=\s|$)")
_BEFORE_PUNCT = re.compile(r"[ \u00a0]+([;!?»])")
_AFTER_GUILLEMET = re.compile(r"«[ \u00a0]+")


def french_spacing(text: str) -> str:
    """French spacing: no line break before : ; ! ? » or after « (an existing space is made non-breaking)."""
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    text = _BEFORE_PUNCT.sub(NNBSP + r"\1", text)
    return _AFTER_GUILLEMET.sub("«" + NNBSP, text)


def curly(text: str, lang: str, inner: bool = False) -> str:
    """Pairs of straight double quotes as the language's quotation marks."""
    start, end = QUOTES[lang][1 if inner else 0]
    if text.count('"') % 2:
        return text  # unpaired: leave them as written rather than guess
    return _STRAIGHT.sub(lambda m: f"{start}{m.group(1)}{end}", text)


@lru_cache(maxsize=1 << 16)  # the same names and UI strings are set on page after page
def typeset(text: str, lang: str) -> str:
    """A text set for reading in its language: quotation marks, and French spacing."""
    text = curly(text, lang)
    return french_spacing(text) if lang == "fr" else text


def quote(text: str, lang: str) -> str:
    """Words to say, in the language's quotation marks; quotes already around the text are not doubled."""
    inside = text.strip()
    if len(inside) > 1 and inside[0] in _OPENING and inside[-1] in _CLOSING:
        inside = inside[1:-1].strip(" \u00a0\u202f")
    start, end = QUOTES[lang][0]
    inside = curly(inside, lang, inner=True)
    return french_spacing(f"{start}{inside}{end}") if lang == "fr" else f"{start}{inside}{end}"

