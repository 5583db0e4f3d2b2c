"""A rebuild under `mkdocs serve` re-reads only the content files whose bytes changed."""

from __future__ import annotations

import pytest

import generator.content.handbook as content
from generator.content.problems import ContentError


def test_a_build_keeps_no_parsed_documents(project, monkeypatch):
    # Outside `serve`, the documents (with every value's position) are let go once the entries are made.
    monkeypatch.setattr(content, "_CHECKED", {})
    monkeypatch.setattr(content, "_ENTRIES", {})
    assert content.load_handbook(project / "content", project).get("archetypes", "talker")
    assert content._CHECKED == {} and content._ENTRIES == {}


def test_only_changed_files_are_parsed_again(project, monkeypatch):
    # Under `mkdocs serve` (remember=True): a rebuild parses only the files whose bytes changed.
    parsed = []
    real_parse = content.parse
    monkeypatch.setattr(content, "parse", lambda raw, display: parsed.append(display) or real_parse(raw, display))
    monkeypatch.setattr(content, "_CHECKED", {})
    first = content.load_handbook(project / "content", project, remember=True)
    count = len(parsed)
    assert count == len(list((project / "content").glob("*/*.yml")))
    parsed.clear()
    assert content.load_handbook(project / "content", project, remember=True).get("archetypes", "talker").name == \
        first.get("archetypes", "talker").name
    assert parsed == []
    talker = project / "content/archetypes/talker.yml"
    talker.write_text(talker.read_text("utf-8").replace('en: "Talker"', 'en: "Chatterbox"'), "utf-8")
    changed = content.load_handbook(project / "content", project, remember=True)
    assert changed.get("archetypes", "talker").name["en"] == "Chatterbox"
    assert parsed == ["content/archetypes/talker.yml"]
    talker.write_text(talker.read_text("utf-8").replace('en: "Chatterbox"', "en: [broken"), "utf-8")
    with pytest.raises(ContentError, match="talker.yml"):
        content.load_handbook(project / "content", project, remember=True)
