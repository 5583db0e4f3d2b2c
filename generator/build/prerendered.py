"""How MkDocs takes the generator's pages: HTML as it is, with its title, headings and anchors, nothing to convert."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc

from generator.render.pages import Deferred, Page


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


def _copy(token: dict) -> dict:
    # get_toc reads the tokens; each build gets its own, so the rendered page's stay as they were.
    return {**token, "children": [_copy(child) for child in token["children"]]}
