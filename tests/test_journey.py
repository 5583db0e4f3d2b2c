"""A trainer's session and a new hire's way through (issue 29): the trainers' page and its print pack, reading
progress with "updated" marks, the practice session's length, back to top, diagnosis ties, the cheat sheets'
index. The scripts' rules alone run in Node (fast); the rest on the shared fixture site, in Chromium."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_print import pdf_pages

from generator.content.model import Archetype, Link
from generator.content.texts import reader_version
from generator.features.practice import questions
from generator.features.trainers import questions_by_type, ready_seed
from generator.language.strings import ui

PREFIX = {"en": "", "fr": "fr/", "ro": "ro/", "ru": "ru/"}
ASSETS = Path(__file__).resolve().parent.parent / "overrides" / "assets"
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}


# --- The scripts' rules, in Node: each file run with a stand-in window, its function called -----------------

def run_js(script: str, call: str):
    """Run one of the handbook's scripts in Node with a stand-in `window.handbook`, then the expression call."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed")
    program = f"""
        const vm = require("vm"), fs = require("fs");
        const own = (o, k) => o !== null && typeof o === "object" && Object.prototype.hasOwnProperty.call(o, k);
        const window = {{ handbook: {{ onPage() {{}}, onRoot() {{}}, own, format: (t) => t, plural: (f) => f, element() {{}},
                                       queryParam() {{}}, replaceUrl() {{}} }} }};
        const context = vm.createContext({{ window, document: {{ currentScript: null }}, URLSearchParams }});
        vm.runInContext(fs.readFileSync({json.dumps(str(ASSETS / script))}, "utf8"), context);
        process.stdout.write(JSON.stringify(vm.runInContext({json.dumps(call)}, context)));
    """
    done = subprocess.run([node, "-e", program], capture_output=True, text=True, timeout=30, check=True)
    return json.loads(done.stdout)


def rank(types: dict[str, list[str]], ticked: list[str]) -> dict:
    result = run_js("diagnose.js", f"(() => {{ const r = window.handbook.rankByFit("
                                   f"{json.dumps([{'id': k, 'signs': v} for k, v in types.items()])}, {json.dumps(ticked)});"
                                   "return {order: r.ranked.map(s => s.id), leaders: r.leaders.map(s => s.id)}; })()")
    return result


def test_three_signs_of_three_types_are_a_tie_whatever_each_types_number_of_signs():
    types = {"manipulator": ["a", "x", "y", "z"], "talker": ["b"], "abuser": ["c", "w"]}
    result = rank(types, ["a", "b", "c"])
    assert sorted(result["leaders"]) == ["abuser", "manipulator", "talker"]
    assert result["order"] == ["talker", "abuser", "manipulator"]  # within the tie: the share of own signs ticked


def test_explaining_more_of_the_ticked_signs_comes_first_and_alone_is_no_tie():
    types = {"wide": ["a", "b", "x", "y", "z", "v"], "narrow": ["c"], "none": ["q"]}
    result = rank(types, ["a", "b", "c"])
    assert result["leaders"] == ["wide"]
    assert result["order"][:2] == ["wide", "narrow"]
    assert rank(types, [])["leaders"] == []
    assert rank(types, ["nothing"])["leaders"] == []


@pytest.mark.parametrize("query,expected", [
    ("?types=talker,non-payer&n=5&seed=42", {"types": ["non-payer", "talker"], "unknown": [], "n": 5, "seed": 42}),
    ("?types=talker,zzz,talker,%3Cb%3E&n=all", {"types": ["talker"], "unknown": ["zzz", "<b>"], "n": "all",
                                                  "seed": None}),
    ("?types=&n=-3&seed=abc", {"types": [], "unknown": [], "n": None, "seed": None}),
    ("?n=0&seed=4294967297", {"types": [], "unknown": [], "n": None, "seed": 1}),
    ("", {"types": [], "unknown": [], "n": None, "seed": None}),
])
def test_a_trainers_link_is_read_known_types_kept_unknown_ones_named(query, expected):
    known = ["talker", "non-payer", "abuser"]
    assert run_js("trainers.js", f"window.handbook.trainerChoice({json.dumps(query)}, {json.dumps(known)})") == expected


def test_the_practice_query_asks_for_at_most_the_questions_there_are():
    call = "[[7, ['a', 'b'], 5, 12], [7, ['a'], 'all', 12], [7, ['a'], 10, 3], [7, ['a'], null, 30]]" \
           ".map(args => window.handbook.sessionQuery(...args))"
    assert run_js("trainers.js", call) == ["seed=7&types=a,b&n=5", "seed=7&types=a&n=12", "seed=7&types=a&n=3",
                                           "seed=7&types=a&n=10"]


