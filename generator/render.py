"""Render the handbook model into Markdown pages, one set per language, through Jinja2 templates."""

from __future__ import annotations

import datetime
import json
import posixpath
import re
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jinja2
from babel.dates import format_date
from markupsafe import Markup

from . import orientation
from .collation import sort_key
from .i18n import ui, untranslated
from .languages import DEFAULT, LANGUAGES, NATIVE_NAMES, prefix
from .mdtext import literal
from .model import KIND_ORDER, Entry, Handbook, Link, Source, Text
from .plurals import forms, plural
from .practice import practice_files
from .qr import qr_svg
from .typography import quote, typeset

TEMPLATE_DIR = Path(__file__).parent / "templates"
TAGS = ("payment", "scope", "communication", "respect", "time", "contract")  # as in the schema

def md_escape(value: object) -> str:
    """Contributor text as literal Markdown: no markup, no raw HTML, no links of its own (see mdtext)."""
    return literal(value)


def fold(text: str) -> str:
    """Latin letters without diacritics ('Atotștiutorul' -> 'Atotstiutorul'); Cyrillic is kept as is."""
    out = []
    for char in text:
        if "LATIN" in unicodedata.name(char, ""):
            char = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        out.append(char)
    return "".join(out)


def _finalize(value: object) -> Markup:
    # Every {{ }} is escaped for Markdown unless a helper or macro marked it as markup.
    if isinstance(value, Markup):
        return value
    return Markup(md_escape("" if value is None else value))


@dataclass(frozen=True)
class Page:
    """One generated file (a Markdown page, or data like practice/questions.json): where it goes, its entry if any."""

    src_uri: str
    markdown: str
    entry: Entry | None = None


@cache  # one per process: `serve` rebuilds and the four languages reuse its compiled templates
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

    def __init__(self, book: Handbook, lang: str, env: jinja2.Environment | None = None, *,
                 site_url: str = "", updated: Mapping[str, datetime.date] | None = None,
                 outdated: Collection[tuple[str, str]] = ()):
        self.book, self.lang = book, lang
        self.outdated = outdated  # (file, language) of every translation made from an older English text
        self.env = env or environment()
        self.src_uri = ""
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""  # the English root, absolute
        self.updated_on = updated or {}  # content file path -> date of its last commit
        self.reading_order: dict[str, list[Entry]] = {}  # kind -> its entries in the reader's order

    # Helpers the templates call; each returns escaped Markdown or marked-up links.
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
        lang = self.lang if self.lang in text else DEFAULT
        return typeset(text[lang], lang), lang

    def plain(self, text: Text) -> str:
        """An entry text as plain text in the page's language (or English), typeset."""
        return self._text(text)[0]

    def tx(self, text: Text | None) -> Markup:
        """An entry text in the page's language, or English marked as such."""
        if not text:
            return Markup("")
        value, lang = self._text(text)
        if lang == self.lang:
            return Markup(md_escape(value))
        return Markup(f'<span lang="{DEFAULT}">{md_escape(value)}</span>')

    def html(self, value: Text | str | None) -> Markup:
        """A UI string or entry text for a raw HTML context: HTML-escaped, not Markdown-escaped."""
        if isinstance(value, str):
            return Markup.escape(value)
        if not value:
            return Markup("")
        text, lang = self._text(value)
        if lang == self.lang:
            return Markup.escape(text)
        return Markup('<span lang="{}">{}</span>').format(DEFAULT, text)

    def meta_title(self, text: Text | str) -> Markup:
        """A page title for the front matter: HTML-escaped text (the theme prints titles as HTML, as MkDocs
        makes them from a heading) in a JSON string, which YAML reads as is."""
        plain = text if isinstance(text, str) else self.plain(text)
        return Markup(json.dumps(str(Markup.escape(plain)), ensure_ascii=False))

    def plain_fill(self, key: str, **texts: Text) -> str:
        """A UI pattern with entry texts put in, as plain text (for titles)."""
        return re.sub(r"\{(\w+)\}", lambda m: self.plain(texts[m.group(1)]), self.t(key))

    def short_url(self, url: str) -> Markup:
        """An address as a reader types it: no scheme (HTML-escaped)."""
        return Markup.escape(re.sub(r"^https?://", "", url))

    def said(self, text: Text) -> Markup:
        """Words to say, in the language's quotation marks, never doubled."""
        value, lang = (text[self.lang], self.lang) if self.lang in text else (text[DEFAULT], DEFAULT)
        if lang == self.lang:
            return Markup(md_escape(quote(value, lang)))
        return Markup(f'<span lang="{DEFAULT}">{md_escape(quote(value, lang))}</span>')

    def fill(self, key: str, **texts: Text) -> Markup:
        """A UI pattern ('Cheat sheet: {name}') with entry texts put in, each escaped."""
        parts = re.split(r"\{(\w+)\}", self.t(key))
        return Markup("").join(self.tx(texts[part]) if i % 2 else Markup(md_escape(part))
                               for i, part in enumerate(parts))

    def one_line(self, text: Text) -> Markup:
        """The first sentence of an entry text, for lists that show each entry in one line."""
        value, lang = self._text(text)
        return self.tx({lang: orientation.first_sentence(value)})

    def telling_sign(self, archetype: Entry) -> Entry | None:
        """The sign that gives a client type away most surely."""
        return orientation.telling_sign(self.book, archetype)

    def neighbours(self, entry: Entry) -> tuple[Entry | None, Entry | None]:
        """The entries before and after this one in its kind, in the reader's alphabetical order."""
        if entry.kind not in self.reading_order:  # sorted once per kind, not once per page (1,000 pages: 35 s)
            self.reading_order[entry.kind] = self.by_name(self.book[entry.kind].values())
        return orientation.neighbours(self.reading_order[entry.kind], entry)

    def updated(self, entry: Entry) -> tuple[str, str] | None:
        """When the entry's file last changed (git): ISO date and the date written in the reader's language."""
        day = self.updated_on.get(entry.path)
        return (day.isoformat(), format_date(day, format="long", locale=self.lang)) if day else None

    def online_url(self, entry: Entry) -> str:
        """The absolute address of an entry's page in the page's language, or '' without a site_url."""
        return f"{self.site_url}{prefix(self.lang)}{entry.url}" if self.site_url else ""

    def qr(self, url: str) -> Markup:
        """A QR code of a URL as inline SVG (segno, made at build time)."""
        return Markup(qr_svg(url, ui("cheatsheet_qr", self.lang)))

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

    def stale(self, entry: Entry, lang: str) -> bool:
        """Whether the entry's translation into lang was made from an older English text."""
        return (entry.path, lang) in self.outdated

    def render(self, template: str, src_uri: str, **context) -> str:
        """Render one template as the page at src_uri."""
        self.src_uri = src_uri
        return self.env.get_template(template).render(
            h=self, book=self.book, lang=self.lang, languages=LANGUAGES, native=NATIVE_NAMES,
            kinds=KIND_ORDER, untranslated=untranslated, stale=self.stale, Source=Source, Link=Link,
            split_blocks=split_blocks, **context)

    def page_url(self, target: str) -> Markup:
        """A relative URL from the current page to a built page ('archetypes/x/'), for raw HTML."""
        here = posixpath.dirname(self.src_uri)
        if not self.src_uri.endswith("index.md"):
            here = posixpath.join(here, posixpath.basename(self.src_uri)[:-3])
        return Markup(posixpath.relpath(target, here or ".").rstrip("/") + "/")

    def by_name(self, entries) -> list[Entry]:
        """Entries in the alphabetical order of their names in the page's language."""
        return sorted(entries, key=lambda e: (sort_key(e.name.get(self.lang, e.name[DEFAULT]), self.lang), e.id))

    def search_words(self, entry: Entry) -> str:
        """What a filter box matches an entry on: its names in every language, lower case, without accents."""
        names = [entry.name.get(self.lang, entry.name[DEFAULT]), *entry.name.values()]
        return " ".join(dict.fromkeys(fold(n).casefold() for n in names))

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
        pages += [Page(uri, text) for uri, text in practice_files(self.book, self.lang, self.render)]
        return pages


