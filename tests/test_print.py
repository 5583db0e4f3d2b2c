"""Print: every cheat sheet of the fixture handbook fits one A4 page in every language; print hides the
site's chrome. (The live content/ is not read: `python -m generator check` is the rule for it.)"""

from __future__ import annotations

import re

import pytest

PREFIX = {"en": "", "fr": "fr/", "ro": "ro/", "ru": "ru/"}


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.fixture(scope="module")
def fixture_site(built_site, fixture_url):
    return built_site, fixture_url


@pytest.mark.parametrize("lang", PREFIX)
def test_every_cheat_sheet_fits_one_a4_page(page, fixture_site, lang):
    site, url = fixture_site
    sheets = sorted(p.name for p in (site / "cheatsheets").iterdir() if p.is_dir())  # not the index
    assert len(sheets) == 3  # one per fixture archetype
    too_long = []
    for sheet in sheets:
        page.goto(f"{url}{PREFIX[lang]}cheatsheets/{sheet}/")
        if pdf_pages(page.pdf(prefer_css_page_size=True)) != 1:
            too_long.append(sheet)
    assert too_long == []


@pytest.mark.parametrize("lang", PREFIX)
def test_print_hides_navigation_and_search(page, fixture_site, lang):
    site, url = fixture_site
    page.goto(f"{url}{PREFIX[lang]}print/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        assert page.locator(selector).first.evaluate("e => getComputedStyle(e).display") == "none", selector
    assert page.locator("#archetypes-know-it-all").is_visible()
    assert pdf_pages(page.pdf(prefer_css_page_size=True)) > 1
