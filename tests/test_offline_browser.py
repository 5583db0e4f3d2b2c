"""The handbook offline (issue 26), in Chromium at 390x844 (touch), on a copy of the session's fixture site served
over HTTP at /handbook/: one visit stores the language (its pages, assets and search) in the background; with the
network cut, pages of every kind, diagnose, practice, print, search and the 404 page work with no failed request
to the site; another language that is not saved says so. English and French fully, Romanian and Russian quickly;
each language installable (DevTools' installability check); a new build reaches the reader by the second visit,
and a broken one (a listed file missing) leaves the stored version serving.
"""

from __future__ import annotations

import json
import os
import random
import shutil
from pathlib import Path

import pytest
from browser import CHROMIUM_ARGS, axe_violations, result_paths, search, serve, watch
from conftest import copy_fixture, mkdocs_build
from playwright.sync_api import expect

from generator.build.offline import write_offline
from generator.language.codes import LANGUAGES
from generator.language.strings import ui

PREFIX = {"en": "", "fr": "fr/", "ro": "ro/", "ru": "ru/"}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
STORED = ".handbook-offline[data-state=ready]"
KINDS = ("archetypes", "symptoms", "responses", "sources")


class Served:
    """A site folder served at /handbook/ through a symlink, which switch() points at another build."""

    def __init__(self, root: Path, base: str) -> None:
        self.root, self.base = root, base

    def switch(self, site: Path) -> None:
        link = self.root / "handbook.new"
        link.symlink_to(site, target_is_directory=True)
        os.replace(link, self.root / "handbook")


@pytest.fixture
def served(built_site, tmp_path):
    """A copy of the fixture site (v1), served; the test may switch to other builds."""
    site = tmp_path / "v1"
    shutil.copytree(built_site, site)
    root = tmp_path / "served"
    root.mkdir()
    (root / "handbook").symlink_to(site, target_is_directory=True)
    with serve(root) as base:
        yield Served(root, base + "/handbook/")


def phone(browser):
    context = browser.new_context(**PHONE)
    tab = watch(context.new_page())
    return context, tab


def failures(context, base: str) -> list:
    """Requests of the pages to the site that failed or were refused, as they happen (not the worker's own)."""
    failed = []

    def response(answer) -> None:
        if answer.url.startswith(base) and answer.status >= 400 and answer.request.service_worker is None:
            failed.append((answer.status, answer.url))

    def request_failed(request) -> None:  # not those the browser gave up as the page moved on
        if request.url.startswith(base) and request.service_worker is None and request.failure != "net::ERR_ABORTED":
            failed.append((request.failure, request.method, request.url))

    context.on("response", response)
    context.on("requestfailed", request_failed)
    return failed


def stored(tab, url: str) -> str:
    """Open a language's home online and wait until the language is stored; the indicator's text."""
    tab.goto(url)
    tab.wait_for_selector(STORED, timeout=60_000)
    return tab.locator(".handbook-offline").inner_text()


def cached(tab) -> dict[str, list[str]]:
    return tab.evaluate("""async () => {
        const out = {};
        for (const name of await caches.keys()) out[name] = (await (await caches.open(name)).keys()).map((r) => r.url);
        return out;
    }""")


def listed(site: Path, lang: str) -> dict:
    return json.loads((site / PREFIX[lang] / "offline.json").read_text("utf-8"))


def check_page(tab, url: str, lang: str) -> None:
    answer = tab.goto(url)
    assert answer is not None and answer.status == 200, url
    assert tab.evaluate("document.documentElement.lang") == lang, url
    assert tab.locator("article h1").first.inner_text().strip(), url


def sample_pages(site: Path, lang: str, per_kind: int = 2) -> list[str]:
    """Random entry pages of every kind, a cheat sheet, and the other kinds of page (seeded: the same each run)."""
    pick = random.Random(26)
    root = site / PREFIX[lang]
    pages = []
    for kind in (*KINDS, "cheatsheets"):
        found = sorted(p.parent.name for p in (root / kind).glob("*/index.html")
                       if 'http-equiv="refresh"' not in p.read_text("utf-8")[:2000])
        pages += [f"{kind}/{name}/" for name in pick.sample(found, min(per_kind, len(found)))]
    return [*pages, "", "archetypes/", "tags/", "print/", "practice/print/"]


