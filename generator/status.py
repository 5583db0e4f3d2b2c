"""Translation status: coverage per language and kind, missing texts, outdated translations."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from .i18n import stale, text_version, untranslated
from .languages import TRANSLATIONS
from .model import Entry, Handbook


class StatusError(Exception):
    """A request the status command cannot carry out."""


def report(book: Handbook, verbose: bool = False) -> str:
    """Coverage table, then the lists of missing and outdated translations."""
    lines = ["Translation coverage (entries with every text translated):", ""]
    header = f"{'kind':<12}" + "".join(f"{lang:>14}" for lang in TRANSLATIONS)
    lines += [header, "-" * len(header)]
    missing, outdated = [], []
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
                    shown = ", ".join(fields) if verbose or len(fields) <= 3 else \
                        f"{', '.join(fields[:3])} and {len(fields) - 3} more"
                    missing.append(f"  {lang}  {entry.path}: {shown}")
                elif stale(entry, lang):
                    outdated.append(f"  {lang}  {entry.path}")
    lines += ["", f"Missing translations: {len(missing) or 'none'}"] + missing
    lines += ["", f"Outdated translations (English changed since): {len(outdated) or 'none'}"] + outdated
    if outdated:
        lines += ["", "After revising one, record it: python -m generator status --mark LANG kind/id"]
    return "\n".join(lines)


def mark(book: Handbook, root: Path, lang: str, targets: list[str]) -> list[Entry]:
    """Record the current English text as the base of these entries' translations into lang."""
    if lang not in TRANSLATIONS:
        raise StatusError(f"'{lang}' is not a translation language; use one of {', '.join(TRANSLATIONS)}")
    if targets == ["all"]:
        entries = [e for e in book.all() if not untranslated(e, lang)]
    else:
        entries = []
        for target in targets or ["?"]:
            kind, _, entry_id = target.partition("/")
            if kind not in book.kinds or entry_id not in book[kind]:
                raise StatusError(f"no entry '{target}'; write it as kind/id, like archetypes/talker")
            entries.append(book.get(kind, entry_id))
    changed = []
    for entry in entries:
        version = text_version(entry)
        if entry.translated_from.get(lang) != version:
            _write_translated_from(root / entry.path, lang, version)
            changed.append(entry)
    return changed


def _write_translated_from(path: Path, lang: str, version: str) -> None:
    """Set translated_from.<lang> in a YAML file, keeping the rest of the file as it is."""
    text = path.read_text("utf-8")
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
