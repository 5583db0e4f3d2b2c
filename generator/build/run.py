"""A `mkdocs build` (or gh-deploy) of every language: the other languages forked beside the English build,
into a staging folder published only when every build and the search index succeeded.

Without fork, or in a dirty build, the other languages build one after another once English is built.
"""

from __future__ import annotations

import gc
import os
import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from generator.build.language import LanguageSite
from generator.build.offline import OfflineError, write_offline
from generator.build.parallel import Slots, Staging, finish, language_config, language_url, parallel_builds, start
from generator.build.reading import Reading, load, read, root_address
from generator.build.theme import ThemeCache
from generator.content.model import Handbook
from generator.features.export import write_export
from generator.features.practice import questions
from generator.features.search import SearchError, SearchIndex, build_index
from generator.language.codes import DEFAULT
from generator.render.reuse import Memo

log = get_plugin_logger("generator.plugin")


class BuildRun:
    """One `mkdocs build` of every language. command: 'build' or 'gh-deploy' (forked builds, staged), or None
    (a dirty build, or a build started without MkDocs's command line: in place, one language after another)."""

    search_wait = 0  # the index is built before the site is published

    def __init__(self, command: str | None = None) -> None:
        self.command = command
        self.staging: Staging | None = None
        self.configs: dict[str, MkDocsConfig] = {}  # the other languages' configurations
        self.started: dict[str, int | None] = {}  # language -> forked build's pid (None: built at the end)
        self.slots: Slots | None = None
        self.temporary: list[Path] = []
        self.failed = False
        self.reading: Reading | None = None
        self.theme = ThemeCache()  # what every language's build shares of the theme

    def memo(self, lang: str) -> Memo | None:
        return None  # pages are rendered as MkDocs writes them, not kept

    def read(self, config: MkDocsConfig, content_dir: str, languages: list[str]) -> Reading:
        """The English build reads the content, then starts the other languages' builds."""
        root_url = root_address(config)
        self.reading = reading = read(config, content_dir, load(config, content_dir), root_url)
        self.failed = False
        if self.command:
            self.staging = Staging(config.site_dir)
            config.site_dir = str(self.staging.staging)
        # The other languages build from here, each forked into a folder of its own beside this build's
        # (moved into the site once every build succeeded); without fork (a dirty build), one after
        # another at the end.
        self.configs = {other: self._language_config(config, other) for other in languages if other != DEFAULT}
        if self.command:
            questions(reading.book)  # the practice questions of every language: chosen once, before the fork
            # What is read so far is shared by the forked builds: set apart from the collector, whose
            # passes over it would copy the memory pages holding it into every process (and take time).
            gc.freeze()
            # This build takes a slot; the others wait for one (parallel.Slots).
            self.slots = Slots(parallel_builds() - 1)
        self.started = {other: start(cfg, other, self.slots) if self.command else None
                        for other, cfg in self.configs.items()}
        return reading

    def export(self, book: Handbook) -> Path:
        """The JSON export written to a temporary file (removed after the build), not held in memory."""
        fd, name = tempfile.mkstemp(prefix="handbook-export-", suffix=".json")
        os.close(fd)
        self.temporary.append(Path(name))
        write_export(book, self.temporary[-1])
        return self.temporary[-1]

    def configured(self, config: MkDocsConfig, site: LanguageSite) -> None:
        pass

    def files(self, config: MkDocsConfig, site: LanguageSite, files: Files) -> Files:
        return site.files(config, files)

    def built(self, config: MkDocsConfig, lang: str) -> Path | None:
        """A language's build ended: once English ended, wait for the others; the site, when all are built."""
        if lang != DEFAULT:
            return None
        self._drop_temporary()
        forked = [other for other, pid in self.started.items() if pid]
        if self.slots is not None:  # this language is built: its slot goes to the next waiting one
            self.slots.give()
        failed = finish(self.started, self.configs, self.slots)
        self._close_slots()
        self.started = {}
        gc.unfreeze()
        refuse_failed(failed)
        for other in forked:
            self.staging.place(other)
        return Path(config.site_dir)

    def index(self, site: Path, expected: dict[str, int]) -> None:
        """Every language is built: index them all at once (Pagefind cannot update an index in place), before
        the site is published."""
        try:
            found = build_index(site, expected)
        except SearchError as error:
            kept = "; the previous site was kept" if self.staging else ""
            raise PluginError(f"search index: {error}{kept}") from None
        indexed(found)

    def store_offline(self, site: Path, languages: list[str]) -> None:
        """Every language is built and indexed: its manifest, precache list and service worker, before the site
        is published."""
        try:
            lists = write_offline(site, languages)
        except OfflineError as error:
            kept = "; the previous site was kept" if self.staging else ""
            raise PluginError(f"offline: {error}{kept}") from None
        log.info("offline: " + ", ".join(f"{lang} {listed.size / 1e6:.1f} MB in "
                                         f"{len(listed.files) + len(listed.search)} files"
                                         + (f" (+{len(listed.later)} pages kept once opened)" if listed.later else "")
                                         for lang, listed in lists.items()))

    def error(self) -> None:
        self.failed = True
        self._drop_temporary()
        for pid in self.started.values():  # a failed English build stops the others
            if pid:
                os.kill(pid, 15)
                os.waitpid(pid, 0)
        self.started = {}
        self._close_slots()

    def shutdown(self) -> None:
        if self.staging is None:
            return
        if self.failed:
            self.staging.discard()
        else:
            self.staging.publish()

    def _drop_temporary(self) -> None:
        for path in self.temporary:
            path.unlink(missing_ok=True)
        self.temporary = []

    def _close_slots(self) -> None:
        if self.slots is not None:
            self.slots.close()
            self.slots = None

    def _language_config(self, root: MkDocsConfig, lang: str) -> MkDocsConfig:
        """The root build's configuration, moved to a language's prefix, theme and search."""
        # A forked build writes aside: this build cleans its site_dir after the fork.
        site_dir = self.staging.aside(lang) if self.command else os.path.join(root.site_dir, lang)
        return language_config(root.config_file_path, str(site_dir), language_url(root.site_url, lang), root.strict,
                               lang)


def refuse_failed(languages: list[str]) -> None:
    """Once the English build waited for the others: a PluginError naming those that failed, if any."""
    if languages:
        raise PluginError(f"the {', '.join(languages)} build failed (see above); the previous site was kept")


def indexed(index: SearchIndex | SearchError) -> None:
    """Tell what the search index holds, or (under `serve`, after the build) what went wrong."""
    if isinstance(index, SearchError):  # under `serve`, after the build: the terminal shows it
        log.error(f"search index: {index}")
        return
    for warning in index.warnings:  # a page Pagefind had trouble with: fails a --strict build
        log.warning(f"search index: {warning}")
    log.info(f"search: indexed {sum(index.pages.values())} pages in {len(index.pages)} languages "
             f"in {index.seconds:.1f} s")
