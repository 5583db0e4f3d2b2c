"""The MkDocs adapter: one build per language, pages generated in memory from the content model.

Why not mkdocs-static-i18n: it crashes on in-memory files, needs generated Markdown written into
docs_dir, and merges every language into one search index. Material recommends one build per
language; this plugin runs them, so plain `mkdocs build` and `mkdocs serve` build all four.

Each hook hands over to the object that owns its state: the run (build/run.py for `mkdocs build`,
serve/session.py for `mkdocs serve`) and each language's site (build/language.py).
"""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files

from generator.build import sitemaps
from generator.build.language import LanguageSite, expected_pages
from generator.build.minify import minify_assets
from generator.build.reading import Repository
from generator.build.run import BuildRun
from generator.language.codes import DEFAULT, LANGUAGES
from generator.render.sanitize import clean
from generator.serve.session import ServeSession
from generator.serve.workers import Job


class HandbookConfig(Config):
    content_dir = opt.Dir(exists=True, default="content")
    languages = opt.ListOfItems(opt.Choice(LANGUAGES), default=list(LANGUAGES))


class HandbookPlugin(BasePlugin[HandbookConfig]):
    """Loads and validates content once, then renders each language's pages into its own build."""

    # MkDocs caches plugin instances: the builds of all four languages share this one. So the
    # language of a build is read from its config (theme.language), and state set by the English
    # (root) build is shared with the others on purpose.

    def __init__(self) -> None:
        self.run: BuildRun | ServeSession = BuildRun()
        self.sites: dict[str, LanguageSite] = {}
        self.repository = Repository()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # `mkdocs serve` runs builds in a server thread: forking there is unsafe, and it writes to a
        # temporary folder anyway; `build` and `gh-deploy` build side by side and publish at the end.
        self.run = ServeSession() if command == "serve" else BuildRun(None if dirty else command)

    def adopt(self, config: MkDocsConfig, job: Job) -> None:
        """In a `serve` worker process (serve/workers.py): build one language as the session's root build asks."""
        if not isinstance(self.run, ServeSession):
            self.run = ServeSession()
        self.run.adopt(config, job, self.config.content_dir)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        lang = config.theme["language"]
        if lang not in self.config.languages:
            raise PluginError(f"theme.language is '{lang}'; the handbook builds {', '.join(self.config.languages)}")
        self.repository.set(config)
        if lang == DEFAULT:  # the other languages' builds start here (the run's reading is theirs too)
            self.run.read(config, self.config.content_dir, self.config.languages)
        reading = self.run.reading
        export = self.run.export(reading.book) if lang == DEFAULT else None
        self.sites[lang] = site = LanguageSite(reading, lang, config, memo=self.run.memo(lang), export=export)
        self.run.theme.list_once(config)
        site.configure(config, reading, self.config.languages, self.run.search_wait)
        self.run.configured(config, site)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        return self.run.files(config, self.sites[config.theme["language"]], files)

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        return self.run.theme.environment(env)

    def on_pre_page(self, page, *, config: MkDocsConfig, files: Files):
        self.sites[config.theme["language"]].pre_page(page)
        return page

    def on_page_markdown(self, markdown: str, *, page, config: MkDocsConfig, files: Files) -> str:
        self.sites[config.theme["language"]].page_markdown(page)
        return markdown

    def on_page_content(self, html: str, **kwargs) -> str:
        # Contributor text is escaped by the templates; the sanitizer is a second gate.
        return clean(html)

    def on_page_context(self, context, *, page, config: MkDocsConfig, nav):
        self.sites[config.theme["language"]].page_context(page)
        return context

    def on_post_page(self, output: str, *, page, config: MkDocsConfig) -> str:
        self.sites[config.theme["language"]].post_page(page)
        return output

    def on_post_build(self, config: MkDocsConfig) -> None:
        minify_assets(config.theme.custom_dir, config.site_dir)
        site = self.run.built(config, config.theme["language"])
        if site is None:  # another language than English: English waits for it
            return
        sitemaps.write_index(site, self.run.reading.root_url, self.config.languages)
        self.run.index(site, expected_pages(self.run.reading, self.config.languages))
        self.run.store_offline(site, self.config.languages)

    def on_build_error(self, *, error: Exception) -> None:
        self.run.error()

    def on_shutdown(self) -> None:
        self.run.shutdown()
