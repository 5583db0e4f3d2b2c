"""The fixture site in a real browser: switcher, anchors, edit link (search: test_search_browser; JavaScript errors:
test_accessibility, which opens every page)."""

from __future__ import annotations

import pytest

PREFIX = {"en": "", "fr": "fr/", "ro": "ro/", "ru": "ru/"}


def test_language_switcher_keeps_the_page(page, fixture_url):
    page.goto(fixture_url + "ro/responses/time-box/")
    page.locator(".md-header__option .md-select").hover()
    page.locator('a.md-select__link[hreflang="ru"]').click()
    page.wait_for_url("**/handbook/ru/responses/time-box/")
    assert page.locator("html").get_attribute("lang") == "ru"


@pytest.mark.parametrize("lang", PREFIX)
def test_deep_link_with_a_fixed_anchor_scrolls_to_its_section(page, fixture_url, lang):
    page.set_viewport_size({"width": 1200, "height": 400})
    page.goto(fixture_url + PREFIX[lang] + "archetypes/know-it-all/#responses")
    page.wait_for_timeout(200)
    top = page.locator("#responses").evaluate("e => e.getBoundingClientRect().top")
    assert page.evaluate("window.scrollY") > 0
    assert 0 <= top < 200, top


def test_edit_link_points_at_the_yaml_file(page, fixture_url):
    page.goto(fixture_url + "fr/symptoms/long-stories/")
    edit = page.locator('a[rel="edit"]')
    assert edit.get_attribute("href").endswith("/edit/main/content/symptoms/long-stories.yml")

