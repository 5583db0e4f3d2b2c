"""The contributor commands: new, status (coverage, missing, stale) and the stale notice on pages."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from conftest import ENV, mkdocs_build


def run(project, *args):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, capture_output=True,
                          text=True, env={**ENV, "GITHUB_ACTIONS": "false"})


def test_new_writes_a_skeleton_that_passes_check_once_filled(project):
    result = run(project, "new", "response", "ask-for-a-brief")
    assert result.returncode == 0, result.stderr
    path = project / "content/responses/ask-for-a-brief.yml"
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../generator/schemas/response.schema.json")
    assert all(f'{lang}: "TODO' in text for lang in ("en", "fr", "ro", "ru"))
    assert run(project, "check").returncode == 1  # placeholders still there
    filled = re.sub(r'"TODO ([^"(]*)\((\w+)\)"', r'"A real \1 in \2"', text)
    filled = filled.replace("TODO-symptom-id", "long-stories").replace("TODO-source-id", "article-one")
    filled = filled.replace("TODO-section-id", "talker")
    path.write_text(filled, "utf-8")
    checked = run(project, "check")
    assert checked.returncode == 0, checked.stdout


def test_new_refuses_existing_and_ill_formed_ids(project):
    existing = run(project, "new", "archetype", "talker")
    assert existing.returncode == 1 and "already exists" in existing.stderr
    bad = run(project, "new", "symptom", "Calls_At_Night")
    assert bad.returncode == 1 and "'Calls_At_Night' cannot be an id" in bad.stderr
    escape = run(project, "new", "symptom", "../evil")
    assert escape.returncode == 1 and not (project / "evil.yml").exists()


def test_a_reader_that_leaves_early_gets_no_traceback(project):
    # `python -m generator status | head -1`, with a reader that has already left: every write finds the pipe
    # closed.
    read, write = os.pipe()
    os.close(read)
    try:
        result = subprocess.run([sys.executable, "-m", "generator", "status", "-v"], cwd=project, stdout=write,
                                stderr=subprocess.PIPE, env={**ENV, "GITHUB_ACTIONS": "false"}, timeout=60)
    finally:
        os.close(write)
    assert (result.returncode, result.stderr) == (1, b"")


def test_status_reports_coverage_and_missing_translations(project):
    result = run(project, "status")
    assert result.returncode == 0
    assert re.search(r"archetypes\s+2/3 67%\s+2/3 67%\s+2/3 67%", result.stdout)
    assert "fr  content/archetypes/penny-pincher.yml: name, summary, why" in result.stdout
    assert "ru  content/archetypes/penny-pincher.yml: why" in result.stdout


@pytest.mark.build
def test_changed_english_makes_translations_stale_on_status_and_page(project, tmp_path):
    assert run(project, "status", "--mark", "fr", "archetypes/talker").returncode == 0
    talker = project / "content/archetypes/talker.yml"
    assert 'fr: "' in talker.read_text().split("translated_from:")[1]
    assert "Outdated translations (the English text changed after they were written): none" in \
        run(project, "status").stdout
    talker.write_text(talker.read_text().replace("Long stories instead of answers.",
                                                 "Long stories instead of short answers."))
    status = run(project, "status").stdout  # no git here: the recorded version tells, not which field
    assert "Outdated translations (the English text changed after they were written): 1" in status
    assert "  fr  content/archetypes/talker.yml\n      the English changed since the recorded version" in status
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    assert "Traduction peut-être dépassée" in (site / "fr/archetypes/talker/index.html").read_text("utf-8")
    assert "Перевод может быть устаревшим" not in (site / "ru/archetypes/talker/index.html").read_text("utf-8")
    run(project, "status", "--mark", "fr", "archetypes/talker")
    assert "Outdated translations (the English text changed after they were written): none" in \
        run(project, "status").stdout


def test_every_command_has_help(project):
    for command in ("check", "new", "status", "links"):
        result = run(project, command, "--help")
        assert result.returncode == 0 and "usage: python -m generator" in result.stdout
