"""Render the handbook model into pages, one set per language, through Jinja2 templates.

The generator writes each page's finished HTML, with its table of contents, title and anchors: it knows
every heading, link and anchor, so MkDocs has no Markdown to convert (the plugin hands the HTML over).
Headings look as Python-Markdown's toc extension made them (ids, permalinks), with the settings of the
project's `toc` entry in mkdocs.yml. Contributor text is always text: HTML-escaped, never markup.
"""

from __future__ import annotations

import datetime
import html
import json
import re
from collections.abc import Collection, Mapping
from functools import partial

import jinja2
from babel.dates import format_date
from markdown.extensions.toc import nest_toc_tokens, strip_tags, unique
from markupsafe import Markup, escape

from generator.content.model import KIND_ORDER, Entry, Handbook, Link, Source, Text
from generator.content.schemas import TAGS
from generator.content.sections import split_blocks
from generator.content.texts import in_language, reader_version, untranslated
from generator.language.codes import DEFAULT, LANGUAGES, NATIVE_NAMES, prefix
from generator.language.collation import sort_key
from generator.language.plurals import forms, plural
from generator.language.strings import ui
from generator.language.typography import quote, typeset
from generator.language.words import fold
from generator.render import wayfinding
from generator.render.jinja import TEMPLATE_DIR, environment, project_files
from generator.render.pages import Deferred, Headings, Page, page_meta
from generator.render.qr import qr_svg
from generator.render.reuse import Lookups, Memo, Recorder
from generator.render.text import as_html
from generator.render.urls import page_folder, relative_url

_H1_ID = "\ufdd0h1\ufdd0"  # stands for the title's id until every other heading's id is known


