"""Silence Material's end-of-life banner, from mkdocs.yml, before MkDocs loads the theme."""

from __future__ import annotations

import os


def no_end_of_life_banner() -> bool:
    """Set NO_MKDOCS_2_WARNING unless the caller chose otherwise; mkdocs.yml calls this while it is read.

    Material prints its banner when MkDocs imports the theme, which happens while the configuration
    is validated, before any plugin is loaded: a YAML tag in mkdocs.yml is the one hook that runs
    earlier, so a plain `mkdocs build` or `mkdocs serve` is quiet without an environment variable.
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    return True
