"""Skeleton entries for `python -m generator new`: every field, a comment on each."""

from __future__ import annotations

from pathlib import Path

from generator.content.handbook import _id_problem
from generator.content.schemas import KINDS, TAGS
from generator.language.codes import ENGLISH_NAMES

FOLDERS = {singular: folder for folder, singular in KINDS.items()}  # "archetype" -> "archetypes"


class ScaffoldError(Exception):
    """A new entry that cannot be written."""


def _text(indent: str, what: str) -> str:
    return "".join(f'{indent}{lang}: "TODO {what} ({name})"\n' for lang, name in ENGLISH_NAMES.items())


def _item(what: str) -> str:
    lines = _text("    ", what).splitlines()
    return "  - " + lines[0].lstrip() + "\n" + "\n".join(lines[1:]) + "\n"


TOPICS = f"# Topics: {', '.join(TAGS)}.\ntags: []\n"
CITATIONS = """# Where every claim comes from: a source id and one of its section ids (see content/sources/).
citations:
  - source: TODO-source-id
    section: TODO-section-id
"""


def skeleton(kind: str) -> str:
    """The text of a new entry of this kind."""
    head = f"# yaml-language-server: $schema=../../generator/schemas/{kind}.schema.json\n"
    name = "# The name, in each language.\nname:\n" + _text("  ", "name")
    summary = "# Two or three sentences, in each language.\nsummary:\n" + _text("  ", "summary")
    if kind == "archetype":
        return head + name + (
            "# Other names it goes by (the articles' own names), by language; all are searchable.\n"
            'aliases:\n  en:\n    - "TODO alias"\n') + summary + (
            "# Why the client acts so, where the sources say (optional: delete if they don't).\n"
            "why:\n" + _text("  ", "why") +
            "# How to recognise it: symptom ids, each with an optional note.\n"
            "symptoms:\n  - id: TODO-symptom-id\n    note:\n" + _text("      ", "note") +
            "# What to do, in order: response ids, each with a note on why it fits.\n"
            "responses:\n  - id: TODO-response-id\n    note:\n" + _text("      ", "note") +
            "# What not to do (optional).\navoid:\n" + _item("what to avoid") +
            "# Related archetype ids (optional; shown on both pages).\nrelated: []\n" + TOPICS + CITATIONS)
    if kind == "symptom":
        return head + name.replace("The name", "What you see or hear, as a short phrase") + summary + (
            "# What the client says or does, as the sources tell it (optional).\nexamples:\n"
            + _item("example") + CITATIONS)
    if kind == "response":
        return head + name.replace("The name", "The tactic, as an imperative phrase") + summary + (
            "# Concrete steps, in order.\nsteps:\n" + _item("step") +
            "# Words to say, where the sources give them (optional).\nsay:\n" + _item("words to say") +
            "# What not to do (optional).\navoid:\n" + _item("what to avoid") +
            "# Symptom ids this response answers, each with an optional note.\n"
            "symptoms:\n  - TODO-symptom-id\n" + TOPICS + CITATIONS)
    return head + (
        "# The language of the article: fr, ro, ru or en.\nlanguage: TODO\n"
        "# The original title, word for word.\ntitle: \"TODO original title\"\n"
        + name.replace("The name", "The title rendered") +
        "# Where the article came from, if the text names it (optional).\nurl: \"https://TODO\"\n"
        + summary +
        "# The article in sections, word for word; each id is a permanent #anchor.\nsections:\n"
        "  - id: TODO-section-id\n    heading: \"TODO heading, in the article's language\"\n"
        "    text: |-\n      TODO the text, word for word. Blank lines separate paragraphs.\n")


def new_entry(content_dir: Path, kind: str, entry_id: str) -> Path:
    """Write a skeleton entry; refuse an ill-formed id or an existing file."""
    if kind not in FOLDERS:
        raise ScaffoldError(f"unknown kind '{kind}'; use one of: {', '.join(FOLDERS)}")
    problem = _id_problem(entry_id)
    if problem:
        raise ScaffoldError(f"'{entry_id}' cannot be an id: {problem}")
    path = content_dir / FOLDERS[kind] / f"{entry_id}.yml"
    if path.exists():
        raise ScaffoldError(f"{path} already exists; edit it, or choose another id")
    for other in content_dir.glob(f"*/{entry_id}.yml"):
        raise ScaffoldError(f"{other} already uses the id '{entry_id}'; ids should be unique across kinds")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(skeleton(kind), encoding="utf-8")
    return path
