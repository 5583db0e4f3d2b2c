"""Sources every reader can read: each section in the reader's language first, the original word for word beside
it; citations, practice and the export in the reader's language; translations checked and tracked like others.

The fixture's article-two (Russian) is translated into English, French and Romanian; article-one (French) is not.
"""

from __future__ import annotations

import html as html_module
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURE

from generator.cli.status import StatusError, mark, outdated_lines
from generator.content.handbook import load_handbook
from generator.content.problems import ContentError
from generator.content.texts import untranslated
from generator.features.export import export
from generator.features.practice import _source
from generator.history.staleness import outdated

LANGS = {"en": "", "fr": "fr/", "ro": "ro/", "ru": "ru/"}
SOURCE = "content/sources/article-two.yml"


def text_of(fragment: str) -> str:
    """The words of an HTML fragment, tags and permalink signs out, whitespace made single spaces."""
    words = html_module.unescape(re.sub(r"<[^>]+>", " ", fragment)).replace("¶", "")
    return " ".join(words.replace("\u00a0", " ").replace("\u202f", " ").split())


def sections_of(page: str) -> dict[str, str]:
    """Each source section's HTML on its page, by anchor: from its heading to the next section's."""
    text = page[page.index('id="text"'):page.index('id="cited-by"')]
    parts = re.split(r'(?=<h3 id=")', text)
    found = {}
    for part in parts[1:]:
        anchor = re.match(r'<h3 id="([^"]+)"', part).group(1)
        found[anchor] = part
    return found


@pytest.fixture(scope="module")
def book():
    return load_handbook(FIXTURE / "content", FIXTURE)


@pytest.mark.parametrize("lang", LANGS)
def test_every_section_shows_the_readers_language_first_and_the_original_word_for_word(rendered, book, lang):
    source = book.get("sources", "article-two")
    page = rendered[lang]["sources/article-two/index.html"]
    shown = sections_of(page)
    assert list(shown) == [s.id for s in source.sections]  # the anchors, as they always were
    for section in source.sections:
        html = shown[section.id]
        if lang == "ru":  # the article's own language: only the original shows, as before
            assert f'<div class="source-original" lang="ru">\n<h3 id="{section.id}">{section.heading}' in page
            assert text_of(section.text) in text_of(html)
            assert "source-section__translation" not in html and "<details" not in html
            continue
        original = re.search(r'<div class="source-original" lang="ru"[^>]*>(.*?)</div>', html, re.S)
        assert original, f"{lang}: section {section.id} lost its original"
        assert text_of(section.heading) in text_of(original.group(1))
        assert text_of(section.text) in text_of(original.group(1))  # word for word
        translated = section.translations[lang]
        heading, _, rest = html.partition("</h3>")
        assert text_of(heading) == text_of(translated.heading).replace('"', "")  # typeset quotes aside
        before_original = rest[:rest.index("<details")]
        assert "source-section__label" in before_original  # labelled as the handbook's translation
        assert text_of(translated.text)[:30].replace('"', "") in text_of(before_original)
        summary = re.search(r'<summary data-pagefind-ignore="all">(.*?)</summary>', html, re.S).group(1)
        assert {"en": "Original (Russian)", "fr": "Original (russe)", "ro": "Originalul (rusă)"}[lang] == text_of(summary)
        assert 'data-pagefind-weight="0.5"' in original.group(0)  # searched, below the reader's words


def test_an_untranslated_source_shows_its_original_as_before(rendered):
    page = rendered["en"]["sources/article-one/index.html"]
    assert "<details" not in page and 'class="source-original" lang="fr"' in page
    assert "kept word for word in its own language" in page


def test_citations_name_the_section_in_the_readers_language(rendered):
    expected = {"en": "The know-it-all client", "fr": "Le client je-sais-tout", "ro": "Clientul atotștiutor"}
    for lang, heading in expected.items():
        page = rendered[lang]["archetypes/know-it-all/index.html"]
        assert re.search(rf'href="../../sources/article-two/#know-it-all">[^<]*: {heading}</a>', page), lang
        if lang != "fr":  # an untranslated source's heading stays the original, marked with its language
            assert '<span lang="fr">Je sais tout</span></a>' in page
    ru = rendered["ru"]["archetypes/know-it-all/index.html"]
    assert 'href="../../sources/article-two/#know-it-all">8 типов проблемных клиентов: Клиент-всезнайка</a>' in ru
    sheet = rendered["fr"]["cheatsheets/know-it-all/index.html"]
    assert "Le client je-sais-tout" in sheet  # printed cheat sheets name their sources too
    assert "Le client je-sais-tout" in rendered["fr"]["print/index.html"]


