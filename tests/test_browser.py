"""The fixture site in a real browser: search per language, switcher, anchors, edit link, no JS errors."""

from __future__ import annotations

import pytest

PREFIX = {"en": "", "fr": "fr/", "ro": "ro/", "ru": "ru/"}
# A localized name of an archetype, typed into the search box, and the page it must find first.
SEARCHES = {"en": ("know-it-all", "Know-it-all"), "fr": ("Je-sais-tout", "Je-sais-tout"),
            "ro": ("Atotștiutorul", "Atotștiutorul"), "ru": ("скряга", "Скряга")}


def search(page, query):
    page.locator(".md-search__input").first.click()
    page.keyboard.type(query)
    # Playwright types non-Latin letters without key events; a real keyboard's keyup triggers the query.
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    return page.locator(".md-search-result__item")


@pytest.mark.parametrize("lang", PREFIX)
def test_search_finds_a_localized_name_first_in_the_page_language(page, fixture_url, lang):
    query, title = SEARCHES[lang]
    page.goto(fixture_url + PREFIX[lang])
    results = search(page, query)
    first = results.first
    assert title in first.inner_text()
    href = first.locator("a").first.get_attribute("href")
    assert f"/handbook/{PREFIX[lang]}archetypes/" in href, href
    assert page.errors == []


@pytest.mark.parametrize("lang", PREFIX)
def test_search_finds_russian_alias_from_any_language(page, fixture_url, lang):
    page.goto(fixture_url + PREFIX[lang])
    results = search(page, "Pichirre")
    assert "penny-pincher" in results.first.locator("a").first.get_attribute("href")


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


@pytest.mark.parametrize("lang", PREFIX)
@pytest.mark.parametrize("path", ["", "archetypes/", "archetypes/know-it-all/", "symptoms/long-stories/",
                                  "responses/time-box/", "sources/article-one/"])
def test_no_javascript_errors(page, fixture_url, lang, path):
    page.goto(fixture_url + PREFIX[lang] + path)
    page.wait_for_load_state("networkidle")
    assert page.errors == []


@pytest.mark.parametrize("lang,query", [("ro", "atotstiutorul"), ("en", "atotstiutorul")])
def test_search_without_diacritics_finds_the_name_with_them(page, fixture_url, lang, query):
    page.goto(fixture_url + PREFIX[lang])
    results = search(page, query)
    assert "archetypes/know-it-all/" in results.first.locator("a").first.get_attribute("href")
