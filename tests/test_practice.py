"""Practice: questions computed from the relations, the JSON and its schema, and a real browser going
through sessions in all four languages (clicking, keyboard, phone, no JavaScript, print, bad links)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from babel import Locale
from browser import axe_violations, settle
from conftest import ENV, REPO, in_turn, mkdocs_build

from generator.content.model import Archetype, Handbook, Link, Response, Symptom
from generator.features.practice import SCHEMA_FILE, practice_data, practice_json, questions, warnings
from generator.language.plurals import plural
from generator.language.strings import ui_strings
from generator.language.typography import typeset

PREFIX = {"en": "", "fr": "fr/", "ro": "ro/", "ru": "ru/"}


# --- Questions from the relations (a handbook made in memory, to control every relation) ---------------

def _t(text: str) -> dict:
    return {"en": text}


def _archetype(aid: str, signs: list[str], responses: list[str], tags=(), related=()) -> Archetype:
    return Archetype(kind="archetypes", id=aid, path=f"content/archetypes/{aid}.yml", name=_t(aid.title()),
                     summary=_t(f"About {aid}."), symptoms=tuple(Link(s, _t(f"{aid} shows {s}.")) for s in signs),
                     responses=tuple(Link(r, None) for r in responses), tags=tuple(tags),
                     related=tuple(Link(r) for r in related))


def _sign(sid: str, examples: int = 1) -> Symptom:
    return Symptom(kind="symptoms", id=sid, path=f"content/symptoms/{sid}.yml", name=_t(sid), summary=_t(f"{sid}."),
                   examples=tuple(_t(f"{sid} example {i}") for i in range(examples)))


def _response(rid: str, tags=()) -> Response:
    return Response(kind="responses", id=rid, path=f"content/responses/{rid}.yml", name=_t(rid), summary=_t(rid),
                    steps=(_t("step"),), tags=tuple(tags))


def small_book(**changes) -> Handbook:
    """Six types: 'alpha' shares two signs with 'beta', one with 'gamma', none with the rest."""
    archetypes = {
        "alpha": _archetype("alpha", ["x", "s1", "s2"], ["r-alpha", "r-alpha-2"], tags=["scope"]),
        "beta": _archetype("beta", ["s1", "s2"], ["r-beta"]),
        "gamma": _archetype("gamma", ["s2", "multi"], ["r-gamma"]),
        "delta": _archetype("delta", ["s3", "multi"], ["r-delta"], tags=["scope"]),
        "epsilon": _archetype("epsilon", ["s4", "multi"], ["r-epsilon"]),
        "zeta": _archetype("zeta", ["s5"], ["r-zeta"], tags=["time"]),
    }
    archetypes.update(changes)
    signs = [_sign(s) for s in ("x", "s1", "s2", "s3", "s4", "s5")] + [_sign("multi", examples=3), _sign("lonely")]
    responses = [_response(r, tags=["scope"] if r == "r-delta" else ()) for r in
                 ("r-alpha", "r-alpha-2", "r-beta", "r-gamma", "r-delta", "r-epsilon", "r-zeta")]
    return Handbook([*archetypes.values(), *signs, *responses])


def test_distractors_are_the_types_sharing_the_most_signs():
    book = small_book()
    q = next(q for q in questions(book) if q.sign.id == "x")
    assert q.accepted == ("alpha",)
    assert len(q.options) == 4
    wrong = set(q.options) - {"alpha"}
    assert {"beta", "gamma"} <= wrong  # two and one shared signs
    assert "delta" in wrong  # no shared sign, but a shared tag: more plausible than epsilon or zeta


def test_first_response_is_asked_among_the_wrong_types_first_responses():
    q = next(q for q in questions(small_book()) if q.sign.id == "x")
    choice = q.responses["alpha"]
    assert choice.answer == "r-alpha" and len(choice.options) == 3
    assert "r-alpha-2" not in choice.options  # the type's own later step is not a wrong answer
    assert set(choice.options) - {"r-alpha"} <= {"r-beta", "r-gamma", "r-delta"}
    assert list(choice.options) == sorted(choice.options)  # the answer's place tells nothing


def test_a_sign_revealing_several_types_accepts_each_and_every_type_is_reachable():
    asked = [q for q in questions(small_book()) if q.sign.id == "multi"]
    assert len(asked) == 3  # one per example
    for q in asked:
        assert len(q.accepted) == 2 and set(q.accepted) <= set(q.options)
        assert set(q.accepted) | set(q.also) == {"gamma", "delta", "epsilon"}
    assert {t for q in asked for t in q.accepted} == {"gamma", "delta", "epsilon"}


def test_questions_are_deterministic():
    assert practice_json(small_book(), "ru") == practice_json(small_book(), "ru")
    assert [q.options for q in questions(small_book())] == [q.options for q in questions(small_book())]


def test_a_sign_linked_to_no_type_gets_no_question_and_a_warning():
    book = small_book()
    assert "lonely" not in {q.sign.id for q in questions(book)}
    found = [str(w) for w in warnings(book)]
    assert "content/symptoms/lonely.yml:1:1: no client type lists this sign, so practice cannot use it" in found[0]


def test_an_archetype_without_responses_stops_at_the_type_and_is_warned_about():
    book = small_book(beta=_archetype("beta", ["s1", "s2"], []))
    q = next(q for q in questions(book) if q.sign.id == "s1")
    assert set(q.accepted) <= {"alpha", "beta"}
    assert "beta" not in q.responses
    data = practice_data(book, "fr")
    jsonschema.validate(data, json.loads(SCHEMA_FILE.read_text("utf-8")))
    assert any("content/archetypes/beta.yml" in str(w) and "no responses" in str(w) for w in warnings(book))


def test_a_type_no_question_leads_to_is_warned_about():
    book = small_book(eta=_archetype("eta", [], ["r-zeta"]))
    assert "eta" not in {t for q in questions(book) for t in q.accepted}
    assert ("content/archetypes/eta.yml:1:1: symptoms: no practice question leads to this client type "
            "(link it to a sign with an example)") in [str(w) for w in warnings(book)]
    assert not any("alpha.yml" in str(w) for w in warnings(book))


def test_untranslated_texts_are_marked_english_in_the_json():
    data = practice_data(small_book(), "ro")
    assert data["types"]["alpha"]["name"] == {"lang": "en", "text": "Alpha"}
    assert data["lang"] == "ro" and data["ui"]["who"] == ui_strings()["practice_who"]["ro"]


def test_counts_use_each_languages_plural_rules():
    assert [plural("practice_count", "ru", n) for n in (1, 3, 5, 21)] == ["1 вопрос", "3 вопроса", "5 вопросов",
                                                                         "21 вопрос"]
    assert [plural("practice_count", "ro", n) for n in (1, 2, 20)] == ["1 întrebare", "2 întrebări",
                                                                       "20 de întrebări"]
    assert [plural("practice_count", "fr", n) for n in (0, 1, 2)] == ["0 question", "1 question", "2 questions"]
    assert plural("practice_count", "en", 1) == "1 question"


# --- The built files --------------------------------------------------------------------------------------

def questions_json(site: Path, lang: str) -> dict:
    return json.loads((site / PREFIX[lang] / "practice/questions.json").read_text("utf-8"))


@pytest.mark.parametrize("lang", PREFIX)
def test_questions_file_validates_against_its_published_schema(built_site, lang):
    published = json.loads((built_site / PREFIX[lang] / "practice/questions.schema.json").read_text("utf-8"))
    assert published == json.loads(SCHEMA_FILE.read_text("utf-8"))
    data = questions_json(built_site, lang)
    jsonschema.Draft7Validator(published).validate(data)
    assert data["lang"] == lang
    # the fixture's three signs with types make three questions; cites-friends reveals no type
    assert sorted(q["id"] for q in data["questions"]) == ["claims-experience-1", "long-stories-1",
                                                         "more-for-same-price-1"]


def test_a_broken_questions_file_fails_the_schema(built_site):
    data = questions_json(built_site, "en")
    data["questions"][0]["options"].append("../../evil")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json.loads(SCHEMA_FILE.read_text("utf-8")))


def test_practice_is_in_the_nav_of_every_language(built_site):
    for lang, prefix in PREFIX.items():
        html = (built_site / prefix / "index.html").read_text("utf-8")
        assert re.search(r'href="practice/" class="md-nav__link">\s*<span class="md-ellipsis">\s*'
                         + re.escape(ui_strings()["practice"][lang]), html), lang


def test_check_warns_and_status_reports_practice_coverage():
    content = str(REPO / "tests/fixtures/site/content")
    check = subprocess.run([sys.executable, "-m", "generator", "--content", content, "check"],
                           capture_output=True, text=True, env=ENV, cwd=REPO)
    assert check.returncode == 0, check.stderr
    assert ("warning: tests/fixtures/site/content/symptoms/cites-friends.yml:1:1: no client type lists this sign"
            in check.stdout)
    assert "symptoms/long-stories.yml:1:1: examples: no examples: practice shows the summary instead" in check.stdout
    github = subprocess.run([sys.executable, "-m", "generator", "--content", content, "check", "--format", "github"],
                            capture_output=True, text=True, env=ENV, cwd=REPO)
    assert github.returncode == 0
    assert "::warning file=tests/fixtures/site/content/symptoms/cites-friends.yml,line=1,col=1::" in github.stdout
    status = subprocess.run([sys.executable, "-m", "generator", "--content", content, "status"],
                            capture_output=True, text=True, env=ENV, cwd=REPO)
    assert status.returncode == 0
    assert "  en  3/3 questions 100%, 3/3 client types" in status.stdout
    assert "  fr  0/3 questions 0%, 3/3 client types" in status.stdout  # fixture names are untranslated in fr


@pytest.mark.build
def test_contributor_text_stays_text_in_practice(project, tmp_path, page):
    attack = '<img src=x onerror="document.title=1"> & "quotes" </script>'
    path = project / "content/symptoms/claims-experience.yml"
    path.write_text(path.read_text("utf-8").replace("I have been in this field for N years. Do what I want.",
                                                    attack.replace('"', '\\"')), "utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    for name in ("practice/index.html", "practice/print/index.html"):
        html = (site / name).read_text("utf-8")
        article = html.split("<article", 1)[1].split("</article>", 1)[0]
        assert "<img" not in article and not re.search(r"<[^>]*\son\w+\s*=", article)
        assert "&lt;img src=x onerror=" in article
    shown = typeset(attack, "en")  # straight quotes curled, as on every page; nothing else changes
    assert questions_json(site, "en")["questions"][0]["situation"] == shown
    from browser import serve
    with serve(site) as base:
        page.goto(base + "/practice/?seed=1&types=know-it-all")
        page.wait_for_selector(".practice-card")
        assert page.locator(".practice-situation").inner_text() == shown
        assert page.locator(".practice-app img").count() == 0 and page.title() != "1"
    assert page.errors == []


# --- In the browser ------------------------------------------------------------------------------------------

def open_practice(page, fixture_url: str, lang: str, query: str = "?seed=7&n=3"):
    page.goto(fixture_url + PREFIX[lang] + "practice/" + query)
    page.wait_for_selector(".practice-card, .practice-error:visible")
    return page


def current_question(page, data: dict) -> dict:
    qid = page.locator(".practice-card").get_attribute("data-question")
    return next(q for q in data["questions"] if q["id"] == qid)


def pick(page, option: str) -> None:
    page.locator(f'button.practice-option[data-option="{option}"]').click()


def answer(page, data: dict, right_type: bool, right_response: bool) -> dict:
    q = current_question(page, data)
    wrong = [t for t in q["options"] if t not in q["accepted"]]
    chosen = q["accepted"][-1] if right_type else wrong[0]
    pick(page, chosen)
    step = q["responses"][chosen if right_type else q["accepted"][0]]
    pick(page, step["answer"] if right_response else next(r for r in step["options"] if r != step["answer"]))
    return q


def plain(text):
    return text["text"] if isinstance(text, dict) else text


@pytest.mark.parametrize("lang", PREFIX)
def test_a_session_by_clicking_right_and_wrong_answers_then_the_score(page, built_site, fixture_url, lang):
    data, ui = questions_json(built_site, lang), questions_json(built_site, lang)["ui"]
    open_practice(page, fixture_url, lang)
    assert page.locator(".practice-list").is_hidden()
    assert page.locator(".practice-progress").inner_text() == ui["question_of"].replace("{i}", "1").replace("{n}", "3")
    # 1: wrong type, right first response
    q1 = current_question(page, data)
    wrong = next(t for t in q1["options"] if t not in q1["accepted"])
    pick(page, wrong)
    live = page.locator(".practice-live")
    assert live.get_attribute("aria-live") == "polite"
    assert live.inner_text().startswith(ui["wrong"] + " " + ui["it_is"])
    explain = page.locator(".practice-explain").first
    assert explain.locator(".practice-verdict--wrong").count() == 1
    sign_link = explain.locator(f'a[href$="symptoms/{q1["sign"]}/"]')
    assert sign_link.inner_text() == plain(data["signs"][q1["sign"]]["name"])
    assert explain.locator(f'a[href$="{q1["source"]["url"]}"]').count() == 1
    assert plain(q1["notes"][q1["accepted"][0]]) in explain.inner_text()
    assert page.locator(f'.practice-option--chosen[data-option="{wrong}"]').count() == 1
    step = q1["responses"][q1["accepted"][0]]
    pick(page, step["answer"])
    assert live.inner_text().startswith(ui["right"])
    page.locator(".practice-next").click()
    # 2: right and right; 3: right type, wrong response
    answer(page, data, True, True)
    page.locator(".practice-next").click()
    q3 = answer(page, data, True, False)
    page.locator(".practice-next").click()
    score = page.locator(".practice-score")
    expected = plural_js(ui["score"], lang, 4).replace("{total}", "6")
    assert score.locator(".practice-points").inner_text() == expected
    assert live.inner_text() == expected
    missed = {f"archetypes/{q1['accepted'][0]}/", f"responses/{q3['responses'][q3['accepted'][-1]]['answer']}/"}
    reread = score.locator(".practice-reread a")
    assert {re.sub(r"^.*?/(archetypes|responses)/", r"\1/", reread.nth(i).get_attribute("href"))
            for i in range(reread.count())} == missed
    assert score.locator("h3").inner_text() == plural_js(ui["reread"], lang, 2)
    reread.first.click()
    page.wait_for_url(re.compile(r".*/(archetypes|responses)/[a-z-]+/$"))
    assert page.errors == []


def plural_js(forms: dict, lang: str, n: int) -> str:
    return forms[Locale.parse(lang).plural_form(n)].replace("{n}", str(n))


@pytest.mark.parametrize("lang", PREFIX)
def test_reload_keeps_progress_and_clear_forgets_it(page, built_site, fixture_url, lang):
    data, ui = questions_json(built_site, lang), questions_json(built_site, lang)["ui"]
    open_practice(page, fixture_url, lang)
    first = answer(page, data, True, True)
    page.locator(".practice-next").click()
    second = current_question(page, data)
    pick(page, second["options"][0])
    page.reload()
    page.wait_for_selector(".practice-card")
    assert current_question(page, data)["id"] == second["id"]
    assert page.locator(".practice-answered").count() == 1  # the type step, answered before the reload
    assert ui["restored"] in page.locator(".practice-messages").inner_text()
    page.locator(".practice-clear").click()
    assert current_question(page, data)["id"] == first["id"]
    assert page.locator(".practice-answered").count() == 0
    assert ui["cleared"] in page.locator(".practice-messages").inner_text()
    assert page.errors == []


@pytest.mark.parametrize("lang", ["ru"])  # the order is the same code in every language
def test_a_shared_link_replays_the_same_session(browser, fixture_url, lang):
    def session(query: str) -> list[tuple[str, list[str]]]:
        context = browser.new_context(service_workers="block")
        tab = context.new_page()
        tab.goto(fixture_url + PREFIX[lang] + "practice/" + query)
        tab.wait_for_selector(".practice-card")
        seen = []
        for _ in range(3):
            qid = tab.locator(".practice-card").get_attribute("data-question")
            options = [b.get_attribute("data-option") for b in tab.locator("button.practice-option").all()]
            seen.append((qid, options))
            tab.locator("button.practice-option").first.click()
            if tab.locator("button.practice-option").count():
                tab.locator("button.practice-option").first.click()
            tab.locator(".practice-next").click()
        url = tab.url
        context.close()
        return seen, url

    first, url = session("?seed=123456")
    again, _ = session("?seed=123456")
    assert first == again
    others = {tuple(q for q, _ in session(f"?seed={seed}")[0]) for seed in (1, 2, 3)}
    assert len(others) > 1, "different seeds give different orders"
    assert "seed=123456" in url


BAD = {
    "unknown type": ("?seed=5&types=nobody,<b>x</b>", "bad_types", 3),
    "some types": ("?seed=5&types=talker,nobody", "bad_types", 1),
    "seed not a number": ("?seed=abc", "bad_seed", 3),
    "n=0": ("?seed=5&n=0", "bad_n", 3),
    "n=100000": ("?seed=5&n=100000", "bad_n", 3),
    "n not a number": ("?seed=5&n=ten", "bad_n", 3),
}


@pytest.mark.parametrize("case,lang", in_turn(BAD))
def test_bad_links_get_a_localized_message_and_a_working_session(page, built_site, fixture_url, lang, case):
    query, key, count = BAD[case]
    ui = questions_json(built_site, lang)["ui"]
    open_practice(page, fixture_url, lang, query)
    message = page.locator(".practice-messages").inner_text()
    assert ui[key].split("{")[0].strip() in message
    assert page.locator(".practice-progress").inner_text().endswith(str(count))
    assert page.locator(".practice-messages b").count() == 0  # the URL's text stays text
    assert re.search(r"[?&]seed=\d+", page.url)
    assert page.locator("button.practice-option").count() >= 1
    assert page.errors == []


@pytest.mark.parametrize("stored,lang", in_turn(['{not json', '[]', '{"sessions": {"x": 1}, "order": "x"}',
                                                  'SESSION:{"nope": {"t": "talker"}}', 'SESSION:{"ANY": {"t": "<img>"}}']))
def test_tampered_storage_is_reset_with_a_message(page, built_site, fixture_url, lang, stored):
    ui = questions_json(built_site, lang)["ui"]
    open_practice(page, fixture_url, lang)
    key = f"{lang}|7||3"
    if stored.startswith("SESSION:"):
        answers = stored[len("SESSION:"):].replace("ANY", page.locator(".practice-card").get_attribute("data-question"))
        stored = json.dumps({"sessions": {key: json.loads(answers)}, "order": [key]})
    page.evaluate("value => localStorage.setItem('handbook-practice-v1', value)", stored)
    page.reload()
    page.wait_for_selector(".practice-card")
    assert ui["bad_storage"] in page.locator(".practice-messages").inner_text()
    page.locator("button.practice-option").first.click()
    assert page.locator(".practice-answered").count() == 1
    assert page.errors == []


def test_storage_that_refuses_to_save_still_lets_you_practise(browser, built_site, fixture_url):
    context = browser.new_context(service_workers="block")
    # As a full quota or some private modes do: reading works, every write throws.
    context.add_init_script(
        "Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };")
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(fixture_url + "practice/?seed=7&n=3")
    tab.wait_for_selector(".practice-card")
    tab.locator("button.practice-option").first.click()
    assert questions_json(built_site, "en")["ui"]["no_storage"] in tab.locator(".practice-messages").inner_text()
    assert errors == []
    context.close()


@pytest.mark.parametrize("lang", PREFIX)
def test_the_printable_session_matches_the_shared_link(page, built_site, fixture_url, lang):
    data = questions_json(built_site, lang)
    open_practice(page, fixture_url, lang, "?seed=7&n=2")
    order = []
    for _ in range(2):
        order.append(current_question(page, data)["id"])
        answer(page, data, True, True)
        page.locator(".practice-next").click()
    page.locator(".practice-print").click()
    page.wait_for_url("**/practice/print/?seed=7&n=2")
    page.wait_for_function("document.querySelectorAll('.practice-sheet-questions > li[hidden]').length === 1")
    shown = page.locator(".practice-sheet-questions > li:visible")
    assert [shown.nth(i).get_attribute("data-question") for i in range(shown.count())] == order
    key = page.locator(".practice-sheet-answers > li:visible")
    assert [key.nth(i).get_attribute("data-question") for i in range(key.count())] == order
    assert page.locator(".practice-key h2").inner_text() == ui_strings()["practice_key"][lang]
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 2  # the answer key starts on its own page
    assert page.errors == []


@pytest.mark.parametrize("lang", PREFIX)
def test_without_javascript_the_list_has_every_answer_in_details(browser, built_site, fixture_url, lang):
    context = browser.new_context(java_script_enabled=False, service_workers="block")
    tab = context.new_page()
    tab.goto(fixture_url + PREFIX[lang] + "practice/")
    items = tab.locator(".practice-questions > li")
    assert items.count() == 3 and tab.locator(".practice-app").is_hidden()
    details = items.first.locator("details")
    assert details.locator("a[href*='archetypes/']").first.is_hidden()
    details.locator("summary").click()
    assert details.locator("a[href*='archetypes/']").first.is_visible()
    assert details.locator(".practice-source a").first.is_visible()
    tab.goto(fixture_url + PREFIX[lang] + "practice/print/")
    assert tab.locator(".practice-sheet-questions > li").count() == 3
    assert tab.locator(".practice-sheet-answers > li").count() == 3
    context.close()


@pytest.mark.parametrize("lang", PREFIX)
def test_a_390px_phone_needs_no_sideways_scrolling(browser, built_site, fixture_url, lang):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  service_workers="block")
    tab = context.new_page()
    tab.goto(fixture_url + PREFIX[lang] + "practice/?seed=7&n=3")
    tab.wait_for_selector(".practice-card")
    for _ in range(2):
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
        button = tab.locator("button.practice-option").first.bounding_box()
        assert button["height"] >= 44 and button["x"] >= 0 and button["x"] + button["width"] <= 390
        tab.locator("button.practice-option").first.tap()
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


@pytest.mark.parametrize("lang", PREFIX)
def test_keyboard_alone_goes_through_a_question(page, built_site, fixture_url, lang):
    data = questions_json(built_site, lang)
    open_practice(page, fixture_url, lang)
    first = current_question(page, data)
    page.locator(".practice-print-link a").focus()
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('practice-option')"):
            break
    page.keyboard.press("Enter")
    assert page.locator(".practice-answered").count() == 1
    # focus moves on to the first-response choices, then to the button that moves on
    assert page.evaluate("document.activeElement.classList.contains('practice-option')")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.classList.contains('practice-next')")
    page.keyboard.press("Enter")
    assert current_question(page, data)["id"] != first["id"]
    assert page.evaluate("document.activeElement.classList.contains('practice-progress')")
    assert page.errors == []


@pytest.mark.parametrize("lang", PREFIX)
def test_axe_finds_nothing_serious_while_practising(page, built_site, fixture_url, lang):
    data = questions_json(built_site, lang)
    open_practice(page, fixture_url, lang)
    problems = []

    def check(state: str) -> None:
        page.mouse.move(0, 0)  # the state on screen, not a link left under the pointer by the last click (hovered)
        found = axe_violations(page, blocking=True)
        problems.extend(f"{state}: {v['id']} {[n['target'] for n in v['nodes']]}" for v in found)

    check("question")
    answer(page, data, False, True)
    check("answered")
    page.locator(".practice-next").click()
    for _ in range(2):
        answer(page, data, True, False)
        page.locator(".practice-next").click()
    check("score")
    page.goto(fixture_url + PREFIX[lang] + "practice/print/?seed=7&n=3")
    settle(page)
    check("print")
    assert not problems, "\n".join(problems)


def test_practice_works_after_instant_navigation(page, fixture_url):
    page.goto(fixture_url + "ro/")
    page.locator('.md-nav a[href$="practice/"]').first.click()
    page.wait_for_url("**/ro/practice/**")
    page.wait_for_selector(".practice-card")
    page.locator("button.practice-option").first.click()
    assert page.locator(".practice-answered").count() == 1
    assert page.errors == []


@pytest.mark.build
def test_an_archetype_without_responses_is_practised_up_to_the_type(project, tmp_path, page):
    path = project / "content/archetypes/talker.yml"
    path.write_text(path.read_text("utf-8").replace("responses: [time-box]", "responses: []"), "utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    talker = next(q for q in questions_json(site, "ru")["questions"] if q["accepted"] == ["talker"])
    assert talker["responses"] == {}
    from browser import serve
    with serve(site) as base:
        page.goto(base + "/ru/practice/?seed=3&types=talker")
        page.wait_for_selector(".practice-card")
        page.locator('button.practice-option[data-option="talker"]').click()
        assert page.locator("button.practice-option").count() == 0  # no first-response step to ask
        page.locator(".practice-next").click()
        assert page.locator(".practice-points").inner_text() == "1 балл из 1"
    assert page.errors == []


@pytest.mark.parametrize("lang", PREFIX)
def test_questions_that_cannot_load_leave_the_list_and_a_message(page, fixture_url, lang):
    page.route("**/practice/questions.json", lambda route: route.fulfill(status=404, body="gone"))
    page.goto(fixture_url + PREFIX[lang] + "practice/?seed=7")
    error = page.locator(".practice-error")
    error.wait_for(state="visible")
    assert error.inner_text() == ui_strings()["practice_load_error"][lang]
    assert page.locator(".practice-questions > li").first.is_visible()
    assert page.errors == []
