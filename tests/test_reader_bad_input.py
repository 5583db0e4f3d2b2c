"""Awkward content on the reader's pages: long names and words, a type without signs, a sign every type has,
a sign whose name looks like HTML, forty signs to scroll. The layout holds on a phone and nothing is injected."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import serve
from conftest import copy_fixture, mkdocs_build, shared, site_fixture
from reader_pages import DESKTOP, PHONE, in_view, screenshot, sideways, tick

PREFIX = {"en": "", "fr": "fr/", "ro": "ro/", "ru": "ru/"}
LONG_NAME = {
    "en": "A client whose extraordinarily long-winded name goes well past sixty characters",
    "fr": "Un client au nom extraordinairement interminable qui dépasse largement soixante caractères",
    "ro": "Clientul anticonstituționalitate pneumonoultramicroscopicsilicovolcanoconioză neînțelegătorul",
    "ru": "Превысокомногорассмотрительствующий человеконенавистнический клиент-недоговороспособный",
}
HTMLISH = '<b>Says "</td></tr><script>alert(1)</script>" & <i>more</i></b>'
FILLERS = 36  # enough signs that ticking the last one happens far below the results on a phone


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def names(texts: dict[str, str]) -> str:
    return "{" + ", ".join(f"{lang}: {quoted(text)}" for lang, text in texts.items()) + "}"


def _build_awkward(root: Path) -> None:
    project = copy_fixture(root / "project")
    content = project / "content"
    (content / "archetypes/no-signs.yml").write_text(
        f"name: {names(LONG_NAME)}\n"
        f"summary: {names({lang: text + '. Has no signs yet.' for lang, text in LONG_NAME.items()})}\n"
        "symptoms: []\nresponses: [charge-for-changes]\n"
        "citations: [{source: article-one, section: talker}]\n", "utf-8")
    (content / "symptoms/shared.yml").write_text(
        f"name: {names({lang: HTMLISH for lang in PREFIX})}\n"
        'summary: {en: "Every client type with signs shows it."}\n'
        "citations: [{source: article-one, section: talker}]\n", "utf-8")
    for i in range(FILLERS):
        (content / f"symptoms/filler-{i:02d}.yml").write_text(
            f'name: {{en: "Zz filler sign number {i:02d} that nobody ticks", '
            f'ro: "Zz semnul de umplutură {i:02d} anticonstituționalitate", '
            f'ru: "Яя признак-заполнитель {i:02d} человеконенавистничество"}}\n'
            'summary: {en: "Filler."}\ncitations: [{source: article-one, section: talker}]\n', "utf-8")
    for archetype in ("know-it-all", "penny-pincher", "talker"):
        path = content / f"archetypes/{archetype}.yml"
        text = path.read_text("utf-8")
        text = re.sub(r"^symptoms: \[(.*)\]$", r"symptoms: [\1, shared]", text, flags=re.M)
        text = text.replace("symptoms:\n  - id: claims-experience", "symptoms:\n  - shared\n  - id: claims-experience")
        path.write_text(text, "utf-8")
    result = mkdocs_build(project, root / "site" / "handbook")
    assert result.returncode == 0, result.stderr


@site_fixture(scope="session")
def awkward_site(tmp_path_factory) -> Path:
    """The fixture project with awkward names and forty signs, built once per test run."""
    return shared(tmp_path_factory, "awkward", _build_awkward) / "site" / "handbook"


@pytest.fixture(scope="module")
def awkward_url(awkward_site):
    with serve(awkward_site.parent) as base:
        yield base + "/handbook/"


def test_the_html_looking_sign_stays_text_everywhere(awkward_site):
    for lang in PREFIX:
        for path in ("diagnose/index.html", "symptoms/shared/index.html", "print/index.html",
                     "cheatsheets/talker/index.html", "archetypes/talker/index.html"):
            html = (awkward_site / PREFIX[lang] / path).read_text("utf-8")
            body = html.split("<article", 1)[1].split("</article>", 1)[0]
            assert "<script>alert" not in body and "<b>" not in body and "<i>more" not in body, (lang, path)
            assert "&lt;b&gt;Says" in body, (lang, path)


def test_every_type_with_signs_shares_the_sign_and_the_type_without_signs_says_so(awkward_site):
    diagnose = (awkward_site / "diagnose/index.html").read_text("utf-8")
    for archetype in ("know-it-all", "penny-pincher", "talker"):
        assert re.search(rf'data-archetype="{archetype}" data-symptoms="[^"]*\bshared\b', diagnose)
    assert 'data-archetype="no-signs" data-symptoms=""' in diagnose
    sheet = (awkward_site / "ru/cheatsheets/no-signs/index.html").read_text("utf-8")
    assert "Пока нет." in sheet.split('id="signs"', 1)[1]
    home = (awkward_site / "index.html").read_text("utf-8")
    item = home.split('href="archetypes/no-signs/"', 1)[1].split("</li>", 1)[0]
    assert "Telltale sign" not in item  # no sign to show, and no empty label


@pytest.mark.parametrize("lang", PREFIX)
def test_nothing_overflows_a_phone(page, awkward_url, lang):
    page.set_viewport_size(PHONE)
    problems = []
    for path in ("", "archetypes/", "archetypes/no-signs/", "cheatsheets/no-signs/", "symptoms/",
                 "symptoms/shared/", "print/", "diagnose/"):
        page.goto(awkward_url + PREFIX[lang] + path)
        extra, culprits = sideways(page)
        if extra:
            problems.append(f"{path or 'home'}: {extra}px {culprits}")
    tick(page, "shared", "filler-35")
    extra, culprits = sideways(page)
    if extra:
        problems.append(f"diagnose after ticking: {extra}px {culprits}")
    screenshot(page, f"awkward-{lang}-diagnose-ticked-390", full_page=False)
    assert problems == []
    assert page.errors == []


@pytest.mark.parametrize("size", ["390", "1280"])
@pytest.mark.parametrize("lang", PREFIX)
def test_results_are_in_view_right_after_a_tick_far_down_the_list(page, awkward_url, lang, size):
    page.set_viewport_size(PHONE if size == "390" else DESKTOP)
    page.goto(awkward_url + PREFIX[lang] + "diagnose/")
    tick(page, "filler-35", "more-for-same-price")  # the last filler is far below the results' place
    top = ".diagnose-bar" if size == "390" else '.diagnose-ranking > li[data-archetype="penny-pincher"]'
    assert in_view(page, top), f"the ranking is out of view at {size}px"
    if size == "390":
        bar = page.locator(".diagnose-bar").inner_text()
        assert {"en": "Penny-pincher", "ru": "Скряга"}.get(lang, "Penny-pincher") in bar
        assert "charge" in page.locator(".diagnose-bar__response a").get_attribute("href")


@pytest.mark.parametrize("lang", PREFIX)
def test_a_long_named_cheat_sheet_still_prints_on_one_page(page, awkward_url, lang):
    from test_print import pdf_pages

    page.goto(awkward_url + PREFIX[lang] + "cheatsheets/no-signs/")
    assert pdf_pages(page.pdf(prefer_css_page_size=True)) == 1
    page.goto(awkward_url + PREFIX[lang] + "cheatsheets/talker/")
    assert pdf_pages(page.pdf(prefer_css_page_size=True)) == 1
