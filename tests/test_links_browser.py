"""Links that trainers share, in a real browser: the switcher keeps page, #anchor and ?query on every page
kind (with and without instant navigation), "copy link" buttons, and the 404 page of each language."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import settle
from conftest import copy_fixture, mkdocs_build, shared, site_fixture

from generator.language.strings import ui

PREFIX = {"en": "", "fr": "fr/", "ro": "ro/", "ru": "ru/"}
LANGS = list(PREFIX)
# Every page kind, with the #anchor or ?query a trainer's link carries.
KINDS = {
    "home": "#start",
    "kind index": "archetypes/",
    "archetype": "archetypes/talker/#responses",
    "symptom": "symptoms/long-stories/#archetypes",
    "response": "responses/time-box/#say",
    "source": "sources/article-one/#talker",
    "cheat sheet": "cheatsheets/talker/#responses",
    "diagnosis": "diagnose/?signs=claims-experience,long-stories#results",
    "tags": "tags/",
    "tag": "tags/payment/#responses",
    "print": "print/#symptoms",
    "page not found": "archetypes/no-such-type/#signs",
}
ENTRY_PAGES = ["archetypes/talker/", "symptoms/long-stories/", "responses/time-box/", "sources/article-one/"]


SITE_URL = "https://example.org/handbook/"  # the fixture's site_url


def _tab(browser, site):
    """A page in a new context where SITE_URL is answered from a built site; records JavaScript errors."""
    from browser import route_site, watch

    # No service worker: the offline copy (test_offline_browser.py) would be stored in the background.
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"], service_workers="block")
    route_site(context, SITE_URL, site)
    tab = watch(context.new_page())
    return context, tab


@pytest.fixture
def tab(browser, built_site):
    """The fixture site at its own address (so instant navigation works), misses answered as GitHub Pages does."""
    context, page = _tab(browser, built_site)
    yield page
    context.close()


def _build_plain(root: Path) -> None:
    project = copy_fixture(root / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("navigation.instant, ", ""))
    site = root / "handbook"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    assert "navigation.instant" not in (site / "index.html").read_text("utf-8")


@site_fixture(scope="session")
def plain_site(tmp_path_factory) -> Path:
    """The fixture site built without navigation.instant: every link loads a whole page (built once per run)."""
    return shared(tmp_path_factory, "plain", _build_plain) / "handbook"


@pytest.fixture
def plain_tab(browser, plain_site):
    context, page = _tab(browser, plain_site)
    yield page
    context.close()


def switch_language(page, lang: str) -> None:
    """Choose a language in the header's switcher, as a reader does, and wait for the new page."""
    page.locator(".md-header__option .md-select").hover()
    with page.expect_navigation():
        page.locator(f'a.md-select__link[hreflang="{lang}"]').click()
    page.wait_for_function(f"document.documentElement.lang === '{lang}'")  # a 404 may take one more step
    page.wait_for_load_state("load")


def split(target: str) -> tuple[str, str]:
    """'diagnose/?signs=a#x' -> ('diagnose/', '?signs=a#x')."""
    cut = min([i for i in (target.find("?"), target.find("#")) if i >= 0] or [len(target)])
    return target[:cut], target[cut:]


