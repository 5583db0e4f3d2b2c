"""The offline copy's lists (generator/features/offline.py, generator/build/offline.py) on a small made-up site:
what each language stores, each file's hash, the budget, and the refusal of a list that names a file the build
did not write. No build, no browser: the browser side is test_offline_browser.py."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from babel import Locale

from generator.build.offline import write_offline
from generator.features.offline import (
    LIST,
    MANIFEST,
    WORKER,
    OfflineError,
    manifest,
    manifest_text,
    precache,
    verify,
)
from generator.language.codes import LANGUAGES
from generator.language.strings import ui, ui_strings
from generator.language.typography import typeset

LANGS = ("en", "fr")
ICONS = ("assets/icons/icon-192.png", "assets/icons/icon-512.png", "assets/icons/maskable-512.png")


def make_site(root: Path) -> Path:
    """A built site in miniature: English at the root, French under fr/, one Pagefind bundle for both."""
    files = {"api/v1/handbook.json": "{}", "sitemap_index.xml": "<x/>", "robots.txt": "Sitemap: x",
             "pagefind/pagefind.js": "js", "pagefind/pagefind-worker.js": "worker",
             "pagefind/pagefind-entry.json": json.dumps({"version": "1.5.2", "languages": {
                 "en": {"hash": "en_aa", "wasm": "en", "page_count": 2},
                 "fr": {"hash": "fr_bb", "wasm": "fr", "page_count": 2}}})}
    for lang in LANGS:
        meta = f"pagefind/pagefind.{lang}_{'aa' if lang == 'en' else 'bb'}.pf_meta"
        files |= {f"pagefind/wasm.{lang}.pagefind": "wasm", meta: "meta", f"pagefind/kinds-{lang}.json": "kinds",
                  f"pagefind/index/{lang}_1.pf_index": "index", f"pagefind/fragment/{lang}_1.pf_fragment": "fragment",
                  f"pagefind/fragment/{lang}_2.pf_fragment": "fragment 2", f"pagefind/filter/{lang}_1.pf_filter": "f"}
        here = "" if lang == "en" else f"{lang}/"
        pages = ("index.html", "404.html", "sitemap.xml", "sitemap.xml.gz", "archetypes/index.html",
                 "archetypes/talker/index.html", "symptoms/long-stories/index.html", "cheatsheets/talker/index.html",
                 "diagnose/index.html", "practice/index.html", "practice/questions.json", "print/index.html",
                 "assets/handbook.js", "assets/javascripts/bundle.min.js", "assets/javascripts/bundle.min.js.map",
                 "assets/javascripts/lunr/wordcut.js", "assets/javascripts/workers/search.js", MANIFEST, *ICONS)
        files |= {here + path: f"{lang} {path} " + "x" * (900 if path.endswith("index.html") else 10) for path in pages}
        files[here + MANIFEST] = manifest_text(lang)  # as the language's build writes it
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, "utf-8")
    return root


@pytest.fixture
def site(tmp_path) -> Path:
    return make_site(tmp_path / "site")


def urls(listed) -> list[str]:
    """Every file of a language's copy: its pages and assets, then its search files."""
    return [stored.url for stored in (*listed.files, *listed.search)]


def test_english_stores_its_pages_assets_and_search_and_nothing_of_french(site):
    english = precache(site, "en", LANGS)
    assert english.mode == "all" and english.later == ()
    assert {"./", "404.html", "sitemap.xml", "archetypes/", "archetypes/talker/", "cheatsheets/talker/",
            "practice/questions.json", "assets/handbook.js", MANIFEST, *ICONS} <= set(urls(english))
    assert [u for u in urls(english) if u.startswith("pagefind/")] == [
        "pagefind/pagefind.js", "pagefind/pagefind-entry.json", "pagefind/wasm.en.pagefind",
        "pagefind/pagefind.en_aa.pf_meta", "pagefind/kinds-en.json", "pagefind/filter/en_1.pf_filter", "pagefind/fragment/en_1.pf_fragment",
        "pagefind/fragment/en_2.pf_fragment", "pagefind/index/en_1.pf_index"]
    for absent in ("fr/", "api/", "sitemap_index.xml", "robots.txt", ".map", "lunr/", "workers/", ".gz"):
        assert not [u for u in urls(english) if absent in u], absent
    talker = next(s for s in english.files if s.url == "archetypes/talker/")
    data = (site / "archetypes/talker/index.html").read_bytes()
    assert talker.revision == hashlib.sha256(data).hexdigest()[:16] and talker.size == len(data)
    assert english.size == sum(s.size for s in (*english.files, *english.search))
    assert [s.url for s in english.search] == [u for u in urls(english) if u.startswith("pagefind/")]


def test_french_reaches_the_shared_search_files_from_its_folder(site):
    french = precache(site, "fr", LANGS)
    assert "../pagefind/wasm.fr.pagefind" in urls(french) and "../pagefind/pagefind.js" in urls(french)
    assert not [u for u in urls(french) if "en_" in u or "wasm.en" in u]
    assert "archetypes/talker/" in urls(french) and "./" in urls(french)
    verify(site, "fr", french)  # every named file is there, with the listed bytes


