"""The handbook's search: a Pagefind index per language over the built entry and source pages."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .i18n import ui
from .languages import prefix
from .model import KIND_ORDER

INDEX_DIR = "pagefind"  # under the site root; pagefind.js finds each language's index there
# Only entry and source pages can carry data-pagefind-body (overrides/main.html); the glob spares
# Pagefind from parsing the other pages. Redirect pages match it but carry no body, so are skipped.
GLOB = "**/{" + ",".join(KIND_ORDER) + "}/*/index.html"
# Markup the templates cannot mark with data-pagefind-ignore: the permalink signs of headings and the
# notices of untranslated or outdated text (the same words on many pages).
EXCLUDE = ".headerlink, .admonition"
# The UI strings of the search dialog (overrides/partials/search.html, overrides/assets/search.js).
UI_KEYS = ("search_filter", "search_all", "search_more", "search_failed", "search_browse", "search_no_script",
           *KIND_ORDER, *(f"search_kind_{kind}" for kind in KIND_ORDER))


class SearchError(Exception):
    """The search index could not be built; the message is one line naming the cause."""


@dataclass(frozen=True)
class SearchIndex:
    """What Pagefind indexed: pages per language, and how long it took."""

    pages: dict[str, int]
    seconds: float
    warnings: list[str]  # what Pagefind said while indexing (quiet: only warnings), one line each


def labels(lang: str) -> dict[str, str]:
    """The search dialog's UI strings in one language."""
    return {key: ui(key, lang) for key in UI_KEYS}


def binary() -> Path:
    """The Pagefind executable: $PAGEFIND_BINARY_PATH, else the one the pagefind[bin] wheel ships."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        raise SearchError("Pagefind is not installed: pip install -r requirements.txt") from None
    try:
        path = get_executable()
    except FileNotFoundError:  # the wrapper is installed, its binary is not
        path = None
    if path is None or not path.is_file():
        raise SearchError(f"the Pagefind binary was not found{f' at {path}' if path else ''}: "
                          "pip install -r requirements.txt (pagefind[bin])")
    return path


def pagefind_command(site_dir: Path, glob: str = GLOB, output: Path | None = None) -> list[str]:
    """The Pagefind command line that indexes a built site (into site_dir/pagefind unless output is given)."""
    where = ["--output-path", str(output)] if output else ["--output-subdir", INDEX_DIR]
    return [str(binary()), "--site", str(site_dir), *where, "--glob", glob, "--exclude-selectors", EXCLUDE, "--quiet"]


def build_index(site_dir: Path, expected: dict[str, int], output: Path | None = None,
                started: Callable[[subprocess.Popen], None] | None = None) -> SearchIndex:
    """Index the built site into site_dir/pagefind (or output); expected: the number of entry pages per
    language; started is given Pagefind's process (to stop it)."""
    command = pagefind_command(site_dir, output=output)
    start = time.perf_counter()
    try:
        # cwd: Pagefind reads a pagefind.yml from its working directory; the site has none.
        with subprocess.Popen(command, cwd=site_dir, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True) as process:
            if started is not None:
                started(process)
            said, _ = process.communicate(timeout=3600)
    except OSError as error:
        raise SearchError(f"Pagefind could not run: {error}") from None
    seconds = time.perf_counter() - start
    output_lines = [line.strip() for line in said.splitlines() if line.strip()]
    if process.returncode != 0:
        raise SearchError(f"Pagefind failed (exit {process.returncode}): "
                          f"{output_lines[-1] if output_lines else 'no output'}")
    pages = indexed_pages(output or site_dir / INDEX_DIR)
    for lang, count in expected.items():
        if pages.get(lang, 0) != count:
            why = missing_page(site_dir, lang) or (output_lines[-1] if output_lines else "other pages than the entries")
            raise SearchError(f"the {lang} search index has {pages.get(lang, 0)} pages, expected {count}: {why}")
    return SearchIndex(pages, seconds, output_lines)


def indexed_pages(index_dir: Path) -> dict[str, int]:
    """Pages in each language's index (the folder Pagefind wrote), as Pagefind recorded them."""
    entry = index_dir / "pagefind-entry.json"
    try:
        languages = json.loads(entry.read_text("utf-8"))["languages"]
    except (OSError, ValueError, KeyError) as error:
        raise SearchError(f"Pagefind wrote no usable {INDEX_DIR}/pagefind-entry.json ({error})") from None
    return {lang: info["page_count"] for lang, info in languages.items()}


def missing_page(site_dir: Path, lang: str) -> str | None:
    """The first entry page of a language that Pagefind would skip, and why; for the error message."""
    root = site_dir / prefix(lang)
    for kind in KIND_ORDER:
        for page in sorted((root / kind).glob("*/index.html")):
            html = page.read_text("utf-8", errors="replace")
            if "data-pagefind-body" in html or 'http-equiv="refresh"' in html:
                continue
            return f"{page.relative_to(site_dir)} has no data-pagefind-body"
    return None


class Background:
    """Under `mkdocs serve`: the index built in a thread after the pages are served, into a folder of its own
    that takes the place of site_dir/pagefind when it is whole; report() is given the index or the error."""

    def __init__(self, site_dir: Path, expected: dict[str, int], report: Callable[[SearchIndex | SearchError], None]):
        self.building = site_dir / f".{INDEX_DIR}.building"
        self.final = site_dir / INDEX_DIR
        self.process: subprocess.Popen | None = None
        self.stopped = False
        self.thread = threading.Thread(target=self._run, args=(site_dir, expected, report),
                                       name="handbook-search-index", daemon=True)
        self.thread.start()

    def _run(self, site_dir: Path, expected: dict[str, int], report) -> None:
        shutil.rmtree(self.building, ignore_errors=True)
        try:
            index = build_index(site_dir, expected, output=self.building, started=self._started)
        except SearchError as error:
            if not self.stopped:
                report(error)
            return
        if self.stopped:
            return
        shutil.rmtree(self.final, ignore_errors=True)
        os.rename(self.building, self.final)
        report(index)

    def _started(self, process: subprocess.Popen) -> None:
        self.process = process
        if self.stopped:
            process.terminate()

    def stop(self) -> None:
        """End the indexing (the pages changed again), and wait for it."""
        self.stopped = True
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
        self.thread.join()
        shutil.rmtree(self.building, ignore_errors=True)
