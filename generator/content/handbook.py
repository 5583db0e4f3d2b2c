"""Load and validate every content file, then build the handbook model: all or nothing."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from generator.content.hints import Suggester, did_you_mean
from generator.content.model import (
    KIND_ORDER,
    Archetype,
    Citation,
    Entry,
    Handbook,
    Link,
    Response,
    Section,
    Source,
    Symptom,
    Translated,
)
from generator.content.problems import ContentError, Problem, field_path, shown
from generator.content.schemas import KINDS, schema_problems
from generator.content.sections import translation_problems
from generator.content.yamlfile import NOT_REGULAR_HINT, Document, not_regular, parse, read_file

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Ids that would clash with generated pages or folders of the site.
RESERVED_IDS = frozenset({"index", "assets", "search", "tags", "diagnose", "api", "print",
                          "cheatsheet", "practice", "fr", "ro", "ru", "en"})
# Fixed anchors of a source page, which its sections must not take.
SOURCE_ANCHORS = frozenset({"summary", "text", "cited-by"})
MAX_PROBLEMS_PER_FILE = 50  # a file of 20,000 wrong items gets 50 lines and a count, not 20,000
MAX_PROBLEMS = 1000  # in all: a pull request of 10,000 broken files gets a readable report and a count


class Remembered:
    """Under `mkdocs serve`: each file's parse and entry from the last load, so that the next load parses only
    the files whose bytes changed and gives the same Entry object for the others (render/reuse.py). A build
    keeps none: the documents hold the position of every value, a third of the memory a load takes."""

    def __init__(self) -> None:
        # file -> (digest of its bytes, its document or None, its problems)
        self.checked: dict[tuple[str, str], tuple[bytes, Document | None, list[Problem]]] = {}
        # file -> (document, the entry made from it): the same document gives the same Entry object
        self.entries: dict[tuple[str, str], tuple[Document, Entry]] = {}

    def entry(self, kind: str, doc: Document) -> Entry:
        made = self.entries.get((kind, doc.path))
        if made is None or made[0] is not doc:
            made = self.entries[(kind, doc.path)] = (doc, _entry(kind, doc))
        return made[1]


def load_handbook(content_dir: Path, root: Path | None = None, memory: Remembered | None = None) -> Handbook:
    """Every entry under content_dir, validated; raises ContentError listing every problem.

    memory (`mkdocs serve`): what the last load read, kept for the next one (Remembered).
    """
    root = (root or content_dir.parent).resolve()
    if content_dir.is_symlink():  # checked before resolve(): a linked content/ reads another folder
        raise ContentError([Problem(str(content_dir), 1, 1, "", "the content folder is " + not_regular(content_dir),
                                    "content/ must be a real folder of the repository")])
    content_dir = content_dir.resolve()
    documents, present, problems = read_documents(content_dir, root, memory)
    problems += check_references(documents, present)
    if problems:
        by_file: dict[str, list[Problem]] = {}
        for problem in problems:
            by_file.setdefault(problem.path, []).append(problem)
        each = [p for found in by_file.values() for p in _capped(found, MAX_PROBLEMS_PER_FILE, "in this file")]
        raise ContentError(_capped(each, MAX_PROBLEMS, "in content"))
    return Handbook([memory.entry(kind, doc) if memory else _entry(kind, doc) for kind, doc in documents])


def read_documents(content_dir: Path, root: Path,
                   memory: Remembered | None = None) -> tuple[list[tuple[str, Document]], dict, list[Problem]]:
    """Parse and schema-check every file: the valid documents, the ids of all files, every problem.

    The ids are a map kind -> id -> file, for every file with a well-formed name, loaded or not.
    Nothing under content/ is skipped silently: a folder or YAML file in the wrong place is a
    problem too (only hidden files, like editors' and the system's, are left alone).
    """
    documents, problems = [], []
    present: dict[str, dict[str, str]] = {kind: {} for kind in KIND_ORDER}
    if not content_dir.is_dir():
        raise ContentError([Problem(str(content_dir), 1, 1, "", "content folder not found")])

    def shown_path(path: Path) -> str:
        return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)

    kinds = ", ".join(f"{kind}/" for kind in KIND_ORDER)
    listing = sorted(content_dir.iterdir())
    for path in listing:
        if path.name.startswith("."):
            continue
        refused = not_regular(path)
        if refused:
            problems.append(Problem(shown_path(path), 1, 1, "", refused, NOT_REGULAR_HINT))
            continue
        if path.name in KIND_ORDER:
            continue
        if path.is_dir():
            problems.append(Problem(shown_path(path), 1, 1, "",
                                    f"folder '{shown(path.name)}' is not a kind of entry",
                                    did_you_mean(path.name, KIND_ORDER) or f"entries go in {kinds}"))
        elif path.suffix in (".yml", ".yaml"):
            problems.append(Problem(shown_path(path), 1, 1, "",
                                    f"'{shown(path.name)}' is outside the kind folders",
                                    f"move it into one of {kinds}"))
    for folder in listing:
        if folder.name not in KIND_ORDER or not_regular(folder):
            continue
        for path in sorted(folder.iterdir()):
            display = shown_path(path)
            if path.name.startswith("."):
                continue
            refused = not_regular(path)
            if refused:  # decided from the directory entry alone: the file is never opened
                problems.append(Problem(display, 1, 1, "", refused, NOT_REGULAR_HINT))
                continue
            if path.is_dir():
                problems.append(Problem(display, 1, 1, "",
                                        f"folder '{shown(path.name)}' inside {folder.name}/ is not read",
                                        f"entries are files directly in content/{folder.name}/"))
                continue
            if path.suffix != ".yml":
                problems.append(Problem(display, 1, 1, "", f"'{path.name}' is not a .yml file",
                                        f"entries are named <id>.yml; rename it to '{path.stem}.yml'"
                                        if path.suffix == ".yaml" else "move it out of content/"))
                continue
            id_problem = _id_problem(path.stem)
            if id_problem:
                lowered = path.stem.lower()
                problems.append(Problem(display, 1, 1, "", f"file name '{shown(path.name)}': {id_problem}",
                                        f"ids are lowercase: rename it to '{lowered}.yml'"
                                        if not _id_problem(lowered) else "the file name is the entry's id and its URL"))
                continue
            present[folder.name][path.stem] = display
            doc, found = _checked(path, display, folder.name, memory)
            if doc is not None and not found:
                documents.append((folder.name, doc))
            problems += found
    return documents, present, problems


def _checked(path: Path, display: str, kind: str, memory: Remembered | None) -> tuple[Document | None, list[Problem]]:
    """A file parsed and schema-checked; with memory (`serve`): the same result as last time if its bytes are
    the same."""
    raw, found = read_file(path, display)
    if raw is None:
        return None, found
    if memory is not None:
        digest = hashlib.blake2b(raw, digest_size=16).digest()
        cached = memory.checked.get((kind, display))
        if cached is not None and cached[0] == digest:
            return cached[1], cached[2]
    doc, found = parse(raw, display)
    if doc is not None:
        found = schema_problems(doc, kind)
    if memory is not None:
        memory.checked[(kind, display)] = (digest, doc, found)
    return doc, found


def _capped(found: list[Problem], limit: int, where: str) -> list[Problem]:
    """The first problems up to a limit, then one line that counts the rest."""
    if len(found) <= limit:
        return found
    found = sorted(found)
    rest = found[limit]
    return found[:limit] + [
        Problem(rest.path, rest.line, rest.column, "", f"{len(found) - limit} more problems {where} are not shown",
                "fix these first, then check again")]


def _id_problem(entry_id: str) -> str:
    if entry_id in RESERVED_IDS:
        return f"'{entry_id}' is a reserved name"
    if not ID_PATTERN.match(entry_id) or len(entry_id) > 64:
        return "an id is lowercase ASCII letters, digits and single hyphens, like 'fix-scope'"
    return ""


def _listed(what: str, names) -> str:
    """A short list of names for a hint: the first ten, and how many more."""
    names = sorted(names)
    more = f" and {len(names) - 10} more" if len(names) > 10 else ""
    return f"{what}: {', '.join(names[:10])}{more}"


def _link_id(item) -> str:
    return item if isinstance(item, str) else item["id"]


def check_references(documents: list[tuple[str, Document]],
                     present: dict[str, dict[str, str]]) -> list[Problem]:
    """Every referenced id and source#section exists; ids and former ids are unique.

    A reference to a file that exists but failed to load is not reported again: its own
    problems already are.
    """
    problems: list[Problem] = []
    ids = present
    loaded_sources = {Path(doc.path).stem: doc for kind, doc in documents if kind == "sources"}
    sections = {sid: {s["id"] for s in doc.data["sections"]} for sid, doc in loaded_sources.items()}
    suggest = {kind: Suggester(ids[kind]) for kind in KIND_ORDER}
    suggest_section = {sid: Suggester(names) for sid, names in sections.items()}

    def unknown(ref: str, target: str) -> tuple[str, str]:
        """The message and hint for a reference to no entry of the kind expected."""
        other = next((k for k in KIND_ORDER if k != target and ref in ids[k]), None)
        hint = suggest[target].hint(ref) or (f"the {target} are the files in content/{target}/" if other else "")
        if other:
            return f"'{ref}' is a {KINDS[other]}, not a {KINDS[target]}", hint
        return f"unknown {KINDS[target]} '{ref}'", hint

    def report(doc: Document, path: tuple, message: str, hint: str = "") -> None:
        line, column = doc.position(path)
        problems.append(Problem(doc.path, line, column, field_path(path), message, hint))

    for kind, doc in documents:
        own_id = Path(doc.path).stem
        data = doc.data
        relations = {"archetypes": {"symptoms": "symptoms", "responses": "responses",
                                    "related": "archetypes"},
                     "responses": {"symptoms": "symptoms"}}.get(kind, {})
        for field, target in relations.items():
            seen = set()
            for i, item in enumerate(data.get(field, [])):
                ref = _link_id(item)
                at = (field, i) if isinstance(item, str) else (field, i, "id")
                if ref not in ids[target]:
                    report(doc, at, *unknown(ref, target))
                elif target == kind and ref == own_id:
                    report(doc, at, f"an {KINDS[kind]} cannot be related to itself", "remove this line")
                elif ref in seen:
                    report(doc, at, f"'{ref}' is listed twice", "keep one of them")
                seen.add(ref)
        for i, citation in enumerate(data.get("citations", [])):
            source, section = citation["source"], citation["section"]
            if source not in ids["sources"]:
                report(doc, ("citations", i, "source"), *unknown(source, "sources"))
            elif source in sections and section not in sections[source]:
                report(doc, ("citations", i, "section"), f"source '{source}' has no section '{section}'",
                       suggest_section[source].hint(section) or _listed("its sections", sections[source]))
        if kind == "sources":
            seen = set()
            for i, section in enumerate(data["sections"]):
                if section["id"] in SOURCE_ANCHORS:
                    report(doc, ("sections", i, "id"),
                           f"section id '{section['id']}' is reserved for the page", "choose another id")
                elif section["id"] in seen:
                    report(doc, ("sections", i, "id"), f"section id '{section['id']}' is used twice",
                           "section ids are anchors and must be unique")
                seen.add(section["id"])
            problems += translation_problems(doc)
    problems += _check_claims(documents, present)
    return problems


def _check_claims(documents: list[tuple[str, Document]], present: dict[str, dict[str, str]]) -> list[Problem]:
    """No two entries of a kind claim the same id, live or former; the message names both files.

    Live ids are those of every file, loaded or not: a former id must not shadow an entry that
    is only broken for now.
    """
    problems = []
    former: dict[tuple[str, str], str] = {}  # (kind, former id) -> file that claims it
    for kind, doc in documents:
        own_id = Path(doc.path).stem
        for i, old in enumerate(doc.data.get("former_ids", [])):
            hint = "an old URL can lead to one entry only"
            if old == own_id:
                message = f"former id '{old}' is this entry's own id"
                hint = "remove it: former_ids lists the ids the entry had before a rename"
            elif old in RESERVED_IDS:
                message = f"former id '{old}' is a reserved name"
                hint = "its redirect would replace a page of the site"
            elif old in present.get(kind, {}):
                message = f"former id '{old}' is the id of {present[kind][old]}"
            elif (kind, old) in former:
                message = f"former id '{old}' is already a former id of {former[(kind, old)]}"
            else:
                former[(kind, old)] = doc.path
                continue
            where = ("former_ids", i)
            problems.append(Problem(doc.path, *doc.position(where), field_path(where), message, hint))
    return problems


def _text(value) -> dict | None:
    return dict(value) if value else None


def _links(items) -> tuple[Link, ...]:
    return tuple(Link(i, None) if isinstance(i, str) else Link(i["id"], _text(i.get("note")))
                 for i in items or ())


def _entry(kind: str, doc: Document) -> Entry:
    d = doc.data
    common = dict(kind=kind, id=Path(doc.path).stem, path=doc.path, name=d["name"], summary=d["summary"],
                  former_ids=tuple(d.get("former_ids", ())), translated_from=d.get("translated_from", {}),
                  search_terms={lang: tuple(terms) for lang, terms in d.get("search_terms", {}).items()})
    citations = tuple(Citation(c["source"], c["section"]) for c in d.get("citations", ()))
    if kind == "archetypes":
        return Archetype(**common, aliases=_aliases(d.get("aliases")), why=_text(d.get("why")),
                         symptoms=_links(d["symptoms"]), responses=_links(d["responses"]),
                         avoid=tuple(d.get("avoid", ())), related=_links(d.get("related")),
                         tags=tuple(d.get("tags", ())), citations=citations)
    if kind == "symptoms":
        return Symptom(**common, examples=tuple(d.get("examples", ())), citations=citations)
    if kind == "responses":
        return Response(**common, steps=tuple(d["steps"]), say=tuple(d.get("say", ())),
                        avoid=tuple(d.get("avoid", ())), symptoms=_links(d.get("symptoms")),
                        tags=tuple(d.get("tags", ())), citations=citations)
    return Source(**common, language=d["language"], title=d["title"], url_origin=d.get("url"),
                  sections=tuple(Section(s["id"], s["heading"], s["text"],
                                         {lang: Translated(x["heading"], x["text"])
                                          for lang, x in s.get("translations", {}).items()})
                                 for s in d["sections"]))


def _aliases(value) -> dict[str, tuple[str, ...]]:
    """Other names by language; a plain list says no language ('')."""
    if isinstance(value, dict):
        return {lang: tuple(names) for lang, names in value.items() if names}
    return {"": tuple(value)} if value else {}
