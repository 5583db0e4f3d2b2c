"""The repository's GitHub set-up: workflows lint clean and pin their actions, the contributor
templates are well-formed, and the schemas work with check-jsonschema as editors use them."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ISSUE_FORMS = [GITHUB / "ISSUE_TEMPLATE" / "suggest-entry.yml",
               GITHUB / "ISSUE_TEMPLATE" / "report-mistake.yml"]
ISSUE_CONFIG = GITHUB / "ISSUE_TEMPLATE" / "config.yml"
PR_TEMPLATE = GITHUB / "PULL_REQUEST_TEMPLATE.md"
SCHEMAS = ROOT / "generator" / "schemas"
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "site" / "content"
KINDS = {"archetypes": "archetype", "symptoms": "symptom", "responses": "response", "sources": "source"}

# owner/repo[/path]@<40-hex commit> # vX.Y.Z   or   owner/repo[/path]@vX.Y.Z
PINNED_SHA = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
PINNED_TAG = re.compile(r"^[\w.-]+/[\w./-]+@v\d+\.\d+\.\d+$")
VERSION_COMMENT = re.compile(r"#\s*v\d+\.\d+\.\d+\s*$")


def _tool(name: str) -> str:
    """A command installed next to this Python (the virtualenv), else on PATH; never skipped."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if not found:
        pytest.fail(f"'{name}' is not installed: pip install -r requirements-dev.txt")
    return found


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300)


def _check_jsonschema(*args: str) -> subprocess.CompletedProcess:
    """The check-jsonschema command line, from the Python running the tests."""
    try:
        import check_jsonschema  # noqa: F401
    except ImportError:
        pytest.fail("check-jsonschema is not installed: pip install -r requirements-dev.txt")
    return _run(sys.executable, "-m", "check_jsonschema", *args)


def _schema_args(kind: str) -> list[str]:
    # Plain check-jsonschema, as a contributor would run it: the schemas $ref common.schema.json
    # by file name, which it resolves next to the schema file.
    return ["--schemafile", str(SCHEMAS / f"{kind}.schema.json")]


def _uses(node) -> list[str]:
    """Every `uses:` value in a parsed workflow, at any depth (steps and reusable workflows)."""
    if isinstance(node, dict):
        found = [node["uses"]] if isinstance(node.get("uses"), str) else []
        return found + [u for v in node.values() for u in _uses(v)]
    if isinstance(node, list):
        return [u for v in node for u in _uses(v)]
    return []


# (a) actionlint


def test_the_workflows_exist():
    assert {p.name for p in WORKFLOWS} >= {"ci.yml", "deploy.yml", "pr-comment.yml"}


def test_actionlint_passes_on_every_workflow():
    # shellcheck/pyflakes are off so that the result does not depend on what else is installed.
    actionlint = _tool("actionlint")
    result = _run(actionlint, "-no-color", "-oneline", "-shellcheck=", "-pyflakes=",
                  *(str(p.relative_to(ROOT)) for p in WORKFLOWS))
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_rejects_a_broken_workflow(tmp_path):
    # The linter really runs: a reference to a step id that does not exist is an error.
    bad = tmp_path / "bad.yml"
    bad.write_text((GITHUB / "workflows" / "ci.yml").read_text("utf-8")
                   .replace("steps.build.outcome", "steps.bulid.outcome"), "utf-8")
    assert "steps.bulid.outcome" in bad.read_text("utf-8")
    result = _run(_tool("actionlint"), "-no-color", "-oneline", "-shellcheck=", "-pyflakes=", str(bad))
    assert result.returncode != 0
    assert "bulid" in result.stdout