class Renderer:
    """Renders every page of the handbook in one language."""

    def __init__(self, book: Handbook, lang: str, env: jinja2.Environment | None = None, *,
                 site_url: str = "", updated: Mapping[str, datetime.date] | None = None,
                 outdated: Collection[tuple[str, str]] = (), headings: Headings | None = None,
                 memo: Memo | None = None):
        self.book, self.lang = book, lang
        self.headings = headings or Headings()
        self.permalink_title = ui("permalink", lang)
        self.toc: list[dict] = []  # the current page's headings, as the toc extension lists them
        self.title: str | None = None  # the current page's title, where it is not its h1's text
        self.h1: str | None = None  # the current page's h1, as text
        self.outdated = outdated  # (file, language) of every translation made from an older English text
        self.env = env or environment()
        self.src_uri = ""
        self.folder: tuple[str, ...] = ()  # the current page's folder, as path segments
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""  # the English root, absolute
        self.updated_on = updated or {}  # content file path -> date of its last commit
        self.reading_order: dict[str, tuple[list[Entry], dict[str, int]]] = {}  # kind -> its entries in the
        # reader's order, and each id's place in it
        self.memo = memo  # under `serve`: the pages of the last build, reused where nothing they show changed
        self.handbook = book  # self.book is what the page being rendered reads through (reuse.py)
        self.lookups = Lookups(book, {"neighbours": self._neighbours}) if memo is not None else None
        if memo is not None:
            memo.start((lang, self.site_url, self.headings.settings(), frozenset(outdated), dict(self.updated_on),
                        project_files(TEMPLATE_DIR)))

    # Helpers the templates call: strings are escaped by the templates, Markup is HTML made here.
    def t(self, key: str) -> str:
        """A UI string in the page's language, set by its typography."""
        return typeset(ui(key, self.lang), self.lang)

    def colon(self, after: str = " ") -> Markup:
        """A colon as the page's language writes it (French puts a non-breaking space before it)."""
        return Markup(("\u00a0:" if self.lang == "fr" else ":") + after)

    def count(self, key: str, n: int, **counts: int) -> str:
        """A count in words, in the plural form the page's language asks for (CLDR)."""
        return typeset(plural(key, self.lang, n, **counts), self.lang)

    def plural_data(self, key: str) -> Markup:
        """A plural string's forms as JSON for a data attribute, for Intl.PluralRules in the browser."""
        data = {k: typeset(v, self.lang) for k, v in forms(key, self.lang).items()}
        return Markup.escape(json.dumps(data, ensure_ascii=False, sort_keys=True))

    def _text(self, text: Text) -> tuple[str, str]:
        """The text in the page's language, or in English; with the language it is in."""
        value, lang = in_language(text, self.lang)
        return typeset(value, lang), lang

    def other_names(self, entry: Entry) -> list[tuple[str, list[str]]]:
        """An archetype's names and aliases in the other languages, by language in handbook order ('' last: names
        whose language is not said), without the names the page already shows."""
        shown = {in_language(entry.name, self.lang)[0], *entry.aliases.get(self.lang, ())}
        found = []
        for code in (*LANGUAGES, ""):
            if code != self.lang:
                names = [n for n in dict.fromkeys((entry.name.get(code), *entry.aliases.get(code, ()))) if n]
                names = [n for n in names if n not in shown]
                shown.update(names)
                if names:
                    found.append((code, names))
        return found

    def typeset(self, value: str) -> str:
        """A text written in the page's language (a source section's translation), set by its typography."""
        return typeset(value, self.lang)

    def section_heading(self, source: Source, section_id: str) -> Markup:
        """A cited section's heading in the page's language (the handbook's translation), else the original's,
        marked with the article's language."""
        heading, _, written = source.in_language(source.section(section_id), self.lang)
        if written == self.lang:
            return as_html(typeset(heading, written))
        return Markup('<span lang="{}">{}</span>').format(written, as_html(heading))

    def plain(self, text: Text) -> str:
        """An entry text as plain text in the page's language (or English), typeset."""
        return self._text(text)[0]

    def tx(self, value: Text | str | None) -> Markup:
        """An entry text in the page's language, or English marked as such; a plain string escaped."""
        if isinstance(value, str):
            return as_html(value)
        if not value:
            return Markup("")
        value, lang = self._text(value)
        if lang == self.lang:
            return as_html(value)
        return Markup('<span lang="{}">{}</span>').format(DEFAULT, as_html(value))

    html = tx  # the practice templates' name for it

    def heading(self, level: int, content: object, anchor: str | None = None, title: str | None = None) -> Markup:
        """A heading as the toc extension writes it (id, permalink), listed in the page's table of contents.

        The h1 is the page's title: its plain text (title, or its text) names the page; without an anchor it
        gets the slug of that text, made unique against the page's other heading ids once they are known.
        """
        inner = content if isinstance(content, Markup) else escape(content)
        name = strip_tags(str(inner))  # as the toc extension names it: text only, whitespace made plain spaces
        if level == 1 and self.h1 is None:
            self.h1, self.title = name, (None if title is None else str(escape(title)))
        anchor = anchor or (_H1_ID if level == 1 else self.headings.slugify(html.unescape(name), "-"))
        self.toc.append({"level": level, "id": anchor, "name": name})
        anchor = escape(anchor)
        link = ""
        if self.headings.permalink:
            link = (f'<a class="{escape(self.headings.permalink_class)}" href="#{anchor}" '
                    f'title="{escape(self.permalink_title)}">{escape(self.headings.permalink)}</a>')
        return Markup(f'<h{level} id="{anchor}">{inner}{link}</h{level}>')

    def li(self, content: Markup, spaced: bool) -> Markup:
        """A list item; in a list of several, spaced out as a paragraph (as the pages always had them)."""
        return Markup(f"<li>\n<p>{content}</p>\n</li>\n" if spaced else f"<li>{content}</li>\n")

    def link_list(self, items: list[tuple[Entry, Text | None]], ordered: bool = False) -> Markup:
        """Linked entries, each with its note, as a list; 'none yet' when there are none."""
        if not items:
            return Markup(f"<p>{escape(self.t('none_yet'))}</p>\n")
        tag, spaced = "ol" if ordered else "ul", len(items) > 1
        lines = [self.li(Markup(f'<a href="{self.entry_href(target)}">{self.tx(target.name)}</a>'
                                + (f": {self.tx(note)}" if note else "")), spaced) for target, note in items]
        return Markup(f"<{tag}>\n{''.join(lines)}</{tag}>\n")

    def text_list(self, texts: list[Text]) -> Markup:
        """Entry texts as a list."""
        spaced = len(texts) > 1
        return Markup(f"<ul>\n{''.join(self.li(self.tx(text), spaced) for text in texts)}</ul>\n")

    def plain_fill(self, key: str, **texts: Text) -> str:
        """A UI pattern with entry texts put in, as plain text (for titles)."""
        return re.sub(r"\{(\w+)\}", lambda m: self.plain(texts[m.group(1)]), self.t(key))

    def short_url(self, url: str) -> Markup:
        """An address as a reader types it: no scheme (HTML-escaped)."""
        return Markup.escape(re.sub(r"^https?://", "", url))

    def said(self, text: Text) -> Markup:
        """Words to say, in the language's quotation marks, never doubled."""
        value, lang = in_language(text, self.lang)
        if lang == self.lang:
            return as_html(quote(value, lang))
        return Markup('<span lang="{}">{}</span>').format(DEFAULT, as_html(quote(value, lang)))

    def fill(self, key: str, **texts: Text) -> Markup:
        """A UI pattern ('Cheat sheet: {name}') with entry texts put in, each escaped."""
        parts = re.split(r"\{(\w+)\}", self.t(key))
        return Markup("").join(self.tx(texts[part]) if i % 2 else as_html(part) for i, part in enumerate(parts))

    def one_line(self, text: Text) -> Markup:
        """The first sentence of an entry text, for lists that show each entry in one line."""
        value, lang = self._text(text)
        return self.tx({lang: wayfinding.first_sentence(value)})

    def telling_sign(self, archetype: Entry) -> Entry | None:
        """The sign that gives a client type away most surely."""
        return wayfinding.telling_sign(self.book, archetype)

    def neighbours(self, entry: Entry) -> tuple[Entry | None, Entry | None]:
        """The entries before and after this one in its kind, in the reader's alphabetical order."""
        if isinstance(self.book, Recorder):  # the page depends on its two neighbours, not on all the kind
            return self.book.ask(("neighbours", entry.kind, entry.id))
        return self._neighbours(entry.kind, entry.id)

    def _neighbours(self, kind: str, entry_id: str) -> tuple[Entry | None, Entry | None]:
        if kind not in self.reading_order:  # sorted once per kind, not once per page (1,000 pages: 35 s)
            order = self.by_name(self.handbook[kind].values())
            self.reading_order[kind] = order, {entry.id: i for i, entry in enumerate(order)}
        order, places = self.reading_order[kind]
        return wayfinding.neighbours(order, self.handbook.get(kind, entry_id), places[entry_id])

    def updated(self, entry: Entry) -> tuple[str, str] | None:
        """When the entry's file last changed (git): ISO date and the date written in the reader's language."""
        day = self.updated_on.get(entry.path)
        return (day.isoformat(), format_date(day, format="long", locale=self.lang)) if day else None

    def version(self, entry: Entry) -> str:
        """The fingerprint of an entry's texts as this page's reader reads them (what "updated" is told by)."""
        return reader_version(entry, self.lang)

    def online_url(self, entry: Entry) -> str:
        """The absolute address of an entry's page in the page's language, or '' without a site_url."""
        return f"{self.site_url}{prefix(self.lang)}{entry.url}" if self.site_url else ""

    def qr(self, url: str) -> Markup:
        """A QR code of a URL as inline SVG (segno, made at build time)."""
        return Markup(qr_svg(url, ui("cheatsheet_qr", self.lang)))

    def lines(self, lines: list[str]) -> Markup:
        """Lines of one paragraph, escaped, kept as separate lines."""
        return Markup("<br>\n").join(as_html(line) for line in lines)

    def safe_url(self, url: str) -> Markup:
        """An origin URL as a link, only if it is a plain web address; else as text."""
        if re.fullmatch(r"https?://[^\s<>\"'`]+", url):
            return Markup('<a href="{0}">{0}</a>').format(url)
        return as_html(url)

    def entry_href(self, entry: Entry, anchor: str = "") -> Markup:
        """Relative URL of an entry's page (and a section of it)."""
        return self.page_url(entry.url) + (f"#{anchor}" if anchor else "")

    def linked(self, entry: Entry, relation: str, kind: str) -> list[tuple[Entry, Text | None]]:
        """Entries linked to this one, with their notes, resolved to entries."""
        return [(self.book.get(kind, link.id), link.note) for link in self.book.linked(entry, relation)]

    def stale(self, entry: Entry, lang: str) -> bool:
        """Whether the entry's translation into lang was made from an older English text."""
        return (entry.path, lang) in self.outdated

    def render(self, template: str, src_uri: str, **context) -> str:
        """Render one template as the page at src_uri: its HTML (see page() for the rest)."""
        return self.page(template, src_uri, **context).content

    def page(self, template: str, src_uri: str, entry: Entry | None = None, **context) -> Page:
        """Render one template as the page at src_uri: HTML, title, table of contents, anchors."""
        if self.memo is None:
            return self._page(template, src_uri, entry, context)
        return self.memo.page(self.lookups, template, src_uri, entry, context,
                              lambda recorder: self._page(template, src_uri, entry, context, recorder))

    def _page(self, template: str, src_uri: str, entry: Entry | None, context: dict, book=None) -> Page:
        real, self.book = self.book, book or self.book  # the templates and helpers read the book given
        try:
            return self._render_page(template, src_uri, entry, context)
        finally:
            self.book = real

    def _render_page(self, template: str, src_uri: str, entry: Entry | None, context: dict) -> Page:
        self.src_uri, self.toc, self.title, self.h1 = src_uri, [], None, None
        self.folder = page_folder(src_uri)
        content = self.env.get_template(template).render(
            h=self, book=self.book, lang=self.lang, languages=LANGUAGES, native=NATIVE_NAMES,
            kinds=KIND_ORDER, untranslated=untranslated, stale=self.stale, Source=Source, Link=Link,
            split_blocks=split_blocks, entry=entry, **context)
        ids = {token["id"] for token in self.toc}
        if _H1_ID in ids:  # as the toc extension does: the title's slug, unique among the headings' ids
            title = next(token["name"] for token in self.toc if token["id"] == _H1_ID)
            title_id = unique(self.headings.slugify(html.unescape(title), "-"), ids - {_H1_ID})
            content = content.replace(_H1_ID, str(escape(title_id)))
            for token in self.toc:
                token["id"] = title_id if token["id"] == _H1_ID else token["id"]
        anchors = frozenset(token["id"] for token in self.toc) | frozenset(re.findall(r'\sid="([^"]+)"', content))
        return Page(src_uri, content, entry, self.title, self.h1, page_meta(template), tuple(nest_toc_tokens(self.toc)),
                    anchors)

    def defer(self, template: str, src_uri: str, entry: Entry | None = None, **context) -> Deferred:
        """The page at src_uri, to be rendered when it is written (see page())."""
        return Deferred(src_uri, entry, page_meta(template), partial(self.page, template, src_uri, entry, **context))

    def page_url(self, target: str) -> Markup:
        """A relative URL from the current page to a built page ('archetypes/x/', '.' for the home page)."""
        return Markup(relative_url(self.src_uri, target, self.folder))

    def by_name(self, entries) -> list[Entry]:
        """Entries in the alphabetical order of their names in the page's language."""
        return sorted(entries, key=lambda e: (sort_key(in_language(e.name, self.lang)[0], self.lang), e.id))

    def search_words(self, entry: Entry) -> str:
        """What a filter box matches an entry on without the search index: its names in every language and its
        search terms in the page's, folded as search folds the reader's words (assets/matcher.js's fold)."""
        names = [in_language(entry.name, self.lang)[0], *entry.name.values(), *entry.search_terms.get(self.lang, ())]
        return " ".join(dict.fromkeys(fold(n) for n in names))

    def home_groups(self) -> list[tuple[str, list[Entry]]]:
        """Client types grouped by their first topic, topics in handbook order, untagged ones last ('')."""
        groups: dict[str, list[Entry]] = {tag: [] for tag in (*TAGS, "")}
        for entry in self.book["archetypes"].values():
            groups[entry.tags[0] if entry.tags else ""].append(entry)
        return [(tag, self.by_name(entries)) for tag, entries in groups.items() if entries]

    def tagged(self, tag: str) -> dict[str, list[Entry]]:
        """Entries carrying a tag, by kind."""
        return {kind: [e for e in self.book[kind].values() if tag in getattr(e, "tags", ())]
                for kind in ("archetypes", "responses")}


