"""The MkDocs adapter: one build per language, pages generated in memory from the content model.

Why not mkdocs-static-i18n: it crashes on in-memory files, needs generated Markdown written into
docs_dir, and merges every language into one search index. Material recommends one build per
language; this plugin runs them, so plain `mkdocs build` and `mkdocs serve` build all four.
"""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
from concurrent.futures import Future
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from generator.build import sitemaps
from generator.build.addresses import (
    PLACEHOLDER_HINT,
    AddressError,
    check_site_url,
    is_placeholder,
    repository_from_environment,
)
from generator.build.parallel import Slots, Staging, finish, language_config, language_url, parallel_builds, start
from generator.build.prerendered import THEME_BYTECODE, Fragments, Prerendered, list_theme_once
from generator.content.handbook import load_handbook
from generator.content.model import KIND_ORDER, Handbook
from generator.content.problems import ContentError
from generator.features.export import EXPORT_PATH, EXPORT_SCHEMA_FILE, EXPORT_SCHEMA_PATH, export_json, write_export
from generator.features.practice import questions
from generator.features.previews import OG_LOCALES, Preview, preview
from generator.features.search import INDEX_DIR, Background, SearchError, SearchIndex, build_index, labels
from generator.features.search import binary as search_binary
from generator.history.dates import last_updated
from generator.history.staleness import outdated
from generator.language.codes import DEFAULT, LANGUAGES, NATIVE_NAMES, prefix
from generator.language.strings import ui
from generator.render.pages import Deferred, Headings, Page
from generator.render.reuse import Memo
from generator.render.sanitize import clean
from generator.render.site import redirects, render_language, render_redirect
from generator.serve.changed import SCRATCH, SERVED, Served, move_over, setting
from generator.serve.workers import Job, Workers

log = get_plugin_logger(__name__)

# Under `serve`, per process and language: the pages of the last build, reused where nothing they show changed.
MEMOS: dict[str, Memo] = {}

# The navigation: (UI string, page) in order.
NAV = (("home", "index.md"), ("diagnose", "diagnose.md"), *((kind, f"{kind}/index.md") for kind in KIND_ORDER),
       ("tags", "tags/index.md"), ("practice", "practice/index.md"))
# UI strings the theme templates and scripts use (page not found, copy-link buttons, the kind indexes).
THEME_STRINGS = ("home", "diagnose", "tags", *KIND_ORDER, "copy_link", "link_copied", "copy_failed",
                 "not_found_title", "not_found_text", "not_found_kind", "not_found_search", "not_found_browse")


class HandbookConfig(Config):
    content_dir = opt.Dir(exists=True, default="content")
    languages = opt.ListOfItems(opt.Choice(LANGUAGES), default=list(LANGUAGES))


