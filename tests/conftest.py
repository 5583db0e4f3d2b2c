"""Shared fixtures: a small handbook built from fixture content, the way a user builds it.

The suite has layers, as markers (registered in pyproject.toml):

- `build`: the test builds a site (`mkdocs build` or `serve`, in a subprocess or in this process), or uses a
  fixture that does;
- `browser`: the test drives Chromium;
- neither: the generator in this process, or its quick commands (`check`, `status`, `new`) on small fixture
  content. `python -m pytest -m "not build and not browser"` runs these in about a minute.

Tests are marked from the fixtures they use (pytest_collection_modifyitems): a fixture made with
`site_fixture` builds a site, and `browser` drives Chromium. A test that builds a site by itself is marked
`build` explicitly; `mkdocs_build` fails any test that is not, so the fast layer never builds by mistake.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "site"
MKDOCS = [sys.executable, "-m", "mkdocs"]
# The same build on a laptop and in GitHub Actions: the repository of edit links comes from these there.
CI_REPOSITORY = ("GITHUB_REPOSITORY", "GITHUB_SERVER_URL", "DEFAULT_BRANCH")
ENV = {**{k: v for k, v in os.environ.items() if k not in CI_REPOSITORY}, "NO_MKDOCS_2_WARNING": "1"}

# The fixtures whose tests are marked (their names, as fixtures are requested): site_fixture adds to the first.
BUILD_FIXTURES: set[str] = set()
BROWSER_FIXTURES = {"browser"}
_running: list[pytest.Item] = []  # the test being set up, run or torn down


# The suite takes as long as its busiest worker: the longest tests (20 s or more alone) start first, then
# the other build and browser tests, and the fast ones fill the gaps at the end (longest first scheduling).
LONGEST = ("test_contributing.py::test_readme_and_contributing_commands_work_from_a_fresh_clone",
           "test_serve_increments.py::", "test_properties.py::test_build_succeeds_completely_or_fails_cleanly",
           "test_contributing.py::test_contributing_examples_pass_the_ci_command", "test_offline_browser.py::",
           "test_errors.py::test_on_one_core", "test_serve.py::", "test_accessibility.py::")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        used = set(getattr(item, "fixturenames", ()))  # every fixture the test needs, directly or not
        if used & BUILD_FIXTURES:
            item.add_marker(pytest.mark.build)
        if used & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)

    def rank(item: pytest.Item) -> int:
        where = item.nodeid.rpartition("/")[2]
        first = next((i for i, name in enumerate(LONGEST) if where.startswith(name)), None)
        if first is not None:
            return first
        return len(LONGEST) + (0 if item.get_closest_marker("build") or item.get_closest_marker("browser") else 1)

    items.sort(key=rank)  # stable: the order within each rank is the files' own


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    _running[:] = [item]


def pytest_runtest_teardown(item: pytest.Item) -> None:
    _running[:] = [item]


def in_turn(cases) -> list[tuple]:
    """(case, language): each case in one language, the languages in turn (en, fr, ro, ru, en, ...), for checks
    whose code is the same in every language while their words are each language's own: every language is met."""
    languages = ("en", "fr", "ro", "ru")
    return [(case, languages[i % len(languages)]) for i, case in enumerate(cases)]


def require_build_marker(what: str = "builds a site") -> None:
    """Fail the running test if it is not marked `build`: the fast layer must not build a site."""
    if _running and _running[0].get_closest_marker("build") is None:
        pytest.fail(f"{_running[0].nodeid} {what}: mark it @pytest.mark.build, or use a site_fixture", pytrace=False)


def site_fixture(function: Callable | None = None, **options):
    """@pytest.fixture for a fixture that builds a site: every test that uses it is marked `build`."""
    def register(function: Callable):
        BUILD_FIXTURES.add(function.__name__)
        return pytest.fixture(**options)(function)
    return register(function) if function is not None else register


