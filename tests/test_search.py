"""Search index: Pagefind indexes the entry and source pages of every language inside the build, or the
build fails with one clear line and the previous site stays whole."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import stat
from pathlib import Path

import pytest
from conftest import FIXTURE, mkdocs_build, snapshot

from generator.features.search import FRAGMENT_SIGNATURE, SearchError, build_index, write_kinds
from generator.features.search import binary as search_binary

LANGS = {"en": "", "fr": "fr/", "ro": "ro/", "ru": "ru/"}
KINDS = ("archetypes", "symptoms", "responses", "sources")
ENTRIES = {kind: sorted(p.stem for p in (FIXTURE / "content" / kind).glob("*.yml")) for kind in KINDS}


def html(site: Path, lang: str, path: str) -> str:
    return (site / LANGS[lang] / path).read_text("utf-8")


def test_one_index_per_language_holds_every_entry_page(built_site):
    entry = json.loads((built_site / "pagefind/pagefind-entry.json").read_text("utf-8"))
    pages = sum(len(ids) for ids in ENTRIES.values())
    assert {lang: info["page_count"] for lang, info in entry["languages"].items()} == dict.fromkeys(LANGS, pages)
    for lang in LANGS:  # the index each language's pagefind.js loads, picked by <html lang>
        assert list(built_site.glob(f"pagefind/pagefind.{lang}_*.pf_meta")), lang
        assert (built_site / f"pagefind/wasm.{lang}.pagefind").is_file()


@pytest.mark.parametrize("lang", LANGS)
def test_each_languages_kinds_file_names_every_indexed_page_under_the_kind_of_its_address(built_site, lang):
    kinds = json.loads((built_site / f"pagefind/kinds-{lang}.json").read_text("utf-8"))
    assert list(kinds) == list(KINDS)
    found = {}
    for fragment in built_site.glob(f"pagefind/fragment/{lang}_*.pf_fragment"):
        url = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(FRAGMENT_SIGNATURE))["url"]
        found[fragment.name.removeprefix(f"{lang}_").removesuffix(".pf_fragment")] = url
    listed = [(kind, page) for kind, pages in kinds.items() for page in pages.split(" ")]
    assert sorted(page for _, page in listed) == sorted(found)  # every page once
    for kind, page in listed:
        assert found[page].startswith(f"/{LANGS[lang]}{kind}/"), (kind, found[page])  # from the site's folder


@pytest.mark.parametrize("data,why", [
    (gzip.compress(b'pagefind_dcd{"url": "/fr/archetypes/talker/", "filters": {}}', mtime=0), "KeyError('kind')"),
    (b"not gzip", "BadGzipFile"),
], ids=["no kind", "not gzip"])
def test_a_fragment_without_a_kind_is_named(tmp_path, data, why):
    (tmp_path / "fragment").mkdir()
    (tmp_path / "fragment" / "fr_1a2b3c4.pf_fragment").write_bytes(data)
    with pytest.raises(SearchError) as error:
        write_kinds(tmp_path, "fr")
    assert str(error.value).startswith(f"Pagefind wrote a fragment without a page kind (fr_1a2b3c4.pf_fragment: {why}")
    assert not (tmp_path / "kinds-fr.json").exists()


@pytest.mark.parametrize("lang", LANGS)
def test_entry_and_source_pages_are_the_indexed_body_with_their_kind(built_site, lang):
    for kind, ids in ENTRIES.items():
        for entry_id in ids:
            page = html(built_site, lang, f"{kind}/{entry_id}/index.html")
            assert page.count("data-pagefind-body") == 1, (kind, entry_id)
            assert f'data-pagefind-filter="kind:{kind}"' in page
    left_out = ["index.html", "diagnose/index.html", "print/index.html", "tags/index.html", "tags/payment/index.html",
                "cheatsheets/know-it-all/index.html"] + [f"{kind}/index.html" for kind in KINDS]
    for path in left_out:
        assert "data-pagefind-body" not in html(built_site, lang, path), path


def test_names_in_every_language_and_aliases_weigh_more_than_body_text(rendered):
    page = rendered["ru"]["archetypes/know-it-all/index.html"]  # its article, rendered in process
    weighted = re.search(r'<p class="aliases" data-pagefind-weight="7">(.*?)</p>', page, re.S)
    assert weighted, "the aliases line lost its weight"
    assert "Клиент-всезнайка" in weighted.group(1)  # the reader's own language's alias, first and heaviest
    others = re.search(r'<p class="aliases aliases--other" data-pagefind-weight="6">(.*?)</p>', page, re.S)
    assert others, "the other languages' names lost their (lower) weight"
    for name, lang in (("Know-it-all", "en"), ("Je-sais-tout", "fr"), ("Atotștiutorul", "ro"), ("Je sais tout", "fr")):
        assert re.search(rf'<span lang="{lang}">[^<]*{name}', others.group(1)), name
    assert "Клиент-всезнайка" not in others.group(1)


def test_citations_and_notices_are_left_out_of_the_index(rendered):
    page = rendered["fr"]["archetypes/penny-pincher/index.html"]  # untranslated: a notice
    assert re.search(r'<div data-pagefind-ignore="all">\s*<h2 id="sources"', page)
    assert 'class="cheatsheet-link" data-pagefind-ignore="all"' in page
    source = rendered["en"]["sources/article-two/index.html"]
    assert re.search(r'<div data-pagefind-ignore="all">\s*<h2 id="cited-by"', source)


def test_lunr_search_and_its_workarounds_are_gone(built_site):
    for lang in LANGS:
        assert not (built_site / LANGS[lang] / "search/search_index.json").exists()
    page = html(built_site, "ro", "archetypes/know-it-all/index.html")
    assert "Atotstiutorul" not in page  # no hidden copy without diacritics: Pagefind folds them


@pytest.fixture
def built_project(project_and_site):
    """A fixture project and its built site, to fail a second build over."""
    project, site = project_and_site
    return project, site, snapshot(site)


def fake_pagefind(folder: Path, script: str) -> str:
    path = folder / "pagefind"
    path.write_text("#!/bin/sh\n" + script + "\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


@pytest.mark.parametrize("binary,message", [
    ("/nonexistent/pagefind", "search index: the Pagefind binary was not found at /nonexistent/pagefind: "
                              "pip install -r requirements.txt (pagefind[bin]); nothing was built"),
    ("fails", "search index: Pagefind failed on the en pages (exit 3): Error: could not write the index; "
              "the previous site was kept"),
    ("warns", "search index: Found a page with two data-pagefind-body elements"),
])
def test_no_search_index_fails_the_build_with_one_line_and_keeps_the_site(built_project, tmp_path, binary, message):
    project, site, before = built_project
    if binary == "fails":
        binary = fake_pagefind(tmp_path, 'echo "Running Pagefind"; echo "Error: could not write the index" >&2; exit 3')
    elif binary == "warns":  # the real Pagefind, which also warns: a strict build fails on it
        binary = fake_pagefind(tmp_path, f'echo "Found a page with two data-pagefind-body elements" >&2; '
                                         f'exec "{search_binary()}" "$@"')
    result = mkdocs_build(project, site, env={"PAGEFIND_BINARY_PATH": binary})
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(site) == before


def test_a_page_that_loses_its_search_body_is_named(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page = site / "ru/symptoms/long-stories/index.html"
    page.write_text(page.read_text("utf-8").replace("data-pagefind-body", "data-was-body"), "utf-8")
    pages = sum(len(ids) for ids in ENTRIES.values())
    with pytest.raises(SearchError) as error:
        build_index(site, dict.fromkeys(LANGS, pages))
    assert str(error.value) == (f"the ru search index has {pages - 1} pages, expected {pages}: "
                                "ru/symptoms/long-stories/index.html has no data-pagefind-body")