def test_english_and_french_work_offline_after_one_visit(browser, served):
    site, base = served.root / "handbook", served.base
    context, tab = phone(browser)
    said = stored(tab, base)
    english = listed(site, "en")
    assert said.startswith("Available offline (") and "MB" in said
    names = cached(tab)
    assert len(names) == 1
    (urls,) = names.values()
    index = json.loads((site / "pagefind/offline-en.json").read_text("utf-8"))["files"]
    assert len(urls) == len(english["files"]) + len(index) + 1  # and the list itself
    assert not [u for u in urls if any(u.startswith(base + PREFIX[o]) for o in ("fr", "ro", "ru"))]
    assert english["bytes"] + sum(size for _, _, size in index) < 12_000_000

    failed = failures(context, base)
    context.set_offline(True)
    for path in sample_pages(site, "en"):
        check_page(tab, base + path, "en")
    # Diagnose ranks the signs of the address; practice runs and keeps its progress.
    tab.goto(base + "diagnose/?signs=long-stories")
    tab.wait_for_selector(".diagnose-ranking li:not([hidden])")
    assert "talker" in tab.locator(".diagnose-ranking li").first.inner_html()
    tab.goto(base + "practice/?seed=7&n=3")
    tab.wait_for_selector(".practice-card")
    tab.locator("button.practice-option").first.click()
    tab.reload()
    tab.wait_for_selector(".practice-card")
    assert tab.locator(".practice-answered").count() == 1
    # Search by a client type's name in another language, and by a plural.
    tab.goto(base)
    assert "archetypes/know-it-all/" in result_paths(search(tab, "Всезнайка"), "/handbook/")[:3]
    assert "archetypes/talker/" in result_paths(search(tab, "talkers"), "/handbook/")[:3]
    # Material's questions to the alternates' sitemaps are answered by the worker.
    assert tab.evaluate(f"fetch('{base}fr/archetypes/talker/sitemap.xml').then((r) => r.status)") == 200
    assert failed == [], failed
    # An address not in the handbook: the 404 page, in English.
    answer = tab.goto(base + "archetypes/no-such-client/")
    assert answer.status == 404 and tab.locator("h1").inner_text() == ui("not_found_title", "en")
    failed.clear()
    # French is not saved: the switcher says so, and its address gets a page saying so (no browser error).
    tab.goto(base + "archetypes/talker/")
    # The network drops while the page is open (Chromium tells a page opened offline under emulation that it is
    # online: navigator.onLine is updated only for the pages open when the emulation changes).
    context.set_offline(False)
    context.set_offline(True)
    assert tab.evaluate("navigator.onLine") is False
    tab.locator(".md-header__option .md-select button").first.click()
    tab.locator('a.md-select__link[hreflang="fr"]').click()
    tab.wait_for_selector(".md-dialog--active")
    assert "Français" in tab.locator(".md-dialog").inner_text()
    assert tab.url == base + "archetypes/talker/"
    assert failed == [], failed  # said without asking the network first
    answer = tab.goto(base + "fr/archetypes/talker/")
    assert answer.status == 503 and tab.locator("h1").inner_text() == ui("offline_away_title", "en")
    tab.locator("main a").click()
    assert tab.url == base + "archetypes/talker/"

    # French: stored on its first visit, apart from English; then both work offline, and the switcher too.
    context.set_offline(False)
    said = stored(tab, base + "fr/")
    assert said.startswith("Disponible hors ligne (") and "Mo" in said
    assert len(cached(tab)) == 2, list(cached(tab))
    context.set_offline(True)
    failed.clear()
    for path in sample_pages(site, "fr", per_kind=1):
        check_page(tab, base + "fr/" + path, "fr")
    tab.goto(base + "fr/")
    assert "archetypes/know-it-all/" in result_paths(search(tab, "Je sais tout"), "/handbook/fr/")[:3]
    tab.goto(base + "fr/archetypes/talker/")
    tab.locator(".md-header__option .md-select button").first.click()
    tab.locator('a.md-select__link[hreflang="en"]').click()
    tab.wait_for_url(base + "archetypes/talker/")
    assert tab.evaluate("document.documentElement.lang") == "en"
    assert failed == [], failed
    assert tab.errors == []
    context.close()