def test_practice_and_the_export_give_the_heading_in_every_language(book):
    penny = book.get("archetypes", "penny-pincher")
    assert penny.citations[0].source == "article-two"
    assert _source(book, penny, "ro")["section"] == "Clientul „Pichirre” (zgârcitul)"
    assert _source(book, penny, "ro")["section_lang"] == "ro"
    assert _source(book, penny, "ru")["section"] == "Клиент «Pichirre» (скряга)"
    data = export(book)
    know = next(a for a in data["archetypes"] if a["id"] == "know-it-all")
    cited = next(c for c in know["citations"] if c["source"] == "article-two")
    assert cited["original_heading"] == "Клиент-всезнайка"
    assert cited["heading"] == {"en": "The know-it-all client", "fr": "Le client je-sais-tout",
                                "ro": "Clientul atotștiutor", "ru": "Клиент-всезнайка"}
    assert know["aliases_by_language"] == {"fr": ["Je sais tout"], "ru": ["Клиент-всезнайка"]}
    source = next(s for s in data["sources"] if s["id"] == "article-two")
    assert source["sections"][1]["translations"]["en"]["heading"] == "The know-it-all client"
    assert not untranslated(book.get("sources", "article-two"), "en")  # status: nothing missing


def test_also_known_as_puts_the_readers_names_first(rendered):
    fr = rendered["fr"]["archetypes/know-it-all/index.html"]
    own = re.search(r'<p class="aliases" data-pagefind-weight="7">(.*?)</p>', fr, re.S).group(1)
    assert text_of(own) == "Aussi appelé : Je sais tout"
    others = re.search(r'<p class="aliases aliases--other"[^>]*>(.*?)</p>', fr, re.S).group(1)
    assert fr.index('class="aliases"') < fr.index("aliases--other")
    assert '<span lang="ru">Всезнайка, Клиент-всезнайка</span>' in others
    assert "Je sais tout" not in others  # shown once, as the reader's own
    # the label is searched (a snippet says these are other languages' names), the language names are not:
    # "russe" must not find every client type
    assert "<em>Dans d'autres langues" in others
    assert '<span class="aliases__language" data-pagefind-ignore="all">(russe)</span>' in others
    en = rendered["en"]["archetypes/know-it-all/index.html"]
    assert 'class="aliases"' not in en.replace("aliases--other", "")  # no English alias: no first line


# Bad input: each mistake refused with its file, line and the fix.
def _broken(tmp_path: Path, old: str, new: str) -> list[str]:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE / "content", project / "content")
    path = project / SOURCE
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    with pytest.raises(ContentError) as error:
        load_handbook(project / "content", project)
    return [str(problem) for problem in error.value.problems]


RO_SECOND = '''      ro:
        heading: "Clientul atotștiutor"
        text: "Se caracterizează prin faptul că știe mai mult decât tine și cere un raport în fiecare oră."
'''
CASES = [
    ("a missing language", RO_SECOND, "",
     [f"{SOURCE}:30:5: sections[1].translations: section 'know-it-all' has no translation into Romanian (ro:) "
      "(once one section of a source is translated, every section is, into en:, fr:, ro:)"]),
    ("a translation into the article's own language", RO_SECOND,
     RO_SECOND + '      ru:\n        heading: "Всезнайка"\n        text: "Текст."\n',
     [f"{SOURCE}:40:7: sections[1].translations.ru: the article is in Russian: its text is the original "
      "(remove 'ru:' here; the original is the section's heading: and text:)"]),
    ("a section translated twice", '      fr:\n        heading: "Le client je-sais-tout"',
     '      en:\n        heading: "Twice"\n        text: "Twice."\n      fr:\n        heading: "Le client je-sais-tout"',
     [f"{SOURCE}:34:7: sections[1].translations.en: duplicate key 'en' (first at line 31) "
      "(remove one of them; YAML would silently keep the last)"]),
    ("punctuation only", 'heading: "Le client je-sais-tout"', 'heading: "« … ! »"',
     [f"{SOURCE}:35:18: sections[1].translations.fr.heading: '« … ! »' has no letter or digit: it translates nothing "
      "(write the translated text, or ask a translator)"]),
    ("an empty translation", 'heading: "Le client je-sais-tout"', 'heading: " "',
     [f"{SOURCE}:35:18: sections[1].translations.fr.heading: text is empty (write the text or remove the field)"]),
    ("a paragraph more than the original", 'text: "He wants a thousand things done, but for the same price."',
     'text: "He wants a thousand things done.\\n\\nBut for the same price."',
     [f"{SOURCE}:20:15: sections[0].translations.en.text: the English text has 2 paragraphs, the original "
      "1 paragraph (keep the original's paragraphs, a blank line between two, and its numbered items, '1. ' and so on)"]),
    ("an unknown language", "      ro:\n        heading: \"Clientul atotștiutor\"",
     "      de:\n        heading: \"Clientul atotștiutor\"",
     [f"{SOURCE}:37:7: sections[1].translations.de: unknown field 'de' (allowed here: en, fr, ro, ru)"]),
]


