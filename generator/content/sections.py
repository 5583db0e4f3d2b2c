"""Source sections: their paragraphs and lists, and the rules for their translations (all or none, same shape)."""

from __future__ import annotations

import re

from generator.content.problems import Problem, field_path
from generator.content.yamlfile import Document
from generator.language.codes import ENGLISH_NAMES, LANGUAGES


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


def shape(text: str) -> tuple[int, int]:
    """How many paragraphs and list items a section's text has: a translation keeps the original's."""
    blocks = split_blocks(text)
    return sum(kind == "p" for kind, _ in blocks), sum(len(lines) for kind, lines in blocks if kind != "p")


def _counted(paragraphs: int, items: int) -> str:
    said = f"{paragraphs} paragraph{'s' * (paragraphs != 1)}"
    return said + (f" and {items} list item{'s' * (items != 1)}" if items else "")


def translation_problems(doc: Document) -> list[Problem]:
    """A source's translated sections: none, or every section in every handbook language but the article's,
    each with the original's paragraphs and list items."""
    data = doc.data
    own = data["language"]
    wanted = [lang for lang in LANGUAGES if lang != own]
    sections = data["sections"]
    problems: list[Problem] = []

    def report(path: tuple, message: str, hint: str) -> None:
        problems.append(Problem(doc.path, *doc.position(path, key=path[-1] in ("translations", own)), field_path(path),
                                message, hint))

    if not any(section.get("translations") for section in sections):
        return problems
    for i, section in enumerate(sections):
        given = section.get("translations") or {}
        at = ("sections", i, "translations" if "translations" in section else "id")
        if own in given:
            report(("sections", i, "translations", own),
                   f"the article is in {ENGLISH_NAMES[own]}: its text is the original",
                   f"remove '{own}:' here; the original is the section's heading: and text:")
        missing = [lang for lang in wanted if lang not in given]
        if missing:
            names = ", ".join(f"{ENGLISH_NAMES[lang]} ({lang}:)" for lang in missing)
            report(at,  f"section '{section['id']}' has no translation into {names}",
                   "once one section of a source is translated, every section is, into "
                   + ", ".join(f"{lang}:" for lang in wanted))
        original = shape(section["text"])
        for lang in wanted:
            if lang in given and shape(given[lang]["text"]) != original:
                report(("sections", i, "translations", lang, "text"),
                       f"the {ENGLISH_NAMES[lang]} text has {_counted(*shape(given[lang]['text']))}, "
                       f"the original {_counted(*original)}",
                       "keep the original's paragraphs, a blank line between two, and its numbered items, '1. ' and so on")
    return problems
