"""QR codes of page addresses for printed cheat sheets: SVG made at build time by segno, no network."""

from __future__ import annotations

from functools import cache
from html import escape

import segno


@cache
def qr_svg(url: str, label: str) -> str:
    """An inline SVG QR code of a URL, scalable, named for screen readers by label."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=2, omitsize=True, svgclass="qr", lineclass=None)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label, quote=True)}" ', 1)
