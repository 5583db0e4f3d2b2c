"""Relative URLs between the handbook's pages, as MkDocs serves them (each page a folder)."""

from __future__ import annotations

import posixpath


def page_folder(src_uri: str) -> tuple[str, ...]:
    """The folder a page is served from, as path segments: 'archetypes/talker.md' -> ('archetypes', 'talker')."""
    here = posixpath.dirname(src_uri)
    if not src_uri.endswith("index.md"):
        here = posixpath.join(here, posixpath.basename(src_uri)[:-3])
    return tuple(part for part in here.split("/") if part and part != ".")


def relative_url(src_uri: str, target: str, folder: tuple[str, ...] | None = None) -> str:
    """posixpath.relpath(target, the page's folder) + '/', for the site's short paths without its cost (a
    page links to tens of pages; a cache of the pairs thrashed at 5,000 entries). folder: page_folder(src_uri)."""
    start = page_folder(src_uri) if folder is None else folder
    goal = [part for part in target.split("/") if part and part != "."]
    same = 0
    while same < len(start) and same < len(goal) and start[same] == goal[same]:
        same += 1
    return "/".join([".."] * (len(start) - same) + goal[same:] or ["."]) + "/"
