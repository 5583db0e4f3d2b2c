"""CONTRIBUTING's examples pass the CI command, and the README's Linux commands work from a fresh clone.

The examples are read from CONTRIBUTING.md itself (its YAML blocks and its renaming steps), applied
to a clone of this working tree, and put through what CI runs on content: check, the strict build
and the link check. The test suite is the last part of CI: its contract is that no test reads the
live content/ (test_no_test_reads_the_live_content), so what check accepts, the suite accepts. So the
clone's content/ is a small fixture handbook (tests/fixtures/contributing) with the entries the
examples name, whatever the live content holds (the worked example already added, for one).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import REPO

CONTRIBUTING = (REPO / "CONTRIBUTING.md").read_text("utf-8")
# The talker, its symptom and response, fix-scope-in-writing and an archetype that lists it; the two sources
# the examples cite come from the frozen articles.
EXAMPLES_CONTENT = REPO / "tests" / "fixtures" / "contributing" / "content"
SOURCES = REPO / "tests" / "fixtures" / "articles" / "content" / "sources"
README = (REPO / "README.md").read_text("utf-8")
QUIET = {k: v for k, v in os.environ.items() if k not in ("NO_MKDOCS_2_WARNING", "GITHUB_ACTIONS")}


def clone(dest: Path) -> Path:
    """A git clone of this repository with the working tree's uncommitted changes on top."""
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(REPO), str(dest)], check=True)
    changed = subprocess.run(["git", "diff", "--name-only", "-z", "HEAD"], cwd=REPO, capture_output=True,
                             text=True, check=True).stdout  # staged or not
    untracked = subprocess.run(["git", "ls-files", "-z", "-o", "--exclude-standard"], cwd=REPO,
                               capture_output=True, text=True, check=True).stdout
    for name in sorted(set(filter(None, (changed + untracked).split("\0")))):
        source, target = REPO / name, dest / name
        if source.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
        elif target.exists():
            target.unlink()  # deleted in the working tree
    return dest


def with_fixture_content(repo: Path) -> Path:
    """The clone's content/ replaced by the handbook the examples are written for, committed (a rename is a
    `git mv`, and outdated translations are read from git)."""
    shutil.rmtree(repo / "content")
    shutil.copytree(EXAMPLES_CONTENT, repo / "content")
    (repo / "content" / "sources").mkdir()
    for source in ("seven-client-types", "eight-problem-clients"):
        shutil.copy2(SOURCES / f"{source}.yml", repo / "content" / "sources" / f"{source}.yml")
    for command in (["add", "-A", "content"], ["commit", "-qm", "The content CONTRIBUTING's examples are written for"]):
        subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *command], cwd=repo,
                       check=True, capture_output=True)
    return repo


def blocks(language: str, after: str) -> list[str]:
    """The fenced code blocks of one language in CONTRIBUTING.md, from a heading on."""
    text = CONTRIBUTING[CONTRIBUTING.index(after):]
    return [textwrap_dedent(b) for b in re.findall(rf"^ *```{language}\n(.*?)^ *```", text, re.M | re.S)]


def textwrap_dedent(block: str) -> str:
    import textwrap

    return textwrap.dedent(block)


def run(cwd: Path, *args: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, timeout=600,
                          env=env or {**QUIET, "NO_MKDOCS_2_WARNING": "1"})


def apply_the_examples(repo: Path, python: str) -> None:
    """CONTRIBUTING's four walkthroughs, as a contributor follows them."""
    # 1. A new response in English only, connected from the talker (the worked example).
    new = run(repo, python, "-m", "generator", "new", "response", "agree-an-agenda")
    assert new.returncode == 0, new.stderr
    response, talker_lines = blocks("yaml", "### A worked example")[:2]
    (repo / "content/responses/agree-an-agenda.yml").write_text(response, "utf-8")
    new_line = next(line for line in talker_lines.splitlines() if "# the new line" in line).split("#")[0].rstrip()
    talker = repo / "content/archetypes/talker.yml"
    text = talker.read_text("utf-8")
    responses_end = re.search(r"^responses:\n(?:[ -].*\n)*", text, re.M).end()
    talker.write_text(text[:responses_end] + new_line + "\n" + text[responses_end:], "utf-8")
    # 2. A new source (made by `new`, then filled in as shown).
    assert run(repo, python, "-m", "generator", "new", "source", "saying-no").returncode == 0
    (repo / "content/sources/saying-no.yml").write_text(blocks("yaml", "### Adding a source article")[0], "utf-8")
    # 3. A file written by hand in the browser, without the schema comment line.
    symptom = blocks("yaml", "### In the browser")[0]
    assert not symptom.startswith("# yaml-language-server")
    (repo / "content/symptoms/asks-for-a-discount-afterwards.yml").write_text(symptom, "utf-8")
    # 4. A rename with former_ids, following the three steps.
    steps = CONTRIBUTING[CONTRIBUTING.index("### Renaming an entry"):CONTRIBUTING.index("## What runs")]
    old, new_id = re.search(r"the response\s+`([a-z-]+)` must become `([a-z-]+)`", steps).groups()
    run(repo, "git", "mv", f"content/responses/{old}.yml", f"content/responses/{new_id}.yml")
    renamed = repo / f"content/responses/{new_id}.yml"
    renamed.write_text(renamed.read_text("utf-8") + blocks("yaml", "### Renaming an entry")[0], "utf-8")
    check = run(repo, python, "-m", "generator", "check")
    assert check.returncode == 1
    for path in {line.split(":")[0] for line in check.stdout.splitlines() if f"'{old}'" in line}:
        file = repo / path
        file.write_text(re.sub(rf"\b{old}\b", new_id, file.read_text("utf-8")), "utf-8")