def test_romanian_and_russian_offline_and_every_language_installable(browser, served, tmp_path):
    base = served.base
    # Installability needs a profile of its own (DevTools says "in-incognito" for a context without one).
    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=browser_path(browser), args=CHROMIUM_ARGS, **PHONE)
    try:
        tab = context.pages[0] if context.pages else context.new_page()
        devtools = context.new_cdp_session(tab)
        for lang in LANGUAGES:
            home = base + PREFIX[lang]
            tab.goto(home)
            assert devtools.send("Page.getInstallabilityErrors")["installabilityErrors"] == [], lang
            manifest = tab.evaluate("fetch(document.querySelector('link[rel=manifest]').href).then((r) => r.json())")
            assert manifest["name"] == ui("site_name", lang) and manifest["lang"] == lang
            assert tab.evaluate(f"new URL({json.dumps(manifest['scope'])}, "
                                "document.querySelector('link[rel=manifest]').href).href") == home
        for lang in ("ro", "ru"):
            stored(tab, base + PREFIX[lang])
        failed = failures(context, base)
        context.set_offline(True)
        for lang in ("ro", "ru"):
            check_page(tab, base + PREFIX[lang] + "archetypes/talker/", lang)
            assert tab.locator("article h1").first.inner_text().startswith(("Vorbărețul", "Болтун"))
        assert failed == [], failed
    finally:
        context.close()


def browser_path(browser) -> str | None:
    from browser import CHROMIUM
    return CHROMIUM if Path(CHROMIUM).exists() else None


def test_a_new_build_reaches_readers_and_a_broken_one_does_not(browser, served, tmp_path):
    base = served.base
    v1 = served.root / "handbook"
    context, tab = phone(browser)
    stored(tab, base)
    old_summary = "Long stories instead of answers."
    assert old_summary in v1.joinpath("archetypes/talker/index.html").read_text("utf-8")

    # v2, a second build: the talker's English summary changed, a symptom removed (its page gone in every
    # language), and the talker's former id kept (`former_ids`: a redirect).
    project = copy_fixture(tmp_path / "v2-project")
    content = project / "content"
    edit(content / "archetypes/talker.yml", old_summary, "Stories that never answer the question.")
    edit(content / "archetypes/talker.yml", "responses:", "former_ids: [chatterbox]\nresponses:")
    (content / "symptoms/cites-friends.yml").unlink()
    edit(content / "responses/ask-for-sources.yml", "symptoms: [cites-friends]", "symptoms: [claims-experience]")
    v2 = tmp_path / "v2"
    built = mkdocs_build(project, v2)
    assert built.returncode == 0, built.stderr
    assert not (v2 / "symptoms/cites-friends").exists() and (v2 / "archetypes/chatterbox/index.html").is_file()
    served.switch(v2)
    tab.goto(base)  # the first visit online: the new version is stored in the background...
    tab.wait_for_function("(version) => caches.keys().then((names) => names.some((n) => n.endsWith(version)))",
                          arg=listed(v2, "en")["version"], timeout=60_000)
    expect(tab.locator(STORED)).to_contain_text(ui("offline_updated", "en"), timeout=60_000)
    tab.goto(base + "archetypes/talker/")  # ...and the next page is the new one
    assert "Stories that never answer the question." in tab.locator("article").inner_text()
    context.set_offline(True)
    tab.reload()
    assert "Stories that never answer the question." in tab.locator("article").inner_text()
    assert tab.goto(base + "symptoms/cites-friends/").status == 404  # removed from storage too
    tab.goto(base + "archetypes/chatterbox/#signs")  # the former id leads to the page, offline too
    tab.wait_for_url(base + "archetypes/talker/#signs")
    assert len(cached(tab)) == 1  # the earlier version is gone
    context.set_offline(False)

    # v3: a changed file the list names is missing on the server (an unchanged one would be copied from the
    # stored version, not fetched): the install fails, and the stored v2 keeps serving, whole.
    v3 = tmp_path / "v3"
    shutil.copytree(v2, v3)
    edit(v3 / "archetypes/talker/index.html", "Stories that never answer the question.", "A third text.")
    edit(v3 / "symptoms/long-stories/index.html", "</h1>", " (v3)</h1>")
    write_offline(v3, LANGUAGES)
    (v3 / "symptoms/long-stories/index.html").unlink()
    served.switch(v3)
    # What the workers tell the pages, from the first moment of each page (the update starts as the page loads).
    context.add_init_script("""window.told = [];
        navigator.serviceWorker.addEventListener("message", (event) => window.told.push(event.data));""")
    tab.goto(base)
    tab.wait_for_function("window.told.some((message) => message.type === 'failed')", timeout=60_000)
    tab.wait_for_function("""() => navigator.serviceWorker.getRegistration().then((r) =>
        r && !r.installing && !r.waiting)""", timeout=60_000)
    context.set_offline(True)
    tab.goto(base + "archetypes/talker/")
    assert "Stories that never answer the question." in tab.locator("article").inner_text()
    check_page(tab, base + "symptoms/long-stories/", "en")
    assert tab.errors == []
    context.close()


