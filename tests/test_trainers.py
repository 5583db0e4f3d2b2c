"""What trainers rely on: redirects after renames, the diagnosis page, print pages, export, tags, links."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from browser import serve
from conftest import ENV, copy_fixture, mkdocs_build, shared, site_fixture

PREFIX = {"en": "", "fr": "fr/", "ro": "ro/", "ru": "ru/"}
REPO = Path(__file__).resolve().parent.parent


def rename(project: Path, kind: str, old: str, new: str) -> None:
    """Rename an entry the way a contributor should: new file name, old id in former_ids."""
    for other in (project / "content" / kind).glob("*.yml"):  # relations that name it (here: related)
        other.write_text(other.read_text("utf-8").replace(f"[{old}]", f"[{new}]"), "utf-8")
    path = project / "content" / kind / f"{old}.yml"
    text = path.read_text("utf-8")
    path.unlink()
    (project / "content" / kind / f"{new}.yml").write_text(text + f"former_ids: [{old}]\n", "utf-8")


def _build_renamed(root: Path) -> None:
    project = copy_fixture(root / "project")
    rename(project, "archetypes", "talker", "chatterbox")
    result = mkdocs_build(project, root / "handbook")
    assert result.returncode == 0, result.stderr


@site_fixture(scope="session")
def renamed_site(tmp_path_factory):
    """The fixture site with the talker renamed chatterbox (former_ids: [talker]), built once per run."""
    return shared(tmp_path_factory, "renamed", _build_renamed) / "handbook"


@pytest.mark.parametrize("lang", PREFIX)
@pytest.mark.parametrize("folder", ["archetypes", "cheatsheets"])  # every URL the entry had: page, cheat sheet
def test_old_url_redirects_to_the_renamed_entry_keeping_the_anchor(page, renamed_site, lang, folder):
    with serve(renamed_site.parent) as base:
        page.goto(f"{base}/handbook/{PREFIX[lang]}{folder}/talker/#responses")
        page.wait_for_url(f"**/handbook/{PREFIX[lang]}{folder}/chatterbox/#responses")
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("#responses").count() == 1


@pytest.mark.build
def test_two_entries_claiming_the_same_id_fail_naming_both_files(project, tmp_path):
    talker = project / "content/archetypes/talker.yml"
    talker.write_text(talker.read_text() + "former_ids: [know-it-all]\n")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert ("content/archetypes/talker.yml:6:14: former_ids[0]: former id 'know-it-all' is the id of "
            "content/archetypes/know-it-all.yml") in result.stderr


@pytest.mark.parametrize("lang", PREFIX)
def test_diagnosis_ranks_by_ticked_signs_and_keeps_them_in_the_url(page, fixture_url, lang):
    page.goto(fixture_url + PREFIX[lang] + "diagnose/")
    ranking = page.locator(".diagnose-ranking > li:visible")
    assert ranking.count() == 0
    page.check('input[value="claims-experience"]')
    assert ranking.count() == 1 and ranking.first.get_attribute("data-archetype") == "know-it-all"
    page.check('input[value="long-stories"]')
    assert ranking.count() == 2
    assert "signs=claims-experience%2Clong-stories" in page.url or "signs=claims-experience,long-stories" in page.url
    page.check('input[value="cites-friends"]')  # suggested by no archetype: ranking unchanged
    page.uncheck('input[value="long-stories"]')
    page.reload()
    assert page.is_checked('input[value="claims-experience"]')
    assert not page.is_checked('input[value="long-stories"]')
    assert ranking.count() == 1
    assert page.errors == []


def test_diagnosis_without_javascript_is_the_plain_matrix(rendered):
    html = rendered["ru"]["diagnose/index.html"]  # the page's article, rendered in process
    matrix = html.split('class="diagnose-matrix"')[1]
    assert 'href="../archetypes/know-it-all/"' in matrix and 'href="../symptoms/claims-experience/"' in matrix
    # Drawn in its first state, hidden without JavaScript by the style sheet (tests/test_layout_shift.py)
    assert '<fieldset class="diagnose-signs">' in html


def test_every_archetype_page_links_its_cheat_sheet(rendered):
    for lang in PREFIX:
        html = rendered[lang]["archetypes/talker/index.html"]
        assert 'href="../../cheatsheets/talker/"' in html
        sheet = rendered[lang]["cheatsheets/talker/index.html"]
        assert 'id="signs"' in sheet and 'id="responses"' in sheet


def test_print_stylesheet_hides_navigation_and_shows_link_targets():
    css = (REPO / "overrides/assets/handbook.css").read_text("utf-8")
    printed = css.split("@media print", 1)[1]
    for selector in (".md-header", ".md-sidebar", ".md-search", ".md-footer"):
        assert selector in printed
    assert 'content: " (" attr(href) ")"' in printed


def test_export_validates_against_its_published_schema(built_site):
    data = json.loads((built_site / "api/v1/handbook.json").read_text("utf-8"))
    schema = json.loads((built_site / "api/v1/handbook.schema.json").read_text("utf-8"))
    jsonschema.Draft7Validator(schema).validate(data)
    talker = next(a for a in data["archetypes"] if a["id"] == "talker")
    assert {"id": "know-it-all", "note": None} in talker["related"]  # computed from the other side
    symptom = next(s for s in data["symptoms"] if s["id"] == "long-stories")
    assert symptom["archetypes"] == [{"id": "talker", "note": None}]
    broken = dict(data, version=2)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(schema).validate(broken)
    # The build wrote it to a temporary file first (a part at a time, not held in memory): removed after.
    assert not list((built_site.parent / "tmp").iterdir())


def test_tag_pages_exist_in_every_language_with_translated_names(rendered):
    ru = rendered["ru"]["tags/payment/index.html"]
    assert "оплата" in ru and 'href="../../archetypes/penny-pincher/"' in ru
    fr = rendered["fr"]["tags/index.html"]
    assert "paiement" in fr and 'href="payment/"' in fr


def test_link_checker_passes_the_site_and_catches_a_broken_anchor(built_site, tmp_path):
    command = [sys.executable, "-m", "generator", "links"]
    ok = subprocess.run([*command, str(built_site), "--base", "/handbook/"], capture_output=True, text=True,
                        env=ENV, cwd=REPO)
    assert ok.returncode == 0, ok.stdout
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page = site / "fr/archetypes/talker/index.html"
    page.write_text(page.read_text("utf-8").replace('href="../../sources/article-one/#talker"',
                                                    'href="../../sources/article-one/#talkr"'), "utf-8")
    bad = subprocess.run([*command, str(site), "--base", "/handbook/"], capture_output=True, text=True,
                         env=ENV, cwd=REPO)
    assert bad.returncode == 1
    assert "fr/archetypes/talker/index.html: ../../sources/article-one/#talkr: no #talkr" in bad.stdout


def test_diagnosis_works_after_instant_navigation(page, fixture_url):
    page.goto(fixture_url + "fr/")
    page.locator('.md-nav a[href$="diagnose/"]').first.click()
    page.wait_for_url("**/fr/diagnose/")
    page.check('input[value="long-stories"]')
    assert page.locator(".diagnose-ranking > li:visible").first.get_attribute("data-archetype") == "talker"
    assert page.errors == []
