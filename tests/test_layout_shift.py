"""Every page kind of the fixture site, on a phone and a desktop screen: no layout shift as its scripts draw it
(a PerformanceObserver sums the layout-shift entries, as Lighthouse's CLS does), no request leaving the site
and no console error. The diagnosis and practice pages, drawn by their scripts, in all four languages."""

from __future__ import annotations

import pytest

PREFIX = {"en": "", "fr": "fr/", "ro": "ro/", "ru": "ru/"}
# One page of each kind, in a language that changes from kind to kind (every language is met).
KINDS = ("", "archetypes/", "archetypes/talker/", "symptoms/long-stories/", "responses/time-box/",
         "sources/article-one/", "tags/", "cheatsheets/talker/", "print/", "practice/print/", "trainers/", "trainers/print/")
DRAWN = ("diagnose/", "practice/")  # drawn by a script: in every language
SCREENS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
MAX_SHIFT = 0.05  # Lighthouse's "good" CLS is 0.1; the issue asks for half

# Collects layout shifts from the first paint on, with the elements that moved.
OBSERVER = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    window.__shifts.push({value: entry.value, moved: entry.sources.map((s) =>
      s.node ? (s.node.nodeName + "." + (s.node.className || "")).slice(0, 80) : "?")});
  }
}).observe({type: "layout-shift", buffered: true});
"""


def visits() -> list[tuple[str, str]]:
    """(screen, path) of every page checked."""
    languages = list(PREFIX.values())
    paths = [languages[i % 4] + kind for i, kind in enumerate(KINDS)]
    paths += [prefix + kind for kind in DRAWN for prefix in languages]
    return [(screen, path) for screen in SCREENS for path in paths]


@pytest.fixture(scope="module")
def screens(browser):
    """A browser page per screen size, its layout shifts observed; requests and console errors recorded."""
    tabs = {}
    for name, size in SCREENS.items():
        context = browser.new_context(viewport=size, service_workers="block", is_mobile=name == "phone",
                                      has_touch=name == "phone")
        context.add_init_script(OBSERVER)
        tab = context.new_page()
        tab.requests, tab.console_errors = [], []
        tab.on("request", lambda request, tab=tab: tab.requests.append(request.url))
        tab.on("console", lambda message, tab=tab: message.type == "error" and tab.console_errors.append(message.text))
        tab.on("pageerror", lambda error, tab=tab: tab.console_errors.append(str(error)))
        tabs[name] = tab
    yield tabs
    for tab in tabs.values():
        tab.context.close()


@pytest.mark.parametrize(("screen", "path"), visits())
def test_no_layout_shift_no_request_away_and_no_console_error(screens, fixture_url, screen, path):
    tab = screens[screen]
    tab.requests.clear()
    tab.console_errors.clear()
    tab.goto(fixture_url + path, wait_until="load")
    if path.endswith("diagnose/"):
        tab.wait_for_selector(".diagnose[data-ready]", state="attached")
    elif path.endswith("/practice/") or path == "practice/":
        tab.wait_for_selector(".practice-card")
    tab.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    shifts = tab.evaluate("window.__shifts")
    total = sum(shift["value"] for shift in shifts)
    assert total <= MAX_SHIFT, f"/{path} at {screen} size shifts by {total:.3f}: {shifts}"
    away = [url for url in tab.requests if not url.startswith(fixture_url) and not url.startswith("data:")]
    assert away == [], f"/{path} asks outside the site for {away}"
    assert tab.console_errors == [], f"/{path}: {tab.console_errors}"


def test_without_javascript_the_diagnosis_is_the_matrix_alone(browser, fixture_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(fixture_url + "ro/diagnose/")
        assert tab.locator(".diagnose-matrix").is_visible()
        assert tab.locator(".diagnose-signs").is_hidden() and tab.locator(".diagnose-results").is_hidden()
    finally:
        context.close()


@pytest.mark.parametrize("state", ["rest", "hover", "focus"])
def test_links_keep_their_contrast_at_rest_under_the_pointer_and_in_focus(screens, fixture_url, state):
    """axe's colour-contrast rule on a few links only (a small link on the home page, a link in text), in the
    state asked: Material's hover and focus colour was 4.3:1 on white, a link in <small> 3.8:1."""
    from browser import axe_violations

    tab = screens["desktop"]
    tab.goto(fixture_url + "fr/")
    links = ["article small a", "article li > a"]
    for selector in links:
        link = tab.locator(selector).first
        if state == "hover":
            link.hover()
        elif state == "focus":
            link.focus()
        found = axe_violations(tab, [[selector]], {"runOnly": ["color-contrast"]})
        assert found == [], f"{selector} ({state}): {found}"


def test_the_search_button_is_a_button_on_a_phone_and_gives_way_to_the_box_on_a_desktop(screens, fixture_url):
    phone, desktop = screens["phone"], screens["desktop"]
    phone.goto(fixture_url + "ru/")
    button = phone.locator(".handbook-search__button")
    assert button.evaluate("node => node.tagName") == "BUTTON" and button.is_visible()
    button.click()
    assert phone.locator("#__search").is_checked()
    assert phone.evaluate("document.activeElement.classList.contains('md-search__input')")
    desktop.goto(fixture_url + "ru/")
    assert desktop.locator(".handbook-search__button").is_hidden()
    assert desktop.locator(".md-search__input").is_visible()


@pytest.mark.parametrize(("repo_url", "asked", "shown"), [
    ("https://github.com/someone/handbook", None, False),  # off unless asked for
    ("https://github.com/someone/handbook", True, True),
    ("https://github.com/example/difficult-clients-handbook", True, False),  # the example repository: never
])
def test_the_repository_widget_only_when_asked_for_and_for_a_real_repository(monkeypatch, repo_url, asked, shown):
    from types import SimpleNamespace

    from generator.build.reading import Repository

    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    extra = {} if asked is None else {"repository_statistics": asked}
    config = SimpleNamespace(repo_url=repo_url, edit_uri="edit/main/", extra=extra)
    Repository().set(config)
    assert config.extra["handbook_repository_statistics"] is shown


def test_a_repository_setting_that_is_not_true_or_false_is_refused(monkeypatch):
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError

    from generator.build.reading import Repository

    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    config = SimpleNamespace(repo_url="https://github.com/a/b", edit_uri="", extra={"repository_statistics": "yes"})
    with pytest.raises(PluginError, match="extra.repository_statistics in mkdocs.yml is 'yes': write true or false"):
        Repository().set(config)
