"""Earlier versions of content files, read from git: each file's past states, and a folder at a commit.

History is read along first parents, so a merged pull request is one step: the state of `main`
before and after it (or, on a pull request's merge commit, the base and the proposed change).
Without git, or outside a repository, there is no history: every function returns empty results.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.history import git


@dataclass(frozen=True)
class Version:
    """A file as one commit left it."""

    commit: str
    date: str  # the commit's date, YYYY-MM-DD
    blob: str  # the file's git object id
    path: str  # where the file was then, relative to the project root (it may have been renamed since)


def resolve(root: Path, ref: str) -> str | None:
    """The commit id a ref names ('HEAD', 'HEAD^1', a branch), or None."""
    out = git.run(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    return out.decode().strip() if out else None


def histories(root: Path, folder: str, ref: str = "HEAD") -> dict[str, list[Version]]:
    """Path (relative to root) -> its versions up to ref, newest first, following renames.

    One `git log` for the whole folder. A file's list ends with the commit that added it (or the
    oldest commit a shallow clone has).
    """
    out = git.run(root, "log", "--first-parent", "-m", "--relative", "--raw", "--no-abbrev", "-z", "-M",
               "--format=%x01%H %cs", ref, "--", folder)
    if out is None:
        return {}
    changes: list[tuple[str, str, list[tuple[str, str, list[str]]]]] = []
    for chunk in out.decode("utf-8", "replace").split("\x01")[1:]:
        header, _, body = chunk.partition("\0")
        commit, _, date = header.strip().partition(" ")
        tokens = body.split("\0")
        entries = []
        i = 0
        while i < len(tokens):
            meta = tokens[i].strip()
            if not meta.startswith(":"):
                i += 1
                continue
            fields = meta.split()
            status, blob = fields[-1], fields[3]
            count = 2 if status[:1] in ("R", "C") else 1
            entries.append((status[:1], blob, tokens[i + 1: i + 1 + count]))
            i += 1 + count
        changes.append((commit, date, entries))
    # Walk from the newest commit: each current path collects its versions, then continues under its
    # old name when a commit renamed it.
    found: dict[str, list[Version]] = {}
    following: dict[str, str] = {}  # path at this point of history -> path today
    done: set[str] = set()
    for commit, date, entries in changes:
        for status, blob, paths in entries:
            new = paths[-1]
            today = following.pop(new, None)
            if today is None:
                if new in found or new in done:
                    continue  # an older file that once had this name: not the same entry
                today = new
            if today in done:
                continue
            if status == "D":
                done.add(today)
                continue
            found.setdefault(today, []).append(Version(commit, date, blob, new))
            if status == "R":
                following[paths[0]] = today
            elif status in ("A", "C"):
                done.add(today)
            else:
                following[new] = today
    return found


def folder_at(root: Path, ref: str, folder: str) -> dict[str, str]:
    """Path (relative to root) -> blob id of every file under folder at ref."""
    out = git.run(root, "ls-tree", "-r", "-z", ref, "--", folder)
    if out is None:
        return {}
    files = {}
    for record in out.decode("utf-8", "replace").split("\0"):
        meta, _, path = record.partition("\t")
        if meta.split(" ")[1:2] == ["blob"]:
            files[path] = meta.split(" ")[2]
    return files


def read_blobs(root: Path, blobs) -> dict[str, str]:
    """The text of each blob id, in one `git cat-file --batch`; undecodable ones are left out."""
    wanted = sorted(set(blobs))
    if not wanted:
        return {}
    out = git.run(root, "cat-file", "--batch", data="".join(f"{b}\n" for b in wanted).encode())
    if out is None:
        return {}
    texts, at = {}, 0
    while at < len(out):
        end = out.index(b"\n", at)
        header = out[at:end].decode().split()
        at = end + 1
        if len(header) < 3 or header[1] == "missing":
            continue
        size = int(header[2])
        try:
            texts[header[0]] = out[at: at + size].decode("utf-8")
        except UnicodeDecodeError:
            pass
        at += size + 1
    return texts