def mkdocs_build(project: Path, site: Path, env: dict[str, str] | None = None, *,
                 prefix: tuple[str, ...] = (), timeout: float | None = None) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` on a project folder into site (env: extra environment variables;
    prefix: a command to run it under, such as taskset)."""
    require_build_marker()
    return subprocess.run([*prefix, *MKDOCS, "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
                          capture_output=True, text=True, env={**ENV, **(env or {})}, cwd=project, timeout=timeout)


def copy_fixture(dest: Path) -> Path:
    """A private copy of the fixture project, to break or rename things in."""
    shutil.copytree(FIXTURE, dest)
    config = dest / "mkdocs.yml"
    config.write_text(config.read_text().replace("../../../overrides", str(REPO / "overrides")))
    return dest


def snapshot(site: Path) -> dict[str, bytes]:
    """Every file of a built site, by its path in the site, with its bytes."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def shared(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder made once per test run by make(folder), whichever worker asks first; the others wait for it.

    Under pytest-xdist each worker is a process with its own temporary folder (.../pytest-N/popen-gw0): the
    folder is made beside them, in the run's own folder, so that a site is built once, not once per worker.
    """
    base = tmp_path_factory.getbasetemp()
    root = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "shared"
    root.mkdir(exist_ok=True)
    folder, done, failed = root / name, root / f"{name}.done", root / f"{name}.failed"
    try:
        folder.mkdir()  # atomic: one worker makes it
    except FileExistsError:
        deadline = time.monotonic() + 900
        while not done.exists() and not failed.exists():
            assert time.monotonic() < deadline, f"another worker has been making {folder} for 15 minutes"
            time.sleep(0.2)
        if failed.exists():
            pytest.fail(f"making {name} failed in another worker:\n{failed.read_text('utf-8')}", pytrace=False)
        return folder
    try:
        make(folder)
    except BaseException as error:
        failed.write_text(str(error), "utf-8")
        raise
    done.touch()
    return folder


EPOCH = 1_700_000_000  # 2023-11-14 UTC: the build date of the shared fixture site


def _build_in_place(folder: Path) -> None:
    site = folder / "site"
    temporary = folder / "tmp"  # the build's temporary files (the export is written there first)
    temporary.mkdir()
    # A fixed build date: test_reproducible.py compares this site with a second build.
    result = mkdocs_build(FIXTURE, site, env={"TMPDIR": str(temporary), "SOURCE_DATE_EPOCH": str(EPOCH)})
    assert result.returncode == 0, result.stderr


@site_fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The fixture handbook, built once per test run, in place (its pages show git dates). Read only."""
    return shared(tmp_path_factory, "fixture", _build_in_place) / "site"


def _build_a_copy(folder: Path) -> None:
    project = copy_fixture(folder / "project")
    result = mkdocs_build(project, folder / "site")
    assert result.returncode == 0, result.stderr
    (folder / "build.log").write_text(result.stderr, "utf-8")


@site_fixture(scope="session")
def copy_built(tmp_path_factory) -> Path:
    """A copy of the fixture project (outside git: no dates), built once per test run: the folder holding its
    site/ and the build's log, build.log. Read only: copy the site to build over it."""
    return shared(tmp_path_factory, "copy", _build_a_copy)


def built_path(src_uri: str) -> str:
    """The file MkDocs writes a page to: 'archetypes/talker.md' -> 'archetypes/talker/index.html'."""
    stem = src_uri.removesuffix(".md")
    return f"{stem}.html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html"


@pytest.fixture(scope="session")
def rendered() -> dict[str, dict[str, str]]:
    """The fixture handbook's pages rendered in this process, no site built: by language, then by the file
    MkDocs writes ('archetypes/talker/index.html'), the HTML the plugin hands MkDocs for the page's article
    (sanitized, as on_page_content does), with the fixture's site_url and toc settings (Headings' defaults)."""
    from generator.content.handbook import load_handbook
    from generator.render.sanitize import clean
    from generator.render.site import render_all

    book = load_handbook(FIXTURE / "content", FIXTURE)
    pages = render_all(book, site_url="https://example.org/handbook/")  # the fixture's mkdocs.yml
    return {lang: {built_path(made.src_uri): clean(made.content) for made in made_pages if made.src_uri.endswith(".md")}
            for lang, made_pages in pages.items()}


@pytest.fixture
def project(tmp_path) -> Path:
    """A writable copy of the fixture project."""
    return copy_fixture(tmp_path / "project")


@pytest.fixture
def project_and_site(project, copy_built, tmp_path) -> tuple[Path, Path]:
    """A writable copy of the fixture project and its site as `mkdocs build` makes it (a copy of copy_built's)."""
    site = tmp_path / "site"
    shutil.copytree(copy_built / "site", site, symlinks=True)
    return project, site


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
    """A fresh browser page that records JavaScript errors in page.errors. No service worker: the handbook's
    offline copy (test_offline_browser.py) would otherwise be stored in the background of every test."""
    context = browser.new_context(service_workers="block")
    from browser import watch

    tab = watch(context.new_page())
    yield tab
    context.close()
