"""Search in a real browser, as a reader uses it: "/" and typing, the kind filter, section links, the
keyboard alone, instant navigation, the language switcher, a 390 px phone, and no JavaScript at all."""

from __future__ import annotations

import pytest
from browser import result_paths, search, watch
from playwright.sync_api import expect
from test_hostile_site import hostile_site  # noqa: F401 - the site of hostile texts, built once

PREFIX = {"en": "", "fr": "fr/", "ro": "ro/", "ru": "ru/"}
BASE = "/handbook/"
# What a reader types on the fixture site, and the page that must be among the first three results:
# plurals, feminine forms, case endings, names from other languages, letters without their diacritics.
QUERIES = [
    ("en", "know it all", "archetypes/know-it-all/"),
    ("en", "talkers", "archetypes/talker/"),
    ("en", "atotstiutorul", "archetypes/know-it-all/"),
    ("en", "Всезнайка", "archetypes/know-it-all/"),
    ("en", "Pichirre", "archetypes/penny-pincher/"),
    ("fr", "bavards", "archetypes/talker/"),
    ("fr", "bavarde", "archetypes/talker/"),
    ("fr", "Je sais tout", "archetypes/know-it-all/"),
    ("fr", "vorbaretul", "archetypes/talker/"),
    ("ro", "vorbăreți", "archetypes/talker/"),
    ("ro", "vorbărețului", "archetypes/talker/"),
    ("ro", "vorbaretul", "archetypes/talker/"),
    ("ro", "Je-sais-tout", "archetypes/know-it-all/"),
    ("ru", "скряги", "archetypes/penny-pincher/"),
    ("ru", "болтуны", "archetypes/talker/"),
    ("ru", "всезнайку", "archetypes/know-it-all/"),
    ("ru", "Je sais tout", "archetypes/know-it-all/"),
    ("ru", "отчет", "sources/article-two/"),  # the text says "отчёт"
]


def open_at(page, fixture_url, lang, path=""):
    page.goto(fixture_url + PREFIX[lang] + path)


@pytest.mark.parametrize("lang", PREFIX)
def test_a_reader_query_finds_its_page_among_the_first_three(page, fixture_url, lang):
    open_at(page, fixture_url, lang)  # the language's queries one after another, as a reader tries again
    misses = []
    for query, expected in [(query, expected) for where, query, expected in QUERIES if where == lang]:
        top = result_paths(search(page, query), BASE + PREFIX[lang])[:3]
        if expected not in top:
            misses.append(f"{query!r}: {expected} not in {top}")
    assert misses == []
    assert page.errors == []


@pytest.mark.parametrize("lang,query", [("en", "Клиент-всезнайка"), ("ru", "Je sais tout"), ("ro", "Всезнайка")])
def test_a_name_from_any_language_finds_the_client_type_first(page, fixture_url, lang, query):
    open_at(page, fixture_url, lang)
    first = result_paths(search(page, query), BASE)[0]
    assert first == f"{PREFIX[lang]}archetypes/know-it-all/"


def test_a_result_shows_kind_title_and_the_matched_words_marked(page, fixture_url):
    open_at(page, fixture_url, "ru")
    first = search(page, "скряги").first
    assert first.locator(".handbook-search__kind").inner_text().lower() == "тип клиента"
    assert first.locator("h1").inner_text() == "Скряга"
    marked = first.locator("mark").all_inner_texts()
    assert marked and all(word.lower().startswith("скряг") for word in marked), marked
    assert first.locator("a").first.get_attribute("href") == BASE + "ru/archetypes/penny-pincher/"


def test_a_source_result_links_straight_to_the_matching_section(page, fixture_url):
    page.set_viewport_size({"width": 1200, "height": 400})  # short, so that the section must be scrolled to
    open_at(page, fixture_url, "ru")
    items = search(page, "отчет")
    source = items.first
    assert source.locator(".handbook-search__kind").inner_text().lower() == "источник"
    section = source.locator('a[href$="#know-it-all"]')
    assert section.locator("h2").inner_text() == "Клиент-всезнайка"
    assert "отчёт" in section.locator("mark").first.inner_text()
    section.click()
    page.wait_for_url("**/handbook/ru/sources/article-two/#know-it-all")
    page.wait_for_timeout(200)
    top = page.locator("#know-it-all").evaluate("e => e.getBoundingClientRect().top")
    assert page.evaluate("window.scrollY") > 0
    assert 0 <= top < 200, top
    assert not page.locator("#__search").is_checked()  # the dialog closed on the way


