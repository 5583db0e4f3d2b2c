"""What a change does to the handbook, per language: entries added, changed, renamed and removed."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

from generator import yamlload
from generator.content.texts import in_language, is_text, texts_of
from generator.history import versions
from generator.language.codes import DEFAULT, LANGUAGES


@dataclass(frozen=True)
class EntryChange:
    """One entry added, changed, renamed or removed in one language."""

    kind: str
    id: str
    name: str  # in that language, else in English
    how: str  # 'added', 'changed', 'renamed' or 'removed'
    former: str = ""  # the old id of a renamed entry


@dataclass(frozen=True)
class Warning:
    """Something a reviewer must look at, though it is not an error (an address that stops working)."""

    path: str
    message: str


def _entries(files: dict[str, str]) -> dict[tuple[str, str], dict]:
    """(kind, id) -> data of every entry file that parses."""
    entries = {}
    for path, text in files.items():
        parts = Path(path).parts
        data = yamlload.mapping(text)
        if len(parts) >= 2 and path.endswith(".yml") and data is not None:
            entries[(parts[-2], Path(path).stem)] = data
    return entries


def _in(data: dict, lang: str) -> dict:
    """What of an entry a reader of lang sees change: its texts in lang (and, in English, everything else)."""
    texts = {field: text.get(lang) for field, text in texts_of(data).items() if text.get(lang)}
    if lang != DEFAULT:
        return texts
    rest = {k: v for k, v in data.items() if k != "translated_from"}
    return {"texts": texts, "rest": yaml.safe_dump(_english_only(rest), sort_keys=True)}


def _english_only(data):
    if isinstance(data, dict):
        if is_text(data):
            return data[DEFAULT]
        return {k: _english_only(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_english_only(v) for v in data]
    return data


def _name(data: dict, lang: str) -> str:
    name = data.get("name")
    if not isinstance(name, dict):
        return ""
    given = {DEFAULT: "", **{k: v for k, v in name.items() if v}}  # as written: a text may be empty or missing
    return str(in_language(given, lang)[0])


def compare(before: dict[str, str], after: dict[str, str]) -> tuple[dict[str, list[EntryChange]], list[Warning]]:
    """Changes per language between two sets of files (path -> text), and the addresses that break."""
    old, new = _entries(before), _entries(after)
    renamed = {(kind, former): entry_id for (kind, entry_id), data in new.items()
               for former in (data.get("former_ids") or []) if isinstance(former, str)}
    changes: dict[str, list[EntryChange]] = {}
    for lang in LANGUAGES:
        found = []
        for key in sorted(old.keys() | new.keys()):
            kind, entry_id = key
            was = _in(old[key], lang) if key in old else None
            now = _in(new[key], lang) if key in new else None
            if lang != DEFAULT:
                was, now = was or None, now or None  # no text in this language: not in it
            if was == now:
                continue
            if now is None:
                target = renamed.get(key)
                if target is not None and (kind, target) in new and (kind, target) not in old:
                    continue  # told once, as the new entry's rename
                found.append(EntryChange(kind, entry_id, _name(old[key], lang), "removed"))
            elif was is None:
                former = next((f for (k, f), target in renamed.items()
                               if k == kind and target == entry_id and (kind, f) in old and (kind, f) not in new), "")
                found.append(EntryChange(kind, entry_id, _name(new[key], lang), "renamed" if former else "added",
                                         former))
            else:
                found.append(EntryChange(kind, entry_id, _name(new[key], lang), "changed"))
        changes[lang] = found
    warnings = [Warning(f"{kind}/{entry_id}", f"/{kind}/{entry_id}/ no longer leads anywhere: add "
                                              f"'{entry_id}' to former_ids of the entry that replaces it")
                for kind, entry_id in sorted(old.keys() - new.keys()) if (kind, entry_id) not in renamed]
    return changes, warnings


def since(root: Path, base: str, folder: str = "content") -> tuple[dict[str, list[EntryChange]], list[Warning]]:
    """The changes between a commit and the files on disk now."""
    blobs = versions.folder_at(root, base, folder)
    texts = versions.read_blobs(root, blobs.values())
    before = {path: texts[blob] for path, blob in blobs.items() if blob in texts}
    after = {p.relative_to(root).as_posix(): p.read_text("utf-8")
             for p in sorted((root / folder).glob("*/*.yml")) if p.is_file()}
    return compare(before, after)


def as_data(changes: dict[str, list[EntryChange]]) -> dict[str, list[dict]]:
    """The changes as plain JSON-ready data."""
    return {lang: [asdict(c) for c in found] for lang, found in changes.items()}
