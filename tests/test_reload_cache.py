"""A rebuild under `mkdocs serve` re-reads only the content files whose bytes changed."""

from __future__ import annotations

import pytest

import generator.content.handbook as content
from generator.content.problems import ContentError


def test_a_build_keeps_no_parsed_documents(project, monkeypatch):
    # Outside `serve`, the documents (with every value's position) are let go once the entries are made: the
    # only place that keeps them is a Remembered, which only the serve session makes.
    made = []
    monkeypatch.setattr(content, "Remembered", lambda: made.append(1))
    assert content.load_handbook(project / "content", project).get("archetypes", "talker")
    assert made == []


def test_only_changed_files_are_parsed_again(project, monkeypatch):
    # Under `mkdocs serve` (the session's Remembered): a rebuild parses only the files whose bytes changed.
    parsed = []
    real_parse = content.parse
    monkeypatch.setattr(content, "parse", lambda raw, display: parsed.append(display) or real_parse(raw, display))
    memory = content.Remembered()
    first = content.load_handbook(project / "content", project, memory=memory)
    count = len(parsed)
    assert count == len(list((project / "content").glob("*/*.yml")))
    parsed.clear()
    assert content.load_handbook(project / "content", project, memory=memory).get("archetypes", "talker").name == \
        first.get("archetypes", "talker").name
    assert parsed == []
    talker = project / "content/archetypes/talker.yml"
    talker.write_text(talker.read_text("utf-8").replace('en: "Talker"', 'en: "Chatterbox"'), "utf-8")
    changed = content.load_handbook(project / "content", project, memory=memory)
    assert changed.get("archetypes", "talker").name["en"] == "Chatterbox"
    assert parsed == ["content/archetypes/talker.yml"]
    talker.write_text(talker.read_text("utf-8").replace('en: "Chatterbox"', "en: [broken"), "utf-8")
    with pytest.raises(ContentError, match="talker.yml"):
        content.load_handbook(project / "content", project, memory=memory)