def test_the_kind_filter_narrows_results_and_counts_each_kind(page, fixture_url):
    open_at(page, fixture_url, "en")
    search(page, "talkers")
    filters = page.locator(".handbook-search__filter")
    counts = {f.get_attribute("data-kind"): f.locator(".handbook-search__count").inner_text()
              for f in filters.all() if f.get_attribute("data-kind")}
    assert counts == {"archetypes": "2", "symptoms": "1", "responses": "1", "sources": "0"}
    assert filters.filter(has_text="Sources").is_disabled()
    filters.filter(has_text="Signs").click()
    page.wait_for_selector('.handbook-search .md-search-result[aria-busy="false"]')
    items = page.locator(".handbook-search .md-search-result__item")
    assert result_paths(items, BASE) == ["symptoms/long-stories/"]
    assert items.first.locator(".handbook-search__kind").inner_text().lower() == "sign"
    assert page.locator(".md-search-result__meta").inner_text() == "1 matching document"
    assert not page.locator(".handbook-search__more").is_visible()  # nothing more to show
    assert filters.filter(has_text="Signs").get_attribute("aria-pressed") == "true"
    filters.filter(has_text="All").click()
    page.wait_for_selector('.handbook-search .md-search-result[aria-busy="false"]')
    assert page.locator(".handbook-search .md-search-result__item").count() == 4


def test_search_by_keyboard_alone(page, fixture_url):
    open_at(page, fixture_url, "fr", "symptoms/long-stories/")
    page.keyboard.press("s")
    assert page.locator("#__search").is_checked()
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()
    search(page, "bavards")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == BASE + "fr/archetypes/talker/"
    page.keyboard.press("Tab")  # the section links and the filter are reachable too
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/handbook/fr/archetypes/talker/")
    expect(page.locator(".md-content h1")).to_contain_text("Bavard")
    # Enter in the search box opens the best result, even when pressed before the results show.
    page.keyboard.press("/")
    page.keyboard.type("Je sais tout")
    page.keyboard.press("Enter")
    page.wait_for_url("**/handbook/fr/archetypes/know-it-all/")
    assert page.errors == []


SITE_URL = "https://example.org/handbook/"  # the fixture's site_url


@pytest.fixture
def home(browser, built_site):
    """A page in a context where the fixture site answers at its own address: Material's instant navigation
    and language switcher find its pages there (they match links against the sitemaps' addresses)."""
    from browser import route_site

    context = browser.new_context(service_workers="block")
    route_site(context, SITE_URL, built_site)
    tab = watch(context.new_page())
    yield tab
    context.close()


def test_search_keeps_working_after_instant_navigation(home):
    home.goto(SITE_URL + "ro/")
    home.evaluate("window.__sameDocument = true")
    search(home, "vorbăreți").first.locator("a").first.click()
    home.wait_for_url("**/handbook/ro/archetypes/talker/")
    expect(home.locator(".md-content h1")).to_contain_text("Vorbărețul")
    assert home.evaluate("window.__sameDocument === true"), "navigation.instant did not keep the document"
    top = result_paths(search(home, "atotstiutorul"), BASE + "ro/")[:1]
    assert top == ["archetypes/know-it-all/"]
    assert home.errors == []


def test_after_the_language_switcher_search_uses_the_new_language(home):
    home.goto(SITE_URL + "responses/time-box/")
    search(home, "Je sais tout")
    home.keyboard.press("Escape")
    home.locator(".md-header__option .md-select").first.hover()
    home.locator('a.md-select__link[hreflang="ru"]').click()
    home.wait_for_url("**/handbook/ru/responses/time-box/")
    first = search(home, "Je sais tout").first
    assert first.locator("a").first.get_attribute("href") == BASE + "ru/archetypes/know-it-all/"
    assert first.locator("h1").inner_text() == "Всезнайка"
    assert home.locator(".md-search-result__meta").inner_text().startswith("Найдено")


