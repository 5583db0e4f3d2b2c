"""When each content file last changed: the date of its last commit, read from git in one call."""

from __future__ import annotations

import datetime
from functools import cache
from pathlib import Path

from generator.history import git


@cache
def last_commit_dates(root: Path) -> dict[str, datetime.date]:
    """Repository-relative path -> date of the last commit touching it; {} without git or history.

    One `git log` for the whole repository (not one per file). SOURCE_DATE_EPOCH does not apply:
    these dates come from history, so a rebuild of the same commit gives the same dates.
    """
    out = git.run(root, "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", ".")
    if out is None:
        return {}
    prefix = _prefix(root)
    dates: dict[str, datetime.date] = {}
    for commit in out.decode("utf-8", "replace").split("\0")[1:]:
        day, *paths = commit.strip("\n").split("\n")
        try:
            date = datetime.date.fromisoformat(day.strip())
        except ValueError:
            continue
        for path in paths:
            if path and path.startswith(prefix):
                dates.setdefault(path[len(prefix):], date)  # newest commit first: keep the first seen
    return dates


def _prefix(root: Path) -> str:
    """The path of root inside its repository ('' at the top), as git log prints paths from the top."""
    out = git.run(root, "rev-parse", "--show-prefix")
    return out.decode("utf-8", "replace").strip() if out is not None else ""


def last_updated(root: Path, path: str) -> datetime.date | None:
    """The date a repository-relative content file last changed in git, or None (new or no git)."""
    return last_commit_dates(root.resolve()).get(path)
