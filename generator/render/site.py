"""Every page of the handbook in a language, and the redirects that keep former addresses working."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping

from generator.content.model import KIND_ORDER, Handbook
from generator.content.schemas import TAGS
from generator.features.practice import practice_files
from generator.features.trainers import trainer_files
from generator.language.codes import LANGUAGES
from generator.language.strings import ui
from generator.render.jinja import environment, markup_template
from generator.render.pages import Deferred, Headings, Page
from generator.render.renderer import Renderer
from generator.render.reuse import Memo


def handbook_pages(renderer: Renderer, defer: bool = False) -> list[Page | Deferred]:
    """Every page of the handbook in the renderer's language; defer: pages rendered when asked (data files
    are made at once)."""
    page = renderer.defer if defer else renderer.page
    pages = [page("home.html.j2", "index.md")]
    for kind in KIND_ORDER:
        pages.append(page("index.html.j2", f"{kind}/index.md", kind=kind))
        pages += [page(f"{kind}.html.j2", f"{kind}/{entry.id}.md", entry) for entry in renderer.book[kind].values()]
    pages.append(page("cheatsheets.html.j2", "cheatsheets/index.md"))
    pages += [page("cheatsheet.html.j2", f"cheatsheets/{archetype.id}.md", archetype)
              for archetype in renderer.book["archetypes"].values()]
    pages.append(page("diagnose.html.j2", "diagnose.md"))
    pages.append(page("tags.html.j2", "tags/index.md", tags=TAGS))
    pages += [page("tag.html.j2", f"tags/{tag}.md", tag=tag) for tag in TAGS]
    pages.append(page("print.html.j2", "print.md"))
    pages += [made if isinstance(made, (Page, Deferred)) else Page(*made)
              for made in practice_files(renderer.book, renderer.lang, page)]
    pages += trainer_files(renderer.book, page)
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


def render_redirect(target: str, lang: str) -> str:
    """The HTML of a redirect page that keeps the #anchor."""
    return markup_template("redirect.html.j2").render(target=target, lang=lang, title=ui("redirect_title", lang))


def render_language(book: Handbook, lang: str, *, site_url: str = "",
                    updated: Mapping[str, datetime.date] | None = None,
                    outdated: Collection[tuple[str, str]] = (), headings: Headings | None = None,
                    memo: Memo | None = None, defer: bool = False) -> list[Page | Deferred]:
    """Every page in one language; site_url (the English root) makes cheat sheets' QR codes; outdated
    holds the (file, language) of the translations to flag as made from an older English text; headings
    follows mkdocs.yml's toc settings; memo (under `serve`, the language's pages of the last call) reuses the
    pages whose inputs did not change (reuse.py); defer: pages are rendered when asked (Deferred.make)."""
    if memo is not None and defer:
        raise ValueError("reused pages are compared when they are made: they cannot be deferred")
    renderer = Renderer(book, lang, environment(), site_url=site_url, updated=updated, outdated=outdated,
                        headings=headings, memo=memo)
    return handbook_pages(renderer, defer)


def render_all(book: Handbook, languages=LANGUAGES, **options) -> dict[str, list[Page]]:
    """Every page in every language; raises before anything is written if a template fails."""
    return {lang: render_language(book, lang, **options) for lang in languages}
