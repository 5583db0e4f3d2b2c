"""Make the handbook's app icons (the PNGs beside this file) from the SVG drawn here, with Chromium.

Run once after changing the drawing: `.venv/bin/python overrides/assets/icons/make_icons.py` (Playwright and
Debian's chromium, as the browser tests use). The PNGs are committed: the build only copies them. MkDocs does not
publish this script (a theme's *.py files are skipped). The book is Pictogrammers' "book-open-variant", the icon
set Material for MkDocs ships (.icons/material, Pictogrammers Free License)."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
COLOUR = "#4051b5"  # Material's indigo (generator/features/offline.THEME_COLOUR)
BOOK = ("M12 21.5c-1.35-.85-3.8-1.5-5.5-1.5-1.65 0-3.35.3-4.75 1.05-.1.05-.15.05-.25.05-.25 0-.5-.25-.5-.5V6c"
        ".6-.45 1.25-.75 2-1 1.11-.35 2.33-.5 3.5-.5 1.95 0 4.05.4 5.5 1.5 1.45-1.1 3.55-1.5 5.5-1.5 1.17 0 2"
        ".39.15 3.5.5.75.25 1.4.55 2 1v14.6c0 .25-.25.5-.5.5-.1 0-.15 0-.25-.05-1.4-.75-3.1-1.05-4.75-1.05-1."
        "7 0-4.15.65-5.5 1.5M12 8v11.5c1.35-.85 3.8-1.5 5.5-1.5 1.2 0 2.4.15 3.5.5V7c-1.1-.35-2.3-.5-3.5-.5-1"
        ".7 0-4.15.65-5.5 1.5m1 3.5c1.11-.68 2.6-1 4.5-1 .91 0 1.76.09 2.5.28V9.23c-.87-.15-1.71-.23-2.5-.23q"
        "-2.655 0-4.5.84zm4.5.17c-1.71 0-3.21.26-4.5.79v1.69c1.11-.65 2.6-.99 4.5-.99 1.04 0 1.88.08 2.5.24v-"
        "1.5c-.87-.16-1.71-.23-2.5-.23m2.5 2.9c-.87-.16-1.71-.24-2.5-.24-1.83 0-3.33.27-4.5.8v1.69c1.11-.66 2"
        ".6-.99 4.5-.99 1.04 0 1.88.08 2.5.24z")


def svg(maskable: bool) -> str:
    """The icon on a 512 grid: a rounded tile, or for a maskable icon a full square with the book inside the
    safe zone (the middle 80% circle), in white on the header's indigo."""
    tile = (f'<rect width="512" height="512" fill="{COLOUR}"/>' if maskable
            else f'<rect width="512" height="512" rx="96" fill="{COLOUR}"/>')
    scale = 10 if maskable else 13
    offset = 256 - 12 * scale
    place = f"translate({offset} {offset + scale // 2}) scale({scale})"
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">{tile}'
            f'<path fill="#fff" transform="{place}" d="{BOOK}"/></svg>')


def main() -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for name, size, maskable in (("icon-192.png", 192, False), ("icon-512.png", 512, False),
                                     ("maskable-512.png", 512, True)):
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(f'<style>html,body{{margin:0}}svg{{display:block;width:{size}px;height:{size}px}}</style>'
                             + svg(maskable))
            page.screenshot(path=str(HERE / name), omit_background=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