@pytest.mark.parametrize("name,old,new,expected", CASES, ids=[case[0] for case in CASES])
def test_a_bad_translation_is_refused_with_file_line_and_fix(tmp_path, name, old, new, expected):
    assert _broken(tmp_path, old, new) == expected


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=repo,
                   check=True, capture_output=True)


def test_a_corrected_original_outdates_its_translations(tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE / "content", repo / "content")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "The handbook")
    assert not [key for key in outdated(repo) if key[0] == SOURCE]
    path = repo / SOURCE
    path.write_text(path.read_text("utf-8").replace("требует отчёт каждый час", "требует отчёт каждые полчаса"), "utf-8")
    found = {key: changes for key, changes in outdated(repo).items() if key[0] == SOURCE}
    assert sorted(lang for _, lang in found) == ["en", "fr", "ro"]
    change = found[(SOURCE, "en")][0]
    assert change.field == "sections[1].text"
    assert change.before.endswith("каждый час.") and change.after.endswith("каждые полчаса.")
    said = "\n".join(outdated_lines(found, "Outdated"))
    assert "  en  content/sources/article-two.yml\n      sections[1].text, translated from the original of " in said
    # revising the translation brings it up to date by itself
    path.write_text(path.read_text("utf-8").replace("a report every hour", "a report every half hour"), "utf-8")
    assert sorted(lang for path_, lang in outdated(repo) if path_ == SOURCE) == ["fr", "ro"]
    # a translation that still fits is marked as status says, English of a source's sections included
    book = load_handbook(repo / "content", repo)
    assert [e.id for e in mark(book, repo, "fr", [SOURCE])] == ["article-two"]
    assert sorted(lang for path_, lang in outdated(repo) if path_ == SOURCE) == ["ro"]
    assert [e.id for e in mark(book, repo, "en", [SOURCE])] == ["article-two"]  # the schema takes en: here
    assert load_handbook(repo / "content", repo).get("sources", "article-two").translated_from["en"]
    with pytest.raises(StatusError, match="only a source's translated sections"):
        mark(book, repo, "en", ["content/archetypes/talker.yml"])


@pytest.mark.parametrize("width", [390, 1280])
def test_the_original_opens_with_a_tap_beside_the_translation_on_a_wide_screen(page, fixture_url, width):
    from browser import axe_violations, settle

    page.set_viewport_size({"width": width, "height": 900})
    page.goto(fixture_url + "sources/article-two/#know-it-all")
    settle(page)
    section = page.locator(".source-section", has=page.locator("#know-it-all"))
    original = section.locator(".source-original")
    assert not original.is_visible()
    wide = width >= 1200

    def serious() -> list[str]:  # axe on one width, closed and open (the phone's layout is checked below)
        return [v["id"] for v in axe_violations(page, blocking=True)] if wide else []

    assert not serious()
    if not wide:  # on paper the original is printed, open or not
        page.emulate_media(media="print")
        assert original.is_visible()
        page.emulate_media(media="screen")
    section.locator("summary").click()
    assert original.is_visible() and "Клиент-всезнайка" in original.inner_text()
    translation = section.locator(".source-section__translation").bounding_box()
    beside = original.bounding_box()
    if wide:  # side by side: the original starts to the right of the translation, at about its height
        assert beside["x"] >= translation["x"] + translation["width"] - 1
        assert abs(beside["y"] - translation["y"]) < 120
    else:  # below it
        assert beside["y"] >= translation["y"] + translation["height"] - 1
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert not serious()
    assert not page.errors


def test_a_reader_finds_a_russian_article_by_words_of_their_own_language(page, fixture_url):
    from browser import result_paths, search

    for lang, query, marked in (("fr", "avare", "avare"), ("en", "miser", "miser"), ("ro", "zgârcitul", "zgârcitul")):
        page.goto(fixture_url + LANGS[lang])
        items = search(page, query)
        top = result_paths(items, "/handbook/" + LANGS[lang])[:3]
        assert "sources/article-two/" in top, (lang, top)
        found = items.nth(top.index("sources/article-two/"))
        assert any(marked in word.lower() for word in found.locator("mark").all_inner_texts()), lang
    assert not page.errors


def test_aliases_by_language_count_as_names_for_search_words(book):
    from dataclasses import replace

    from generator.content.model import Handbook
    from generator.features.vocabulary import entry_words, warnings

    know = book.get("archetypes", "know-it-all")
    assert know.alias_names == ("Je sais tout", "Клиент-всезнайка")
    assert "клиент-всезнайка" in [w.lower() for w in entry_words(know, "en")] or "всезнайка" in " ".join(
        entry_words(know, "en")).lower()
    others = [e for kind in book.kinds for e in book[kind].values() if e is not know]
    repeated = Handbook([replace(know, search_terms={"en": ("je sais tout",)}), *others])
    assert [w.message for w in warnings(repeated)] == ["'je sais tout' is the entry's name or an alias already"]
    # the source's translation is searched in the reader's language
    assert "mille" in entry_words(book.get("sources", "article-two"), "fr")
