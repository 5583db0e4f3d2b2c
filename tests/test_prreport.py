"""The pull request's report: what changed per language, every problem, outdated translations; and the
Markdown of its sticky comment, which treats the report as untrusted data."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from conftest import ENV, REPO

from generator import prreport
from generator.history.changes import compare

RESPONSE = ('name: {en: "Agree an agenda"}\nsummary: {en: "Agree it."}\nsteps: [{en: "Send it."}]\n'
            "citations: [{source: article-one, section: talker}]\n")
PREVIEW = "https://github.com/example/handbook/actions/runs/42/artifacts/7"
RUN = "https://github.com/example/handbook/actions/runs/42"


def hows(changes, lang):
    return [(c.kind, c.id, c.how, c.former) for c in changes[lang]]


# What changed, per language


def test_an_english_only_entry_is_added_in_english_only():
    changes, warnings = compare({}, {"content/responses/agree-an-agenda.yml": RESPONSE})
    assert hows(changes, "en") == [("responses", "agree-an-agenda", "added", "")]
    assert changes["fr"] == changes["ro"] == changes["ru"] == [] and warnings == []


def test_a_translation_added_changed_or_removed_is_told_in_its_language():
    before = {"content/symptoms/a.yml": 'name: {en: "A", fr: "Un"}\nsummary: {en: "S", ro: "R"}\n'}
    after = {"content/symptoms/a.yml": 'name: {en: "A", fr: "Une", ru: "А"}\nsummary: {en: "S"}\n'}
    changes, _ = compare(before, after)
    assert hows(changes, "en") == []
    assert hows(changes, "fr") == [("symptoms", "a", "changed", "")]
    assert hows(changes, "ro") == [("symptoms", "a", "removed", "")]
    assert hows(changes, "ru") == [("symptoms", "a", "added", "")]
    assert changes["ru"][0].name == "А" and changes["ro"][0].name == "A"  # its name in that language, or English


def test_a_relation_change_is_an_english_change():
    before = {"content/responses/r.yml": RESPONSE}
    changes, _ = compare(before, {"content/responses/r.yml": RESPONSE + "symptoms: [long-stories]\n"})
    assert hows(changes, "en") == [("responses", "r", "changed", "")] and changes["fr"] == []


def test_a_rename_with_former_ids_is_one_rename_and_a_removal_without_it_is_a_warning():
    before = {"content/responses/old.yml": RESPONSE, "content/responses/gone.yml": RESPONSE}
    after = {"content/responses/new.yml": RESPONSE + "former_ids: [old]\n"}
    changes, warnings = compare(before, after)
    assert hows(changes, "en") == [("responses", "gone", "removed", ""), ("responses", "new", "renamed", "old")]
    assert [(w.path, w.message) for w in warnings] == [
        ("responses/gone", "/responses/gone/ no longer leads anywhere: add 'gone' to former_ids of the entry "
                           "that replaces it")]


# The comment's Markdown


def report(**parts) -> dict:
    return {"version": 1, "pr": 5, "steps": [{"name": "check", "outcome": "success"},
                                             {"name": "build", "outcome": "success"}], **parts}


HOSTILE = ["</details><script>alert(1)</script>", "@octocat please", "fixes #1", "[click](https://evil.example)",
           "![x](https://evil.example/pixel.png)", "<!-- MARKER -->", "a | b", "`code`", "line\nbreak",
           "www.evil.example", "<img src=x onerror=alert(1)>", "&lt;b&gt;"]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_untrusted_strings_cannot_add_markup_links_or_mentions(hostile):
    data = report(problems=[{"path": hostile, "line": 3, "column": 1, "message": hostile}],
                  changes={"en": [{"kind": hostile, "id": hostile, "name": hostile, "how": "added"}]},
                  outdated=[{"path": hostile, "lang": "fr", "field": hostile, "before": hostile, "after": hostile}],
                  warnings=[{"path": hostile, "message": hostile}])
    body = prreport.render(data, PREVIEW, RUN)
    # Outside code spans (inert) and the comment's own tags, every '<' from the data is escaped.
    prose = re.sub(r"`[^`\n]*`", "", body)
    prose = re.sub(r"(?m)^(<!-- handbook-pr-report -->|<details><summary>[^<]*</summary>|</details>)$", "", prose)
    assert not re.search(r"(?<!\\)<", prose), prose
    assert "](" not in prose.replace(f"]({PREVIEW})", "").replace(f"]({RUN})", "")  # no link but ours
    for dangerous in ("@octocat", "#1", "www.evil", "://evil"):  # mentions, references, autolinks
        assert dangerous not in prose
    assert body.count(prreport.MARKER) == 1
    assert "\nbreak" not in body
    for line in body.splitlines():
        if line.startswith("- "):  # a list item stays one item, its code spans closed
            assert line.count("`") % 2 == 0, line


def test_the_comment_caps_long_lists_and_the_summary_has_everything():
    problems = [{"path": f"content/symptoms/s{i}.yml", "line": i, "column": 1, "message": "unknown field 'x'"}
                for i in range(500)]
    data = report(problems=problems)
    comment = prreport.render(data, PREVIEW, RUN)
    assert "### Problems: 500" in comment and comment.count("unknown field") == 30
    assert f"- … and 470 more: see the [run's summary]({RUN})" in comment
    summary = prreport.render(data, limit=None)
    assert summary.count("unknown field") == 500
    assert "the `site-preview` artifact of this run" in summary


def test_the_comment_stays_under_githubs_size_limit():
    huge = "x" * 10_000
    data = report(problems=[{"path": huge, "message": huge}] * 2000,
                  changes={lang: [{"kind": "symptoms", "id": huge, "name": huge, "how": "added"}] * 2000
                           for lang in ("en", "fr", "ro", "ru")})
    assert len(prreport.render(data, PREVIEW, RUN)) <= prreport.COMMENT_LIMIT + 10
    summary = prreport.render(data, limit=None, size=prreport.SUMMARY_LIMIT)
    assert prreport.SUMMARY_LIMIT / 2 < len(summary) <= prreport.SUMMARY_LIMIT + 10
    assert "- … and " in summary


def test_only_plain_https_addresses_become_links():
    for bad in ["javascript:alert(1)", "http://example.org", "https://a b", "https://x/(y)", "https://x/\n", None]:
        assert prreport.url(bad) is None, bad
    body = prreport.render(report(), "javascript:alert(1)", "https://x/(y)")
    assert "javascript" not in body and "](" not in body
    assert "the `site-preview` artifact of this run" in body


@pytest.mark.parametrize("value", ["5", True, -1, 0, 10**12, None, 5.0])
def test_the_pull_request_number_must_be_a_positive_integer(value):
    with pytest.raises(prreport.ReportError):
        prreport.number({"version": 1, "pr": value})
    assert prreport.number({"version": 1, "pr": 5}) == 5


@pytest.mark.parametrize("content", [b"[]", b'{"version": 2}', b"not json", b"\xff\xfe"])
def test_a_report_that_is_not_one_is_refused(tmp_path, content):
    path = tmp_path / "report.json"
    path.write_bytes(content)
    result = subprocess.run([sys.executable, "-S", "-m", "generator.prreport", "comment", str(path)], cwd=REPO,
                            capture_output=True, text=True)
    assert result.returncode == 1 and result.stderr.startswith("error: ") and "Traceback" not in result.stderr


def test_a_report_larger_than_the_cap_is_refused(tmp_path):
    path = tmp_path / "report.json"
    path.write_text(json.dumps({"version": 1, "pad": "x" * prreport.MAX_REPORT_BYTES}))
    with pytest.raises(prreport.ReportError, match="larger than"):
        prreport.load(path)


# The whole chain, as CI runs it


def git(project, *args):
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=project,
                   check=True, capture_output=True)


def test_ci_report_of_a_pull_request_and_its_comment(project, tmp_path):
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "The handbook")
    (project / "content/responses/agree-an-agenda.yml").write_text(RESPONSE, "utf-8")
    talker = project / "content/archetypes/talker.yml"
    talker.write_text(talker.read_text("utf-8").replace("instead of answers.", "instead of short answers.")
                      .replace("related: [know-it-all]", ""), "utf-8")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "The pull request")
    out = tmp_path / "report" / "report.json"
    summary = tmp_path / "summary.md"
    result = subprocess.run([sys.executable, "-m", "generator", "report", "--out", str(out), "--since", "HEAD^1",
                             "--pr", "12", "--step", "check=success", "--step", "build=skipped",
                             "--summary", str(summary)], cwd=project, capture_output=True, text=True, env=ENV)
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text("utf-8"))
    assert data["pr"] == 12 and data["problems"] == []
    assert [(c["id"], c["how"]) for c in data["changes"]["en"]] == [("talker", "changed"),
                                                                    ("agree-an-agenda", "added")]
    assert {(o["lang"], o["field"]) for o in data["outdated"]} == {("fr", "summary"), ("ro", "summary"),
                                                                   ("ru", "summary")}
    comment = subprocess.run([sys.executable, "-S", "-m", "generator.prreport", "comment", str(out),
                              "--preview", PREVIEW, "--run", RUN], cwd=REPO, capture_output=True, text=True)
    assert comment.returncode == 0, comment.stderr  # -S: no site-packages, the standard library is enough
    assert comment.stdout.startswith(prreport.MARKER)
    assert "| English | 1 | 1 | 0 | 0 |" in comment.stdout and "| French | 0 | 0 | 0 | 0 |" in comment.stdout
    assert "- added: Agree an agenda (response `agree-an-agenda`)" in comment.stdout
    assert "### Translations this pull request made outdated: 3" in comment.stdout
    assert "| Build (strict) | ⏭️ skipped |" in comment.stdout
    assert "### Problems: none" in summary.read_text("utf-8")
    number = subprocess.run([sys.executable, "-S", "-m", "generator.prreport", "number", str(out)], cwd=REPO,
                            capture_output=True, text=True)
    assert number.stdout == "12\n"


def test_ci_report_lists_every_problem(project, tmp_path):
    for i in range(15):
        (project / f"content/symptoms/s{i}.yml").write_text("name: {en: x}\nsumary: {en: y}\n", "utf-8")
    out = tmp_path / "report.json"
    summary = tmp_path / "summary.md"
    result = subprocess.run([sys.executable, "-m", "generator", "report", "--out", str(out), "--summary",
                             str(summary), "--step", "check=failure"], cwd=project, capture_output=True, text=True,
                            env=ENV)
    assert result.returncode == 0, result.stderr
    problems = json.loads(out.read_text("utf-8"))["problems"]
    assert len(problems) == 30  # 15 files, each: unknown field 'sumary', missing 'citations'
    assert {p["message"] for p in problems} == {
        "sumary: unknown field 'sumary' (did you mean 'summary'?)",
        "missing required field 'citations' (see the kind's schema or `python -m generator new`)"}
    assert summary.read_text("utf-8").count("content/symptoms/s") == 30
