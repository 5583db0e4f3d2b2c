"""Shared fixtures: a small handbook built from fixture content, the way a user builds it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "site"
MKDOCS = [sys.executable, "-m", "mkdocs"]
# The same build on a laptop and in GitHub Actions: the repository of edit links comes from these there.
CI_REPOSITORY = ("GITHUB_REPOSITORY", "GITHUB_SERVER_URL", "DEFAULT_BRANCH")
ENV = {**{k: v for k, v in os.environ.items() if k not in CI_REPOSITORY}, "NO_MKDOCS_2_WARNING": "1"}


def mkdocs_build(project: Path, site: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` on a project folder into site (env: extra environment variables)."""
    return subprocess.run([*MKDOCS, "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
                          capture_output=True, text=True, env={**ENV, **(env or {})}, cwd=project)


def copy_fixture(dest: Path) -> Path:
    """A private copy of the fixture project, to break or rename things in."""
    shutil.copytree(FIXTURE, dest)
    config = dest / "mkdocs.yml"
    config.write_text(config.read_text().replace("../../../overrides", str(REPO / "overrides")))
    return dest


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The fixture handbook, built once per test session, in place (its pages show git dates)."""
    site = tmp_path_factory.mktemp("fixture") / "site"
    temporary = site.with_name("tmp")  # the build's temporary files (the export is written there first)
    temporary.mkdir()
    result = mkdocs_build(FIXTURE, site, env={"TMPDIR": str(temporary)})
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture
def project(tmp_path) -> Path:
    """A writable copy of the fixture project."""
    return copy_fixture(tmp_path / "project")


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright."""
    from browser import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # Debian's Chromium where it is installed (CI); elsewhere (macOS, Windows) Playwright's own, from
        # `python -m playwright install chromium` (the README's test command there).
        executable = CHROMIUM if Path(CHROMIUM).exists() else None
        try:
            chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except Exception as error:  # noqa: BLE001 - one clear line instead of Playwright's page of text
            pytest.fail(f"no Chromium for the browser tests: install Debian's chromium package, or run "
                        f"`python -m playwright install chromium` ({str(error).splitlines()[0]})")
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def fixture_url(built_site, tmp_path_factory):
    """The fixture site served at /handbook/, as its site_url says."""
    from browser import serve

    root = tmp_path_factory.mktemp("served")
    (root / "handbook").symlink_to(built_site, target_is_directory=True)
    with serve(root) as base:
        yield base + "/handbook/"


@pytest.fixture
def page(browser):
    """A fresh browser page that records JavaScript errors in page.errors."""
    context = browser.new_context()
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    yield tab
    context.close()