def test_an_entry_is_read_or_updated_by_its_fingerprint():
    call = "['x', 'v1', 'v2'].map(v => window.handbook.readingStanding({'archetypes/talker': 'v1'}, " \
           "'archetypes/talker', v)).concat([window.handbook.readingStanding({}, 'archetypes/talker', 'v1')])"
    assert run_js("reading.js", call) == ["updated", "read", "updated", ""]


# --- What the build writes -------------------------------------------------------------------------------

def _type(summary: dict) -> Archetype:
    return Archetype(kind="archetypes", id="talker", path="content/archetypes/talker.yml", name={"en": "Talker"},
                     summary=summary, symptoms=(Link("long-stories", None),))


def test_the_fingerprint_follows_the_text_the_reader_reads():
    english = reader_version(_type({"en": "Talks.", "fr": "Parle."}), "en")
    assert reader_version(_type({"en": "Talks.", "fr": "Parle beaucoup."}), "en") == english  # not read in English
    assert reader_version(_type({"en": "Talks.", "fr": "Parle beaucoup."}), "fr") != \
        reader_version(_type({"en": "Talks.", "fr": "Parle."}), "fr")
    assert reader_version(_type({"en": "Talks a lot."}), "ru") != reader_version(_type({"en": "Talks."}), "ru")


def test_each_type_has_its_questions_and_a_stable_seed_of_its_own():
    from test_practice import small_book

    asked = questions(small_book())
    by_type = questions_by_type(asked)
    assert set(by_type) == {t for q in asked for t in q.accepted}
    assert all(t in q.accepted for t, ids in by_type.items() for q in asked if q.id in ids)
    assert ready_seed("talker") == ready_seed("talker") != ready_seed("abuser")
    assert 0 <= ready_seed("talker") < 1_000_000


@pytest.mark.parametrize("lang", PREFIX)
def test_new_pages_exist_in_the_sitemap_and_the_offline_copy_in_every_language(built_site, lang):
    root = built_site / PREFIX[lang]
    sitemap = (root / "sitemap.xml").read_text("utf-8")
    stored = {url for url, _, _ in json.loads((root / "offline.json").read_text("utf-8"))["files"]}
    for path in ("trainers/", "trainers/print/", "cheatsheets/"):
        assert (root / path / "index.html").is_file()
        assert f"/handbook/{PREFIX[lang]}{path}</loc>" in sitemap
        assert path in stored
    index = (root / "cheatsheets/index.html").read_text("utf-8")
    assert all(f'href="{sheet}/"' in index for sheet in ("know-it-all", "penny-pincher", "talker"))
    trainers = (root / "trainers/index.html").read_text("utf-8")
    for type_id in ("know-it-all", "penny-pincher", "talker"):  # without JavaScript: ready-made links per type
        query = f"?seed={ready_seed(type_id)}&amp;types={type_id}"
        assert f'href="../practice/{query}"' in trainers and f'href="print/{query}"' in trainers
    kinds = (root / "archetypes/index.html").read_text("utf-8")
    assert len(re.findall(r'<li data-read="archetypes/[a-z-]+" data-version="[0-9a-f]{12}"', kinds)) == 3


# --- In the browser ---------------------------------------------------------------------------------------

def tick(page, *types: str) -> None:
    for type_id in types:
        page.locator(f'.trainers-list input[value="{type_id}"]').check()