def test_a_search_link_opens_the_search_with_its_words(home):
    home.goto(SITE_URL + "fr/?q=bavards")
    assert home.locator("#__search").is_checked()
    home.wait_for_selector('.handbook-search .md-search-result[aria-busy="false"]')
    assert result_paths(home.locator(".handbook-search .md-search-result__item"), BASE)[0] == "fr/archetypes/talker/"
    home.keyboard.press("Escape")
    assert home.url == SITE_URL + "fr/"  # the words are spent


def test_search_on_a_390_px_phone(browser, fixture_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True,
                                  service_workers="block")
    page = context.new_page()
    try:
        page.goto(fixture_url + "ro/")
        assert not page.locator("#__search").is_checked()
        page.evaluate('''() => {
          window.widest = 0;
          const measure = () => {
            window.widest = Math.max(window.widest, document.documentElement.scrollWidth, window.innerWidth);
            requestAnimationFrame(measure);
          };
          measure();
        }''')
        page.locator(".handbook-search__button").tap()
        assert page.locator("#__search").is_checked()
        box = page.locator(".handbook-search .md-search__input")
        assert box.is_visible()
        assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
        page.keyboard.type("vorbăreți")
        page.keyboard.press("End")
        page.wait_for_selector('.handbook-search .md-search-result[aria-busy="false"]')
        # The results may come while Material's search still slides in (from 5% to the right, 0.3 s): measured
        # where it stops. While it slides, the page must not grow sideways (see handbook.css).
        page.wait_for_function("document.getAnimations().every((animation) => animation.playState !== 'running')")
        assert page.evaluate("window.widest") == 390
        first = page.locator(".handbook-search .md-search-result__item").first
        assert first.is_visible() and first.bounding_box()["x"] >= 0
        for element in (first, page.locator(".handbook-search__filters"), box):
            right = element.bounding_box()
            assert right["x"] + right["width"] <= 390, element
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        first.locator("a").first.tap()
        page.wait_for_url("**/handbook/ro/archetypes/talker/")
    finally:
        context.close()


def test_without_javascript_links_to_the_kind_pages_replace_the_search_box(browser, fixture_url):
    context = browser.new_context(java_script_enabled=False, service_workers="block")
    page = context.new_page()
    try:
        page.goto(fixture_url + "fr/symptoms/long-stories/")
        assert not page.locator(".handbook-search").is_visible()
        assert not page.locator(".handbook-search__button").is_visible()
        menu = page.locator(".handbook-search__noscript")
        assert menu.locator("button").is_visible()
        menu.locator("button").focus()  # opens like the language menu, with no script
        links = menu.locator("a")
        assert links.all_inner_texts() == ["Types de clients", "Signes", "Réponses", "Sources"]
        assert links.first.is_visible()
        links.nth(2).click()
        page.wait_for_url("**/handbook/fr/responses/")
    finally:
        context.close()


def test_when_search_cannot_load_the_dialog_offers_the_kind_pages(page, fixture_url):
    page.route("**/pagefind/pagefind.js", lambda route: route.abort())
    open_at(page, fixture_url, "ro")
    search(page, "vorbăreți")
    fallback = page.locator(".handbook-search__browse")
    assert fallback.is_visible()
    assert fallback.locator("a").all_inner_texts() == ["Tipuri de clienți", "Semne", "Răspunsuri", "Surse"]


@pytest.mark.build
def test_under_mkdocs_serve_the_index_follows_an_edit(project, page, tmp_path):
    from test_serve import mkdocs_serve

    with mkdocs_serve(project, tmp_path / "serve.log") as port:
        page.goto(f"http://127.0.0.1:{port}/handbook/ru/")
        assert search(page, "Пустомеля").count() == 0
        talker = project / "content/archetypes/talker.yml"
        talker.write_text(talker.read_text("utf-8").replace('ru: "Болтун"', 'ru: "Пустомеля"'), "utf-8")
        page.wait_for_event("load", timeout=120_000)  # the livereload script reloads the page after the rebuild
        first = search(page, "Пустомелю").first  # an inflected form of the new name
        assert first.locator("a").first.get_attribute("href") == BASE + "ru/archetypes/talker/"
    assert "Traceback" not in (tmp_path / "serve.log").read_text()


@pytest.mark.parametrize("lang,query", [("en", "talkers"), ("ru", "отчет")])
def test_the_open_dialog_with_results_has_no_serious_axe_violation(page, fixture_url, lang, query):
    from browser import axe_violations
    from test_accessibility import describe

    open_at(page, fixture_url, lang)
    search(page, query)
    violations = axe_violations(page, blocking=True)
    assert not violations, describe(page.url, violations)


