"""Outdated translations from git history: tracked from the first commit, named by field, with the
English before and after; `--mark` takes what `status` prints; CI's `--since` warns, escaped."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml
from conftest import ENV, FIXTURE, mkdocs_build

from generator.content.handbook import load_handbook
from generator.content.texts import entry_texts, text_version, texts_of, version_of

TALKER = "content/archetypes/talker.yml"
OLD, NEW = "Long stories instead of answers.", "Long stories instead of short answers."


def run(project, *args, github: bool = False):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, capture_output=True,
                          text=True, env={**ENV, "GITHUB_ACTIONS": "true" if github else "false"})


def git(project, *args):
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=project,
                   check=True, capture_output=True)


@pytest.fixture
def repo(project):
    """The fixture project as a git repository with one commit."""
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "The handbook")
    return project


def edit(project, rel, old, new):
    path = project / rel
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def outdated_section(stdout: str) -> str:
    return stdout[stdout.index("Outdated translations"):]


def test_a_changed_english_text_outdates_its_translations_without_any_mark(repo):
    edit(repo, TALKER, OLD, NEW)  # talker was never marked: it is tracked since its first commit
    section = outdated_section(run(repo, "status").stdout)
    assert section.startswith("Outdated translations (the English text changed after they were written): 3\n")
    commit = subprocess.run(["git", "rev-parse", "--short=7", "HEAD"], cwd=repo, capture_output=True,
                            text=True).stdout.strip()
    for lang in ("fr", "ro", "ru"):
        assert (f"  {lang}  {TALKER}\n      summary, translated from the English of ") in section
        assert f"({commit}):\n        before: {OLD}\n        after:  {NEW}\n" in section
    assert "name" not in section.replace("names", "")  # only the field that changed


def test_a_new_entry_is_tracked_from_its_first_commit(repo):
    new = repo / "content/symptoms/talks-over-you.yml"
    new.write_text('name: {en: "Talks over you", fr: "Vous coupe la parole"}\n'
                   'summary: {en: "Interrupts.", fr: "Interrompt."}\n'
                   "citations: [{source: article-one, section: talker}]\n", "utf-8")
    assert "written): none" in run(repo, "status").stdout  # translated together with the English
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "New symptom")
    edit(repo, "content/symptoms/talks-over-you.yml", '"Interrupts."', '"Interrupts you mid-sentence."')
    section = outdated_section(run(repo, "status").stdout)
    assert "  fr  content/symptoms/talks-over-you.yml\n      summary, translated" in section
    assert "before: Interrupts.\n        after:  Interrupts you mid-sentence." in section


def test_revising_the_translation_brings_it_up_to_date(repo):
    edit(repo, TALKER, OLD, NEW)
    git(repo, "commit", "-qam", "English")
    edit(repo, TALKER, '"De longues histoires au lieu de réponses."', '"De longues histoires au lieu de réponses '
                                                                       'courtes."')
    section = outdated_section(run(repo, "status").stdout)
    assert f"  fr  {TALKER}" not in section and f"  ro  {TALKER}" in section  # uncommitted counts too
    git(repo, "commit", "-qam", "French")
    assert f"  fr  {TALKER}" not in outdated_section(run(repo, "status").stdout)


def test_mark_takes_the_language_and_file_exactly_as_status_prints_them(repo):
    edit(repo, TALKER, OLD, NEW)
    git(repo, "commit", "-qam", "English")
    stdout = run(repo, "status").stdout
    printed = next(line for line in outdated_section(stdout).splitlines() if line.startswith("  ro  "))
    assert printed == f"  ro  {TALKER}"
    marked = run(repo, "status", "--mark", *printed.split())
    assert marked.returncode == 0, marked.stderr
    section = outdated_section(run(repo, "status").stdout)
    assert f"  ro  {TALKER}" not in section and f"  fr  {TALKER}" in section
    # The command printed at the end works as printed, too.
    command = next(line for line in stdout.splitlines() if "status --mark" in line).split(": ", 1)[1]
    assert command == f"python -m generator status --mark fr {TALKER}"
    assert run(repo, *command.split()[3:]).returncode == 0
    assert f"  fr  {TALKER}" not in outdated_section(run(repo, "status").stdout)
    # A marked translation becomes outdated again when the English changes again, named by field.
    git(repo, "commit", "-qam", "Reviewed")
    edit(repo, TALKER, NEW, "Long stories, never short answers.")
    section = outdated_section(run(repo, "status").stdout)
    assert f"  fr  {TALKER}\n      summary" in section and f"before: {NEW}\n" in section


def test_mark_accepts_the_other_spellings_and_refuses_unknown_files(repo):
    for target in (TALKER + ":", "archetypes/talker", "archetypes/talker.yml", "./" + TALKER):
        assert run(repo, "status", "--mark", "ru", target).returncode == 0, target
    missing = run(repo, "status", "--mark", "ru", "content/archetypes/nobody.yml")
    assert missing.returncode == 1 and "no entry 'content/archetypes/nobody.yml'" in missing.stderr


def test_mark_rewrites_a_one_line_translated_from(repo):
    edit(repo, TALKER, "citations:", 'translated_from: {fr: "00000000"}\ncitations:')
    assert run(repo, "status", "--mark", "ro", TALKER).returncode == 0
    data = yaml.safe_load((repo / TALKER).read_text("utf-8"))
    assert data["translated_from"]["fr"] == "00000000" and len(data["translated_from"]["ro"]) == 8
    assert run(repo, "check").returncode == 0


def test_ci_warns_only_about_translations_the_change_outdated(repo):
    edit(repo, "content/archetypes/know-it-all.yml", '"Believes they know best."', '"Believes they know it all."')
    git(repo, "commit", "-qam", "Outdated before the pull request")
    git(repo, "checkout", "-qb", "pull-request")
    edit(repo, TALKER, OLD, NEW)
    git(repo, "commit", "-qam", "The pull request")
    result = run(repo, "status", "--since", "main", github=True)
    assert result.returncode == 0
    warnings = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert len(warnings) == 3 and "know-it-all" not in result.stdout
    assert warnings[0] == (f"::warning file={TALKER},line=2,col=15::fr translation may be outdated: the English "
                           f"text of summary changed. Before: {OLD} After: {NEW}")
    unknown = run(repo, "status", "--since", "no-such-branch")
    assert unknown.returncode == 1 and "'no-such-branch' is not a commit" in unknown.stderr


def test_warnings_are_escaped_so_a_text_cannot_forge_a_command(repo):
    edit(repo, TALKER, f'"{OLD}"', '"100% sure\\n::error file=README.md,line=1::forged"')
    git(repo, "commit", "-qam", "Hostile English")
    result = run(repo, "status", "--since", "HEAD^1", github=True)
    lines = result.stdout.splitlines()
    assert [line[:10] for line in lines if line.lstrip().startswith("::")] == ["::warning "] * 3
    assert r"After: 100%25 sure\n::error file=README.md,line=1::forged" in lines[-1]
    assert "        after:  100% sure\\n::error file=README.md,line=1::forged" in result.stdout


@pytest.mark.build
def test_the_page_of_an_outdated_translation_says_so(repo, tmp_path):
    edit(repo, TALKER, OLD, NEW)
    git(repo, "commit", "-qam", "English")
    site = tmp_path / "site"
    assert mkdocs_build(repo, site).returncode == 0
    assert "Traduction peut-être dépassée" in (site / "fr/archetypes/talker/index.html").read_text("utf-8")
    assert "Traduction peut-être dépassée" not in (site / "fr/archetypes/know-it-all/index.html").read_text("utf-8")


def test_raw_texts_and_their_fingerprint_match_the_model():
    # History is read from raw YAML; marks are written from the model: both must see the same texts.
    book = load_handbook(FIXTURE / "content", FIXTURE)
    for entry in book.all():
        raw = texts_of(yaml.safe_load((FIXTURE / entry.path).read_text("utf-8")))
        assert raw == {path: dict(text) for path, text in entry_texts(entry).items()}, entry.path
        assert version_of(raw) == text_version(entry)
