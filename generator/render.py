"""Render the handbook model into Markdown pages, one set per language, through Jinja2 templates."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from .i18n import stale, ui, untranslated
from .languages import DEFAULT, LANGUAGES, NATIVE_NAMES
from .model import KIND_ORDER, Entry, Handbook, Link, Source, Text

TEMPLATE_DIR = Path(__file__).parent / "templates"
TAGS = ("payment", "scope", "communication", "respect", "time", "contract")  # as in the schema

# Only the characters Python-Markdown can escape with a backslash; '<' and '>' become entities.
_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]{}!])")
_LINE_START = re.compile(r"^(\s*)([#+\-]|\d+[.)])")


def md_escape(value: object) -> str:
    """Contributor text as literal Markdown: no markup, no raw HTML, no links of its own."""
    text = re.sub(r"\s+", " ", str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
    text = _INLINE_SPECIALS.sub(r"\\\1", text)
    return _LINE_START.sub(r"\1\\\2", text)


def _finalize(value: object) -> Markup:
    # Every {{ }} is escaped for Markdown unless a helper or macro marked it as markup.
    if isinstance(value, Markup):
        return value
    return Markup(md_escape("" if value is None else value))


@dataclass(frozen=True)
class Page:
    """One generated Markdown page: where it goes and the entry it comes from, if any."""

    src_uri: str
    markdown: str
    entry: Entry | None = None


def environment() -> jinja2.Environment:
    """The Jinja2 environment of the Markdown templates."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,  # with _finalize: macros return markup, values are escaped
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
        lstrip_blocks=True,
        extensions=["jinja2.ext.do"],
        # '{#anchor}' is Markdown attribute syntax here, so Jinja comments use '{## ... ##}'.
        comment_start_string="{##",
        comment_end_string="##}",
    )


def split_blocks(text: str) -> list[tuple[str, list[str]]]:
    """A source section's text as paragraphs and lists: ('p', [lines]), ('ol'|'ul', [items]).

    Blank lines separate paragraphs; list items stay one list even when blank lines part them.
    """
    blocks: list[tuple[str, list[str]]] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        for i, line in enumerate(chunk.splitlines()):
            item = re.match(r"^\s*(?:(\d+)\.|[-•])\s+(.*)$", line)
            kind = ("ol" if item.group(1) else "ul") if item else "p"
            content = item.group(2) if item else line
            if blocks and blocks[-1][0] == kind and (kind != "p" or i > 0):
                blocks[-1][1].append(content)
            else:
                blocks.append((kind, [content]))
    return blocks


