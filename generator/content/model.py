"""The handbook as plain immutable values: entries, their relations, and backlinks computed once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

Text = Mapping[str, str]  # language code -> text; 'en' always present

KIND_ORDER = ("archetypes", "symptoms", "responses", "sources")


@dataclass(frozen=True)
class Link:
    """A relation to another entry, with an optional note on why they belong together."""

    id: str
    note: Text | None = None


@dataclass(frozen=True)
class Citation:
    """Where a claim comes from: a section of a source."""

    source: str
    section: str


@dataclass(frozen=True, eq=False)
class Entry:
    """What every entry has: its kind, id, file, names and history."""

    kind: str
    id: str
    path: str  # repository-relative path of the YAML file
    name: Text
    summary: Text
    former_ids: tuple[str, ...] = ()
    translated_from: Mapping[str, str] = field(default_factory=dict)
    # language -> words a reader may search for that the texts do not use; shown nowhere, searched like an alias
    search_terms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def url(self) -> str:
        """The language-independent path of the entry's page, e.g. 'archetypes/talker/'."""
        return f"{self.kind}/{self.id}/"


@dataclass(frozen=True, eq=False)
class Archetype(Entry):
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # language ('' unsaid) -> names
    why: Text | None = None
    symptoms: tuple[Link, ...] = ()
    responses: tuple[Link, ...] = ()
    avoid: tuple[Text, ...] = ()
    related: tuple[Link, ...] = ()
    tags: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()

    @property
    def alias_names(self) -> tuple[str, ...]:
        """Every alias, whatever its language."""
        return tuple(name for names in self.aliases.values() for name in names)


@dataclass(frozen=True, eq=False)
class Symptom(Entry):
    examples: tuple[Text, ...] = ()
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True, eq=False)
class Response(Entry):
    steps: tuple[Text, ...] = ()
    say: tuple[Text, ...] = ()
    avoid: tuple[Text, ...] = ()
    symptoms: tuple[Link, ...] = ()
    tags: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class Translated:
    """A source section in another language: the handbook's own translation of its heading and text."""

    heading: str
    text: str


@dataclass(frozen=True)
class Section:
    """A part of a source article, word for word, with a stable anchor id, and its translations by language."""

    id: str
    heading: str
    text: str
    translations: Mapping[str, Translated] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class Source(Entry):
    language: str = "en"
    title: str = ""
    url_origin: str | None = None
    sections: tuple[Section, ...] = ()

    def section(self, section_id: str) -> Section | None:
        """The section with this id, if any."""
        return next((s for s in self.sections if s.id == section_id), None)

    def in_language(self, section: Section, lang: str) -> tuple[str, str, str]:
        """A section as a reader of lang gets it: heading, text and their language (the handbook's translation
        into lang, else the original)."""
        translated = section.translations.get(lang)
        if translated is None or lang == self.language:
            return section.heading, section.text, self.language
        return translated.heading, translated.text, lang


@dataclass(frozen=True)
class Citing:
    """An entry that cites a source section."""

    entry: Entry
    section: str


class Handbook:
    """All entries by kind and id, and every relation in both directions."""

    def __init__(self, entries: list[Entry]):
        by_kind: dict[str, dict[str, Entry]] = {kind: {} for kind in KIND_ORDER}
        for entry in sorted(entries, key=lambda e: (e.kind, e.id)):
            by_kind[entry.kind][entry.id] = entry
        self.kinds = MappingProxyType({k: MappingProxyType(v) for k, v in by_kind.items()})
        self.backlinks = _backlinks(self)
        self.cited_by = _cited_by(self)

    def __getitem__(self, kind: str) -> Mapping[str, Entry]:
        return self.kinds[kind]

    def get(self, kind: str, entry_id: str) -> Entry:
        """One entry by kind and id."""
        return self.kinds[kind][entry_id]

    def all(self):
        """Every entry, kinds in handbook order, ids sorted."""
        for kind in KIND_ORDER:
            yield from self.kinds[kind].values()

    def linked(self, entry: Entry, relation: str) -> tuple[Link, ...]:
        """Links of an entry: declared ones ('symptoms') or computed ones ('archetypes')."""
        return self.backlinks.get((entry.kind, entry.id, relation), ())


def _backlinks(book: Handbook) -> dict:
    links: dict[tuple, list[Link]] = defaultdict(list)
    for a in book["archetypes"].values():
        links[("archetypes", a.id, "symptoms")] = list(a.symptoms)
        links[("archetypes", a.id, "responses")] = list(a.responses)
        for link in a.symptoms:
            links[("symptoms", link.id, "archetypes")].append(Link(a.id, link.note))
        for link in a.responses:
            links[("responses", link.id, "archetypes")].append(Link(a.id, link.note))
        for link in a.related:  # related is symmetric: declare it once, show it on both pages
            links[("archetypes", a.id, "related")].append(link)
            links[("archetypes", link.id, "related")].append(Link(a.id, link.note))
    for r in book["responses"].values():
        links[("responses", r.id, "symptoms")] = list(r.symptoms)
        for link in r.symptoms:
            links[("symptoms", link.id, "responses")].append(Link(r.id, link.note))
    result = {}
    for key, found in links.items():
        seen: dict[str, Link] = {}
        for link in found:
            if link.id not in seen or (seen[link.id].note is None and link.note):
                seen[link.id] = link
        result[key] = tuple(seen.values())
    return result


def _cited_by(book: Handbook) -> dict[str, tuple[Citing, ...]]:
    cited: dict[str, list[Citing]] = defaultdict(list)
    for entry in book.all():
        for citation in getattr(entry, "citations", ()):
            cited[citation.source].append(Citing(entry, citation.section))
    return {source: tuple(items) for source, items in cited.items()}