def redirects(book: Handbook) -> list[tuple[str, str]]:
    """(old path, relative target) for every former id: 'archetypes/old/index.html' -> '../new/'.

    Every URL an entry ever had keeps working: its page and, for an archetype, its cheat sheet.
    """
    moved = []
    for entry in book.all():
        folders = (entry.kind, "cheatsheets") if entry.kind == "archetypes" else (entry.kind,)
        moved += [(f"{folder}/{old}/index.html", f"../{entry.id}/") for folder in folders for old in entry.former_ids]
    return moved


@cache
def markup_template(name: str) -> jinja2.Template:
    """An HTML or XML template of TEMPLATE_DIR, autoescaped for markup (unlike the Markdown ones)."""
    html = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR), autoescape=True)
    return html.get_template(name)


def render_redirect(target: str, lang: str) -> str:
    """The HTML of a redirect page that keeps the #anchor."""
    return markup_template("redirect.html.j2").render(target=target, lang=lang, title=ui("redirect_title", lang))


def render_language(book: Handbook, lang: str, *, site_url: str = "",
                    updated: Mapping[str, datetime.date] | None = None,
                    outdated: Collection[tuple[str, str]] = ()) -> list[Page]:
    """Every page in one language; site_url (the English root) makes cheat sheets' QR codes; outdated
    holds the (file, language) of the translations to flag as made from an older English text."""
    return Renderer(book, lang, environment(), site_url=site_url, updated=updated, outdated=outdated).pages()


def render_all(book: Handbook, languages=LANGUAGES, **options) -> dict[str, list[Page]]:
    """Every page in every language; raises before anything is written if a template fails."""
    return {lang: render_language(book, lang, **options) for lang in languages}
