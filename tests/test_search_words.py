"""Search's words, without a build: stop words kept as data, elision split, each language's vocabulary for
"Did you mean", and entries' search terms checked like any text (tests/test_search_browser.py drives them)."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace

import pytest
from conftest import FIXTURE

from generator.content.handbook import load_handbook
from generator.content.model import Handbook
from generator.content.problems import ContentError
from generator.features.vocabulary import STOP_FILE, WORDS_FILE, files, vocabulary, warnings
from generator.language.codes import LANGUAGES
from generator.language.words import STOPWORDS, fold, stop_words, words


@pytest.mark.parametrize("lang,stop,kept", [
    ("en", ["who", "the", "not", "don't"], ["client", "pay", "night"]),
    ("fr", ["qui", "ne", "pas", "il", "qu"], ["client", "paie", "nuit"]),
    ("ro", ["care", "nu", "în", "si"], ["client", "plătește", "ieri", "timp"]),  # ieri, timp: left out
    ("ru", ["не", "кто", "все", "всё"], ["клиент", "платит", "ночью"]),
])
def test_each_language_has_a_stop_word_list_named_by_its_source(lang, stop, kept):
    head = (STOPWORDS / f"{lang}.txt").read_text("utf-8").splitlines()[0]
    assert head.startswith("#") and ("Snowball" in head or "ranks.nl" in head), head
    assert all(fold(word) in stop_words(lang) for word in stop), [w for w in stop if fold(w) not in stop_words(lang)]
    assert not any(fold(word) in stop_words(lang) for word in kept)


@pytest.mark.parametrize("lang,text,expected", [
    ("fr", "Il m’insulte", ["il", "insulte"]),
    ("fr", "l'avance d'un client qu'il n'a pas jusqu'ici", ["avance", "un", "client", "il", "a", "pas", "ici"]),
    ("fr", "Je-sais-tout, aujourd'hui", ["je-sais-tout", "aujourd'hui"]),
    ("ro", "N-a plătit într-un an; spune-mi", ["a", "plătit", "un", "an", "spune"]),
    ("ro", "rău-platnici s-au dus", ["rău-platnici", "au", "dus"]),
    ("en", "Client who won't pay, know-it-all", ["client", "who", "won't", "pay", "know-it-all"]),
    ("ru", "Клиент-всезнайка не платит", ["клиент-всезнайка", "не", "платит"]),
])
def test_words_split_elision_and_clitics_as_the_browser_does(lang, text, expected):
    assert words(text, lang) == expected


@pytest.fixture(scope="module")
def book():
    return load_handbook(FIXTURE / "content", FIXTURE)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_vocabulary_holds_the_pages_words_without_stop_words_within_its_bound(book, lang):
    words_of = vocabulary(book, lang)
    folded = [fold(word) for word in words_of]
    assert len(folded) == len(set(folded))  # each word once, as it is most often written
    assert not set(folded) & stop_words(lang)
    assert "vorbaretul" in folded and "всезнайка" in folded  # names in every language are on every page
    assert len(vocabulary(book, lang, limit=5)) == 5
    written = files(book, lang)
    assert json.loads(written[WORDS_FILE]) == words_of
    assert set(json.loads(written[STOP_FILE])) == stop_words(lang)


def test_search_terms_are_in_the_vocabulary_of_their_language_only(book):
    assert "remise" in vocabulary(book, "fr") and "remise" not in vocabulary(book, "en")
    assert "скидка" in vocabulary(book, "ru")


def problems_with(tmp_path, relpath: str, search_terms: str) -> list[str]:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", content)
    path = content / relpath
    text = path.read_text("utf-8")
    path.write_text(text.replace("citations:", f"search_terms: {search_terms}\ncitations:", 1), "utf-8")
    with pytest.raises(ContentError) as error:
        load_handbook(content, tmp_path)
    return [str(problem) for problem in error.value.problems]


@pytest.mark.parametrize("terms,message", [
    ('{en: ["<b>ghosting</b>"]}', "search_terms.en[0]: '<b>ghosting</b>' has markup characters (<>) "
                                  "(write plain words, as a reader types them)"),
    ('{en: ["' + "x" * 61 + '"]}', "…' is longer than 60 characters"),
    ('{en: ["\u200b"]}', "search_terms.en[0]: text has no visible character, only U+200B"),
    ('{en: []}', "search_terms.en: the list is empty"),
    ('{en: "ghosting"}', "search_terms.en: expected a list, found text"),
    ('{de: ["Geist"]}', "search_terms.de: unknown field 'de' (allowed here: en, fr, ro, ru)"),
    ('{en: ["a", "a"]}', "search_terms.en: the list has the same item twice"),
])
def test_bad_search_terms_are_clear_errors_at_their_line(tmp_path, terms, message):
    found = problems_with(tmp_path, "symptoms/long-stories.yml", terms)
    assert any("content/symptoms/long-stories.yml:3:" in p and message in p for p in found), found


def test_a_search_term_that_repeats_a_name_is_a_warning(book):
    assert [str(w) for w in warnings(book)] == []
    talker = book.get("archetypes", "talker")
    others = [entry for kind in book.kinds for entry in book[kind].values() if entry is not talker]
    repeated = Handbook([replace(talker, search_terms={"ru": ("болтун",)}), *others])
    assert [str(w) for w in warnings(repeated)] == [
        f"{talker.path}:1:1: search_terms.ru[0]: 'болтун' is the entry's name or an alias already "
        "(remove it: names and aliases are searched anyway)"]


def test_the_filter_words_a_page_holds_are_folded_as_the_browser_folds_a_query(book):
    # The diagnosis filter without the search index compares the reader's words, folded by assets/matcher.js
    # (ё as е, no accents), with each sign's data-words: written with the same fold, or "отчёт" finds nothing.
    from generator.render.renderer import Renderer

    sign = book.get("symptoms", "long-stories")
    sign = replace(sign, name={**sign.name, "ru": "Требует отчёты", "ro": "Povești lungi"},
                   search_terms={"ru": ("всё контролирует",)})
    held = Renderer(book, "ru").search_words(sign).split(" ")
    for typed in ("отчёты", "всё", "povești"):
        assert fold(typed) in held, (typed, held)
