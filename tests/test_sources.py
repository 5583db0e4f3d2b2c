"""The five source articles, rendered by the generator, keep every word of the originals in order.

The articles are test data here: tests/seeds holds them as scraped, and tests/fixtures/articles a
frozen copy of the handbook's source entries made from them. Comparing the two through the
generator's own rendering (escaping, paragraphs, lists, headings) proves that a source page
is the article word for word. The live content/ is not read: a contributor who fixes a section,
renames a source or adds a new one changes content/, and `python -m generator check` is the rule
for that.
"""

from __future__ import annotations

import html.parser
import re
from pathlib import Path

import pytest

from generator.content.handbook import load_handbook
from generator.render.renderer import Renderer
from generator.render.sanitize import clean

TESTS = Path(__file__).resolve().parent
SEEDS = TESTS / "seeds"  # the five scraped articles, as received
ARTICLES = TESTS / "fixtures" / "articles"
SOURCES = {"seven-client-types": "000", "difficult-clients": "001", "eight-problem-clients": "002",
           "manipulator-client": "003", "client-satisfaction": "004"}
DEBRIS = {"image", "All Articles", "Articole similare", "Trimiteți-le prietenilor:", "Anonim",
          "Logo ru.artbmxmagazine.com"}


class _Text(html.parser.HTMLParser):
    """The text of the article's sections: what a reader sees inside each <div lang>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth, self.parts = 0, []

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "div" and not self.depth and any(name == "lang" for name, _ in attrs):
            self.depth = 1
        elif self.depth and tag == "div":
            self.depth += 1
        if self.depth and tag in ("p", "li", "h3", "br"):
            self.parts.append("\n")

    def handle_endtag(self, tag) -> None:
        if self.depth and tag == "div":
            self.depth -= 1

    def handle_data(self, data) -> None:
        if self.depth:
            self.parts.append(data)


def _words(text: str) -> str:
    text = re.sub(r"^\s*(\d+\.|•|-)\s+", "", text, flags=re.M)  # list markers are layout
    return " ".join(text.split())


@pytest.fixture(scope="module")
def book():
    return load_handbook(ARTICLES / "content", ARTICLES)


def rendered_text(book, source_id: str) -> str:
    """The article's text on its page, as the plugin makes it: the generator's HTML, sanitized."""
    source = book.get("sources", source_id)
    page = Renderer(book, "en").render("sources.html.j2", f"sources/{source_id}.md", entry=source)
    parser = _Text()
    parser.feed(clean(page))
    text = "".join(parser.parts)
    return re.sub("[\xa0\u202f]", " ", text).replace("¶", "")


@pytest.mark.parametrize("source_id", SOURCES)
def test_source_page_is_the_article_word_for_word(book, source_id):
    source = book.get("sources", source_id)
    seed = next(SEEDS.glob(f"{SOURCES[source_id]}_*.txt")).read_text("utf-8")
    kept = _words(rendered_text(book, source_id))
    lines = [line.strip() for line in seed.splitlines() if line.strip()]
    lines = [line for line in lines if line not in DEBRIS and line != source.title
             and not line.startswith("Source: http")]
    position = 0
    for line in lines:
        found = kept.find(_words(line), position)
        assert found >= 0, f"{source_id}: not found in order: {line[:80]}"
        position = found
    for debris in DEBRIS - {"image"}:
        assert debris not in kept


def test_the_comparison_notices_a_changed_word(book):
    # The check above can fail: one word changed in a section is no longer found in order.
    source = book.get("sources", "seven-client-types")
    word = source.sections[1].text.split()[3]
    assert _words(word) in _words(rendered_text(book, "seven-client-types"))
    seed_line = next(line for line in source.sections[1].text.splitlines() if word in line)
    changed = _words(seed_line.replace(word, word + "x", 1))
    assert changed not in _words(rendered_text(book, "seven-client-types"))
