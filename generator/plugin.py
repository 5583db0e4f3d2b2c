"""The MkDocs adapter: one build per language, pages generated in memory from the content model.

Why not mkdocs-static-i18n: it crashes on in-memory files, needs generated Markdown written into
docs_dir, and merges every language into one search index. Material recommends one build per
language; this plugin runs them, so plain `mkdocs build` and `mkdocs serve` build all four.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import config_options as opt
from mkdocs.config import load_config
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from .builds import Staging, finish, start
from .content import load_handbook
from .export import EXPORT_PATH, EXPORT_SCHEMA_FILE, EXPORT_SCHEMA_PATH, export_json
from .i18n import ui
from .languages import DEFAULT, LANGUAGES, NATIVE_NAMES, prefix
from .model import KIND_ORDER, Handbook
from .problems import ContentError
from .render import Page, redirects, render_language, render_redirect
from .sanitize import clean
from .search import SearchError, build_index, labels
from .search import binary as search_binary

log = get_plugin_logger(__name__)

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
        self.base = "/"  # URL path of the English root
        self.command: str | None = None
        self.staging: Staging | None = None
        self.language_configs: dict[str, MkDocsConfig] = {}
        self.started: dict[str, int | None] = {}
        self.failed = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # `mkdocs serve` runs builds in a server thread: forking there is unsafe, and it writes to a
        # temporary folder anyway; `build` and `gh-deploy` build side by side and publish at the end.
        self.command = None if command == "serve" or dirty else command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        lang = config.theme["language"]
        if lang not in self.config.languages:
            raise PluginError(f"theme.language is '{lang}'; the handbook builds {', '.join(self.config.languages)}")
        if lang == DEFAULT:
            self.book = self._load(config)
            self._check_search()
            self.pages = {}
            self.base = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
            self.failed = False
            if self.command:
                self.staging = Staging(config.site_dir)
                config.site_dir = str(self.staging.staging)
        # Each language renders its own pages: in a forked build, in parallel with the others.
        # Content was validated in full above, before anything was written.
        self.pages[lang] = render_language(self.book, lang)
        config.site_name = ui("site_name", lang)
        config.extra["handbook_search"] = {"kinds": list(KIND_ORDER), "labels": labels(lang)}
        config.nav = [{ui("home", lang): "index.md"}, {ui("diagnose", lang): "diagnose.md"}] + [
            {ui(kind, lang): f"{kind}/index.md"} for kind in KIND_ORDER] + [{ui("tags", lang): "tags/index.md"}]
        config.extra["alternate"] = [
            {"name": NATIVE_NAMES[other], "link": self.base + prefix(other), "lang": other, "prefix": prefix(other)}
            for other in self.config.languages]
        config.extra["handbook_language"] = lang
        config.extra["handbook_prefix"] = prefix(lang)
        toc = config.mdx_configs.setdefault("toc", {})
        if toc.get("permalink"):
            toc["permalink_title"] = ui("permalink", lang)
        return config

    def _check_search(self) -> None:
        # Before anything is built: a missing Pagefind would otherwise fail only after every language.
        try:
            search_binary()
        except SearchError as error:
            raise PluginError(f"search index: {error}; nothing was built") from None

    def _load(self, config: MkDocsConfig) -> Handbook:
        # Everything is loaded and validated before MkDocs cleans or writes site_dir.
        try:
            return load_handbook(Path(self.config.content_dir), Path(config.config_file_path).parent)
        except ContentError as error:
            count = len(error.problems)
            raise PluginError(f"{count} problem{'s' if count != 1 else ''} in content; "
                              f"nothing was built:\n{error}") from None

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        lang = config.theme["language"]
        if lang == DEFAULT:  # site_dir is clean now: the other languages build beside this one
            self.language_configs = {lang: self._language_config(config, lang)
                                     for lang in self.config.languages if lang != DEFAULT}
            fork = self.command is not None
            self.started = {lang: start(cfg, lang) if fork else None for lang, cfg in self.language_configs.items()}
        # docs_dir is content/: its YAML is the source of the pages, not files to publish.
        for file in list(files):
            if file.abs_src_path and Path(file.abs_src_path).is_relative_to(Path(config.docs_dir)):
                files.remove(file)
        for page in self.pages[lang]:
            file = File.generated(config, page.src_uri, content=page.markdown)
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

    def on_page_content(self, html: str, **kwargs) -> str:
        # Contributor text is escaped by the templates; this second gate holds if escaping ever slips.
        return clean(html)

    def on_post_build(self, config: MkDocsConfig) -> None:
        if config.theme["language"] != DEFAULT:
            return
        failed = finish(self.started, self.language_configs)
        self.started = {}
        if failed:
            raise PluginError(f"the {', '.join(failed)} build failed (see above); the previous site was kept")
        # Every language is built: index them all at once, before the site is published.
        entries = sum(len(self.book[kind]) for kind in KIND_ORDER)
        try:
            index = build_index(Path(config.site_dir), {lang: entries for lang in self.config.languages})
        except SearchError as error:
            kept = "; the previous site was kept" if self.staging else ""
            raise PluginError(f"search index: {error}{kept}") from None
        log.info(f"search: indexed {sum(index.pages.values())} pages in {len(index.pages)} languages "
                 f"in {index.seconds:.1f} s")

    def on_build_error(self, *, error: Exception) -> None:
        self.failed = True
        for pid in self.started.values():  # a failed English build stops the others
            if pid:
                os.kill(pid, 15)
                os.waitpid(pid, 0)
        self.started = {}

    def on_shutdown(self) -> None:
        if self.staging is None:
            return
        if self.failed:
            self.staging.discard()
        else:
            self.staging.publish()

    def _language_config(self, root: MkDocsConfig, lang: str) -> MkDocsConfig:
        """The root build's configuration, moved to a language's prefix, theme and search."""
        site_url = (root.site_url or "/").rstrip("/") + "/" + prefix(lang)
        config = load_config(config_file=root.config_file_path, site_dir=os.path.join(root.site_dir, lang),
                             site_url=site_url, strict=root.strict)
        config.theme["language"] = lang
        return config