# (b) pinned actions


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned(workflow):
    data = yaml.safe_load(workflow.read_text("utf-8"))
    uses = _uses(data)
    assert uses, f"{workflow.name} uses no action"
    for ref in uses:
        if ref.startswith("./"):
            continue  # an action of this repository, pinned by the commit itself
        assert PINNED_SHA.match(ref) or PINNED_TAG.match(ref), \
            f"{workflow.name}: '{ref}' is not pinned to a full commit SHA or an exact vX.Y.Z tag"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_sha_pins_name_their_version(workflow):
    # A bare SHA says nothing to a reviewer: each one carries its release as a comment.
    for number, line in enumerate(workflow.read_text("utf-8").splitlines(), 1):
        match = re.match(r"^\s*(?:-\s+)?uses:\s*([^\s#]+)", line)
        if match and PINNED_SHA.match(match.group(1)):
            assert VERSION_COMMENT.search(line), f"{workflow.name}:{number}: add '# vX.Y.Z' after the SHA"


def test_pin_check_rejects_floating_refs():
    for ref in ["actions/checkout@v4", "actions/checkout@main", "actions/checkout@v4.2",
                "actions/checkout@11bd719", "actions/checkout"]:
        assert not (PINNED_SHA.match(ref) or PINNED_TAG.match(ref)), ref
    for ref in ["actions/checkout@v4.2.2", "actions/checkout@" + "a" * 40,
                "github/codeql-action/init@v3.1.0"]:
        assert PINNED_SHA.match(ref) or PINNED_TAG.match(ref), ref


def _workflow(name: str) -> dict:
    data = yaml.safe_load((GITHUB / "workflows" / name).read_text("utf-8"))
    data["on"] = data.pop(True) if True in data else data["on"]  # PyYAML reads the key `on` as a yes/no value
    return data