@pytest.mark.parametrize("lang", PREFIX)
def test_a_trainer_ticks_two_types_and_gets_the_link_its_qr_code_and_the_pack(page, built_site, fixture_url, lang):
    chosen = ["know-it-all", "talker"]
    page.goto(fixture_url + PREFIX[lang] + "trainers/?types=talker,nobody")
    page.locator(".trainers-note").wait_for()
    assert "nobody" in page.locator(".trainers-messages").inner_text()  # a bad type: said, then ignored
    tick(page, "know-it-all")
    link = page.locator(".trainers-practice")
    href = link.get_attribute("href")
    assert re.search(r"/practice/\?seed=\d+&types=know-it-all,talker&n=2$", href), href
    assert re.search(r"types=know-it-all,talker&n=10&seed=\d+$", page.url)  # the choice, shareable
    page.locator(".trainers-qr svg.qr path").wait_for(state="attached")
    assert page.locator(".trainers-qr svg").get_attribute("aria-label") == ui("trainers_qr", lang)
    reading = page.locator(".trainers-reading > li:visible a").evaluate_all("els => els.map(a => a.href)")
    assert any(url.endswith("archetypes/talker/") for url in reading)
    assert not any("penny-pincher" in url for url in reading)
    pack = page.locator(".trainers-print").get_attribute("href")
    # The practice link: every question of the session is about the two types.
    page.goto(href)
    page.locator(".practice-card").wait_for()
    asked = page.evaluate("""() => fetch('questions.json').then(r => r.json()).then(data => {
        const s = window.handbook.practiceSession(data, location.search);
        return s.ids.map(id => data.questions.find(q => q.id === id).accepted); })""")
    assert len(asked) == 2 and all(set(accepted) & set(chosen) for accepted in asked)
    # The pack: the cover, each chosen type's cheat sheet and only those, the questions and their key.
    page.goto(fixture_url + PREFIX[lang] + "trainers/" + pack)
    page.locator(".trainers-pack[data-done]").wait_for(state="attached")
    sheets = page.locator(".trainers-sheet .cheatsheet-page h2[id$='-cheatsheet']")
    assert [sheets.nth(i).get_attribute("id") for i in range(sheets.count())] == \
        ["know-it-all-cheatsheet", "talker-cheatsheet"]
    assert page.locator(".trainers-questions > ol > li").count() == 2
    assert page.locator(".trainers-key > ol > li").count() == 2
    assert page.locator(".trainers-cover .trainers-practice").get_attribute("href") == href
    page.emulate_media(media="print")
    a4 = page.evaluate("""() => [...document.querySelectorAll('.trainers-sheet')].map(s => {
        const r = s.getBoundingClientRect(); return [r.height, r.width]; })""")
    pdf = page.pdf(prefer_css_page_size=True)
    # 297 mm less the margins (9 mm each) at 96 px per inch: each cheat sheet fits one A4 page
    assert all(height <= (297 - 18) / 25.4 * 96 for height, _ in a4), a4
    assert pdf_pages(pdf) == 1 + 2 + 1 + 1  # cover, two cheat sheets, questions, answer key
    assert page.errors == []


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_reading_progress_counts_marks_updates_and_forgets(page, fixture_url, lang):
    base = fixture_url + PREFIX[lang]
    for type_id in ("talker", "know-it-all"):
        page.goto(base + f"archetypes/{type_id}/")
        assert page.locator(".reading-page").is_hidden()
    page.goto(base + "archetypes/")
    count = page.locator(".reading-count")
    assert count.inner_text() == ui("reading_progress", lang).format(n=2, total=3)
    read = page.locator(".reading-list > li:has(.reading-badge--read)")
    assert sorted(read.evaluate_all("els => els.map(li => li.dataset.read)")) == \
        ["archetypes/know-it-all", "archetypes/talker"]
    # An entry whose text changed since (the build writes another fingerprint): marked updated, there and on it.
    page.evaluate("""() => { const s = JSON.parse(localStorage.getItem('handbook-read-v1'));
        s[document.documentElement.lang]['archetypes/talker'] = 'an older text';
        localStorage.setItem('handbook-read-v1', JSON.stringify(s)); }""")
    page.reload()
    updated = page.locator('.reading-list > li[data-read="archetypes/talker"] .reading-badge--updated')
    assert updated.inner_text() == ui("reading_updated", lang)
    page.goto(base + "archetypes/talker/")
    assert page.locator(".reading-page").inner_text() == ui("reading_updated_page", lang)
    page.goto(base)  # the home page's path counts the client types read
    assert page.locator(".start-path .reading-count").inner_text() == ui("reading_progress", lang).format(n=2, total=3)
    page.locator(".reading-clear").click()  # one tap forgets it all
    assert count.inner_text() == ui("reading_progress", lang).format(n=0, total=3)
    assert page.locator(".reading-badge").count() == 0 and page.locator(".reading-clear").is_hidden()
    assert page.errors == []


def test_a_rebuild_with_one_entrys_text_changed_marks_that_entry_updated(browser, built_site, tmp_path):
    """As a reader meets it: two client types read on one build; the next build changed one's English text (an
    English reader's mark: the fingerprint is of the text in the page's language)."""
    import os

    from browser import serve, watch
    from conftest import copy_fixture, mkdocs_build

    project = copy_fixture(tmp_path / "project")
    talker = project / "content/archetypes/talker.yml"
    talker.write_text(talker.read_text("utf-8").replace("Long stories instead of answers.", "Long stories, no answers."),
                      "utf-8")
    rebuilt = tmp_path / "rebuilt"
    result = mkdocs_build(project, rebuilt)
    assert result.returncode == 0, result.stderr
    root = tmp_path / "served"
    root.mkdir()
    (root / "handbook").symlink_to(built_site, target_is_directory=True)
    context = browser.new_context(service_workers="block")
    try:
        page = watch(context.new_page())
        # No HTTP cache: Python's server sends Last-Modified, and Chromium may keep a page it saw a few minutes
        # ago for a while without asking (as a static host's max-age would): the test is about the marks.
        devtools = context.new_cdp_session(page)
        devtools.send("Network.enable")
        devtools.send("Network.setCacheDisabled", {"cacheDisabled": True})
        with serve(root) as base:
            site = base + "/handbook/"
            for type_id in ("talker", "know-it-all"):
                page.goto(site + f"archetypes/{type_id}/")
            (root / "handbook.new").symlink_to(rebuilt, target_is_directory=True)  # the next build goes live
            os.replace(root / "handbook.new", root / "handbook")
            page.goto(site + "archetypes/")
            marks = page.locator(".reading-list > li:has(.reading-badge)").evaluate_all(
                "items => items.map((li) => [li.dataset.read, li.querySelector('.reading-badge').className])")
            assert sorted(marks) == [["archetypes/know-it-all", "reading-badge reading-badge--read"],
                                     ["archetypes/talker", "reading-badge reading-badge--updated"]]
            page.goto(site + "archetypes/talker/")
            assert page.locator(".reading-page").inner_text() == ui("reading_updated_page", "en")
            page.goto(site + "archetypes/know-it-all/")
            assert page.locator(".reading-page").is_hidden()
        assert page.errors == []
    finally:
        context.close()