def edit(file: Path, old: str, new: str) -> None:
    text = file.read_text("utf-8")
    assert old in text
    file.write_text(text.replace(old, new), "utf-8")


def test_over_the_budget_pages_are_kept_once_opened_and_the_indicator_says_so_and_can_remove_it(browser, served):

    base = served.base
    site = served.root / "handbook"
    write_offline(site, LANGUAGES, budget=1)  # as the 1,000-entry handbook is over 12 MB
    context, tab = phone(browser)
    said = stored(tab, base)
    assert said.startswith("Available offline (") and "other pages are kept once you open them" in said
    assert [v["id"] for v in axe_violations(tab, ".handbook-offline")] == []
    tab.goto(base + "archetypes/talker/")  # opened once online: kept
    context.set_offline(True)
    check_page(tab, base + "archetypes/talker/", "en")
    check_page(tab, base + "archetypes/", "en")
    check_page(tab, base + "diagnose/", "en")
    answer = tab.goto(base + "archetypes/know-it-all/")  # never opened: says so, with a way home
    assert answer.status == 503 and tab.locator("h1").inner_text() == ui("offline_away_title", "en")
    assert tab.locator("main a").get_attribute("href") == base
    tab.goto(base)
    assert "archetypes/know-it-all/" in result_paths(search(tab, "Всезнайка"), "/handbook/")[:3]
    context.set_offline(False)
    tab.reload()
    tab.locator(".handbook-offline__action").click()
    tab.wait_for_selector(".handbook-offline[data-state=off]")
    assert tab.locator(".handbook-offline").inner_text().startswith(ui("offline_removed", "en"))
    assert cached(tab) == {}
    assert tab.evaluate("navigator.serviceWorker.getRegistrations().then((r) => r.length)") == 0
    tab.reload()  # removed stays removed, until the reader asks again
    tab.wait_for_selector(".handbook-offline[data-state=off]")
    tab.locator(".handbook-offline__action").click()
    tab.wait_for_selector(STORED, timeout=60_000)
    context.close()


@pytest.mark.build
def test_under_mkdocs_serve_no_worker_is_written_and_one_left_by_a_built_site_is_removed(browser, built_site, project,
                                                                                         tmp_path):
    import functools
    import http.server
    import subprocess
    import sys
    import threading
    import urllib.error
    import urllib.request

    from conftest import ENV
    from test_serve import free_port, wait_for

    port = free_port()
    base = f"http://127.0.0.1:{port}/handbook/"
    # First a built site on this address: its worker stores English.
    root = tmp_path / "served"
    root.mkdir()
    (root / "handbook").symlink_to(built_site, target_is_directory=True)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *args: None
    built = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=built.serve_forever, daemon=True).start()
    context, tab = phone(browser)
    try:
        stored(tab, base)
    finally:
        built.shutdown()
        built.server_close()
    # Then `mkdocs serve` on the same address: no worker there, and the page removes the stale one.
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}",
                               "-f", str(project / "mkdocs.yml")], cwd=project, env=ENV, stdout=log,
                              stderr=subprocess.STDOUT)
    try:
        wait_for(base + "ru/", timeout=120)
        for path in ("sw.js", "fr/sw.js", "offline.json", "fr/offline.json"):
            with pytest.raises(urllib.error.HTTPError) as error:
                urllib.request.urlopen(base + path, timeout=10)
            assert error.value.code == 404, path
        tab.goto(base + "archetypes/talker/")  # served by the stale worker, which finds its script gone
        tab.wait_for_function("""async () => (await navigator.serviceWorker.getRegistrations()).length === 0
            && !navigator.serviceWorker.controller""", timeout=30_000)
        tab.wait_for_selector(".handbook-offline[data-state=none]", state="attached")
        assert cached(tab) == {}
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
        context.close()
