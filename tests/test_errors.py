"""Bad content: the exact message a contributor gets, and a build that fails cleanly."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap

import pytest
from conftest import ENV, REPO, mkdocs_build

VALID_SYMPTOM = """\
name: {en: "Calls at night"}
summary: {en: "Calls at 2 a.m."}
citations: [{source: article-one, section: talker}]
"""


def check(project) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "check"], cwd=project,
                          capture_output=True, text=True, env=ENV)


def write(project, relpath, text):
    path = project / "content" / relpath
    path.write_bytes(text if isinstance(text, bytes) else textwrap.dedent(text).encode("utf-8"))
    return path


CASES = [
    ("unknown response with a suggestion",
     "archetypes/talker.yml",
     lambda s: s.replace("responses: [time-box]", "responses: [time-bx]"),
     "content/archetypes/talker.yml:4:13: responses[0]: unknown response 'time-bx' (did you mean 'time-box'?)"),
    ("unknown field with a suggestion",
     "archetypes/talker.yml",
     lambda s: s.replace("summary:", "sumary:"),
     "content/archetypes/talker.yml:2:1: sumary: unknown field 'sumary' (did you mean 'summary'?)"),
    ("missing required field",
     "symptoms/long-stories.yml",
     lambda s: "\n".join(line for line in s.splitlines() if not line.startswith("summary")) + "\n",
     "content/symptoms/long-stories.yml:1:1: missing required field 'summary'"),
    ("unknown source section",
     "archetypes/talker.yml",
     lambda s: s.replace("section: talker", "section: talkr"),
     "content/archetypes/talker.yml:5:44: citations[0].section: source 'article-one' has no section 'talkr' "
     "(did you mean 'talker'?)"),
    ("unquoted yes/no value",
     "archetypes/talker.yml",
     lambda s: s.replace('ro: "Vorbărețul"', "ro: no"),
     "content/archetypes/talker.yml:1:40: name.ro: 'no' is read as a yes/no value, not as text "
     '(quote this value: "no")'),
    ("duplicate key",
     "symptoms/long-stories.yml",
     lambda s: s + 'name: {en: "Again"}\n',
     "content/symptoms/long-stories.yml:4:1: name: duplicate key 'name' (first at line 1) "
     "(remove one of them; YAML would silently keep the last)"),
    ("syntax error",
     "symptoms/long-stories.yml",
     lambda s: s.replace("summary: {", "summary: {{"),
     "content/symptoms/long-stories.yml:3:1: YAML syntax error: did not find expected ',' or '}' "
     "(check quotes, colons and indentation)"),
    ("self reference",
     "archetypes/talker.yml",
     lambda s: s + "related: [talker]\n",
     "content/archetypes/talker.yml:6:11: related[0]: an archetype cannot be related to itself (remove this line)"),
    ("anchors and aliases",
     "symptoms/long-stories.yml",
     lambda s: s.replace("summary: {", "summary: &s {") + "examples: [*s]\n",
     "content/symptoms/long-stories.yml:2:10: YAML anchors and aliases (&name, *name) are not allowed "
     "(write the value out in full)"),
    ("bad id in a relation",
     "archetypes/talker.yml",
     lambda s: s.replace("responses: [time-box]", "responses: [Time_Box]"),
     "content/archetypes/talker.yml:4:13: responses[0]: 'Time_Box' is not a valid id (use lowercase ASCII "
     "letters, digits and single hyphens, like 'fix-scope')"),
]


@pytest.mark.parametrize("name,relpath,edit,message", CASES, ids=[c[0] for c in CASES])
def test_check_reports_the_exact_problem(project, name, relpath, edit, message):
    path = project / "content" / relpath
    path.write_text(edit(path.read_text("utf-8")), "utf-8")
    result = check(project)
    assert result.returncode == 1
    assert message in result.stdout, result.stdout
    assert "1 problem found" in result.stderr, result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_all_problems_of_a_run_are_reported_together(project):
    write(project, "symptoms/a.yml", VALID_SYMPTOM.replace("summary", "sumary"))
    write(project, "symptoms/b.yml", VALID_SYMPTOM.replace("section: talker", "section: nope"))
    result = check(project)
    assert "content/symptoms/a.yml:2:1" in result.stdout
    assert "content/symptoms/b.yml:3:44" in result.stdout
    assert "2 problems found" in result.stderr


def test_github_format_adds_annotations(project):
    write(project, "symptoms/a.yml", VALID_SYMPTOM.replace("summary", "sumary"))
    result = subprocess.run([sys.executable, "-m", "generator", "check", "--format", "github"], cwd=project,
                            capture_output=True, text=True, env=ENV)
    assert ("::error file=content/symptoms/a.yml,line=2,col=1::sumary: unknown field 'sumary' "
            "(did you mean 'summary'?)") in result.stdout


@pytest.mark.parametrize("content,message", [
    (b"", "content/symptoms/x.yml:1:1: file is empty"),
    (b"\xef\xbb\xbf" + VALID_SYMPTOM.encode(), "content/symptoms/x.yml:1:1: file starts with a byte-order mark"),
    (b"name: {en: \"caf\xe9\"}\n", "content/symptoms/x.yml:1:16: byte 0xe9 is not valid UTF-8"),
    (b"- a\n- b\n", "content/symptoms/x.yml:1:1: the file holds a list; an entry is a mapping of fields"),
    (b"just text\n", "content/symptoms/x.yml:1:1: the file holds a single value"),
])
def test_unreadable_files(project, content, message):
    write(project, "symptoms/x.yml", content)
    result = check(project)
    assert result.returncode == 1 and message in result.stdout, result.stdout


def test_broken_file_fails_the_build_and_keeps_the_previous_site(project_and_site):
    project, site = project_and_site
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    talker = project / "content/archetypes/talker.yml"
    talker.write_text(talker.read_text().replace("responses: [time-box]", "responses: [time-bx]"))
    result = mkdocs_build(project, site)
    assert result.returncode != 0
    assert "content/archetypes/talker.yml:4:13: responses[0]: unknown response 'time-bx'" in result.stderr
    assert "Traceback" not in result.stderr
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before


def _break_the_french_build(project) -> None:
    """A theme override that fails only in the French build (the English one is written by then)."""
    overrides = project / "overrides"
    shutil.copytree(REPO / "overrides", overrides)
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}{% block content %}'
        '{% if config.theme.language == "fr" %}{% include "missing-partial.html" %}{% endif %}'
        "{{ super() }}{% endblock %}")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace(str(REPO / "overrides"), str(overrides)))


def test_a_failing_language_build_keeps_the_previous_site_whole(project_and_site, tmp_path):
    project, site = project_and_site
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    _break_the_french_build(project)
    result = mkdocs_build(project, site)
    assert result.returncode != 0
    assert "the fr build failed" in result.stderr
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert not list(tmp_path.glob("site.*")), "the staging folder was left behind"


@pytest.mark.build
@pytest.mark.skipif(shutil.which("taskset") is None, reason="taskset (util-linux) runs a build on one core")
def test_on_one_core_the_languages_build_in_turn_and_a_failing_one_gives_its_turn_back(project, copy_built, tmp_path):
    # One core: one language build at a time (builds.Slots). The English build hands its turn on when it is
    # done, each forked build when it ends, failed or not: a lost turn would leave the others waiting forever.
    def one_core(site):
        return mkdocs_build(project, site, prefix=("taskset", "-c", "0"), timeout=600)

    site = tmp_path / "site"
    assert one_core(site).returncode == 0
    built = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file() and "pagefind" not in p.parts}
    # The same site as a build of the same project side by side.
    elsewhere = copy_built / "site"
    assert built == {p.relative_to(elsewhere): p.read_bytes()
                     for p in elsewhere.rglob("*") if p.is_file() and "pagefind" not in p.parts}
    assert (site / "ru" / "archetypes" / "index.html").is_file()
    _break_the_french_build(project)
    result = one_core(site)
    assert result.returncode != 0
    assert "the fr build failed" in result.stderr
    assert {p.relative_to(site): p.read_bytes() for p in site.rglob("*")
            if p.is_file() and "pagefind" not in p.parts} == built


def test_compiled_and_explaining_validators_agree():
    """The fast compiled check decides whether jsonschema explains errors: they must never disagree."""
    import copy
    from pathlib import Path

    import yaml

    from generator.content.schemas import fast_validator, validator

    fixture = Path(__file__).resolve().parent / "fixtures" / "site" / "content"
    mutations = [
        lambda d: d.pop("summary", None),
        lambda d: d.__setitem__("name", {"en": ""}),
        lambda d: d.__setitem__("name", {"en": "x", "de": "y"}),
        lambda d: d.__setitem__("former_ids", ["Bad_Id"]),
        lambda d: d.__setitem__("former_ids", ["a", "a"]),
        lambda d: d.__setitem__("extra", 1),
        lambda d: d.__setitem__("citations", []),
        lambda d: d.__setitem__("citations", [{"source": "x"}]),
        lambda d: d.__setitem__("tags", ["payment", "paymnt"]),
        lambda d: d.__setitem__("symptoms", [{"id": "x", "note": {"fr": "sans anglais"}}]),
        lambda d: d.__setitem__("symptoms", ["ok", 3]),
        lambda d: d.__setitem__("summary", {"en": "   "}),
        lambda d: d.__setitem__("symptoms", []),
        lambda d: d.__setitem__("responses", []),
    ]
    checked = 0
    files = sorted(fixture.glob("*/*.yml"))
    for path in files:
        kind = path.parent.name
        data = yaml.safe_load(path.read_text("utf-8"))
        for mutate in [lambda d: None, *mutations]:
            mutated = copy.deepcopy(data)
            mutate(mutated)
            expected = validator(kind).is_valid(mutated)
            assert fast_validator(kind)(mutated) == expected, (path.name, mutated)
            checked += 1
    assert checked == len(files) * (len(mutations) + 1) >= 150
