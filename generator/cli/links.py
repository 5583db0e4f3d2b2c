"""Check a built site: every internal link and #anchor resolves, in every language."""

from __future__ import annotations

import html.parser
import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Collector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])


@dataclass(frozen=True)
class BrokenLink:
    """A link on a page that leads nowhere."""

    page: str
    href: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.href}: {self.reason}"


def check_site(site: Path, base_path: str = "/") -> tuple[int, list[BrokenLink]]:
    """The number of pages checked and every broken internal link or anchor."""
    pages: dict[str, _Collector] = {}
    for file in sorted(site.rglob("*.html")):
        collector = _Collector()
        collector.feed(file.read_text("utf-8", errors="replace"))
        pages[file.relative_to(site).as_posix()] = collector
    broken = []
    for name, collector in pages.items():
        for href in collector.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:")):
                continue
            if parts.path.startswith("/"):
                if not parts.path.startswith(base_path):
                    broken.append(BrokenLink(name, href, f"outside the site's base path {base_path}"))
                    continue
                target = posixpath.normpath(unquote(parts.path[len(base_path):]) or ".")
            else:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path)))
                if parts.path == "":
                    target = name
            if target.startswith(".."):
                broken.append(BrokenLink(name, href, "leads above the site root"))
                continue
            if target in (".", ""):
                target = "index.html"
            elif not target.endswith(".html") and not (site / target).is_file():
                target = posixpath.join(target, "index.html")
            if target not in pages:
                if not (site / target).is_file():
                    broken.append(BrokenLink(name, href, "no such page"))
                continue
            if parts.fragment and unquote(parts.fragment) not in pages[target].ids:
                broken.append(BrokenLink(name, href, f"no #{parts.fragment} on {target}"))
    return len(pages), broken
