"""The fixture site, read as a reader's browser gets it: built (built_site), or its pages' articles as the
generator renders them in process (rendered; test_the_rendered_pages_are_what_the_site_publishes ties the two)."""

from __future__ import annotations

import re

import pytest

LANGS = {"en": "", "fr": "fr/", "ro": "ro/", "ru": "ru/"}
PAGES = ["index.html", "archetypes/index.html", "archetypes/know-it-all/index.html",
         "symptoms/claims-experience/index.html", "responses/time-box/index.html",
         "sources/article-one/index.html", "sources/index.html"]


def page(site, lang, path):
    """A page's HTML: the built file (site a folder), or its article as rendered in process (site: rendered)."""
    if isinstance(site, dict):
        return site[lang][path]
    return (site / LANGS[lang] / path).read_text("utf-8")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", PAGES)
def test_every_page_exists_in_every_language_with_its_lang(built_site, lang, path):
    html = page(built_site, lang, path)
    assert re.search(rf'<html lang="{lang}"', html), f"{lang}/{path} has the wrong <html lang>"


def test_ui_strings_are_translated(rendered):
    ru = page(rendered, "ru", "archetypes/know-it-all/index.html")
    assert 'id="signs">Как распознать' in ru
    assert 'id="responses">Что делать' in ru
    assert "How to recognise" not in ru and "What to do" not in ru
    fr = page(rendered, "fr", "responses/time-box/index.html")
    assert 'id="steps">Étapes' in fr and 'id="say">Que dire' in fr


@pytest.mark.parametrize("lang", LANGS)
def test_fixed_anchors_are_the_same_in_every_language(rendered, lang):
    html = page(rendered, lang, "archetypes/know-it-all/index.html")
    for anchor in ("signs", "responses", "avoid", "related", "sources"):
        assert f'id="{anchor}"' in html
    source = page(rendered, lang, "sources/article-one/index.html")
    for anchor in ("summary", "text", "know-it-all", "talker", "cited-by"):
        assert f'id="{anchor}"' in source


def test_relations_show_both_ways_with_notes(rendered):
    archetype = page(rendered, "en", "archetypes/know-it-all/index.html")
    assert '<a href="../../responses/convince-with-facts/">Convince with facts</a>: First choice.' in archetype
    response = page(rendered, "en", "responses/convince-with-facts/index.html")
    assert '<a href="../../archetypes/know-it-all/">Know-it-all</a>: First choice.' in response
    symptom = page(rendered, "en", "symptoms/long-stories/index.html")
    assert '<a href="../../archetypes/talker/">Talker</a>' in symptom
    assert '<a href="../../responses/time-box/">Time-box the talk</a>' in symptom
    # related is declared on know-it-all only, and shown on both pages
    assert '<a href="../know-it-all/">Know-it-all</a>' in page(rendered, "en", "archetypes/talker/index.html")


def test_responses_keep_their_order(rendered):
    html = page(rendered, "en", "archetypes/know-it-all/index.html")
    section = html.split('id="responses"')[1].split('id="avoid"')[0]
    assert section.index("convince-with-facts") < section.index("time-box")
    assert "<ol>" in section


def test_citations_link_to_the_source_section_and_back(rendered):
    archetype = page(rendered, "ru", "archetypes/know-it-all/index.html")
    assert 'href="../../sources/article-one/#know-it-all"' in archetype
    source = page(rendered, "ru", "sources/article-one/index.html")
    cited = source.split('id="cited-by"')[1]
    assert '<a href="../../archetypes/know-it-all/">Всезнайка</a>' in cited
    assert '<div class="source-original" lang="fr">' in source
    assert "Réalisez toute la" in source and "<ol>" in source


def test_missing_translation_shows_english_with_a_notice(rendered):
    fr = page(rendered, "fr", "archetypes/penny-pincher/index.html")
    assert "Traduction incomplète" in fr
    assert '<span lang="en">Wants a thousand things for the same price.</span>' in fr
    ru = page(rendered, "ru", "archetypes/penny-pincher/index.html")
    assert "Перевод не завершён" in ru  # 'why' is missing in Russian
    full = page(rendered, "ru", "archetypes/know-it-all/index.html")
    assert "Перевод не завершён" not in full


def test_aliases_in_all_languages_are_on_the_page(rendered):
    html = page(rendered, "en", "archetypes/know-it-all/index.html")
    for name in ("Je-sais-tout", "Atotștiutorul", "Всезнайка", "Клиент-всезнайка"):
        assert name in html


def test_edit_link_points_at_the_yaml_file(built_site):
    for lang in LANGS:
        html = page(built_site, lang, "symptoms/long-stories/index.html")
        assert 'href="https://github.com/example/handbook/edit/main/content/symptoms/long-stories.yml"' in html
        source = page(built_site, lang, "sources/article-two/index.html")
        assert "edit/main/content/sources/article-two.yml" in source


def test_language_switcher_keeps_the_page(built_site):
    html = page(built_site, "ro", "responses/time-box/index.html")
    for prefix in ("", "fr/", "ro/", "ru/"):
        assert f'href="../../../{prefix}responses/time-box/" hreflang=' in html
    english = page(built_site, "en", "index.html")
    assert 'href="./ru/" hreflang="ru"' in english


def test_no_yaml_files_are_published(built_site):
    assert not list(built_site.rglob("*.yml"))


def test_the_rendered_pages_are_what_the_site_publishes(rendered, copy_built):
    # What the tests of `rendered` read stands for the site: each page's HTML, rendered in this process, is in
    # the page that a build writes (copy_built: built outside git, so with no dates, as rendered has none).
    site = copy_built / "site"
    assert sum(len(pages) for pages in rendered.values()) > 100
    missing = [f"{LANGS[lang]}{path}" for lang, pages in rendered.items() for path, html in pages.items()
               if html not in (site / LANGS[lang] / path).read_text("utf-8")]
    assert missing == []


@pytest.mark.build
def test_parts_rendered_once_are_what_every_page_would_render(project, tmp_path, monkeypatch):
    # Material's navigation and the search dialog are rendered once per folder or depth (build.theme.Fragments):
    # every page of the site is the same as when each page renders them itself.
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator.build.theme import Fragments

    def built(site):
        build(load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site), strict=True))
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*.html"))}

    once = built(tmp_path / "once")
    monkeypatch.setattr(Fragments, "__call__", lambda self, *key, caller: caller())
    each = built(tmp_path / "each")
    assert len(each) > 100 and once.keys() == each.keys()
    assert [path for path in each if once[path] != each[path]] == []
    assert b'class="md-nav__link"' in once["fr/archetypes/know-it-all/index.html"]
