"""The JSON export: every entry in every language with its relations both ways, stable field names."""

from __future__ import annotations

import json
from pathlib import Path

from generator.content.model import Archetype, Entry, Handbook, Link, Response, Source, Symptom
from generator.language.codes import LANGUAGES

EXPORT_PATH = "api/v1/handbook.json"
EXPORT_SCHEMA_PATH = "api/v1/handbook.schema.json"
EXPORT_SCHEMA_FILE = Path(__file__).parents[1] / "schemas" / "export" / "handbook.schema.json"
VERSION = 1


def _links(links: tuple[Link, ...]) -> list[dict]:
    return [{"id": link.id, "note": dict(link.note) if link.note else None} for link in links]


def _citation(book: Handbook, source_id: str, section_id: str) -> dict:
    """A citation with the cited section's heading in each language that has it, and the original's beside it."""
    source = book.get("sources", source_id)
    section = source.section(section_id)
    headings = {lang: x.heading for lang, x in section.translations.items()} | {source.language: section.heading}
    return {"source": source_id, "section": section_id, "original_heading": section.heading,
            "heading": {lang: headings[lang] for lang in LANGUAGES if lang in headings}}


def _entry(book: Handbook, entry: Entry) -> dict:
    data = {"id": entry.id, "path": entry.url, "file": entry.path, "former_ids": list(entry.former_ids),
            "name": dict(entry.name), "summary": dict(entry.summary)}
    if not isinstance(entry, Source):
        data["citations"] = [_citation(book, c.source, c.section) for c in entry.citations]
    if isinstance(entry, Archetype):
        data |= {"aliases": list(entry.alias_names),
                 "aliases_by_language": {lang or "und": list(names) for lang, names in entry.aliases.items()},
                 "why": dict(entry.why) if entry.why else None,
                 "tags": list(entry.tags), "avoid": [dict(t) for t in entry.avoid],
                 "symptoms": _links(book.linked(entry, "symptoms")),
                 "responses": _links(book.linked(entry, "responses")),
                 "related": _links(book.linked(entry, "related"))}
    elif isinstance(entry, Symptom):
        data |= {"examples": [dict(t) for t in entry.examples],
                 "archetypes": _links(book.linked(entry, "archetypes")),
                 "responses": _links(book.linked(entry, "responses"))}
    elif isinstance(entry, Response):
        data |= {"steps": [dict(t) for t in entry.steps], "say": [dict(t) for t in entry.say],
                 "avoid": [dict(t) for t in entry.avoid], "tags": list(entry.tags),
                 "symptoms": _links(book.linked(entry, "symptoms")),
                 "archetypes": _links(book.linked(entry, "archetypes"))}
    elif isinstance(entry, Source):
        data |= {"language": entry.language, "title": entry.title, "origin": entry.url_origin,
                 "sections": [{"id": s.id, "heading": s.heading, "text": s.text,
                               "translations": {lang: {"heading": x.heading, "text": x.text}
                                                for lang, x in s.translations.items()}}
                              for s in entry.sections],
                 "cited_by": [{"kind": c.entry.kind, "id": c.entry.id, "section": c.section}
                              for c in book.cited_by.get(entry.id, ())]}
    return data


def export(book: Handbook) -> dict:
    """The handbook as plain data, described by schemas/export.schema.json."""
    return {"version": VERSION, "languages": list(LANGUAGES),
            **{kind: [_entry(book, e) for e in entries.values()] for kind, entries in book.kinds.items()}}


def export_json(book: Handbook) -> str:
    """The export as JSON text: sorted keys, so two builds of the same content are identical.

    What json.dumps(export(book), sort_keys=True, indent=1) writes, made of each entry's JSON text, which is
    kept while the entry and its links stay the same (`mkdocs serve` writes the export on every save).
    """
    return "".join(_export_parts(book, keep=True))


def write_export(book: Handbook, path: Path) -> None:
    """Write export_json(book) to a file a part at a time: at 5,000 entries the text is 36 MB (twice that
    in memory, as Python holds Cyrillic text), which a build need not hold."""
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.writelines(_export_parts(book, keep=False))


def _export_parts(book: Handbook, keep: bool):
    top = {"languages": list(LANGUAGES), "version": VERSION, **book.kinds}
    yield "{\n"
    for n, key in enumerate(sorted(top)):
        yield (",\n" if n else "") + f" {_dumps(key)}: "
        if key not in book.kinds:
            yield _dumps(top[key], depth=1)
        elif not top[key]:
            yield "[]"
        else:
            yield "[\n  "
            for i, entry in enumerate(top[key].values()):
                text = _entry_json(book, entry) if keep else _dumps(_entry(book, entry), depth=2)
                yield (",\n  " if i else "") + text
            yield "\n ]"
    yield "\n}\n"


def _dumps(value: object, depth: int = 0) -> str:
    """JSON as export_json writes it, for a value nested depth levels deep (JSON strings hold no newline)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1).replace("\n", "\n" + " " * depth)


_RELATIONS = ("symptoms", "responses", "related", "archetypes")
# (kind, id) -> (what the entry's JSON is made from, the JSON)
_ENTRY_JSON: dict[tuple[str, str], tuple[tuple, str]] = {}


def _entry_json(book: Handbook, entry: Entry) -> str:
    made_from = (entry, tuple(book.linked(entry, relation) for relation in _RELATIONS),
                 book.cited_by.get(entry.id, ()),
                 tuple(book.get("sources", c.source) for c in getattr(entry, "citations", ())))  # their headings
    known = _ENTRY_JSON.get((entry.kind, entry.id))
    if known is None or known[0] != made_from:
        known = _ENTRY_JSON[(entry.kind, entry.id)] = (made_from, _dumps(_entry(book, entry), depth=2))
    return known[1]
