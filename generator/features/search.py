"""The handbook's search: a Pagefind index per language over the built entry and source pages."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.content.model import KIND_ORDER
from generator.language.codes import prefix
from generator.language.strings import ui
from generator.language.typography import typeset

INDEX_DIR = "pagefind"  # under the site root; pagefind.js finds each language's index there
ENTRY_FILE = "pagefind-entry.json"  # the bundle's table of contents: its languages, with their index files
FRAGMENT_SIGNATURE = b"pagefind_dcd"  # what a Pagefind 1.x fragment starts with, once decompressed
# Only entry and source pages can carry data-pagefind-body (overrides/main.html); the glob spares
# Pagefind from parsing the other pages. Redirect pages match it but carry no body, so are skipped.
GLOB = "**/{" + ",".join(KIND_ORDER) + "}/*/index.html"
# Markup the templates cannot mark with data-pagefind-ignore: the permalink signs of headings and the
# notices of untranslated or outdated text (the same words on many pages).
EXCLUDE = ".headerlink, .admonition"
# The UI strings of the search dialog (overrides/partials/search.html, overrides/assets/search.js).
UI_KEYS = ("search_filter", "search_all", "search_more", "search_failed", "search_waiting", "search_browse",
           "search_no_script", "search_common_only", "search_no_words", "search_did_you_mean", "search_first_words",
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
    return {key: typeset(ui(key, lang), lang) for key in UI_KEYS}


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
    language; started is given each Pagefind process (to stop it).

    One language at a time, each into a folder of its own, then put together as the one bundle Pagefind
    writes for several languages (its files are named by content; pagefind-entry.json lists the
    languages): Pagefind holds every page it indexes in memory, so this takes about a quarter of the
    memory of one run over the whole site (1.4 GiB at 5,000 entries), in about the same time.
    """
    output = output or site_dir / INDEX_DIR
    parts = output.with_name(f".{output.name}.parts")
    shutil.rmtree(parts, ignore_errors=True)
    start = time.perf_counter()
    said: list[str] = []
    try:
        for lang in expected:
            said += _index_language(site_dir, lang, parts / lang, started)
        shutil.rmtree(output, ignore_errors=True)
        _put_together([parts / lang for lang in expected], output)
        for lang in expected:
            write_kinds(output, lang)
    finally:
        shutil.rmtree(parts, ignore_errors=True)
    seconds = time.perf_counter() - start
    pages = indexed_pages(output)
    for lang, count in expected.items():
        if pages.get(lang, 0) != count:
            why = missing_page(site_dir, lang) or (said[-1] if said else "other pages than the entries")
            raise SearchError(f"the {lang} search index has {pages.get(lang, 0)} pages, expected {count}: {why}")
    return SearchIndex(pages, seconds, list(dict.fromkeys(said)))  # a warning of every run, once


def _index_language(site_dir: Path, lang: str, output: Path,
                    started: Callable[[subprocess.Popen], None] | None) -> list[str]:
    """Run Pagefind over one language's entry pages; what it said (warnings), line by line."""
    command = pagefind_command(site_dir, prefix(lang) + GLOB.removeprefix("**/"), output)
    try:
        # cwd: Pagefind reads a pagefind.yml from its working directory; the site has none.
        with subprocess.Popen(command, cwd=site_dir, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True) as process:
            if started is not None:
                started(process)
            said, _ = process.communicate(timeout=3600)
    except OSError as error:
        raise SearchError(f"Pagefind could not run: {error}") from None
    lines = [line.strip() for line in said.splitlines() if line.strip()]
    if process.returncode != 0:
        raise SearchError(f"Pagefind failed on the {lang} pages (exit {process.returncode}): "
                          f"{lines[-1] if lines else 'no output'}")
    return lines


def _put_together(parts: list[Path], output: Path) -> None:
    """One bundle from the bundles of single languages: their files, and one entry file listing them all."""
    entry: dict | None = None
    for part in parts:
        own = json.loads((part / ENTRY_FILE).read_text("utf-8"))
        if entry is None:
            entry = own
        elif {k: v for k, v in own.items() if k != "languages"} != {k: v for k, v in entry.items() if k != "languages"}:
            raise SearchError(f"the Pagefind runs of {parts[0].name} and {part.name} disagree on {ENTRY_FILE}")
        else:
            entry["languages"].update(own["languages"])
        for path, _, names in os.walk(part):  # the files of every language (the shared ones are the same)
            target = output / Path(path).relative_to(part)
            target.mkdir(parents=True, exist_ok=True)
            for name in names:
                if name != ENTRY_FILE:
                    os.replace(os.path.join(path, name), target / name)
    output.mkdir(parents=True, exist_ok=True)
    (output / ENTRY_FILE).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")


def kinds_file(lang: str) -> str:
    """The name of a language's page kinds, in the Pagefind folder (assets/matcher.js reads it)."""
    return f"kinds-{lang}.json"


def write_kinds(index_dir: Path, lang: str) -> None:
    """The kind of each page of a language's index, {kind: "page page ..."} by Pagefind's page id (its fragment's
    name without the language): the browser searches a word once and tells each result's kind from this, where
    a search per kind costs 1.2-2 times as much (Pagefind scores every page a word is on, then filters)."""
    kinds: dict[str, list[str]] = {kind: [] for kind in KIND_ORDER}
    for fragment in sorted((index_dir / "fragment").glob(f"{lang}_*.pf_fragment")):
        try:
            data = gzip.decompress(fragment.read_bytes())
            kind = json.loads(data.removeprefix(FRAGMENT_SIGNATURE))["filters"]["kind"][0]
        except (OSError, EOFError, ValueError, KeyError, IndexError, TypeError) as error:
            raise SearchError(f"Pagefind wrote a fragment without a page kind ({fragment.name}: {error!r})") from None
        if kind not in kinds:
            raise SearchError(f"Pagefind indexed a page of an unknown kind '{kind}' ({fragment.name})")
        kinds[kind].append(fragment.name.removesuffix(".pf_fragment").removeprefix(f"{lang}_"))
    (index_dir / kinds_file(lang)).write_text(
        json.dumps({kind: " ".join(ids) for kind, ids in kinds.items()}, separators=(",", ":")), "utf-8")


def indexed_pages(index_dir: Path) -> dict[str, int]:
    """Pages in each language's index (the folder Pagefind wrote), as Pagefind recorded them."""
    entry = index_dir / ENTRY_FILE
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