class Renderer:
    """Renders every page of the handbook in one language."""

    def __init__(self, book: Handbook, lang: str, env: jinja2.Environment | None = None):
        self.book, self.lang = book, lang
        self.env = env or environment()
        self.src_uri = ""

    # Helpers the templates call; each returns escaped Markdown or marked-up links.
    def t(self, key: str) -> str:
        """A UI string in the page's language."""
        return ui(key, self.lang)

    def tx(self, text: Text | None) -> Markup:
        """An entry text in the page's language, or English marked as such."""
        if not text:
            return Markup("")
        if self.lang in text:
            return Markup(md_escape(text[self.lang]))
        return Markup(f'<span lang="{DEFAULT}">{md_escape(text[DEFAULT])}</span>')

    def html(self, value: Text | str | None) -> Markup:
        """A UI string or entry text for a raw HTML context: HTML-escaped, not Markdown-escaped."""
        if isinstance(value, str):
            return Markup.escape(value)
        if not value:
            return Markup("")
        if self.lang in value:
            return Markup.escape(value[self.lang])
        return Markup('<span lang="{}">{}</span>').format(DEFAULT, value[DEFAULT])

    def href(self, target: str, anchor: str = "") -> Markup:
        """A relative Markdown link target from the current page to another page's source."""
        rel = posixpath.relpath(target, posixpath.dirname(self.src_uri) or ".")
        return Markup(rel + (f"#{anchor}" if anchor else ""))

    def lines(self, lines: list[str]) -> Markup:
        """Lines of one paragraph, escaped, kept as separate lines."""
        return Markup("  \n".join(md_escape(line) for line in lines))

    def safe_url(self, url: str) -> Markup:
        """An origin URL for an autolink, only if it is a plain web address."""
        if re.fullmatch(r"https?://[^\s<>\"'`]+", url):
            return Markup(url)
        return Markup(md_escape(url))

    def entry_href(self, entry: Entry, anchor: str = "") -> Markup:
        """Link target of an entry's page."""
        return self.href(f"{entry.kind}/{entry.id}.md", anchor)

    def linked(self, entry: Entry, relation: str, kind: str) -> list[tuple[Entry, Text | None]]:
        """Entries linked to this one, with their notes, resolved to entries."""
        return [(self.book.get(kind, link.id), link.note) for link in self.book.linked(entry, relation)]

    def render(self, template: str, src_uri: str, **context) -> str:
        """Render one template as the page at src_uri."""
        self.src_uri = src_uri
        return self.env.get_template(template).render(
            h=self, book=self.book, lang=self.lang, languages=LANGUAGES, native=NATIVE_NAMES,
            kinds=KIND_ORDER, untranslated=untranslated, stale=stale, Source=Source, Link=Link,
            split_blocks=split_blocks, **context)

    def page_url(self, target: str) -> Markup:
        """A relative URL from the current page to a built page ('archetypes/x/'), for raw HTML."""
        here = posixpath.dirname(self.src_uri)
        if not self.src_uri.endswith("index.md"):
            here = posixpath.join(here, posixpath.basename(self.src_uri)[:-3])
        return Markup(posixpath.relpath(target, here or ".").rstrip("/") + "/")

    def by_name(self, entries) -> list[Entry]:
        """Entries in the alphabetical order of their names in the page's language."""
        return sorted(entries, key=lambda e: (e.name.get(self.lang, e.name[DEFAULT]).casefold(), e.id))

    def tagged(self, tag: str) -> dict[str, list[Entry]]:
        """Entries carrying a tag, by kind."""
        return {kind: [e for e in self.book[kind].values() if tag in getattr(e, "tags", ())]
                for kind in ("archetypes", "responses")}

    def pages(self) -> list[Page]:
        """Every page of the handbook in this renderer's language."""
        pages = [Page("index.md", self.render("home.md.j2", "index.md"))]
        for kind in KIND_ORDER:
            uri = f"{kind}/index.md"
            pages.append(Page(uri, self.render("index.md.j2", uri, kind=kind)))
            for entry in self.book[kind].values():
                uri = f"{kind}/{entry.id}.md"
                pages.append(Page(uri, self.render(f"{kind}.md.j2", uri, entry=entry), entry))
        for archetype in self.book["archetypes"].values():
            uri = f"cheatsheets/{archetype.id}.md"
            pages.append(Page(uri, self.render("cheatsheet.md.j2", uri, entry=archetype), archetype))
        pages.append(Page("diagnose.md", self.render("diagnose.md.j2", "diagnose.md")))
        pages.append(Page("tags/index.md", self.render("tags.md.j2", "tags/index.md", tags=TAGS)))
        for tag in TAGS:
            uri = f"tags/{tag}.md"
            pages.append(Page(uri, self.render("tag.md.j2", uri, tag=tag)))
        pages.append(Page("print.md", self.render("print.md.j2", "print.md")))
        return pages


def redirects(book: Handbook) -> list[tuple[str, str]]:
    """(old path, relative target) for every former id: 'archetypes/old/index.html' -> '../new/'."""
    return [(f"{entry.kind}/{old}/index.html", f"../{entry.id}/")
            for entry in book.all() for old in entry.former_ids]


@cache
def _redirect_template() -> jinja2.Template:
    # An HTML template (autoescaped for HTML), unlike the Markdown ones.
    html = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR), autoescape=True)
    return html.get_template("redirect.html.j2")


def render_redirect(target: str, lang: str) -> str:
    """The HTML of a redirect page that keeps the #anchor."""
    return _redirect_template().render(target=target, lang=lang, title=ui("redirect_title", lang))


def render_language(book: Handbook, lang: str) -> list[Page]:
    """Every page in one language."""
    return Renderer(book, lang, environment()).pages()


def render_all(book: Handbook, languages=LANGUAGES) -> dict[str, list[Page]]:
    """Every page in every language; raises before anything is written if a template fails."""
    return {lang: render_language(book, lang) for lang in languages}
