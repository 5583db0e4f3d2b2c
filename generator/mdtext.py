"""Contributor text inside generated Markdown: literal, whatever it holds, at a cost linear in its length.

Every character Python-Markdown could read as syntax is swapped for a Unicode noncharacter before the
text enters a template, and swapped back in the parsed tree (LiteralTextExtension) once attr_list and
the inline patterns have run. So no text is ever markup (emphasis, links, raw HTML, `{: attributes}`,
headings, setext underlines, lists), and no text costs Markdown a placeholder per character: with
backslash escapes, 200 KB of '*' kept a build busy for minutes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markupsafe import escape

# Syntax anywhere in a line; '.' and ')' only after leading digits (ordered lists).
_SYNTAX = "\\`*_[]{}!<>&#+-=|~:"
_SWAP = {char: chr(0xFDD0 + i) for i, char in enumerate(_SYNTAX + ".)")}
_BACK = {code: char for char, code in _SWAP.items()}
_ANYWHERE = re.compile("[" + re.escape(_SYNTAX) + "]")
_LIST_NUMBER = re.compile(r"^(\s*\d+)([.)])")
NONCHARACTERS = re.compile("[\ufdd0-\ufdef]")  # never in content: the loader refuses them in texts
_SWAPPED = re.compile("[" + "".join(_BACK) + "]")


def literal(value: object) -> str:
    """Text as literal Markdown for one line: whitespace runs made one space, syntax swapped out."""
    text = re.sub(r"[^\S\u00a0\u202f]+", " ", str(value))  # non-breaking spaces are French typography
    text = _LIST_NUMBER.sub(lambda m: m.group(1) + _SWAP[m.group(2)], text)
    return _ANYWHERE.sub(lambda m: _SWAP[m.group()], text)


def restore_html(html: str) -> str:
    """The contributor's own characters back in HTML, escaped: for text that Markdown kept as raw HTML."""
    return _SWAPPED.sub(lambda m: str(escape(_BACK[m.group()])), html)


def _restore_in_tree(text: str) -> str:
    # Python-Markdown's serializer keeps anything shaped like an entity ('&amp;') as it is, so a
    # contributor's '&' goes back as '&amp;': "&amp;" written in YAML then reads "&amp;" on the page.
    return _SWAPPED.sub(lambda m: "&amp;" if m.group() == _SWAP["&"] else _BACK[m.group()], text)


class _Restore(markdown.treeprocessors.Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.text and _SWAPPED.search(element.text):
                element.text = _restore_in_tree(element.text)
            if element.tail and _SWAPPED.search(element.tail):
                element.tail = _restore_in_tree(element.tail)
            for name, value in element.attrib.items():
                if _SWAPPED.search(value):
                    element.set(name, _restore_in_tree(value))


class LiteralTextExtension(markdown.Extension):
    """Swaps contributor text back after attr_list (8), before toc (5) and the page title (1) read it."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(_Restore(md), "handbook_literal_text", 7)
