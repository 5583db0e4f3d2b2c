"""One language's build: its pages rendered from the content, handed to MkDocs as finished HTML, and the
theme's settings for the language (navigation, alternates, UI strings)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from generator.build.prerendered import Prerendered
from generator.build.reading import Reading
from generator.content.model import KIND_ORDER
from generator.features.export import EXPORT_PATH, EXPORT_SCHEMA_FILE, EXPORT_SCHEMA_PATH
from generator.features.offline import MANIFEST, THEME_COLOUR, indicator_strings, manifest_text
from generator.features.previews import OG_LOCALES, preview
from generator.features.search import labels
from generator.features.vocabulary import files as search_word_files
from generator.language.codes import NATIVE_NAMES, prefix
from generator.language.strings import ui
from generator.render.pages import Deferred, Headings, Page
from generator.render.reuse import Memo
from generator.render.sanitize import clean
from generator.render.site import redirects, render_language, render_redirect

# The navigation: (UI string, page) in order.
NAV = (("home", "index.md"), ("diagnose", "diagnose.md"), *((kind, f"{kind}/index.md") for kind in KIND_ORDER),
       ("tags", "tags/index.md"), ("practice", "practice/index.md"), ("trainers", "trainers/index.md"))
# UI strings the theme templates and scripts use (page not found, copy-link buttons, the kind indexes).
THEME_STRINGS = ("home", "diagnose", "tags", *KIND_ORDER, "copy_link", "link_copied", "copy_failed",
                 "not_found_title", "not_found_text", "not_found_kind", "not_found_search", "not_found_browse")


class LanguageSite:
    """A language's generated files and what MkDocs needs to show them.

    memo (under `serve`): the pages of the language's last build, reused where nothing they show changed;
    outside `serve` pages are deferred: rendered when MkDocs writes them, and let go once written.
    export: the JSON export (its text, or a file holding it), for the English build.
    """

    def __init__(self, reading: Reading, lang: str, config: MkDocsConfig, *, memo: Memo | None = None,
                 export: str | Path | None = None) -> None:
        self.lang = lang
        # Content was validated in full before anything was written.
        self.pages: list[Page | Deferred] = render_language(
            reading.book, lang, site_url=reading.root_url, updated=reading.updated, outdated=reading.outdated,
            headings=Headings.from_config(config.mdx_configs.get("toc", {})), memo=memo, defer=memo is None)
        # src_uri -> the generated page (outside `serve`, rendered when MkDocs writes it: Deferred)
        self.made = {page.src_uri: page for page in self.pages if page.src_uri.endswith(".md")}
        self.previews = {page.src_uri: preview(page.src_uri, page.entry, lang) for page in self.pages}
        # src_uri -> date of the entry file's last commit (git dates are read once, by the root build)
        self.lastmods = {page.src_uri: reading.updated[page.entry.path].isoformat()
                         for page in self.pages if page.entry is not None and page.entry.path in reading.updated}
        # src_uri -> text (or a temporary file) of the other generated files: redirects, the JSON export
        self.extras: dict[str, str | Path] = {old: render_redirect(target, lang)
                                              for old, target in redirects(reading.book)}
        self.extras[MANIFEST] = manifest_text(lang)  # installable; its worker is written after the build
        self.extras.update(search_word_files(reading.book, lang))  # stop words, words to suggest
        if export is not None:
            self.extras[EXPORT_PATH] = export
            self.extras[EXPORT_SCHEMA_PATH] = EXPORT_SCHEMA_FILE.read_text("utf-8")

    def configure(self, config: MkDocsConfig, reading: Reading, languages: list[str], search_wait: int = 0) -> None:
        """The theme's settings for this language: site name, navigation, alternates, search and UI strings;
        search_wait: how many seconds the search dialog waits for an index being built (under `serve`)."""
        lang = self.lang
        config.site_name = ui("site_name", lang)
        config.extra["handbook_search"] = labels(lang)
        config.extra["handbook_search_wait"] = search_wait
        config.nav = [{ui(key, lang): src_uri} for key, src_uri in NAV]
        config.extra["alternate"] = [
            {"name": NATIVE_NAMES[other], "link": reading.base + prefix(other), "lang": other, "prefix": prefix(other),
             "url": reading.root_url + prefix(other), "locale": OG_LOCALES[other]}
            for other in languages]
        config.extra["handbook_language"] = lang
        config.extra["handbook_locale"] = OG_LOCALES[lang]
        config.extra["handbook_ui"] = {key: ui(key, lang) for key in THEME_STRINGS}
        config.extra["handbook_kinds"] = list(KIND_ORDER)
        config.extra["handbook_prefix"] = prefix(lang)
        config.extra["handbook_prefixes"] = {other: prefix(other) for other in languages}  # search's word files
        config.extra["handbook_offline"] = {"lang": lang, "colour": THEME_COLOUR,
                                            "names": {other: NATIVE_NAMES[other] for other in languages},
                                            "strings": indicator_strings(lang)}

    def inputs(self) -> dict[str, object]:
        """What each file is made from besides the configuration (serve compares them from build to build)."""
        made: dict[str, object] = {page.src_uri: (page, page.entry.path if page.entry else None,
                                                  self.previews.get(page.src_uri), self.lastmods.get(page.src_uri))
                                   for page in self.pages}
        made.update(self.extras)
        return made

    def files(self, config: MkDocsConfig, files: Files) -> Files:
        """MkDocs's files with the generated ones: docs_dir is content/, its YAML is the source of the pages,
        not files to publish."""
        for file in list(files):
            if file.abs_src_path and Path(file.abs_src_path).is_relative_to(Path(config.docs_dir)):
                files.remove(file)
        for page in self.pages:
            file = File.generated(config, page.src_uri, content=page.content if isinstance(page, Page) else "")
            # "Edit this page" opens the entry's YAML file (edit_uri points at the repository root).
            file.edit_uri = page.entry.path if page.entry is not None else None
            files.append(file)
        for src_uri, text in self.extras.items():
            files.append(File.generated(config, src_uri, content=text) if isinstance(text, str) else
                         File.generated(config, src_uri, abs_src_path=str(text)))
        return files

    def pre_page(self, page) -> None:
        """The generator wrote the page's HTML: MkDocs takes it as it is, with nothing to convert."""
        made = self.made.get(page.file.src_uri)
        if made is not None:
            Prerendered(made).install(page)

    def page_markdown(self, page) -> None:
        """Plain text for the head template (which escapes it): description, OpenGraph type, sitemap date."""
        found = self.previews.get(page.file.src_uri)
        if found is not None:
            page.meta["preview"] = found.as_meta()
        if page.file.src_uri in self.lastmods:
            page.meta["lastmod"] = self.lastmods[page.file.src_uri]

    def page_context(self, page) -> None:
        """A deferred page is rendered now, one at a time (clean: the sanitizer MkDocs gave the others)."""
        made = self.made.get(page.file.src_uri)
        if made is not None:
            Prerendered(made).write(page, clean)

    def post_page(self, page) -> None:
        made = self.made.get(page.file.src_uri)
        if made is not None:
            Prerendered(made).written(page)


def expected_pages(reading: Reading, languages: list[str]) -> dict[str, int]:
    """How many pages the search index must hold per language: every entry's."""
    return dict.fromkeys(languages, sum(len(reading.book[kind]) for kind in KIND_ORDER))

