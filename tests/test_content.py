"""The real knowledge base: complete, linked, translated, and faithful to the five articles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.content import load_handbook
from generator.i18n import untranslated
from generator.languages import TRANSLATIONS

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "tests" / "seeds"  # the five scraped articles, as received
ARCHETYPES = {"know-it-all", "reluctant-delegate", "public-budget", "one-more-tweak", "talker", "due-yesterday",
              "realist", "abuser", "non-payer", "all-nighter", "anti-contract", "indecisive", "penny-pincher",
              "insatiable", "manipulator", "controller"}
SOURCES = {"seven-client-types": "000", "difficult-clients": "001", "eight-problem-clients": "002",
           "manipulator-client": "003", "client-satisfaction": "004"}
DEBRIS = {"image", "All Articles", "Articole similare", "Trimiteți-le prietenilor:", "Anonim",
          "Logo ru.artbmxmagazine.com"}


@pytest.fixture(scope="module")
def book():
    return load_handbook(REPO / "content", REPO)


def test_counts(book):
    assert ARCHETYPES <= set(book["archetypes"])
    assert set(book["sources"]) == set(SOURCES)
    assert len(book["symptoms"]) >= 25 and len(book["responses"]) >= 25


def test_every_archetype_links_a_symptom_a_response_and_a_source_section(book):
    for archetype in book["archetypes"].values():
        assert archetype.symptoms, archetype.id
        assert archetype.responses, archetype.id
        assert archetype.citations, archetype.id


def test_everything_is_translated(book):
    for entry in book.all():
        for lang in TRANSLATIONS:
            assert not untranslated(entry, lang), (entry.path, lang)


def test_every_claim_cites_a_source(book):
    for entry in book.all():
        if entry.kind != "sources":
            assert entry.citations, entry.path


def _words(text: str) -> str:
    text = re.sub(r"^\s*(\d+\.|•|-)\s+", "", text, flags=re.M)  # list markers are layout
    return " ".join(text.split())


@pytest.mark.parametrize("source_id", SOURCES)
def test_source_text_is_the_article_word_for_word(book, source_id):
    source = book.get("sources", source_id)
    seed = next(SEEDS.glob(f"{SOURCES[source_id]}_*.txt")).read_text("utf-8")
    kept = _words("\n".join(f"{section.heading}\n{section.text}" for section in source.sections))
    lines = [line.strip() for line in seed.splitlines() if line.strip()]
    lines = [line for line in lines if line not in DEBRIS and line != source.title
             and not line.startswith("Source: http")]
    position = 0
    for line in lines:
        found = kept.find(_words(line), position)
        assert found >= 0, f"{source_id}: not found in order: {line[:80]}"
        position = found
    for debris in DEBRIS - {"image"}:
        assert debris not in kept
