"""How MkDocs takes the generator's pages, and what every build of a process shares (compiled theme templates)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc

from generator.render.jinja import project_files
from generator.render.pages import Deferred, Page


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory; Jinja checks each source's checksum, so an edited one recompiles."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


# Shared by every build of the process: MkDocs makes a new theme environment per build and language.
THEME_BYTECODE = MemoryBytecodeCache()


class Prerendered:
    """A page whose HTML the generator wrote: MkDocs reads and 'renders' it without Python-Markdown.

    A deferred page (render.Deferred) is rendered only when MkDocs writes it (write()), and its HTML is let go
    once written (written()): MkDocs reads every page before it writes the first one.
    """

    def __init__(self, made: Page | Deferred) -> None:
        self.made = made

    def install(self, page: MkDocsPage) -> None:
        """Replace the page's read_source and render (MkDocs calls them right after on_pre_page)."""
        page.read_source = partial(self.read_source, page)
        page.render = partial(self.render, page)

    def read_source(self, page: MkDocsPage, config: MkDocsConfig) -> None:
        # MkDocs and plugins expect the source in page.markdown: it is the HTML (empty until a deferred page is made)
        page.markdown = self.made.content if isinstance(self.made, Page) else ""
        page.meta = dict(self.made.meta)
        if isinstance(self.made, Page) and self.made.title is not None:
            page.meta["title"] = self.made.title

    def render(self, page: MkDocsPage, config: MkDocsConfig, files: Files) -> None:
        if isinstance(self.made, Page):
            _show(page, self.made, self.made.content)
        else:
            _blank(page)
        page.links_to_anchors = {}  # its links come from the content model: `check` and `links` verify them

    def write(self, page: MkDocsPage, clean: Callable[[str], str]) -> None:
        """Right before MkDocs puts the page in the theme: render a deferred page (clean: the sanitizer, which
        MkDocs's on_page_content gave the others)."""
        if isinstance(self.made, Deferred):
            made = self.made.make()
            if made.title is not None:
                page.meta["title"] = made.title
            _show(page, made, clean(made.content))

    def written(self, page: MkDocsPage) -> None:
        """Once MkDocs wrote the page: let go of a deferred page's HTML and headings."""
        if isinstance(self.made, Deferred):
            _blank(page)


def _blank(page: MkDocsPage) -> None:
    """A deferred page before it is made and once written: no HTML, no headings."""
    page.content, page.toc, page.present_anchor_ids = "", get_toc([]), set()


def _show(page: MkDocsPage, made: Page, content: str) -> None:
    page.content = content
    page.toc = get_toc([_copy(token) for token in made.toc])
    page._title_from_render = made.heading  # as MkDocs reads it from the first h1
    page.present_anchor_ids = set(made.anchors)


class Fragments:
    """Parts of the theme's page template that are the same on many pages, rendered once per build and key.

    The theme templates call it as `{% call handbook_once(key...) %}...{% endcall %}`: the navigation of a
    page outside it is the same on every page of a folder, the search dialog on every page of a depth (a
    sixth of Material's time per page). A new theme environment, so a new cache, for every build.
    """

    def __init__(self) -> None:
        self.made: dict[tuple, str] = {}

    def __call__(self, *key, caller: Callable[[], str]) -> str:
        if key not in self.made:
            self.made[key] = caller()
        return self.made[key]


# (theme folders, filter, state of the folders outside the installation) -> the theme's file list
_LISTINGS: dict[tuple, list[str]] = {}


def list_theme_once(config: MkDocsConfig) -> None:
    """List the theme's files once per process: for every build of every language MkDocs lists the thousands
    of files in Material's folders to find what to copy (0.2 s a build)."""
    theme = config.theme
    get_env = type(theme).get_env.__get__(theme)

    def cached_env() -> jinja2.Environment:
        env = get_env()
        listing = env.list_templates

        def list_templates(extensions=None, filter_func=None) -> list[str]:
            dirs = tuple(theme.dirs)
            key = (dirs, tuple(theme.static_templates), extensions, getattr(filter_func, "__code__", filter_func),
                   tuple(project_files(folder) for folder in dirs))
            if key not in _LISTINGS:
                _LISTINGS[key] = listing(extensions, filter_func)
            return _LISTINGS[key]

        env.list_templates = list_templates
        return env

    theme.get_env = cached_env


def _copy(token: dict) -> dict:
    # get_toc reads the tokens; each build gets its own, so the rendered page's stay as they were.
    return {**token, "children": [_copy(child) for child in token["children"]]}
