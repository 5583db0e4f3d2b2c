"""The MkDocs adapter: one build per language, pages generated in memory from the content model.

Why not mkdocs-static-i18n: it crashes on in-memory files, needs generated Markdown written into
docs_dir, and merges every language into one search index. Material recommends one build per
language; this plugin runs them, so plain `mkdocs build` and `mkdocs serve` build all four.
"""

from __future__ import annotations

import os
from concurrent.futures import Future
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from . import sitemaps
from .addresses import PLACEHOLDER_HINT, AddressError, check_site_url, is_placeholder, repository_from_environment
from .builds import Staging, finish, language_config, language_url, start
from .content import load_handbook
from .export import EXPORT_PATH, EXPORT_SCHEMA_FILE, EXPORT_SCHEMA_PATH, export_json
from .history import last_updated
from .i18n import ui
from .languages import DEFAULT, LANGUAGES, NATIVE_NAMES, prefix
from .model import KIND_ORDER, Handbook
from .previews import OG_LOCALES, Preview, preview
from .problems import ContentError
from .rebuilds import THEME_BYTECODE, Prerendered, list_theme_once
from .render import Headings, Page, redirects, render_language, render_redirect
from .sanitize import clean
from .search import SearchError, build_index, labels
from .search import binary as search_binary
from .staleness import outdated
from .workers import Job, Workers

log = get_plugin_logger(__name__)

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
        self.failed = False
        self.root_url = ""  # the English root's public address, from site_url
        self.previews: dict[str, dict[str, Preview]] = {}  # language -> src_uri -> preview
        self.made: dict[str, dict[str, Page]] = {}  # language -> src_uri -> the generated page
        self.serving = False
        self.workers: Workers | None = None  # under `serve`: the other languages' builds
        self.building: dict[str, Future] = {}
        self.lastmods: dict[str, str] = {}  # src_uri -> date of the entry file's last commit
        self.told_placeholder = False

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
                self.started = {other: start(cfg, other) if self.command else None
                                for other, cfg in self.language_configs.items()}
        # Each language renders its own pages: in a forked build, in parallel with the others.
        # Content was validated in full above, before anything was written.
        self.pages[lang] = render_language(self.book, lang, site_url=self.root_url, updated=self.updated,
                                           outdated=self.outdated,
                                           headings=Headings.from_config(config.mdx_configs.get("toc", {})))
        self.made[lang] = {page.src_uri: page for page in self.pages[lang] if page.src_uri.endswith(".md")}
        self.previews[lang] = {page.src_uri: preview(page.src_uri, page.entry, lang) for page in self.pages[lang]}
        # Git dates are read once, above: the forked builds inherit them.
        self.lastmods = {page.src_uri: self.updated[page.entry.path].isoformat()
                         for page in self.pages[lang] if page.entry is not None and page.entry.path in self.updated}
        list_theme_once(config)
        config.site_name = ui("site_name", lang)
        config.extra["handbook_search"] = labels(lang)
        config.nav = [{ui("home", lang): "index.md"}, {ui("diagnose", lang): "diagnose.md"}] + [
            {ui(kind, lang): f"{kind}/index.md"} for kind in KIND_ORDER] + [{ui("tags", lang): "tags/index.md"},
                                                               {ui("practice", lang): "practice/index.md"}]
        config.extra["alternate"] = [
            {"name": NATIVE_NAMES[other], "link": self.base + prefix(other), "lang": other, "prefix": prefix(other),
             "url": self.root_url + prefix(other), "locale": OG_LOCALES[other]}
            for other in self.config.languages]
        config.extra["handbook_language"] = lang
        config.extra["handbook_locale"] = OG_LOCALES[lang]
        config.extra["handbook_ui"] = {key: ui(key, lang) for key in THEME_STRINGS}
        config.extra["handbook_kinds"] = list(KIND_ORDER)
        config.extra["handbook_prefix"] = prefix(lang)
        return config

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
            return load_handbook(Path(self.config.content_dir), Path(config.config_file_path).parent)
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
            self.workers = self.workers or Workers(len(others))
            self.building = {other: self.workers.submit(self._job(config, other)) for other in others}
        # docs_dir is content/: its YAML is the source of the pages, not files to publish.
        for file in list(files):
            if file.abs_src_path and Path(file.abs_src_path).is_relative_to(Path(config.docs_dir)):
                files.remove(file)
        for page in self.pages[lang]:
            file = File.generated(config, page.src_uri, content=page.content)
            # "Edit this page" opens the entry's YAML file (edit_uri points at the repository root).
            file.edit_uri = page.entry.path if page.entry is not None else None
            files.append(file)
        for old, target in redirects(self.book):
            files.append(File.generated(config, old, content=render_redirect(target, lang)))
        if lang == DEFAULT:
            files.append(File.generated(config, EXPORT_PATH, content=export_json(self.book)))
            files.append(File.generated(config, EXPORT_SCHEMA_PATH,
                                        content=EXPORT_SCHEMA_FILE.read_text("utf-8")))
        return files

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        # MkDocs makes a theme environment per build: compiled templates outlive it, for the next language
        # and the next `serve` rebuild.
        env.bytecode_cache = THEME_BYTECODE
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

    def on_post_build(self, config: MkDocsConfig) -> None:
        if config.theme["language"] != DEFAULT:
            return
        forked = [lang for lang, pid in self.started.items() if pid]
        failed = finish(self.started, self.language_configs) + self._finish_workers()
        self.started = {}
        if failed:
            raise PluginError(f"the {', '.join(failed)} build failed (see above); the previous site was kept")
        for lang in forked:
            self.staging.place(lang)
        sitemaps.write_index(Path(config.site_dir), self.root_url, self.config.languages)
        # Every language is built: index them all at once, before the site is published. Under `serve` too,
        # before the browser reloads: a page loads its search index once, so an index written after the
        # reload would only be seen at the next one (and Pagefind cannot update an index in place).
        expected = dict.fromkeys(self.config.languages, sum(len(self.book[kind]) for kind in KIND_ORDER))
        try:
            index = build_index(Path(config.site_dir), expected)
        except SearchError as error:
            kept = "; the previous site was kept" if self.staging else ""
            raise PluginError(f"search index: {error}{kept}") from None
        for warning in index.warnings:  # a page Pagefind had trouble with: fails a --strict build
            log.warning(f"search index: {warning}")
        log.info(f"search: indexed {sum(index.pages.values())} pages in {len(index.pages)} languages "
                 f"in {index.seconds:.1f} s")

    def _job(self, root: MkDocsConfig, lang: str) -> Job:
        return Job(lang, root.config_file_path, os.path.join(root.site_dir, lang), language_url(root.site_url, lang),
                   root.strict, self.root_url, self.base, frozenset(self.outdated), self.updated)

    def adopt(self, config: MkDocsConfig, job: Job) -> None:
        """In a `serve` worker: what the root build read once; the content is read here (its last good
        version is kept, as the root build keeps its own, which tells the terminal what is wrong)."""
        self.serving, self.command = True, None
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
        for pid in self.started.values():  # a failed English build stops the others
            if pid:
                os.kill(pid, 15)
                os.waitpid(pid, 0)
        self.started = {}
        for future in self.building.values():  # the next build cleans site_dir: let the workers end first
            future.exception()
        self.building = {}

    def on_shutdown(self) -> None:
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