def test_hostile_texts_stay_text_in_search_results(hostile_site, browser):  # noqa: F811
    from browser import serve_site
    from test_hostile_site import MARK

    dialogs = []
    context = browser.new_context(service_workers="block")
    tab = context.new_page()
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        with serve_site(hostile_site) as url:
            for lang in ("", "ru/"):
                tab.goto(url + lang)
                items = search(tab, f"{MARK} script onerror")
                assert items.count() > 3
                results = tab.locator(".handbook-search .md-search-result__list")
                # Only what search.js writes: links, articles, headings, paragraphs, marks, the kind, the icon.
                tags = results.evaluate("list => [...new Set([...list.querySelectorAll('*')].map(e => e.localName))]")
                assert set(tags) <= {"li", "a", "article", "div", "span", "h1", "h2", "p", "mark"}, tags
                handlers = results.evaluate("list => [...list.querySelectorAll('*')].flatMap("
                                            "e => e.getAttributeNames().filter(n => n.startsWith('on')))")
                assert handlers == []
                assert "<script>" in results.inner_text() or "onerror=" in results.inner_text()
                tab.mouse.move(400, 300)
    finally:
        context.close()
    assert not dialogs


@pytest.mark.parametrize("size", ["390", "1280"])
@pytest.mark.parametrize("lang,query", [("en", "talkers"), ("fr", "bavards"), ("ro", "vorbăreți"), ("ru", "скряги")])
def test_the_open_search_fits_the_screen_and_is_saved_as_a_screenshot(page, fixture_url, lang, query, size):
    from reader_pages import DESKTOP, PHONE, screenshot, sideways

    page.set_viewport_size(PHONE if size == "390" else DESKTOP)
    open_at(page, fixture_url, lang)
    if size == "390":
        page.locator(".handbook-search__button").click()
    search(page, query)
    page.wait_for_timeout(500)  # on a phone Material locks the page under the dialog 400 ms after it opens
    screenshot(page, f"{lang}-search-{size}", full_page=False)
    extra, culprits = sideways(page)
    assert extra == 0, culprits
    assert page.errors == []


def test_more_results_come_a_batch_at_a_time(page, fixture_url):
    open_at(page, fixture_url, "en")
    items = search(page, "summary")  # a word on most pages ("the", on all, is a stop word): more than one batch
    assert page.locator(".md-search-result__meta").inner_text() == "10 matching documents"
    assert items.count() == 8
    more = page.locator(".handbook-search__more")
    more.click()
    expect(items).to_have_count(10)
    assert not more.is_visible()
    assert len(set(result_paths(items, BASE))) == 10


# Sentences (issue 27): stop words, elision, the client type first, typos, the diagnosis filter. The fixture's
# search terms: the sign more-for-same-price "discount" in four languages, cites-friends "vous insulte au
# téléphone" in French.

def marked_words(page) -> set[str]:
    return {word.lower() for word in page.locator(".handbook-search .md-search-result__list mark").all_inner_texts()}


def test_a_sentence_that_names_the_client_ranks_the_client_type_first(page, fixture_url):
    open_at(page, fixture_url, "en")
    top = result_paths(search(page, "client who tells long stories instead of answers"), BASE)
    assert top[0] == "archetypes/talker/", top
    assert marked_words(page) and not marked_words(page) & {"who", "of", "client"}  # stop words are not marked
    assert page.errors == []


def test_a_sentence_that_asks_what_to_do_ranks_the_response_first(page, fixture_url):
    open_at(page, fixture_url, "en")
    assert result_paths(search(page, "how to handle a client who talks too much"), BASE)[0] == "responses/time-box/"
    assert marked_words(page) and "how" not in marked_words(page)  # the question's words are not searched
    assert result_paths(search(page, "client who talks too much"), BASE)[0] == "archetypes/talker/"
    assert page.errors == []


