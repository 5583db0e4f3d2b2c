"""Translation status: coverage per language and kind, missing texts, outdated translations and what changed."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from generator.content.model import Entry, Handbook, Source
from generator.content.problems import annotation, shown
from generator.content.texts import text_version, untranslated
from generator.content.yamlfile import load_file
from generator.history.staleness import Change
from generator.language.codes import DEFAULT, TRANSLATIONS

Outdated = dict[tuple[str, str], tuple[Change, ...]]
MARK = "python -m generator status --mark"
_FIELD_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


class StatusError(Exception):
    """A request the status command cannot carry out."""


def report(book: Handbook, outdated: Outdated, verbose: bool = False) -> str:
    """Coverage table, then the lists of missing and outdated translations."""
    lines = ["Translation coverage (entries with every text translated):", ""]
    header = f"{'kind':<12}" + "".join(f"{lang:>14}" for lang in TRANSLATIONS)
    lines += [header, "-" * len(header)]
    missing = []
    for kind, entries in book.kinds.items():
        row = f"{kind:<12}"
        for lang in TRANSLATIONS:
            done = sum(1 for e in entries.values() if not untranslated(e, lang))
            share = 100 * done / len(entries) if entries else 100
            row += f"{f'{done}/{len(entries)} {share:.0f}%':>14}"
        lines.append(row)
        for entry in entries.values():
            for lang in TRANSLATIONS:
                fields = untranslated(entry, lang)
                if fields:
                    shown_fields = ", ".join(fields) if verbose or len(fields) <= 3 else \
                        f"{', '.join(fields[:3])} and {len(fields) - 3} more"
                    missing.append(f"  {lang}  {entry.path}: {shown_fields}")
    lines += ["", f"Missing translations: {len(missing) or 'none'}"] + missing
    lines += ["", *outdated_lines(outdated, "Outdated translations (the English text changed after they were "
                                             "written)")]
    return "\n".join(lines)


def outdated_lines(outdated: Outdated, title: str) -> list[str]:
    """The outdated translations, each with its changed fields and their English before and after."""
    lines = [f"{title}: {len(outdated) or 'none'}"]
    for (path, lang), changes in sorted(outdated.items()):
        lines.append(f"  {lang}  {shown(path, 200)}")
        for change in changes:
            if not change.field:
                lines.append("      the English changed since the recorded version (no git history to say where)")
                continue
            made_from = "original" if change.field.startswith("sections[") else "English"  # a source's sections
            when = f", translated from the {made_from} of {change.date} ({change.commit[:7]})" if change.commit else ""
            lines.append(f"      {change.field}{when}:")
            lines.append(f"        before: {shown(change.before, 300)}")
            lines.append(f"        after:  {shown(change.after, 300)}")
    if outdated:
        lang, path = min(outdated)[1], min(outdated)[0]
        lines += ["", "Update each outdated translation. If one still fits the new English, record that it does,",
                  f"with the language and file as printed above: {MARK} {lang} {shown(path, 200)}"]
    return lines


def annotations(root: Path, outdated: Outdated) -> list[str]:
    """Each outdated field as a GitHub warning at the line of its English text."""
    lines = []
    for (path, lang), changes in sorted(outdated.items()):
        doc, _ = load_file(root / path, path)
        for change in changes:
            line, column = doc.position(_parts(change.field) + ("en",)) if doc and change.field else (1, 1)
            message = (f"{lang} translation may be outdated: the English text of {change.field} changed. "
                       f"Before: {change.before} After: {change.after}" if change.field else
                       f"{lang} translation may be outdated: the English text changed since the recorded version")
            lines.append(annotation("warning", message, path, line, column))
    return lines


def _parts(field: str) -> tuple:
    """'responses[0].note' -> ('responses', 0, 'note')."""
    return tuple(int(index) if index else name for name, index in _FIELD_PART.findall(field))


def targets_of(book: Handbook, root: Path, targets: list[str]) -> list[Entry]:
    """The entries named as status prints them (content/archetypes/talker.yml) or as kind/id."""
    by_name: dict[str, Entry] = {}
    for entry in book.all():
        for name in (entry.path, f"{entry.kind}/{entry.id}", f"{entry.kind}/{entry.id}.yml",
                     (root / entry.path).resolve().as_posix()):
            by_name[name] = entry
    entries = []
    for target in targets or ["?"]:
        name = target.strip().rstrip(":").replace("\\", "/").removeprefix("./")
        if name not in by_name:
            name = Path(name).resolve().as_posix() if name else name
        if name not in by_name:
            raise StatusError(f"no entry '{shown(target)}'; give the file as status prints it, "
                              "like content/archetypes/talker.yml (or archetypes/talker)")
        entries.append(by_name[name])
    return entries


def mark(book: Handbook, root: Path, lang: str, targets: list[str]) -> list[Entry]:
    """Record the current English text as the base of these entries' translations into lang."""
    if lang not in (*TRANSLATIONS, DEFAULT):
        raise StatusError(f"'{shown(lang)}' is not a translation language; use one of {', '.join(TRANSLATIONS)}")
    if targets == ["all"]:
        entries = [e for e in book.all() if not untranslated(e, lang) and (lang != DEFAULT or _translated_source(e))]
    else:
        entries = targets_of(book, root, targets)
    if lang == DEFAULT and not all(_translated_source(e) for e in entries):
        raise StatusError("English is the reference text of entries; only a source's translated sections can be "
                          f"marked with {MARK} en")
    changed = []
    for entry in entries:
        version = text_version(entry)
        if entry.translated_from.get(lang) != version:
            _write_translated_from(root / entry.path, lang, version)
            changed.append(entry)
    return changed


def _translated_source(entry: Entry) -> bool:
    """A source with translated sections: its English is a translation too."""
    return isinstance(entry, Source) and any(section.translations for section in entry.sections)


def _write_translated_from(path: Path, lang: str, version: str) -> None:
    """Set translated_from.<lang> in a YAML file, keeping the rest of the file as it is."""
    text = path.read_text("utf-8")
    flow = re.search(r"^translated_from:[ \t]*\{([^}\n]*)\}[ \t]*$", text, re.M)
    if flow:  # written on one line, {fr: "..."}: rewrite it as a block
        pairs = [p.split(":", 1) for p in flow.group(1).split(",") if ":" in p]
        block_text = "".join(f"  {k.strip()}: {v.strip()}\n" for k, v in pairs)
        text = text[: flow.start()] + "translated_from:\n" + block_text + text[flow.end() + 1:]
    block = re.search(r"^translated_from:\n((?:[ \t]+.*\n?)*)", text, re.M)
    line = f'  {lang}: "{version}"'
    if block:
        body = block.group(1)
        if re.search(rf"^\s+{lang}:", body, re.M):
            body = re.sub(rf"^\s+{lang}:.*$", line, body, count=1, flags=re.M)
        else:
            body = body.rstrip("\n") + ("\n" if body.strip() else "") + line + "\n"
        lines = sorted(line for line in body.splitlines() if line.strip())
        text = text[: block.start(1)] + "\n".join(lines) + "\n" + text[block.end(1):]
    else:
        text = text.rstrip("\n") + f"\ntranslated_from:\n{line}\n"
    # Write to a temporary file and rename, so an interrupted run never leaves half a file.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(tmp, path)
