"""Under `mkdocs serve`, pages are reused when nothing they show changed: the reused pages must be exactly
the pages a fresh render makes, after every kind of edit a contributor saves."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURE

from generator.content.handbook import Remembered, load_handbook
from generator.language.codes import LANGUAGES
from generator.render.reuse import Memo
from generator.render.site import render_language


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def _new_symptom(content: Path) -> None:
    source = (content / "symptoms/long-stories.yml").read_text("utf-8")
    (content / "symptoms/long-pauses.yml").write_text(source.replace("long-stories", "long-pauses"), "utf-8")
    _edit(content / "archetypes/talker.yml", "symptoms: [long-stories]", "symptoms: [long-stories, long-pauses]")


def _drop_symptom(content: Path) -> None:
    _edit(content / "archetypes/talker.yml", "symptoms: [long-stories, long-pauses]", "symptoms: [long-stories]")
    (content / "symptoms/long-pauses.yml").unlink()


# Each edit is applied after the ones before it, as a contributor saves one file after another.
EDITS = {
    "nothing": lambda c: None,
    "an archetype's name": lambda c: _edit(c / "archetypes/talker.yml", 'ru: "Болтун"', 'ru: "Говорун"'),
    "a sign's summary": lambda c: _edit(c / "symptoms/long-stories.yml", "Summary of long-stories.", "Long ones."),
    "a new sign, linked": _new_symptom,
    "a link's note": lambda c: _edit(c / "archetypes/talker.yml", "responses: [time-box]",
                                     'responses: [{id: time-box, note: {en: "Set the clock."}}]'),
    "a source's section": lambda c: _edit(c / "sources/article-one.yml", "1 question 1,5 heures", "une question"),
    "a sign removed": _drop_symptom,
    "a topic tag": lambda c: _edit(c / "archetypes/talker.yml", "citations:", "tags: [time]\ncitations:"),
}


@pytest.fixture
def content(tmp_path) -> Path:
    shutil.copytree(FIXTURE / "content", tmp_path / "content")
    return tmp_path / "content"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_reused_pages_are_the_pages_a_fresh_render_makes_after_each_edit(content, lang):
    options = {"site_url": "https://example.org/handbook/", "outdated": set(), "updated": {}}
    remembered, memo = Remembered(), Memo()
    book = load_handbook(content, memory=remembered)
    before = {page.src_uri: page for page in render_language(book, lang, memo=memo, **options)}
    for name, edit in EDITS.items():
        edit(content)
        book = load_handbook(content, memory=remembered)
        reused = render_language(book, lang, memo=memo, **options)
        fresh = render_language(book, lang, **options)
        assert [page.src_uri for page in reused] == [page.src_uri for page in fresh], name
        for made, expected in zip(reused, fresh, strict=True):
            assert made == expected, f"after {name}: {made.src_uri} is not what a fresh render makes"
        kept = {page.src_uri for page in reused if before.get(page.src_uri) is page}
        pages = {page.src_uri for page in reused if page.src_uri.endswith(".md")}  # not the data files
        if name == "nothing":
            assert kept == pages, "an unchanged handbook renders again"
        else:  # rendered again: what changed; kept: the pages that do not show it
            assert kept and len(kept) < len(pages), f"after {name}: kept {len(kept)} of {len(pages)} pages"
        before = {page.src_uri: page for page in reused}


def test_a_page_that_shows_an_edited_entry_renders_again_and_one_that_does_not_is_kept(content):
    memo, remembered = Memo(), Remembered()
    first = {page.src_uri: page for page in render_language(load_handbook(content, memory=remembered), "ru", memo=memo)}
    _edit(content / "symptoms/cites-friends.yml", "Кратко", "Вкратце")
    second = {page.src_uri: page for page in render_language(load_handbook(content, memory=remembered), "ru",
                                                              memo=memo)}
    assert second["symptoms/cites-friends.md"] is not first["symptoms/cites-friends.md"]
    assert "Вкратце" in second["symptoms/cites-friends.md"].content
    assert second["symptoms/index.md"] is not first["symptoms/index.md"]  # lists it with its summary
    assert second["sources/article-two.md"] is first["sources/article-two.md"]
    assert second["responses/time-box.md"] is first["responses/time-box.md"]


def test_the_export_made_of_kept_entries_is_the_json_of_the_whole_export(content, tmp_path):
    import json

    from generator.features.export import export, export_json, write_export

    # Text of every sort: quotes, a backslash, a line break, letters of the four languages, markup.
    tricky = r'"Say \"no\" \\ then\nwait: « non », nu — șir, нет </script><b>&amp;"'
    _edit(content / "symptoms/cites-friends.yml", '"Summary of cites-friends."', tricky)
    remembered = Remembered()
    for name, edit in {"tricky text": lambda c: None, **EDITS}.items():
        edit(content)
        book = load_handbook(content, memory=remembered)
        expected = json.dumps(export(book), ensure_ascii=False, sort_keys=True, indent=1) + "\n"
        assert export_json(book) == expected, f"after {name}"
        write_export(book, tmp_path / "export.json")  # as `mkdocs build` writes it, a part at a time
        assert (tmp_path / "export.json").read_text("utf-8") == expected, f"after {name}"
