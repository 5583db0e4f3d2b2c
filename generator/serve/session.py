"""A `mkdocs serve` session: every rebuild after a save, and every cache that makes a rebuild quick.

The English build runs in the server's thread; the other languages build in worker processes at the same
time (workers.py), each writing only the files whose inputs changed (changed.py) and rendering again only
the pages that show what changed (render/reuse.py). Search is indexed after the page reloads: the search
dialog waits for the new index. A save that breaks content keeps serving the last good version.
"""

from __future__ import annotations

import shutil
from concurrent.futures import Future
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from generator.build.language import NAV, LanguageSite
from generator.build.parallel import language_url
from generator.build.reading import Reading, load, read, root_address
from generator.build.run import indexed, refuse_failed
from generator.build.theme import ThemeCache
from generator.content.handbook import Remembered
from generator.content.model import Handbook
from generator.features.export import export_json
from generator.features.search import INDEX_DIR, Background
from generator.language.codes import DEFAULT
from generator.render.reuse import Memo
from generator.serve.changed import SCRATCH, Served, move_over, setting
from generator.serve.workers import Job, Workers

log = get_plugin_logger("generator.plugin")


class ServeSession:
    """The state `mkdocs serve` keeps from one rebuild to the next, in the server's process or in a worker's
    (a worker builds one language, the same one every time: adopt())."""

    search_wait = 120  # seconds the search dialog waits for the index being built after the reload

    def __init__(self) -> None:
        self.book: Handbook | None = None  # the last good content
        self.content = Remembered()  # each file's parse and entry, for the next load
        self.reading: Reading | None = None
        self.memos: dict[str, Memo] = {}  # language -> the pages of its last build
        self.served: dict[str, Served] = {}  # language -> what its last build wrote, with each file's inputs
        self.served_dirs: dict[str, Path] = {}  # language -> the folder it is served from
        # language -> the files this build writes (None: all), with the inputs of every file
        self.plans: dict[str, tuple[frozenset[str] | None, dict]] = {}
        self.workers: Workers | None = None  # the other languages' builds
        self.building: dict[str, Future] = {}
        self.indexer: Background | None = None
        self.whole = False  # a worker's: build every file (the root build cleaned the language's folder)
        self.languages: list[str] = []
        self.theme = ThemeCache()  # compiled templates and file list, for every rebuild

    def memo(self, lang: str) -> Memo:
        return self.memos.setdefault(lang, Memo())

    def read(self, config: MkDocsConfig, content_dir: str, languages: list[str]) -> Reading:
        """The English build: the index being built, and the one served, are of the old pages."""
        self.languages = languages
        self._stop_indexer()
        shutil.rmtree(Path(config.site_dir) / INDEX_DIR, ignore_errors=True)
        root_url = root_address(config)
        self.book = load(config, content_dir, keep=self.book, memory=self.content)
        self.reading = read(config, content_dir, self.book, root_url)
        return self.reading

    def adopt(self, config: MkDocsConfig, job: Job, content_dir: str) -> Reading:
        """In a worker: what the root build read once; the content is read here (its last good version is kept,
        as the root build keeps its own, which tells the terminal what is wrong)."""
        self.whole = job.whole
        self.book = load(config, content_dir, keep=self.book, quiet=True, memory=self.content)
        self.reading = Reading(self.book, job.root_url, job.base, job.outdated, job.updated)
        return self.reading

    def export(self, book: Handbook) -> str:
        return export_json(book)  # kept as text: compared with the last build's

    def configured(self, config: MkDocsConfig, site: LanguageSite) -> None:
        """After the first build, write only the files whose inputs changed (changed.py)."""
        lang = site.lang
        served = Path(config.site_dir)
        self.served_dirs[lang] = served
        inputs = site.inputs()
        here = setting(config.config_file_path, config.theme.dirs, lang, config.site_url, str(served),
                       sorted(site.lastmods.items()))  # the sitemap shows the dates
        changed = self.served.setdefault(lang, Served()).plan(here, inputs, whole=self.whole or not served.is_dir())
        self.plans[lang] = (changed, inputs)
        if changed is not None:
            config.site_dir = str(served / SCRATCH)
            config.theme.static_templates.clear()  # 404 page and sitemap: the same pages, the same dates

    def files(self, config: MkDocsConfig, site: LanguageSite, files: Files) -> Files:
        lang = site.lang
        if lang == DEFAULT:  # site_dir is clean now: the workers build beside this build
            others = [other for other in self.languages if other != DEFAULT]
            self.workers = self.workers or Workers(others)
            whole = self.plans[lang][0] is None  # this build cleaned the folders of the other languages
            self.building = {other: self.workers.submit(self._job(config, other, whole)) for other in others}
        files = site.files(config, files)
        changed = self.plans[lang][0]
        if changed is not None:  # the theme's files and unchanged pages are served as they are
            keep = changed | {src_uri for _, src_uri in NAV}  # the navigation needs its pages
            files = Files([file for file in files if file.src_uri in keep])
        return files

    def built(self, config: MkDocsConfig, lang: str) -> Path | None:
        """A language built: move what it wrote over the served site, if it wrote aside; once English is built,
        wait for the workers; the served site, when every language is built."""
        changed, inputs = self.plans.pop(lang)
        if changed is not None:
            moved = move_over(Path(config.site_dir), self.served_dirs[lang])
            log.debug(f"[{lang}] {moved} changed files of {len(inputs)} written")
        self.served[lang].done(inputs)
        if lang != DEFAULT:
            return None
        refuse_failed(self._finish_workers())
        return self.served_dirs[DEFAULT]

    def index(self, site: Path, expected: dict[str, int]) -> None:
        """After the pages are served: the reload does not wait for the index, and the search dialog of the
        reloaded page waits for the new one (the old one is gone)."""
        self.indexer = Background(site, expected, indexed)

    def store_offline(self, site: Path, languages: list[str]) -> None:
        """Nothing: under `serve` no service worker or precache list is written (a contributor always sees the live
        files; assets/offline.js removes a worker left on the same address by a built site)."""

    def error(self) -> None:
        for future in self.building.values():  # the next build cleans site_dir: let the workers end first
            future.exception()
        self.building = {}

    def shutdown(self) -> None:
        self._stop_indexer()
        if self.workers is not None:
            self.workers.shutdown()
            self.workers = None

    def _job(self, root: MkDocsConfig, lang: str, whole: bool) -> Job:
        reading = self.reading
        return Job(lang, root.config_file_path, str(self.served_dirs[DEFAULT] / lang),
                   language_url(root.site_url, lang), root.strict, reading.root_url, reading.base,
                   reading.outdated, reading.updated, whole)

    def _finish_workers(self) -> list[str]:
        failed = []
        for lang, future in self.building.items():
            try:
                future.result()
            except Exception as error:  # noqa: BLE001 - the worker's build logged its problems; name it here
                log.error(f"[{lang}] {error}")
                failed.append(lang)
        self.building = {}
        return failed

    def _stop_indexer(self) -> None:
        """End the indexing still running after the last build, if any."""
        if self.indexer is not None:
            self.indexer.stop()
            self.indexer = None