# What the matcher searches of a sentence (matcher.parse in the page), per language, on one page each:
# (query, content words, asks what to do).
PARSED = {
    "en": [("What should I do when a client shouts?", ["shouts"], True), ("client who shouts", ["shouts"], False)],
    "fr": [("Comment dire non à un client", ["dire", "non"], True), ("que faire quand il crie", ["quand", "crie"], True),
           # a word under three letters being typed after others waits for the next key: its prefix would match
           # most words of a large handbook; a space ends it, and alone it is searched
           ("bavard pa", ["bavard"], False), ("bavard pa ", ["bavard", "pa"], False), ("pa", ["pa"], False)],
    "ro": [("cum să spun nu unui client", ["spun"], True)],
    "ru": [("Что делать, если клиент кричит", ["кричит"], True), ("как отказать клиенту", ["отказать"], True),
           ("Оплата эт", ["оплата"], False)],
}


@pytest.mark.parametrize("lang", PARSED)
def test_the_words_of_a_sentence_that_are_searched_and_whether_it_asks_what_to_do(page, fixture_url, lang):
    open_at(page, fixture_url, lang)
    parsed = page.evaluate("""async (queries) => {
      const {stop} = await window.handbook.matcher.load();
      return queries.map((query) => window.handbook.matcher.parse(query, document.documentElement.lang, stop));
    }""", [query for query, _, _ in PARSED[lang]])
    assert [(p["content"], p["ask"]) for p in parsed] == [(content, ask) for _, content, ask in PARSED[lang]]


@pytest.mark.parametrize("query", ["il m'insulte", "Il m’insulte"])  # the typographic apostrophe too
def test_french_elision_is_split_so_the_word_finds_its_sign(page, fixture_url, query):
    open_at(page, fixture_url, "fr")
    assert result_paths(search(page, query), BASE + "fr/")[:1] == ["symptoms/cites-friends/"]


def test_common_words_punctuation_and_a_pasted_page_answer_with_a_message(page, fixture_url):
    warnings = []
    page.on("console", lambda message: warnings.append(message.text) if message.text.startswith("search:") else None)
    open_at(page, fixture_url, "fr")
    meta = page.locator(".handbook-search .md-search-result__meta")
    items = search(page, "qui ne pas")
    assert items.count() == 0
    assert meta.inner_text() == ("Rien que des mots courants (comme «\u202fqui\u202f», «\u202fpas\u202f»)\u00a0: "
                                 "ajoutez un mot qui dit ce que fait le client.")
    assert search(page, "?! … ;").count() == 0
    assert meta.inner_text() == "Tapez un mot\u00a0: la ponctuation seule ne trouve rien."
    page.keyboard.press("/")
    page.locator(".handbook-search .md-search__input").fill("bavard " + "x" * 500)
    page.wait_for_selector('.handbook-search .md-search-result[aria-busy="false"]')
    items = page.locator(".handbook-search .md-search-result__item")
    assert result_paths(items, BASE + "fr/")[0] == "archetypes/talker/"
    assert meta.inner_text().endswith("Seuls les premiers mots d'une longue recherche sont cherchés.")
    assert page.errors == [] and warnings == []


def test_a_typo_gets_a_suggestion_that_searches_it(page, fixture_url):
    open_at(page, fixture_url, "fr")
    assert search(page, "bavrad").count() == 0
    hint = page.locator(".handbook-search__hint")
    expect(hint).to_have_text("Vouliez-vous dire\u00a0: bavard")
    hint.locator("button").click()
    page.wait_for_selector('.handbook-search .md-search-result[aria-busy="false"]')
    items = page.locator(".handbook-search .md-search-result__item")
    assert result_paths(items, BASE + "fr/")[0] == "archetypes/talker/"
    assert page.locator(".handbook-search .md-search__input").input_value() == "bavard"
    assert hint.is_hidden()


PLURALS = [("en", "discounts"), ("fr", "remises"), ("ro", "reduceri"), ("ru", "скидки")]


@pytest.mark.parametrize("lang,words", PLURALS)
def test_the_diagnosis_filter_matches_a_plural_as_search_does(page, fixture_url, lang, words):
    page.goto(fixture_url + PREFIX[lang] + "diagnose/")
    page.locator("#diagnose-filter").click()
    page.keyboard.type(words)
    page.keyboard.press("End")  # Playwright types non-Latin letters without key events
    page.wait_for_selector('.diagnose-list[aria-busy="false"]', state="attached")
    visible = page.locator(".diagnose-list > li:visible input").evaluate_all("els => els.map(e => e.value)")
    assert visible == ["more-for-same-price"]
    assert page.errors == []
