"""Translations written against an older English text, found in git history: no one has to record them.

A translation is based on the English text as it was when the translation was last written: the
oldest version of the file, going back from now, that still has the same translated text. If the
English text of that field has changed since, the translation is outdated. So an entry is tracked
from the moment it exists, and writing or revising a translation brings it up to date by itself.
A source section's translations (English included) are made from its original in the same way: when the
original is corrected, they are outdated.

`status --mark` is only for a translation that still fits a changed English text: it records the
English version (`translated_from`), and that version then counts as the translation's base too.
Without git history (a copy outside a repository), only such recorded versions can be compared.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from generator import yamlload
from generator.content.texts import ORIGINAL, Texts, reference, texts_of, version_of
from generator.history import versions
from generator.language.codes import DEFAULT, LANGUAGES


@dataclass(frozen=True)
class Change:
    """One field of an outdated translation: its English then and now, and when it was translated."""

    field: str
    before: str | None  # None: no git history says what the English was
    after: str | None
    commit: str = ""
    date: str = ""


@dataclass(frozen=True)
class State:
    """One version of an entry file: its texts, recorded translation bases and the source's language."""

    texts: Texts
    marks: dict[str, str]
    own_language: str | None
    commit: str = ""
    date: str = ""


def _state(text: str | None, commit: str = "", date: str = "") -> State | None:
    data = yamlload.mapping(text)
    if data is None:
        return None
    marks = data.get("translated_from") if isinstance(data.get("translated_from"), dict) else {}
    own = data.get("language") if isinstance(data.get("sections"), list) else None  # a source's language
    return State(texts_of(data), {k: str(v) for k, v in marks.items()}, own, commit, date)


@lru_cache(maxsize=4096)
def _blob_state(text: str, commit: str, date: str) -> State | None:
    return _state(text, commit, date)


# Under `mkdocs serve` every rebuild asks again: each file is parsed again only when its text changed.
_CURRENT: dict[str, tuple[str, State | None]] = {}


def _current_state(path: str, text: str) -> State | None:
    known = _CURRENT.get(path)
    if known is None or known[0] != text:
        known = _CURRENT[path] = (text, _state(text))
    return known[1]


def outdated(root: Path, folder: str = "content", ref: str | None = None) -> dict[tuple[str, str], tuple[Change, ...]]:
    """(file, language) -> the changed English fields, for every outdated translation.

    ref None: the files as they are on disk now, with the history of HEAD. A ref ('HEAD^1', a
    branch): the files as that commit has them, with its history; to compare before and after.
    """
    root = root.resolve()
    histories = versions.histories(root, folder, ref or "HEAD")
    if ref is None:
        current = {p.relative_to(root).as_posix(): p.read_text("utf-8")
                   for p in sorted((root / folder).glob("*/*.yml")) if p.is_file()}
    else:
        blobs = versions.folder_at(root, ref, folder)
        texts = versions.read_blobs(root, blobs.values())
        current = {path: texts[blob] for path, blob in blobs.items() if blob in texts}
    old_blobs = versions.read_blobs(root, {v.blob for path in current for v in histories.get(path, ())})
    found = {}
    for path, text in current.items():
        if not histories.get(path) and "translated_from" not in text:
            continue  # one version and no recorded base: nothing to compare it with (a file not yet committed)
        now = _current_state(path, text)
        if now is None:
            continue
        states = [now] + [state for v in histories.get(path, ())
                          if (state := _blob_state(old_blobs.get(v.blob), v.commit, v.date)) is not None]
        for lang in LANGUAGES:  # English too: a source section's English is a translation of its original
            if lang != now.own_language:
                changes = _outdated_fields(states, lang)
                if changes:
                    found[(path, lang)] = changes
    return found


def _outdated_fields(states: list[State], lang: str) -> tuple[Change, ...]:
    """The fields whose translation into lang was written against another English text than today's."""
    now = states[0]
    mark = now.marks.get(lang)
    if mark == version_of(now.texts):
        return ()
    marked = next((i for i, s in enumerate(states) if mark and version_of(s.texts) == mark), None)
    if mark and marked is None and len(states) == 1:
        # Recorded against another English text, and no history to say which field changed.
        return (Change("", None, None),)
    changes = []
    for field, text in now.texts.items():
        if lang not in text:
            continue
        written = 0  # the oldest state that already has this very translation
        while written + 1 < len(states) and states[written + 1].texts.get(field, {}).get(lang) == text[lang]:
            written += 1
        base = written if marked is None or field not in states[marked].texts else min(written, marked)
        then = states[base].texts.get(field)
        before = reference(then) if then and (DEFAULT in then or ORIGINAL in then) else None
        if before is not None and before != reference(text):
            changes.append(Change(field, before, reference(text), states[base].commit, states[base].date))
    return tuple(changes)


def newly_outdated(root: Path, base: str, folder: str = "content") -> dict[tuple[str, str], tuple[Change, ...]]:
    """The outdated translations of the files on disk that were not outdated at base (fields included)."""
    before = outdated(root, folder, base)
    now = outdated(root, folder)
    fresh = {}
    for key, changes in now.items():
        known = {c.field for c in before.get(key, ())}
        new = tuple(c for c in changes if c.field not in known)
        if new:
            fresh[key] = new
    return fresh
