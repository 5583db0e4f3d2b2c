"""`python -m generator synth`: a valid, buildable, deterministic synthetic handbook."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ENV, REPO, mkdocs_build

from benchmarks.synth import counts
from generator.content.handbook import load_handbook

N = 40


def synth(out: Path, entries: int = N, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "synth", "--entries", str(entries),
                           "--out", str(out), *extra], capture_output=True, text=True, env=ENV, cwd=REPO)


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "project"
    result = synth(out)
    assert result.returncode == 0, result.stderr
    return out


def test_synthetic_content_passes_check(project):
    result = subprocess.run([sys.executable, "-m", "generator", "--content", str(project / "content"),
                             "check"], capture_output=True, text=True, env=ENV, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All content is valid" in result.stdout


def test_kinds_in_proportion_all_languages_everywhere(project):
    book = load_handbook(project / "content", project)
    assert {kind: len(book[kind]) for kind in book.kinds} == counts(N) == \
        {"archetypes": 8, "symptoms": 14, "responses": 14, "sources": 4}
    for entry in book.all():
        assert set(entry.name) == set(entry.summary) == {"en", "fr", "ro", "ru"}, entry.path
    # Relations in both directions and citations are really there, not just allowed to be empty.
    assert all(book.linked(a, "symptoms") and book.linked(a, "responses")
               for a in book["archetypes"].values())
    assert all(book.cited_by.get(source) for source in book["sources"])


@pytest.mark.build
def test_synthetic_project_builds_strict(project, tmp_path):
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    for prefix in ("", "fr/", "ro/", "ru/"):
        assert (tmp_path / "site" / prefix / "archetypes" / "index.html").is_file()


def test_same_n_gives_the_same_files(project, tmp_path):
    again = tmp_path / "again"
    assert synth(again).returncode == 0
    assert files(again) == files(project)
    other = tmp_path / "other"
    assert synth(other, N + 1).returncode == 0
    assert files(other / "content") != files(project / "content")


def test_refuses_to_overwrite_content_without_force(project, tmp_path):
    out = tmp_path / "copy"
    assert synth(out, 8).returncode == 0
    refused = synth(out, 8)
    assert refused.returncode == 1 and "--force" in refused.stderr
    assert synth(out, 8, "--force").returncode == 0


def test_too_few_entries_is_an_error(tmp_path):
    result = synth(tmp_path / "tiny", 3)
    assert result.returncode == 1 and "at least 4" in result.stderr
