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
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def mkdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` on a project folder into site."""
    return subprocess.run([*MKDOCS, "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
                          capture_output=True, text=True, env=ENV, cwd=project)


def copy_fixture(dest: Path) -> Path:
    """A private copy of the fixture project, to break or rename things in."""
    shutil.copytree(FIXTURE, dest)
    config = dest / "mkdocs.yml"
    config.write_text(config.read_text().replace("../../../overrides", str(REPO / "overrides")))
    return dest


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The fixture handbook, built once per test session."""
    site = tmp_path_factory.mktemp("fixture") / "site"
    result = mkdocs_build(FIXTURE, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture
def project(tmp_path) -> Path:
    """A writable copy of the fixture project."""
    return copy_fixture(tmp_path / "project")
