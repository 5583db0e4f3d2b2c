"""The reader's pages in Chromium: a phone's width, the diagnosis while ticking, plurals, keyboard, screenshots."""

from __future__ import annotations

import pytest
from browser import settle
from reader_pages import DESKTOP, PHONE, in_view, screenshot, sideways, tick
from test_reader import MATCHES, PLURALS

PREFIX = {"en": "", "fr": "fr/", "ro": "ro/", "ru": "ru/"}
SIZES = {"390": PHONE, "1280": DESKTOP}
THREE_SIGNS = ("claims-experience", "long-stories", "more-for-same-price")
# Every page kind of the fixture site, checked for sideways scrolling on a phone.
KIND_PAGES = ["archetypes/", "symptoms/claims-experience/", "responses/time-box/", "sources/article-one/",
              "tags/", "tags/payment/", "print/", "cheatsheets/penny-pincher/"]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", PREFIX)
def test_reader_pages_fit_the_screen_and_are_saved_as_screenshots(page, fixture_url, lang, size):
    page.set_viewport_size(SIZES[size])
    base = fixture_url + PREFIX[lang]
    problems = []
    for name, path in [("home", ""), ("entry", "archetypes/know-it-all/"), ("diagnose", "diagnose/"),
                       ("cheatsheet", "cheatsheets/know-it-all/")]:
        page.goto(base + path)
        settle(page)
        screenshot(page, f"{lang}-{name}-{size}")
        extra, culprits = sideways(page)
        if extra:
            problems.append(f"{path or 'home'}: {extra}px sideways {culprits}")
    page.goto(base + "diagnose/")
    tick(page, *THREE_SIGNS)
    screenshot(page, f"{lang}-diagnose-ticked-{size}", full_page=False)
    extra, culprits = sideways(page)
    if extra:
        problems.append(f"diagnose after ticking: {extra}px sideways {culprits}")
    assert problems == []
    assert page.errors == []


@pytest.mark.parametrize("lang", PREFIX)
def test_every_page_kind_fits_a_phone(page, fixture_url, lang):
    page.set_viewport_size(PHONE)
    problems = []
    for path in KIND_PAGES:
        page.goto(fixture_url + PREFIX[lang] + path)
        extra, culprits = sideways(page)
        if extra:
            problems.append(f"{path}: {extra}px sideways {culprits}")
    assert problems == []


@pytest.mark.parametrize("lang", PREFIX)
def test_plural_forms_in_the_browser_match_the_cldr_forms(page, fixture_url, lang):
    page.goto(fixture_url + PREFIX[lang] + "diagnose/")
    ticked = page.evaluate("""([numbers, lang]) => { const root = document.querySelector(".diagnose");
        return numbers.map(n => handbook.plural(JSON.parse(root.dataset.ticked), {n}, lang)); }""",
                           [[1, 2, 5, 21], lang])
    assert ticked == PLURALS["diagnose_ticked", lang]
    matches = page.evaluate("""([numbers, lang]) => { const root = document.querySelector(".diagnose");
        return numbers.map(t => handbook.plural(JSON.parse(root.dataset.matches), {n: 1, total: t}, lang)); }""",
                            [[1, 2, 5, 21], lang])
    assert matches == MATCHES[lang]
    # and on the page itself: one sign ticked, its type matched by one sign of one
    tick(page, "long-stories")
    assert page.locator('.diagnose-ranking > li[data-archetype="talker"] .diagnose-count').inner_text() == \
        MATCHES[lang][0]
    assert page.locator(".diagnose-status").inner_text().startswith(PLURALS["diagnose_ticked", lang][0] + ".")


@pytest.mark.parametrize("lang,words,found", [
    ("en", "cousin", ["cites-friends"]),
    ("ro", "in domeniu", ["claims-experience"]),  # typed without the î of "în domeniu"
    ("ru", "в теме", ["claims-experience"]),
    ("fr", "métier", ["claims-experience"]),
])
def test_signs_are_filtered_by_typing(page, fixture_url, lang, words, found):
    page.goto(fixture_url + PREFIX[lang] + "diagnose/")
    page.locator("#diagnose-filter").click()
    page.keyboard.type(words)
    page.keyboard.press("End")  # Playwright types non-Latin letters without key events
    page.wait_for_selector('.diagnose-list[aria-busy="false"]', state="attached")  # matched on the search index
    visible = page.locator(".diagnose-list > li:visible input").evaluate_all("els => els.map(e => e.value)")
    assert visible == found
    assert page.locator(".diagnose-filter-none").is_hidden()
    page.locator("#diagnose-filter").fill("zzzz")
    page.wait_for_selector('.diagnose-list[aria-busy="false"]', state="attached")
    assert page.locator(".diagnose-list > li:visible").count() == 0
    assert page.locator(".diagnose-filter-none").is_visible()


def test_the_diagnosis_works_from_the_keyboard_and_announces_the_result(page, fixture_url):
    page.goto(fixture_url + "ru/diagnose/")
    page.locator("#diagnose-filter").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.name")
    assert focused == "sign"
    page.keyboard.press("Space")
    status = page.locator('.diagnose-status[role="status"]')
    assert status.inner_text().startswith("Отмечен 1 признак.")
    assert "signs=" in page.url
    page.locator(".diagnose-clear").click()
    assert "signs=" not in page.url and page.locator(".diagnose-ranking > li:visible").count() == 0


@pytest.mark.parametrize("size", SIZES)
def test_the_choice_survives_a_shared_link(page, fixture_url, size):
    page.set_viewport_size(SIZES[size])
    page.goto(fixture_url + "ro/diagnose/?signs=long-stories,claims-experience")
    assert page.locator(".diagnose-ranking > li:visible").count() == 2
    if size == "390":
        assert in_view(page, ".diagnose-bar")
    else:
        assert in_view(page, ".diagnose-ranking > li:visible")
