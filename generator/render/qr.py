"""QR codes of page addresses for printed cheat sheets: SVG made at build time by segno, no network."""

from __future__ import annotations

from functools import cache
from html import escape

import segno

# Any of the eight data masks makes a valid code that every reader decodes; segno's search for the one with
# the lowest penalty score costs 5 ms a code (4 s of a build at 1,000 entries), so the codes use one mask.
MASK = 2


@cache
def qr_svg(url: str, label: str) -> str:
    """An inline SVG QR code of a URL, scalable, named for screen readers by label."""
    code = segno.make(url, error="m", micro=False, mask=MASK)
    svg = code.svg_inline(scale=1, border=2, omitsize=True, svgclass="qr", lineclass=None)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label, quote=True)}" ', 1)
