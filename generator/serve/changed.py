"""Under `mkdocs serve`: a rebuild writes only the files whose content changed.

MkDocs cleans site_dir and writes every page on every build, but a save changes a few pages. So the first
build of a language under `serve` writes its whole site, as always; each later one that changes no more
than pages (same mkdocs.yml and theme files, same set of files, same dates) builds only the changed pages,
and the pages of the navigation, into a scratch folder, then moves them over the served site. Anything
else (a new or removed entry, a theme edit) builds the whole language again.

A file's inputs are all that MkDocs and the theme make it from, besides the configuration: a page's HTML,
title, table of contents and metadata, its preview and date, its edit link; a data file's text.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from generator.render.jinja import project_files

# MkDocs leaves hidden files alone when it cleans site_dir: the scratch folder lives in the served one.
SCRATCH = ".handbook-scratch"


def setting(config_file: str, theme_dirs: list[str], *more: object) -> tuple:
    """What every page of a language is made with besides its own inputs: mkdocs.yml and the theme's files
    outside the installed packages (overrides/)."""
    return (hashlib.blake2b(Path(config_file).read_bytes()).digest(),
            tuple(project_files(folder) for folder in theme_dirs), more)


class Served:
    """What one language's last successful `serve` build wrote: each file's inputs."""

    def __init__(self) -> None:
        self.setting: tuple | None = None
        self.inputs: dict[str, object] | None = None

    def plan(self, setting: tuple, inputs: dict[str, object], whole: bool = False) -> frozenset[str] | None:
        """The files to write: those whose inputs changed; None to build the whole language."""
        former, self.inputs = self.inputs, None  # unknown until this build succeeds (done)
        same = not whole and former is not None and setting == self.setting and former.keys() == inputs.keys()
        self.setting = setting
        if not same:
            return None
        return frozenset(uri for uri, made in inputs.items() if former[uri] != made)

    def done(self, inputs: dict[str, object]) -> None:
        """The build succeeded: its files are what is served now."""
        self.inputs = inputs


def move_over(scratch: Path, served: Path) -> int:
    """Move every file of scratch to the same place in served, replacing what is there; the count."""
    moved = 0
    for path, folders, names in os.walk(scratch):
        folders[:] = [name for name in folders if name != SCRATCH]
        target = served / Path(path).relative_to(scratch)
        target.mkdir(parents=True, exist_ok=True)
        for name in names:
            os.replace(os.path.join(path, name), target / name)
            moved += 1
    return moved

