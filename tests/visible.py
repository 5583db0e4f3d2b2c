"""What a reader sees of a built site: each page's title, its article's text, links and anchors, its table of
contents. The snapshot of the fixture site (tests/fixtures/visible-site.json) was taken when every page was
still converted by Python-Markdown; test_visible_output compares each new build with it.

Refresh it after a deliberate change to what pages show, and read the diff before committing it:

    .venv/bin/mkdocs build --strict -f tests/fixtures/site/mkdocs.yml -d /tmp/fixture-site
    .venv/bin/python tests/visible.py /tmp/fixture-site > tests/fixtures/visible-site.json
"""

from __future__ import annotations

import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

SNAPSHOT = Path(__file__).parent / "fixtures" / "visible-site.json"
# Where the handbook's own pages live; the theme's and search's files are not the generator's output.
SKIPPED = re.compile(r"^(?:(?:fr|ro|ru)/)?(?:assets|pagefind|api|search)/|(?:^|/)404\.html$")
_BLOCK = {"p", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "div", "nav", "section",
          "table", "thead", "tbody", "tr", "td", "th", "blockquote", "details", "summary", "fieldset", "legend",
          "br", "hr"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: list[str] = []
        self.text: list[str] = []
        self.links: list[str] = []
        self.ids: list[str] = []
        self.toc: list[str] = []
        self._in_title = False
        self._article = 0  # open elements inside the article (0: outside)
        self._toc = 0  # open <nav> elements inside the page's table of contents
        self._skip = 0  # open elements whose text is not the page's (scripts, styles, the edit date, search terms)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "title":
            self._in_title = True
        if self._toc:
            self._toc += tag == "nav"
            if tag == "a" and a.get("href"):
                self.toc.append(a["href"])
        elif tag == "nav" and "md-nav--secondary" in classes:
            self._toc = 1
        if not self._article:
            if tag == "article" and "md-content__inner" in classes:
                self._article = 1
            return
        if tag in _BLOCK:
            self.text.append(" ")  # block boundaries part words, whatever the whitespace between the tags
        if tag in _VOID:
            if tag == "input" and a.get("value"):
                self.ids.append(f"value={a['value']}")
            return
        self._article += 1
        skipped = {"last-updated", "md-content__button", "search-terms"}
        if self._skip or tag in ("script", "style") or skipped & set(classes):
            self._skip += 1
        if self._skip:
            return
        if a.get("id"):
            self.ids.append(a["id"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._article and tag not in _VOID:
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)
        elif self._article:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if self._toc and tag == "nav":
            self._toc -= 1
        if self._article and tag not in _VOID:
            self._article -= 1
            if self._skip:
                self._skip -= 1
            if tag in _BLOCK:
                self.text.append(" ")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif self._article and not self._skip:
            self.text.append(data)


def _words(parts: list[str]) -> str:
    return " ".join("".join(parts).split())


def visible(site: Path) -> dict[str, dict]:
    """Every generated page of a built site: title, article text, links, anchors and table of contents."""
    pages = {}
    for path in sorted(site.rglob("index.html")):
        name = path.relative_to(site).as_posix()
        if SKIPPED.search(name):
            continue
        page = _Page()
        page.feed(path.read_text("utf-8"))
        pages[name] = {"title": _words(page.title), "text": _words(page.text), "links": page.links,
                       "anchors": page.ids, "toc": page.toc}
    return pages


if __name__ == "__main__":
    print(json.dumps(visible(Path(sys.argv[1])), ensure_ascii=False, indent=1, sort_keys=True))