class HandbookPlugin(BasePlugin[HandbookConfig]):
    """Loads and validates content once, then renders each language's pages into its own build."""

    # MkDocs caches plugin instances: the builds of all four languages share this one. So the
    # language of a build is read from its config (theme.language), and state set by the English
    # (root) build is shared with the others on purpose.

    def __init__(self) -> None:
        self.pages: dict[str, list[Page]] | None = None
        self.book: Handbook | None = None
        self.outdated: set[tuple[str, str]] = set()
        self.base = "/"  # URL path of the English root
        self.site_url = ""  # the English root, absolute
        self.updated: dict = {}  # content file -> date of its last commit
        self.command: str | None = None
        self.staging: Staging | None = None
        self.language_configs: dict[str, MkDocsConfig] = {}
        self.started: dict[str, int | None] = {}
        self.slots: Slots | None = None
        self.failed = False
        self.root_url = ""  # the English root's public address, from site_url
        self.previews: dict[str, dict[str, Preview]] = {}  # language -> src_uri -> preview
        # language -> src_uri -> the generated page (outside `serve`, rendered when MkDocs writes it: Deferred)
        self.made: dict[str, dict[str, Page | Deferred]] = {}
        self.serving = False
        self.workers: Workers | None = None  # under `serve`: the other languages' builds
        self.building: dict[str, Future] = {}
        self.lastmods: dict[str, str] = {}  # src_uri -> date of the entry file's last commit
        self.told_placeholder = False
        # language -> src_uri -> text (or a temporary file) of the other generated files
        self.extras: dict[str, dict[str, str | Path]] = {}
        self.temporary: list[Path] = []
        # Under `serve`: each language's served folder, and the files its build writes (None: all) with the
        # inputs of every file (increments.py); the search index built after the reload.
        self.served_dirs: dict[str, Path] = {}
        self.plans: dict[str, tuple[frozenset[str] | None, dict]] = {}
        self.whole = False  # build every file of the language (a worker's: the root build cleaned its folder)
        self.indexer: Background | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # `mkdocs serve` runs builds in a server thread: forking there is unsafe, and it writes to a
        # temporary folder anyway; `build` and `gh-deploy` build side by side and publish at the end.
        self.command = None if command == "serve" or dirty else command
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        lang = config.theme["language"]
        if lang not in self.config.languages:
            raise PluginError(f"theme.language is '{lang}'; the handbook builds {', '.join(self.config.languages)}")
        self._set_repository(config)
        if lang == DEFAULT and self.serving:  # the index being built, and the one served, are of the old pages
            self._stop_indexer()
            shutil.rmtree(Path(config.site_dir) / INDEX_DIR, ignore_errors=True)
        if lang == DEFAULT:
            try:
                self.root_url = check_site_url(config.site_url)
            except AddressError as error:
                raise PluginError(str(error)) from None
            self.book = self._load(config, keep=self.book if self.serving else None)
            self._check_search()
            self.pages = {}
            self.base = urlsplit(self.root_url).path
            root = Path(config.config_file_path).parent
            content = Path(self.config.content_dir).resolve()
            # From git history: the other languages' builds are forked after this and share it.
            self.outdated = set(outdated(root, content.relative_to(root.resolve()).as_posix())
                                if content.is_relative_to(root.resolve()) else ())
            self.updated = {e.path: day for e in self.book.all() if (day := last_updated(root, e.path))}
            self.failed = False
            if self.command:
                self.staging = Staging(config.site_dir)
                config.site_dir = str(self.staging.staging)
            # The other languages build from here, each forked into a folder of its own beside this build's
            # (moved into the site once every build succeeded); without fork (a dirty build), one after
            # another at the end; under `serve`, in worker processes once site_dir is clean (on_files).
            if not self.serving:
                self.language_configs = {other: self._language_config(config, other)
                                         for other in self.config.languages if other != DEFAULT}
                if self.command:
                    questions(self.book)  # the practice questions of every language: chosen once, before the fork
                    # What is read so far is shared by the forked builds: set apart from the collector, whose
                    # passes over it would copy the memory pages holding it into every process (and take time).
                    gc.freeze()
                    # This build takes a slot; the others wait for one (builds.Slots).
                    self.slots = Slots(parallel_builds() - 1)
                self.started = {other: start(cfg, other, self.slots) if self.command else None
                                for other, cfg in self.language_configs.items()}
        # Each language renders its own pages: in a forked build, in parallel with the others.
        # Content was validated in full above, before anything was written.
        self.pages[lang] = render_language(self.book, lang, site_url=self.root_url, updated=self.updated,
                                           outdated=self.outdated,
                                           headings=Headings.from_config(config.mdx_configs.get("toc", {})),
                                           memo=MEMOS.setdefault(lang, Memo()) if self.serving else None,
                                           defer=not self.serving)
        self.made[lang] = {page.src_uri: page for page in self.pages[lang] if page.src_uri.endswith(".md")}
        self.previews[lang] = {page.src_uri: preview(page.src_uri, page.entry, lang) for page in self.pages[lang]}
        # Git dates are read once, above: the forked builds inherit them.
        self.lastmods = {page.src_uri: self.updated[page.entry.path].isoformat()
                         for page in self.pages[lang] if page.entry is not None and page.entry.path in self.updated}
        self.extras[lang] = dict(self._other_files(lang))
        list_theme_once(config)
        config.site_name = ui("site_name", lang)
        config.extra["handbook_search"] = labels(lang)
        # Under `serve` the index is built after the reload: the search dialog waits for it (seconds).
        config.extra["handbook_search_wait"] = 120 if self.serving else 0
        config.nav = [{ui(key, lang): src_uri} for key, src_uri in NAV]
        config.extra["alternate"] = [
            {"name": NATIVE_NAMES[other], "link": self.base + prefix(other), "lang": other, "prefix": prefix(other),
             "url": self.root_url + prefix(other), "locale": OG_LOCALES[other]}
            for other in self.config.languages]
        config.extra["handbook_language"] = lang
        config.extra["handbook_locale"] = OG_LOCALES[lang]
        config.extra["handbook_ui"] = {key: ui(key, lang) for key in THEME_STRINGS}
        config.extra["handbook_kinds"] = list(KIND_ORDER)
        config.extra["handbook_prefix"] = prefix(lang)
        if self.serving:
            self._plan(config, lang)
        return config

    def _other_files(self, lang: str):
        """(src_uri, text) of the generated files that are not pages: redirects, and the JSON export."""
        for old, target in redirects(self.book):
            yield old, render_redirect(target, lang)
        if lang == DEFAULT:  # a file outside `serve`, which compares the text with the last build's
            yield EXPORT_PATH, export_json(self.book) if self.serving else self._export_file()
            yield EXPORT_SCHEMA_PATH, EXPORT_SCHEMA_FILE.read_text("utf-8")

    def _export_file(self) -> Path:
        """The JSON export written to a temporary file (removed after the build), not held in memory."""
        fd, name = tempfile.mkstemp(prefix="handbook-export-", suffix=".json")
        os.close(fd)
        self.temporary.append(Path(name))
        write_export(self.book, self.temporary[-1])
        return self.temporary[-1]

    def _drop_temporary(self) -> None:
        for path in self.temporary:
            path.unlink(missing_ok=True)
        self.temporary = []

    def _plan(self, config: MkDocsConfig, lang: str) -> None:
        """Under `serve`: after the first build, write only the files whose inputs changed (increments.py)."""
        served = Path(config.site_dir)
        self.served_dirs[lang] = served
        inputs: dict[str, object] = {page.src_uri: (page, page.entry.path if page.entry else None,
                                                    self.previews[lang].get(page.src_uri),
                                                    self.lastmods.get(page.src_uri)) for page in self.pages[lang]}
        inputs.update(self.extras[lang])
        here = setting(config.config_file_path, config.theme.dirs, lang, config.site_url, str(served),
                       sorted(self.lastmods.items()))  # the sitemap shows the dates
        changed = SERVED.setdefault(lang, Served()).plan(here, inputs, whole=self.whole or not served.is_dir())
        self.plans[lang] = (changed, inputs)
        if changed is not None:
            config.site_dir = str(served / SCRATCH)
            config.theme.static_templates.clear()  # 404 page and sitemap: the same pages, the same dates

    def _check_search(self) -> None:
        # Before anything is built: a missing Pagefind would otherwise fail only after every language.
        try:
            search_binary()
        except SearchError as error:
            raise PluginError(f"search index: {error}; nothing was built") from None

    def _set_repository(self, config: MkDocsConfig) -> None:
        """Edit links open the repository the build runs in (GitHub Actions), else mkdocs.yml's repo_url."""
        try:
            repository = repository_from_environment(os.environ)
        except AddressError as error:
            raise PluginError(str(error)) from None
        if repository is not None:
            config.repo_url = repository.url
            config.edit_uri = repository.edit_uri or config.edit_uri
        elif is_placeholder(config.repo_url) and not self.told_placeholder:
            self.told_placeholder = True  # one line per `mkdocs build` or `serve`, not one per language
            log.info(PLACEHOLDER_HINT.format(url=config.repo_url))

    def _load(self, config: MkDocsConfig, keep: Handbook | None = None, quiet: bool = False) -> Handbook:
        """The validated content; under `serve`, a broken save keeps `keep`, the last good content."""
        # Everything is loaded and validated before MkDocs cleans or writes site_dir.
        try:
            return load_handbook(Path(self.config.content_dir), Path(config.config_file_path).parent,
                                 remember=self.serving)
        except ContentError as error:
            count = len(error.problems)
            problems = f"{count} problem{'s' if count != 1 else ''} in content"
            if keep is None:
                raise PluginError(f"{problems}; nothing was built:\n{error}") from None
            # `mkdocs serve` holds every request until a build succeeds: rebuild the last good content,
            # so the reader keeps a working site, and the next save that fixes the file brings it back.
            if not quiet:
                log.error(f"{problems}; serving the last good version until it is fixed:\n{error}")
            return keep

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        lang = config.theme["language"]
        if lang == DEFAULT and self.serving:  # site_dir is clean now: the workers build beside this build
            others = [other for other in self.config.languages if other != DEFAULT]
            self.workers = self.workers or Workers(others)
            whole = self.plans[lang][0] is None  # this build cleaned the folders of the other languages
            self.building = {other: self.workers.submit(self._job(config, other, whole)) for other in others}
        # docs_dir is content/: its YAML is the source of the pages, not files to publish.
        for file in list(files):
            if file.abs_src_path and Path(file.abs_src_path).is_relative_to(Path(config.docs_dir)):
                files.remove(file)
        for page in self.pages[lang]:
            file = File.generated(config, page.src_uri, content=page.content if isinstance(page, Page) else "")
            # "Edit this page" opens the entry's YAML file (edit_uri points at the repository root).
            file.edit_uri = page.entry.path if page.entry is not None else None
            files.append(file)
        for src_uri, text in self.extras[lang].items():
            files.append(File.generated(config, src_uri, content=text) if isinstance(text, str) else
                         File.generated(config, src_uri, abs_src_path=str(text)))
        changed = self.plans[lang][0] if self.serving else None
        if changed is not None:  # the theme's files and unchanged pages are served as they are
            keep = changed | {src_uri for _, src_uri in NAV}  # the navigation needs its pages
            files = Files([file for file in files if file.src_uri in keep])
        return files

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        # MkDocs makes a theme environment per build: compiled templates outlive it, for the next language
        # and the next `serve` rebuild.
        env.bytecode_cache = THEME_BYTECODE
        env.globals["handbook_once"] = Fragments()
        return env

    def on_pre_page(self, page, *, config: MkDocsConfig, files: Files):
        # The generator wrote the page's HTML: MkDocs takes it as it is, with nothing to convert.
        made = self.made[config.theme["language"]].get(page.file.src_uri)
        if made is not None:
            Prerendered(made).install(page)
        return page

    def on_page_markdown(self, markdown: str, *, page, config: MkDocsConfig, files: Files) -> str:
        # Plain text for the head template (which escapes it): description, OpenGraph type, sitemap date.
        found = self.previews[config.theme["language"]].get(page.file.src_uri)
        if found is not None:
            page.meta["preview"] = found.as_meta()
        if page.file.src_uri in self.lastmods:
            page.meta["lastmod"] = self.lastmods[page.file.src_uri]
        return markdown

    def on_page_content(self, html: str, **kwargs) -> str:
        # Contributor text is escaped by the templates; the sanitizer is a second gate.
        return clean(html)

    def on_page_context(self, context, *, page, config: MkDocsConfig, nav):
        made = self.made[config.theme["language"]].get(page.file.src_uri)
        if made is not None:  # a deferred page is rendered now, one at a time
            Prerendered(made).write(page, clean)
        return context

    def on_post_page(self, output: str, *, page, config: MkDocsConfig) -> str:
        made = self.made[config.theme["language"]].get(page.file.src_uri)
        if made is not None:
            Prerendered(made).written(page)
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.serving:
            self._served(config.theme["language"], Path(config.site_dir))
        if config.theme["language"] != DEFAULT:
            return
        self._drop_temporary()
        forked = [lang for lang, pid in self.started.items() if pid]
        if self.slots is not None:  # this language is built: its slot goes to the next waiting one
            self.slots.give()
        failed = finish(self.started, self.language_configs, self.slots) + self._finish_workers()
        self._close_slots()
        self.started = {}
        gc.unfreeze()
        if failed:
            raise PluginError(f"the {', '.join(failed)} build failed (see above); the previous site was kept")
        for lang in forked:
            self.staging.place(lang)
        site = self.served_dirs[DEFAULT] if self.serving else Path(config.site_dir)
        sitemaps.write_index(site, self.root_url, self.config.languages)
        # Every language is built: index them all at once (Pagefind cannot update an index in place), before
        # the site is published. Under `serve`, after the pages are served: the reload does not wait for it,
        # and the search dialog of the reloaded page waits for the new index (the old one is gone).
        expected = dict.fromkeys(self.config.languages, sum(len(self.book[kind]) for kind in KIND_ORDER))
        if self.serving:
            self.indexer = Background(site, expected, self._indexed)
            return
        try:
            index = build_index(site, expected)
        except SearchError as error:
            kept = "; the previous site was kept" if self.staging else ""
            raise PluginError(f"search index: {error}{kept}") from None
        self._indexed(index)

    @staticmethod
    def _indexed(index: SearchIndex | SearchError) -> None:
        if isinstance(index, SearchError):  # under `serve`, after the build: the terminal shows it
            log.error(f"search index: {index}")
            return
        for warning in index.warnings:  # a page Pagefind had trouble with: fails a --strict build
            log.warning(f"search index: {warning}")
        log.info(f"search: indexed {sum(index.pages.values())} pages in {len(index.pages)} languages "
                 f"in {index.seconds:.1f} s")

    def _served(self, lang: str, built: Path) -> None:
        """Under `serve`, a language built: move what it wrote over the served site, if it wrote aside."""
        changed, inputs = self.plans.pop(lang)
        if changed is not None:
            moved = move_over(built, self.served_dirs[lang])
            log.debug(f"[{lang}] {moved} changed files of {len(inputs)} written")
        SERVED[lang].done(inputs)

    def _stop_indexer(self) -> None:
        """Under `serve`: end the indexing still running after the last build, if any."""
        if self.indexer is not None:
            self.indexer.stop()
            self.indexer = None

    def _job(self, root: MkDocsConfig, lang: str, whole: bool) -> Job:
        return Job(lang, root.config_file_path, str(self.served_dirs[DEFAULT] / lang),
                   language_url(root.site_url, lang), root.strict, self.root_url, self.base, frozenset(self.outdated),
                   self.updated, whole)

    def adopt(self, config: MkDocsConfig, job: Job) -> None:
        """In a `serve` worker: what the root build read once; the content is read here (its last good
        version is kept, as the root build keeps its own, which tells the terminal what is wrong)."""
        self.serving, self.command, self.whole = True, None, job.whole
        self.root_url, self.base, self.outdated, self.updated = job.root_url, job.base, job.outdated, job.updated
        self.book = self._load(config, keep=self.book, quiet=True)
        self.pages = {}

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

    def on_build_error(self, *, error: Exception) -> None:
        self.failed = True
        self._drop_temporary()
        for pid in self.started.values():  # a failed English build stops the others
            if pid:
                os.kill(pid, 15)
                os.waitpid(pid, 0)
        self.started = {}
        self._close_slots()
        for future in self.building.values():  # the next build cleans site_dir: let the workers end first
            future.exception()
        self.building = {}

    def _close_slots(self) -> None:
        if self.slots is not None:
            self.slots.close()
            self.slots = None

    def on_shutdown(self) -> None:
        self._stop_indexer()
        if self.workers is not None:
            self.workers.shutdown()
            self.workers = None
        if self.staging is None:
            return
        if self.failed:
            self.staging.discard()
        else:
            self.staging.publish()

    def _language_config(self, root: MkDocsConfig, lang: str) -> MkDocsConfig:
        """The root build's configuration, moved to a language's prefix, theme and search."""
        # A forked build writes aside: this build cleans its site_dir after the fork.
        site_dir = self.staging.aside(lang) if self.command else os.path.join(root.site_dir, lang)
        return language_config(root.config_file_path, str(site_dir), language_url(root.site_url, lang), root.strict,
                               lang)