@pytest.mark.parametrize("kind", KINDS)
def test_switcher_keeps_page_anchor_and_query_on_every_page_kind(tab, kind):
    i = list(KINDS).index(kind)
    start = LANGS[i % 4]  # each kind starts from another language
    path, rest = split(KINDS[kind])
    tab.goto(SITE_URL + PREFIX[start] + KINDS[kind])
    settle(tab)
    # There and back: another language, one, two, then three places on as the 12 kinds go round (every ordered
    # pair of languages is met), then the first.
    for lang in (LANGS[(i + 1 + i // 4) % 4], start):
        switch_language(tab, lang)
        assert tab.url == SITE_URL + PREFIX[lang] + path + rest
        assert tab.locator("html").get_attribute("lang") == lang
    if kind == "page not found":
        assert tab.locator("h1").inner_text() == ui("not_found_title", start)
    assert tab.errors == []


def test_switcher_keeps_the_signs_ticked_on_the_diagnosis(tab):
    tab.goto(SITE_URL + "ro/diagnose/")
    tab.check('input[value="long-stories"]')
    tab.check('input[value="claims-experience"]')  # the address changes without any event (replaceState)
    switch_language(tab, "ru")
    assert tab.url == SITE_URL + "ru/diagnose/?signs=claims-experience%2Clong-stories"
    assert tab.is_checked('input[value="long-stories"]') and tab.is_checked('input[value="claims-experience"]')
    assert tab.locator(".diagnose-ranking > li:visible").count() == 2


def follow_instantly(tab, start: str, link_end: str, target: str) -> None:
    """Open a page, then follow one of its content links the way Material's instant navigation does."""
    tab.goto(SITE_URL + start)
    settle(tab)  # Material binds instant navigation once its bundle has run
    tab.evaluate("window.sameDocument = true")
    tab.locator(f'.md-content a[href$="{link_end}"]').first.click()
    tab.wait_for_url(f"**/{target}")


def test_switcher_follows_instant_navigation_and_a_new_anchor(tab):
    follow_instantly(tab, "fr/archetypes/", "talker/", "fr/archetypes/talker/")
    assert tab.evaluate("window.sameDocument === true"), "instant navigation swapped the page in place"
    tab.locator("#responses .copy-link").click()  # a reader clicks a section's link button
    tab.wait_for_url("**/fr/archetypes/talker/#responses")
    switch_language(tab, "ro")
    assert tab.url == SITE_URL + "ro/archetypes/talker/#responses"
    assert tab.errors == []


@pytest.mark.parametrize("kind", ["archetype", "source", "diagnosis", "page not found"])
def test_switcher_keeps_the_place_without_instant_navigation(plain_tab, kind):
    tab = plain_tab
    path, rest = split(KINDS[kind])
    tab.goto(SITE_URL + "ru/" + KINDS[kind])
    tab.locator(".md-content a").first.wait_for()
    switch_language(tab, "fr")
    assert tab.url == SITE_URL + "fr/" + path + rest
    assert tab.errors == []


@pytest.mark.parametrize("path", ENTRY_PAGES)
def test_every_section_heading_of_entry_and_source_pages_has_a_copy_link_button(tab, path):
    tab.goto(SITE_URL + "ro/" + path)
    settle(tab)
    headings = tab.locator("article h2[id], article h3[id]")
    assert headings.count() >= 3
    for i in range(headings.count()):
        button = headings.nth(i).locator("button.copy-link")
        assert button.count() == 1 and button.is_visible()
        label = button.get_attribute("aria-label")
        assert label.startswith(ui("copy_link", "ro") + ": ") and len(label) > len(ui("copy_link", "ro")) + 3


@pytest.mark.parametrize("path", ["", "archetypes/", "cheatsheets/talker/", "diagnose/", "tags/payment/"])
def test_no_copy_link_buttons_outside_entry_and_source_pages(tab, path):
    tab.goto(SITE_URL + path)
    settle(tab)
    assert tab.locator("button.copy-link").count() == 0


@pytest.mark.parametrize("lang", LANGS)
def test_copy_link_by_keyboard_copies_the_absolute_address_and_tells_screen_readers(tab, lang):
    tab.goto(SITE_URL + PREFIX[lang] + "archetypes/talker/")
    settle(tab)
    tab.locator("#signs > button.copy-link").focus()
    assert tab.locator("#signs .headerlink").count() == 0  # one link marker: the button, not the button and "¶"
    tab.keyboard.press("Enter")
    status = tab.locator('[role="status"][aria-live="polite"]')
    status.filter(has_text=ui("link_copied", lang)).wait_for()
    assert tab.evaluate("navigator.clipboard.readText()") == SITE_URL + PREFIX[lang] + "archetypes/talker/#signs"
    assert tab.errors == []


def test_copy_link_works_after_instant_navigation(tab):
    follow_instantly(tab, "ru/sources/", "article-one/", "ru/sources/article-one/")
    tab.locator("#talker button.copy-link").click()
    tab.locator('[role="status"]').filter(has_text=ui("link_copied", "ru")).wait_for()
    assert tab.evaluate("window.sameDocument === true")
    assert tab.evaluate("navigator.clipboard.readText()") == SITE_URL + "ru/sources/article-one/#talker"
    assert tab.locator("#talker button.copy-link").count() == 1


def test_copy_link_without_clipboard_access_puts_the_link_in_the_address_bar(tab):
    tab.goto(SITE_URL + "fr/responses/time-box/")
    settle(tab)
    tab.evaluate("""() => { Object.defineProperty(navigator, 'clipboard', {value: {writeText: () =>
                     Promise.reject(new Error('denied'))}}); }""")
    tab.locator("#say button.copy-link").click()
    tab.locator('[role="status"]').filter(has_text=ui("copy_failed", "fr")).wait_for()
    assert tab.url == SITE_URL + "fr/responses/time-box/#say"


@pytest.mark.parametrize("lang", LANGS)
def test_a_miss_gets_the_404_page_of_its_language_linking_the_kind_it_names(tab, lang):
    missed = SITE_URL + PREFIX[lang] + "archetypes/no-such-type/#signs"
    tab.goto(missed)
    tab.locator(".not-found-kind a").wait_for()
    assert tab.url == missed  # the reader can still see and fix the address
    assert tab.locator("html").get_attribute("lang") == lang
    assert tab.locator("h1").inner_text() == ui("not_found_title", lang)
    kind = tab.locator(".not-found-kind a")
    assert kind.inner_text() == ui("archetypes", lang)
    assert kind.get_attribute("href") == SITE_URL + PREFIX[lang] + "archetypes/"
    search = tab.locator("a.not-found-search")
    assert search.get_attribute("href") == SITE_URL + PREFIX[lang] + "?q=no+such+type"
    with tab.expect_navigation():
        kind.click()
    assert tab.url == SITE_URL + PREFIX[lang] + "archetypes/"
    assert tab.errors == []


@pytest.mark.parametrize("path,kind", [("ru/cheatsheets/old-name/", "archetypes"), ("symptoms/x/y/", "symptoms"),
                                       ("fr/sources/%E2%82%AC%ZZ/", "sources"), ("ro/tags/no-topic/", "tags")])
def test_the_404_page_links_the_index_of_the_kind_in_the_address(tab, path, kind):
    tab.goto(SITE_URL + path)
    link = tab.locator(".not-found-kind a")
    link.wait_for()
    assert link.get_attribute("href").endswith(f"/{kind}/")
    assert tab.errors == []


def test_a_404_address_without_a_kind_shows_no_kind_link(tab):
    tab.goto(SITE_URL + "ru/no-such-page/")
    tab.locator("h1").wait_for()
    assert tab.locator("h1").inner_text() == ui("not_found_title", "ru")
    settle(tab)
    assert tab.locator(".not-found-kind").is_hidden()


def test_the_404_search_link_opens_the_search_with_the_missing_words(tab):
    tab.goto(SITE_URL + "fr/archetypes/bavard/")
    search = tab.locator("a.not-found-search")
    search.wait_for()
    tab.wait_for_function("document.querySelector('a.not-found-search').href.includes('q=bavard')")
    search.click()
    tab.wait_for_selector(".md-search-result__item", timeout=10_000)
    assert "archetypes/talker/" in tab.locator(".md-search-result__item a").first.get_attribute("href")


def test_the_404_page_does_not_trust_its_from_parameter(tab):
    tab.goto(SITE_URL + "ru/404.html?from=" + "https%3A%2F%2Fevil.example%2Fphish")
    tab.locator("h1").wait_for()
    assert tab.url.startswith(SITE_URL + "ru/404.html")
    tab.goto(SITE_URL + "ru/404.html?from=%2Fsomewhere-else%2F")
    tab.locator("h1").wait_for()
    assert tab.url.startswith(SITE_URL + "ru/404.html")


@pytest.mark.parametrize("lang", LANGS)
def test_the_404_page_passes_axe(tab, lang):
    from browser import axe_violations
    from test_accessibility import describe

    tab.goto(SITE_URL + PREFIX[lang] + "responses/no-such-tactic/")
    tab.locator(".not-found-kind a").wait_for()
    violations = axe_violations(tab, blocking=True)
    assert not violations, describe(tab.url, violations)