@pytest.mark.parametrize("size", ["390", "1280"])
def test_practice_length_is_chosen_on_the_page_and_back_to_top_covers_no_button(page, built_site, fixture_url, size):
    page.set_viewport_size(PHONE if size == "390" else DESKTOP)
    page.goto(fixture_url + "practice/?seed=5&n=1")
    page.locator(".practice-card").wait_for()
    assert page.locator(".practice-progress").inner_text() == "Question 1 of 1"
    page.locator('.practice-length-option[aria-pressed="false"]').last.click()  # "all (3)"
    assert page.locator(".practice-progress").inner_text() == "Question 1 of 3"
    assert "n=3" in page.url and page.locator('.practice-length-option[aria-pressed="true"]').inner_text() == "all (3)"
    # Scrolled down then up a little, Material shows its back-to-top button: it must cover no button.
    page.mouse.wheel(0, 600)
    page.wait_for_timeout(100)
    page.mouse.wheel(0, -150)
    page.wait_for_timeout(300)
    covered = page.evaluate("""() => [...document.querySelectorAll('.practice-app button')].filter(b => {
        const r = b.getBoundingClientRect();
        if (r.bottom < 0 || r.top > innerHeight) return false;
        const at = document.elementFromPoint(r.left + r.width / 2, Math.max(r.top, 0) / 2 + Math.min(r.bottom, innerHeight) / 2);
        return !(at && b.contains(at)); }).map(b => b.textContent)""")
    assert covered == []
    # A tap moves focus to the next card's heading without drawing a box around it.
    page.locator("button.practice-option").first.click()
    page.locator("button.practice-option").first.click()
    page.locator(".practice-next").click()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert page.evaluate("document.activeElement.tagName") == "H2" and outline == "none"
    assert page.errors == []


@pytest.mark.parametrize("lang", PREFIX)
def test_three_signs_of_three_types_read_as_a_tie(page, fixture_url, lang):
    page.goto(fixture_url + PREFIX[lang] + "diagnose/?signs=claims-experience,long-stories,more-for-same-price")
    status = page.locator(".diagnose-status").inner_text()
    assert ui("diagnose_tie", lang).replace(" :", "\u00a0:") in status.replace("\u202f", "\u00a0")
    assert ui("diagnose_top", lang).replace(" :", "\u00a0:") not in status.replace("\u202f", "\u00a0")
    if lang == "ru":
        assert status.startswith("Отмечено 3 признака.")  # a sentence begins with a capital letter
    assert page.locator(".diagnose-bar__first").is_hidden() or page.viewport_size["width"] > 900


def test_an_entry_whose_text_changed_gets_another_fingerprint_on_its_page_and_its_index(project):
    from generator.content.handbook import load_handbook
    from generator.render.site import render_language

    def versions(lang: str) -> dict[str, set[str]]:
        made = {page.src_uri: page.content for page in render_language(load_handbook(project / "content", project), lang)}
        found: dict[str, set[str]] = {}
        for src in ("archetypes/index.md", "archetypes/talker.md", "archetypes/know-it-all.md", "index.md"):
            for key, version in re.findall(r'data-read="([^"]+)" data-version="([^"]+)"', made[src]):
                found.setdefault(key, set()).add(version)
        return found

    before = {lang: versions(lang) for lang in ("en", "ru")}
    talker = project / "content/archetypes/talker.yml"
    talker.write_text(talker.read_text("utf-8").replace("Long stories instead of answers.", "Long stories, no answers."),
                      "utf-8")
    after = {lang: versions(lang) for lang in ("en", "ru")}
    assert all(len(seen) == 1 for lang in after for seen in after[lang].values())  # page, index and home agree
    assert after["en"]["archetypes/talker"] != before["en"]["archetypes/talker"]
    assert after["ru"]["archetypes/talker"] == before["ru"]["archetypes/talker"]  # its Russian text is unchanged
    assert after["en"]["archetypes/know-it-all"] == before["en"]["archetypes/know-it-all"]
