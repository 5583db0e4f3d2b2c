"""What rendering makes: a page's HTML with what MkDocs needs to show it, rendered at once or when asked, and
how its headings are written (mkdocs.yml's `toc` settings)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial

from pymdownx.slugs import slugify

from generator.content.model import Entry

# Pages shown without the navigation or table of contents sidebars (Material's `hide` page setting).
HIDE = {"diagnose.html.j2": ["toc"], "cheatsheet.html.j2": ["navigation", "toc"],
        "print.html.j2": ["navigation", "toc"], "practice-print.html.j2": ["navigation", "toc"],
        "trainers-print.html.j2": ["navigation", "toc"]}


@dataclass(frozen=True)
class Headings:
    """How headings are written: the `toc` settings of mkdocs.yml (ids, permalink symbol and title)."""

    slugify: object = field(default=slugify(case="lower"))
    permalink: str = "\u00b6"  # '' for none
    permalink_class: str = "headerlink"

    @classmethod
    def from_config(cls, toc: dict) -> Headings:
        """From mkdocs.yml's `toc` options (the toc extension's names and defaults)."""
        from markdown.extensions.toc import slugify as markdown_slugify

        permalink = toc.get("permalink", False)
        return cls(slugify=toc.get("slugify", markdown_slugify),
                   permalink="\u00b6" if permalink is True else (permalink or ""),
                   permalink_class=toc.get("permalink_class", "headerlink"))

    def settings(self) -> tuple:
        """What the headings are made with, comparable from one build to the next (the slug function is
        made anew each time mkdocs.yml is read)."""
        made = self.slugify
        if isinstance(made, partial):
            made = (made.func, made.args, tuple(sorted(made.keywords.items())))
        return made, self.permalink, self.permalink_class


@dataclass(frozen=True)
class Page:
    """One generated file: a page's HTML with what MkDocs needs to show it, or data like practice/questions.json.

    title (given, as front matter gave it) and heading (the h1's text) are HTML, as MkDocs holds page titles;
    toc holds the toc extension's nested tokens.
    """

    src_uri: str
    content: str
    entry: Entry | None = None
    title: str | None = None
    heading: str | None = None
    meta: Mapping = field(default_factory=dict)
    toc: tuple = ()
    anchors: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Deferred:
    """A page rendered only when asked (make()): a full build renders each page as MkDocs writes it, and so
    holds one page's HTML at a time instead of every page's (400 MiB per language at 5,000 entries)."""

    src_uri: str
    entry: Entry | None
    meta: Mapping
    make: Callable[[], Page]


def page_meta(template: str) -> dict:
    """A page's front matter, as MkDocs reads it: what the theme hides on it."""
    return {"hide": HIDE[template]} if template in HIDE else {}