def test_ci_runs_what_the_brief_promises():
    steps = _workflow("ci.yml")["jobs"]["check"]["steps"]
    runs = "\n".join(s.get("run", "") for s in steps)
    for command in ["pip install -r requirements-dev.txt", "python -m generator check",
                    "mkdocs build --strict", "python -m pytest", "python -m generator links site",
                    "python -m generator status --since HEAD^1", "python -m generator report",
                    '--summary "$GITHUB_STEP_SUMMARY"']:
        assert command in runs, command
    uploads = {s["with"]["name"] for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")}
    assert uploads >= {"site-preview", "pr-report"}


def test_ci_reads_the_whole_history():
    # Outdated translations and the pull request's changes come from git: a shallow clone has none.
    for name in ("ci.yml", "deploy.yml"):
        for job in _workflow(name)["jobs"].values():
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["fetch-depth"] == 0, name


def test_every_workflow_that_runs_mkdocs_silences_the_banner():
    for path in WORKFLOWS:
        data = _workflow(path.name)
        if "mkdocs build" in path.read_text("utf-8"):
            assert data["env"]["NO_MKDOCS_2_WARNING"] == "1", path.name
    assert "export NO_MKDOCS_2_WARNING=1" in (ROOT / ".ci" / "run").read_text("utf-8")


def test_ci_builds_with_properdocs_pinned():
    job = _workflow("ci.yml")["jobs"]["properdocs"]
    runs = "\n".join(s.get("run", "") for s in job["steps"])
    assert "pip install -r requirements-properdocs.txt" in runs and "properdocs build --strict" in runs
    pins = (ROOT / "requirements-properdocs.txt").read_text("utf-8").split()
    assert "-r" in pins and "requirements.txt" in pins
    assert any(re.fullmatch(r"properdocs==\d+\.\d+\.\d+", pin) for pin in pins)


# Pull requests from forks: their code runs without write access or secrets; the comment is posted by a
# separate workflow that never runs it.


def test_no_workflow_runs_pull_request_code_with_write_access():
    for path in WORKFLOWS:
        data, text = _workflow(path.name), path.read_text("utf-8")
        assert "pull_request_target" not in data["on"], path.name
        assert not re.search(r"\$\{\{[^}]*secrets\.", text), path.name
    ci = _workflow("ci.yml")
    assert ci["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in ci["jobs"].values())


def test_the_comment_workflow_treats_the_report_as_data():
    data = _workflow("pr-comment.yml")
    assert data["on"] == {"workflow_run": {"workflows": ["CI"], "types": ["completed"]}}
    assert data["permissions"] == {}
    job = data["jobs"]["comment"]
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"] == {"persist-credentials": False}  # no ref: this repository's default branch
    runs = [s.get("run", "") for s in job["steps"]]
    script = "\n".join(runs)
    # Expressions reach scripts only through env (never spliced into the shell text).
    assert all("${{" not in run for run in runs)
    # The artifact lands outside the checkout and is only read by prreport (standard library, escaping).
    assert '--dir "$RUNNER_TEMP/pr-report"' in script
    uses_of_report = [line.strip() for line in script.splitlines() if "$report" in line or "/pr-report" in line]
    allowed = ("report=", "[ -f", "pr=$(python3 -m generator.prreport number", "python3 -m generator.prreport comment",
               "if ! gh run download")
    assert uses_of_report and all(line.startswith(allowed) for line in uses_of_report), uses_of_report
    # It comments only where the run tested the pull request's head, and updates its one comment.
    assert '[ "$head" != "$HEAD_SHA" ]' in script
    assert "<!-- handbook-pr-report -->" in script and "--method PATCH" in script


def test_deploy_has_pages_permissions_and_one_deployment_at_a_time():
    data = _workflow("deploy.yml")
    assert data["concurrency"]["group"] and data["concurrency"]["cancel-in-progress"] is False
    deploy = data["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert data["on"]["push"]["branches"] == ["main"] and "workflow_dispatch" in data["on"]


# (c) contributor templates


@pytest.mark.parametrize("path", ISSUE_FORMS + [ISSUE_CONFIG], ids=lambda p: p.name)
def test_issue_templates_parse(path):
    assert isinstance(yaml.safe_load(path.read_text("utf-8")), dict)


def test_issue_forms_match_githubs_schema():
    result = _check_jsonschema("--builtin-schema", "vendor.github-issue-forms", *map(str, ISSUE_FORMS))
    assert result.returncode == 0, result.stdout + result.stderr
    result = _check_jsonschema("--builtin-schema", "vendor.github-issue-config", str(ISSUE_CONFIG))
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_match_githubs_schema():
    result = _check_jsonschema("--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS))
    assert result.returncode == 0, result.stdout + result.stderr


def test_issue_forms_ask_what_they_should():
    suggest, mistake = (yaml.safe_load(p.read_text("utf-8")) for p in ISSUE_FORMS)
    kind = next(b for b in suggest["body"] if b.get("id") == "kind")
    assert kind["type"] == "dropdown"
    assert kind["attributes"]["options"] == ["archetype", "symptom", "response", "source"]
    language = next(b for b in mistake["body"] if b.get("id") == "language")
    assert language["type"] == "dropdown" and language["attributes"]["options"] == ["en", "fr", "ro", "ru"]


def test_pull_request_template_is_a_checklist():
    text = PR_TEMPLATE.read_text("utf-8")
    assert text.count("- [ ]") >= 5
    for needle in ["python -m generator check", "status", "source#section", "former_ids", "preview"]:
        assert needle in text, needle


def _check_hook() -> dict:
    data = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    return next(h for r in data["repos"] if r["repo"] == "local" for h in r["hooks"] if h["id"] == "generator-check")


def test_pre_commit_config_parses_and_pins_its_hooks():
    data = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    hook = _check_hook()
    assert hook["entry"] == "python -m generator check" and hook["language"] == "python"
    for repo in data["repos"]:
        if repo["repo"] != "local":
            assert re.fullmatch(r"v?\d+\.\d+\.\d+|[0-9a-f]{40}", str(repo["rev"])), repo["repo"]


def test_pre_commit_check_hook_pins_what_check_imports_as_requirements_does():
    # pre-commit builds the hook's own environment from these: same versions as requirements.txt ...
    pins = dict(line.split("==") for line in (ROOT / "requirements.txt").read_text("utf-8").splitlines()
                if "==" in line)
    hook = dict(dep.split("==") for dep in _check_hook()["additional_dependencies"])
    assert hook == {name: pins[name] for name in hook}
    # ... and enough of them: `generator check` runs with no other third-party module importable.
    modules = {"yaml", "_yaml", "jsonschema", "jsonschema_specifications", "referencing", "rpds", "attr", "attrs",
               "typing_extensions", "fastjsonschema"}
    assert {"PyYAML", "jsonschema", "jsonschema-specifications", "referencing", "rpds-py", "attrs",
            "typing_extensions", "fastjsonschema"} == set(hook)
    guard = f"""
import runpy, sys
allowed = {sorted(modules)!r}
class Only:
    def find_spec(self, name, path=None, target=None):
        top = name.split(".")[0]
        if top in allowed or top == "generator" or top in sys.stdlib_module_names:
            return None
        raise ImportError("not in the pre-commit hook's environment: " + name)
sys.meta_path.insert(0, Only())
sys.argv = ["generator", "--content", {str(FIXTURE_CONTENT)!r}, "check"]
runpy.run_module("generator", run_name="__main__")
"""
    result = _run(sys.executable, "-c", guard)
    assert "All content is valid" in result.stdout, result.stdout + result.stderr


# (d) fixture content against its schema, as check-jsonschema (and so an editor) sees it


@pytest.mark.parametrize("folder", sorted(KINDS), ids=str)
def test_fixture_content_validates_with_check_jsonschema(folder):
    # The schemas work outside the generator: plain check-jsonschema resolves their $refs. The live
    # content/ is not read here: `python -m generator check` is its rule.
    files = sorted((FIXTURE_CONTENT / folder).glob("*.yml"))
    assert files, f"no fixture content in {folder}/"
    result = _check_jsonschema(*_schema_args(KINDS[folder]), *map(str, files))
    assert result.returncode == 0, result.stdout + result.stderr


def _with(data: dict, **changes) -> dict:
    return {**data, **changes}


@pytest.mark.parametrize("change, complaint", [
    (lambda d: {("summry" if k == "summary" else k): v for k, v in d.items()}, "summry"),
    (lambda d: _with(d, colour="red"), "colour"),
    (lambda d: _with(d, name={"english": "Know-it-all"}), "english"),
    (lambda d: _with(d, tags=["gossip"]), "gossip"),
    (lambda d: _with(d, responses=["Convince With Facts"]), "Convince With Facts"),
], ids=["misspelt-field", "unknown-field", "unknown-language", "unknown-tag", "bad-id"])
def test_check_jsonschema_rejects_a_bad_archetype(tmp_path, change, complaint):
    good = yaml.safe_load((FIXTURE_CONTENT / "archetypes" / "know-it-all.yml").read_text("utf-8"))
    bad = tmp_path / "know-it-all.yml"
    bad.write_text(yaml.safe_dump(change(good), allow_unicode=True), "utf-8")
    result = _check_jsonschema(*_schema_args("archetype"), str(bad))
    assert result.returncode != 0, result.stdout
    assert complaint in result.stdout + result.stderr


# (e) the editor set-up: VS Code knows each kind's schema, even for a file without the first-line comment


def test_vscode_associates_every_kind_folder_with_its_schema():
    import json
    from fnmatch import fnmatch

    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))
    schemas = settings["yaml.schemas"]
    for folder, kind in KINDS.items():
        schema = f"./generator/schemas/{kind}.schema.json"
        assert (ROOT / schema).is_file() and schema in schemas, schema
        assert any(fnmatch(f"content/{folder}/new-entry.yml", glob) for glob in schemas[schema]), folder
        assert not any(fnmatch(f"content/{folder}/new-entry.yml", glob)
                       for other, globs in schemas.items() if other != schema for glob in globs)
    assert settings["[yaml]"]["editor.insertSpaces"] is True and settings["[yaml]"]["editor.tabSize"] == 2
    # mkdocs.yml's own tags are known, so the editor does not flag them.
    tags = set(re.findall(r"!!(python/[\w/.:]+)", (ROOT / "mkdocs.yml").read_text("utf-8")))
    assert tags and all(any(f"tag:yaml.org,2002:{tag} " in custom for custom in settings["yaml.customTags"])
                        for tag in tags), tags
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text("utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]
