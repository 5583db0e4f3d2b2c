"""Print: every real cheat sheet fits one A4 page in every language; print hides the site's chrome."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import serve
from conftest import mkdocs_build

REPO = Path(__file__).resolve().parent.parent
PREFIX = {"en": "", "fr": "fr/", "ro": "ro/", "ru": "ru/"}


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.fixture(scope="module")
def real_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("real")
    site = root / "difficult-clients-handbook"
    result = mkdocs_build(REPO, site)
    assert result.returncode == 0, result.stderr
    with serve(root) as base:
        yield site, base + "/difficult-clients-handbook/"


@pytest.mark.parametrize("lang", PREFIX)
def test_every_cheat_sheet_fits_one_a4_page(page, real_site, lang):
    site, url = real_site
    sheets = sorted(p.name for p in (site / "cheatsheets").iterdir())
    assert len(sheets) >= 16
    too_long = []
    for sheet in sheets:
        page.goto(f"{url}{PREFIX[lang]}cheatsheets/{sheet}/")
        if pdf_pages(page.pdf(prefer_css_page_size=True)) != 1:
            too_long.append(sheet)
    assert too_long == []


@pytest.mark.parametrize("lang", PREFIX)
def test_print_hides_navigation_and_search(page, real_site, lang):
    site, url = real_site
    page.goto(f"{url}{PREFIX[lang]}print/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        assert page.locator(selector).first.evaluate("e => getComputedStyle(e).display") == "none", selector
    assert page.locator("#archetypes-know-it-all").is_visible()
    assert pdf_pages(page.pdf(prefer_css_page_size=True)) > 5
