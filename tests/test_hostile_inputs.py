"""Hostile pull requests: links out of the checkout, names that forge CI commands, invisible text,
inputs made to stall `check` or the build. Each is refused with file and reason, or rendered inert.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ENV, mkdocs_build

SYMPTOM = 'name: {en: "Calls at night"}\nsummary: {en: "Calls at 2 a.m."}\n' \
          "citations: [{source: article-one, section: talker}]\n"
LINK_HINT = "(commit the file itself inside content/)"


def check(project: Path, *, github: bool = False, timeout: int = 120) -> subprocess.CompletedProcess:
    env = {**ENV, "GITHUB_ACTIONS": "true"} if github else {k: v for k, v in ENV.items() if k != "GITHUB_ACTIONS"}
    return subprocess.run([sys.executable, "-m", "generator", "check"], cwd=project, capture_output=True,
                          text=True, env=env, timeout=timeout)


def only_problems(result: subprocess.CompletedProcess) -> list[str]:
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert result.returncode == 1, result.stdout
    return result.stdout.splitlines()


# Links and special files: refused from the directory entry, before anything is opened.

def test_a_link_to_a_yaml_file_outside_the_checkout_is_refused_and_never_read(project, tmp_path):
    secret = tmp_path / "secret.yml"
    secret.write_text(SYMPTOM.replace("Calls at night", "SECRET-OUTSIDE"), "utf-8")
    os.symlink(secret, project / "content/symptoms/x.yml")
    assert only_problems(check(project)) == [
        f"content/symptoms/x.yml:1:1: a symbolic link, which could read a file outside the repository {LINK_HINT}"]


def test_a_refused_link_leaves_the_published_site_whole(project_and_site, tmp_path):
    project, site = project_and_site
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    secret = tmp_path / "secret.yml"
    secret.write_text(SYMPTOM.replace("Calls at night", "SECRET-OUTSIDE"), "utf-8")
    os.symlink(secret, project / "content/symptoms/x.yml")
    result = mkdocs_build(project, site)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "content/symptoms/x.yml:1:1: a symbolic link" in result.stderr
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert not any(b"SECRET-OUTSIDE" in data for data in before.values())


@pytest.mark.parametrize("case, make, expected", [
    ("relative link inside content/",
     lambda c: os.symlink("long-stories.yml", c / "symptoms/x.yml"),
     f"content/symptoms/x.yml:1:1: a symbolic link, which could read a file outside the repository {LINK_HINT}"),
    ("link to a folder in a kind folder",
     lambda c: os.symlink("/etc", c / "symptoms/etc"),
     f"content/symptoms/etc:1:1: a symbolic link, which could read a file outside the repository {LINK_HINT}"),
    ("a kind folder that is a link",
     lambda c: (os.rename(c / "symptoms", c.parent / "elsewhere"), os.symlink(c.parent / "elsewhere", c / "symptoms")),
     f"content/symptoms:1:1: a symbolic link, which could read a file outside the repository {LINK_HINT}"),
    ("a named pipe",
     lambda c: os.mkfifo(c / "symptoms/x.yml"),
     f"content/symptoms/x.yml:1:1: not a regular file (a device, pipe or socket) {LINK_HINT}"),
])
def test_links_and_special_files_are_refused(project, case, make, expected):
    make(project / "content")
    lines = only_problems(check(project))
    if case == "a kind folder that is a link":  # its entries are missing too: references to them fail
        assert expected in lines
    else:
        assert lines == [expected]


def test_a_content_folder_that_is_a_link_is_refused(project):
    os.rename(project / "content", project / "real-content")
    os.symlink(project / "real-content", project / "content")
    lines = only_problems(check(project))
    assert lines == ["content:1:1: the content folder is a symbolic link, which could read a file "
                     "outside the repository (content/ must be a real folder of the repository)"]


# Names and texts that would forge output: terminal escapes and GitHub workflow commands.

HOSTILE_NAMES = [
    "x\n::error file=README.md,line=1::forged.yml",
    "x\r::warning::forged.yml",
    "x%0A::error::forged.yml",
    "x\x1b[2Jclear.yml",
    "\u202eforged.yml",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_no_printed_line_can_start_a_workflow_command(project, name):
    (project / "content/symptoms" / name).write_text(SYMPTOM, "utf-8")
    result = check(project, github=True)
    lines = only_problems(result)
    assert len(lines) == 2, lines  # the problem, then its annotation
    text, annotation = lines
    assert text.startswith("content/symptoms/x") or text.startswith("content/symptoms/\\u202e")
    assert "file name" in text and "an id is lowercase ASCII letters" in text
    assert annotation.startswith("::error file=content/symptoms/")
    props, message = annotation[len("::error "):].split("::", 1)
    assert re.fullmatch(r"file=[^,:]+,line=1,col=1", props), props  # ',' and ':' of the name are escaped
    for line in result.stdout.splitlines() + result.stderr.splitlines():
        assert "\x1b" not in line and "\r" not in line and "\u202e" not in line
        assert not line.lstrip().startswith("::") or line is annotation or line == annotation


def test_annotations_escape_what_github_would_read_as_commands():
    from generator.content.problems import Problem, annotation

    problem = Problem("content/symptoms/a,b:c.yml", 3, 7, "name.en", "bad\n::error::x 100%", "hint\r")
    assert problem.github() == ("::error file=content/symptoms/a%2Cb%3Ac.yml,line=3,col=7::"
                                "name.en: bad\\n::error::x 100%25 (hint\\r)")
    assert annotation("warning", "a\nb") == "::warning::a\\nb"


@pytest.mark.parametrize("written, expected", [
    ('"x\\e[2J\\0\\a"', "the text holds the invisible character U+001B (a control character)"),
    ('"a\\u202eb"', "the text holds the invisible character U+202E (right-to-left override)"),
    ('"a\\u2066b"', "the text holds the invisible character U+2066 (left-to-right isolate)"),
    ('"a\\rb"', "the text holds the invisible character U+000D (a control character)"),
    ('"a\\ufdd0b"', "the text holds the invisible character U+FDD0 (a noncharacter)"),
])
def test_control_characters_written_as_escapes_are_refused(project, written, expected):
    (project / "content/symptoms/x.yml").write_text(SYMPTOM.replace('"Calls at 2 a.m."', written), "utf-8")
    assert only_problems(check(project)) == [
        f"content/symptoms/x.yml:2:15: summary.en: {expected} "
        "(remove it; a YAML escape such as \\e or \\u202e is read as that character)"]


@pytest.mark.parametrize("written, expected", [
    ('"\\u200b"', "text has no visible character, only U+200B (write the text with letters, or remove the field)"),
    ('"\\u200d \\ufeff\\u2060"', "text has no visible character, only U+200D, U+2060, U+FEFF "
                                 "(write the text with letters, or remove the field)"),
    ('" \\t "', "text is empty (write the text or remove the field)"),
])
def test_a_text_needs_a_visible_character(project, written, expected):
    (project / "content/symptoms/x.yml").write_text(SYMPTOM.replace('"Calls at night"', written), "utf-8")
    assert only_problems(check(project)) == [f"content/symptoms/x.yml:1:12: name.en: {expected}"]


def test_tabs_and_line_breaks_stay_allowed_where_text_allows_them(project):
    source = project / "content/sources/article-one.yml"
    source.write_text(source.read_text("utf-8").replace(
        'text: "Il répond à 1 question 1,5 heures."', 'text: "Il répond\\tà 1 question.\\nEt puis 1,5 heures."'))
    result = check(project)
    assert result.returncode == 0, result.stdout


# Bounded work: nothing a pull request holds makes `check` or the build stall.

def test_24000_broken_references_are_checked_in_seconds(project):
    content = project / "content"
    sections = "".join(f'  - id: s-{i}\n    heading: "Section {i}"\n    text: "Text {i}."\n' for i in range(2000))
    (content / "sources/big.yml").write_text(
        'language: fr\ntitle: "Big"\nname: {en: "Big"}\nsummary: {en: "Big."}\nsections:\n' + sections, "utf-8")
    for f in range(12):
        citations = "".join(f"  - {{source: big, section: missing-{f}-{i}}}\n" for i in range(2000))
        (content / f"symptoms/broken-{f}.yml").write_text(
            f'name: {{en: "Broken {f}"}}\nsummary: {{en: "Broken."}}\ncitations:\n{citations}', "utf-8")
    lines = only_problems(check(project, timeout=60))  # it used to run for minutes
    assert len(lines) == 12 * 51
    assert lines[0] == ("content/symptoms/broken-0.yml:4:28: citations[0].section: source 'big' has no section "
                        "'missing-0-0' (its sections: s-0, s-1, s-10, s-100, s-1000, s-1001, s-1002, s-1003, "
                        "s-1004, s-1005 and 1990 more)")
    assert lines[50] == ("content/symptoms/broken-0.yml:54:28: 1950 more problems in this file are not shown "
                         "(fix these first, then check again)")


def test_near_misses_still_get_their_hint_among_thousands(project):
    content = project / "content"
    sections = "".join(f'  - id: s-{i}\n    heading: "Section {i}"\n    text: "Text {i}."\n' for i in range(2000))
    (content / "sources/big.yml").write_text(
        'language: fr\ntitle: "Big"\nname: {en: "Big"}\nsummary: {en: "Big."}\nsections:\n' + sections, "utf-8")
    (content / "symptoms/x.yml").write_text(SYMPTOM.replace("article-one, section: talker", "big, section: s-1999x"))
    assert only_problems(check(project)) == [
        "content/symptoms/x.yml:3:36: citations[0].section: source 'big' has no section 's-1999x' "
        "(did you mean 's-1999'?)"]


def test_ten_thousand_tiny_files_get_a_capped_report(project):
    folder = project / "content/symptoms"
    for i in range(10_000):
        (folder / f"tiny-{i:05}.yml").write_text("", "utf-8")
    result = check(project, timeout=120)
    lines = only_problems(result)
    assert len(lines) == 1001
    assert lines[0] == ("content/symptoms/tiny-00000.yml:1:1: file is empty "
                        "(run `python -m generator new` for a skeleton entry)")
    assert lines[-1] == ("content/symptoms/tiny-01000.yml:1:1: 9000 more problems in content are not shown "
                         "(fix these first, then check again)")


@pytest.mark.build
def test_a_200_kb_run_of_emphasis_characters_builds_in_seconds_as_text(project, tmp_path):
    stars = "*" * 200_000
    (project / "content/symptoms/stars.yml").write_text(
        SYMPTOM.replace('"Calls at 2 a.m."', f'"{stars}"').replace("Calls at night", "Stars"), "utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site, timeout=180)  # it used to run for hours
    assert result.returncode == 0, result.stderr
    for lang in ("", "ru/"):
        html = (site / lang / "symptoms/stars/index.html").read_text("utf-8")
        assert stars in html and "<em>" not in html.split("<article", 1)[1]


@pytest.mark.build
def test_source_text_stays_text_setext_underlines_included(project, tmp_path):
    source = project / "content/sources/article-one.yml"
    source.write_text(source.read_text("utf-8").replace(
        'text: "Il répond à 1 question 1,5 heures."',
        'text: "Un titre\\n===\\nUn autre\\n---\\n1) liste\\n> citation\\n    code\\n| a | b |\\n<b>gras</b> &amp;"'))
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    for lang in ("", "fr/", "ru/"):
        html = (site / lang / "sources/article-one/index.html").read_text("utf-8")
        article = html.split("<article", 1)[1].split("</article>", 1)[0]
        assert article.count("<h1") == 1  # the page's own title only
        assert "<hr" not in article and "<blockquote" not in article and "<pre" not in article
        assert "<b>" not in article and "<table" not in article
        text = re.sub(r"<[^>]+>", "", article)
        for line in ("Un titre", "===", "Un autre", "---", "1) liste", "&gt; citation", "code",
                     "| a | b |", "&lt;b&gt;gras&lt;/b&gt; &amp;amp;"):
            assert line in text, line


@pytest.mark.build
def test_the_export_and_search_index_carry_names_as_plain_strings(project, tmp_path):
    attack = "</script><script>alert(1)</script> & \"q\""
    talker = project / "content/archetypes/talker.yml"
    talker.write_text(talker.read_text("utf-8").replace('ru: "Болтун"', f'ru: {json.dumps(attack)}'), "utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    export = json.loads((site / "api/v1/handbook.json").read_text("utf-8"))
    assert next(a for a in export["archetypes"] if a["id"] == "talker")["name"]["ru"] == attack
    html = (site / "ru/archetypes/talker/index.html").read_text("utf-8")
    assert "<script>alert(1)" not in html
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in html


@pytest.mark.parametrize("command", [["-m", "generator", "status"],
                                     pytest.param(["-m", "mkdocs", "build", "--strict"], marks=pytest.mark.build)])
def test_status_and_the_build_print_hostile_names_inertly(project, command):
    (project / "content/symptoms" / HOSTILE_NAMES[0]).write_text(SYMPTOM, "utf-8")
    result = subprocess.run([sys.executable, *command], cwd=project, capture_output=True, text=True,
                            env={**ENV, "GITHUB_ACTIONS": "true"}, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    output = result.stdout + result.stderr
    assert "content/symptoms/x\\n::error file=README.md,line=1::forged.yml:1:1: file name" in output
    assert not [line for line in output.splitlines() if line.lstrip().startswith("::")]
    assert not (project / "site").exists()