def ci_command(repo: Path, python: str, mkdocs: list[str]) -> None:
    """What CI runs on content: check, the strict build, the link check; each must pass."""
    check = run(repo, python, "-m", "generator", "check")
    assert check.returncode == 0 and check.stdout.startswith("All content is valid"), check.stdout
    build = run(repo, *mkdocs, "build", "--strict")
    assert build.returncode == 0, build.stderr[-3000:]
    links = run(repo, python, "-m", "generator", "links", "site")
    assert links.returncode == 0, links.stdout[-3000:]


@pytest.mark.build
def test_contributing_examples_pass_the_ci_command(tmp_path):
    repo = with_fixture_content(clone(tmp_path / "handbook"))
    apply_the_examples(repo, sys.executable)
    ci_command(repo, sys.executable, [sys.executable, "-m", "mkdocs"])
    status = run(repo, sys.executable, "-m", "generator", "status").stdout
    assert "  fr  content/responses/agree-an-agenda.yml: name, summary, steps[0] and 2 more" in status
    site = repo / "site"
    assert "Agree an agenda" in (site / "archetypes/talker/index.html").read_text("utf-8")
    assert (site / "sources/saying-no/index.html").is_file()
    assert 'url=../put-the-scope-in-writing/' in (site / "responses/fix-scope-in-writing/index.html").read_text()


def test_no_test_reads_the_live_content():
    # The suite's half of "what check accepts, CI accepts": tests use their fixtures, never content/.
    live = re.compile(r"""(REPO|ROOT)\s*/\s*["']content\b|mkdocs_build\(\s*(REPO|ROOT)\b|"""
                      r"""str\(\s*(REPO|ROOT)\s*/\s*["']mkdocs\.yml""")
    offenders = [f"{path.name}:{number}" for path in sorted((REPO / "tests").glob("*.py"))
                 for number, line in enumerate(path.read_text("utf-8").splitlines(), 1) if live.search(line)
                 and path.name != "test_contributing.py"]
    assert offenders == []
    # The pattern catches what the removed tests did.
    assert live.search('return load_handbook(REPO / "content", REPO)')
    assert live.search("result = mkdocs_build(REPO, site)")


# The README's and CONTRIBUTING's Linux commands, verbatim, from a fresh clone (with pip: the slowest test)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def readme_command(which: str) -> str:
    """The README's first Linux command that contains `which`."""
    return next(line for line in re.findall(r"^```sh\n(.*?)\n```", README, re.M | re.S) if which in line)


@pytest.mark.build
def test_readme_and_contributing_commands_work_from_a_fresh_clone(tmp_path):
    repo = with_fixture_content(clone(tmp_path / "handbook"))
    serve = readme_command("mkdocs serve")
    setup, _, last = serve.rpartition(" && ")
    assert last == ".venv/bin/mkdocs serve"
    installed = run(repo, "bash", "-c", setup, env=QUIET)
    assert installed.returncode == 0, installed.stderr[-3000:]
    # The serve part, on a free port: the handbook answers at the documented address, with no banner.
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([*last.split(), "-a", f"127.0.0.1:{port}"], cwd=repo, env=QUIET, stdout=log,
                              stderr=subprocess.STDOUT)
    try:
        address = re.search(r"<(http://127\.0\.0\.1:8000/[^>]*)>", README).group(1).replace("8000", str(port))
        deadline = time.monotonic() + 300
        while True:
            try:
                with urllib.request.urlopen(address + "ru/archetypes/talker/", timeout=5) as page:
                    assert "Болтун" in page.read().decode("utf-8")
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, (tmp_path / "serve.log").read_text()
                time.sleep(1)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    assert "end of life" not in (tmp_path / "serve.log").read_text()  # Material's banner stays quiet
    # CONTRIBUTING's commands as written for Linux, in the clone's own virtualenv.
    commands = blocks("sh", "### On your computer")[0]
    for line in commands.splitlines():
        command = line.split("#")[0].strip()
        if not command or command.endswith("mkdocs serve"):
            continue  # the server was started above
        result = run(repo, "bash", "-c", command, env=QUIET)
        assert result.returncode == (1 if command.endswith("check") else 0), (command, result.stderr)
        if command.endswith("check"):  # the new skeleton's TODOs: the check says where
            assert "placeholder left" in result.stdout
    # The contributor fills the skeleton in, as the worked example shows; then the check passes.
    (repo / "content/responses/agree-an-agenda.yml").write_text(blocks("yaml", "### A worked example")[0], "utf-8")
    check = run(repo, "bash", "-c", ".venv/bin/python -m generator check", env=QUIET)
    assert check.returncode == 0, check.stdout
    built = run(repo, "bash", "-c", ".venv/bin/mkdocs build", env=QUIET)
    assert built.returncode == 0 and "end of life" not in built.stderr, built.stderr[-3000:]
    for line in re.findall(r"^```sh\n(.*?)\n```", README[README.index("## Adding an entry"):], re.M | re.S)[0] \
            .splitlines():
        command = line.split("#")[0].strip()
        if " new " in command or " check" in command:
            continue  # already run above; the new entry's placeholders make check fail on purpose
        result = run(repo, "bash", "-c", command, env=QUIET)
        assert result.returncode == 0, (command, result.stdout[-2000:], result.stderr[-2000:])


@pytest.mark.parametrize("path", [".ci/run"])
def test_ci_runs_the_readmes_test_command_verbatim(path):
    command = readme_command("pytest")
    assert command.startswith("python3 -m venv .venv && ")
    assert command in (REPO / path).read_text("utf-8").splitlines()