def test_the_lists_are_deterministic_and_one_changed_file_changes_one_revision(site):
    first, again = precache(site, "en", LANGS), precache(site, "en", LANGS)
    assert first == again and first.version == again.version
    (site / "archetypes/talker/index.html").write_text("changed", "utf-8")
    changed = precache(site, "en", LANGS)
    assert changed.version != first.version
    differ = [a.url for a, b in zip(first.files, changed.files, strict=True) if a != b]
    assert differ == ["archetypes/talker/"]
    # The search files, which Pagefind names at random from run to run, are not in the version.
    (site / "pagefind/fragment/en_2.pf_fragment").write_text("fragment, again", "utf-8")
    assert precache(site, "en", LANGS).version == changed.version


def test_over_the_budget_entry_pages_are_kept_as_opened_and_the_rest_is_stored(site):
    whole = precache(site, "en", LANGS)
    small = precache(site, "en", LANGS, budget=whole.size - 1)
    assert small.mode == "essential" and small.size < whole.size
    assert len(small.later) == len(whole.files) - len(small.files) == 4
    assert set(small.later) == {"archetypes/talker/", "symptoms/long-stories/", "cheatsheets/talker/", "print/"}
    assert small.search == whole.search
    for gone in ("archetypes/talker/", "symptoms/long-stories/", "cheatsheets/talker/", "print/"):
        assert gone not in urls(small)
    for kept in ("./", "404.html", "archetypes/", "diagnose/", "practice/", "practice/questions.json",
                 "pagefind/pagefind.js", "pagefind/fragment/en_2.pf_fragment", "assets/handbook.js", MANIFEST):
        assert kept in urls(small)


@pytest.mark.parametrize("missing", ["fr/404.html", "fr/assets/icons/icon-512.png", "pagefind/pagefind.fr_bb.pf_meta",
                                     "pagefind/wasm.fr.pagefind", "pagefind/kinds-fr.json"])
def test_a_list_naming_a_file_the_build_did_not_write_is_refused(site, missing):
    (site / missing).unlink()
    with pytest.raises(OfflineError, match=rf"the fr offline copy names .*{missing.rpartition('/')[2]}.*did not write"):
        precache(site, "fr", LANGS, required=(MANIFEST, *ICONS))


def test_verify_refuses_a_stale_list(site):
    listed = precache(site, "fr", LANGS)
    (site / "fr/print/index.html").unlink()
    with pytest.raises(OfflineError, match="names print/, which the build did not write"):
        verify(site, "fr", listed)


def test_write_offline_writes_each_languages_lists_and_worker(site):
    lists = write_offline(site, LANGS)
    for lang, root in (("en", site), ("fr", site / "fr")):
        data = json.loads((root / LIST).read_text("utf-8"))
        assert data["files"] == [[s.url, s.revision, s.size] for s in lists[lang].files]
        assert data["mode"] == "all"
        assert data["search"] == ("" if lang == "en" else "../") + f"pagefind/offline-{lang}.json"
        search = json.loads((site / f"pagefind/offline-{lang}.json").read_text("utf-8"))["files"]
        assert search[0][0] == "pagefind.js" and f"wasm.{lang}.pagefind" in [url for url, _, _ in search]
        assert data["bytes"] + sum(size for _, _, size in search) == lists[lang].size
        worker = (root / WORKER).read_text("utf-8")
        settings = json.loads(worker.split("\n")[1].removeprefix("const OFFLINE = ").removesuffix(";"))
        assert settings["version"] == data["version"] and settings["lang"] == lang
        assert settings["others"] == (["fr/"] if lang == "en" else [])
        assert settings["root"] == ("./" if lang == "en" else "../")
        assert json.loads((root / MANIFEST).read_text("utf-8"))["lang"] == lang
    before = {path: path.read_bytes() for path in site.rglob("*") if path.is_file()}
    write_offline(site, LANGS)  # the same site: the same files, byte for byte
    assert before == {path: path.read_bytes() for path in site.rglob("*") if path.is_file()}


def test_write_offline_refuses_a_site_without_the_icons_and_writes_no_worker(site):
    (site / "fr/assets/icons/maskable-512.png").unlink()
    with pytest.raises(OfflineError, match="fr/assets/icons/maskable-512.png, which the build did not write"):
        write_offline(site, LANGS)
    assert not (site / WORKER).exists() and not (site / "fr" / WORKER).exists()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_is_installable_in_its_own_folder(lang):
    app = manifest(lang)
    assert app["start_url"] == app["scope"] == app["id"] == "./" and app["display"] == "standalone"
    assert app["lang"] == lang and app["name"] == typeset(ui("site_name", lang), lang)
    assert 0 < len(app["short_name"]) <= 13
    assert {(icon["sizes"], icon["purpose"]) for icon in app["icons"]} == {
        ("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}


def test_the_indicator_strings_have_every_plural_form_of_each_language():
    table = ui_strings()
    for key in (k for k in table if k.startswith("offline_")):
        assert set(table[key]) == set(LANGUAGES), key
        for lang, value in table[key].items():
            if isinstance(value, dict):
                assert set(value) == set(Locale.parse(lang).plural_form.tags) | {"other"}, (key, lang)
                assert all("{n}" in form and "{done}" in form for form in value.values()), (key, lang)
