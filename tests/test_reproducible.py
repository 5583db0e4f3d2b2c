"""Reproducible builds: the fixture handbook, built twice with the same SOURCE_DATE_EPOCH, is the same
to the byte, whatever the build folder and Python's hash seed."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from conftest import EPOCH, FIXTURE, REPO, mkdocs_build

from generator.features.search import indexed_pages
from generator.history.dates import last_commit_dates


def build(site: Path, hash_seed: str) -> None:
    result = mkdocs_build(FIXTURE, site, {"SOURCE_DATE_EPOCH": str(EPOCH), "PYTHONHASHSEED": hash_seed}, timeout=300)
    assert result.returncode == 0, result.stderr


def files(site: Path) -> dict[str, bytes]:
    # Pagefind's index is left out: its Rust indexer orders filter chunks by a randomly seeded hash map,
    # so their bytes and hashed file names change from run to run (what they index is compared below).
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and not p.relative_to(site).as_posix().startswith("pagefind/")}


def first_difference(a: bytes, b: bytes) -> str:
    """Where two versions of a file part, as a few lines of unified diff (or a byte offset)."""
    try:
        lines = difflib.unified_diff(a.decode().splitlines(), b.decode().splitlines(), lineterm="", n=0)
        return "\n".join(list(lines)[2:8])
    except UnicodeDecodeError:
        at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
        return f"binary, first difference at byte {at}"


@pytest.mark.build
def test_two_builds_are_byte_identical(built_site, tmp_path):
    # The first build is the session's shared fixture site (same project, same SOURCE_DATE_EPOCH).
    one, two = built_site, tmp_path / "two" / "elsewhere"
    build(two, "4242")  # another set and dict-of-set order: nothing may depend on it
    first, second = files(one), files(two)
    assert first.keys() == second.keys(), f"only in one build: {sorted(first.keys() ^ second.keys())[:20]}"
    differ = [name for name in first if first[name] != second[name]]
    # The same pages in each language's search index.
    assert indexed_pages(one / "pagefind") == indexed_pages(two / "pagefind")
    report = "\n\n".join(f"{name}:\n{first_difference(first[name], second[name])}" for name in differ[:5])
    assert not differ, f"{len(differ)} of {len(first)} files differ, e.g.\n{report}"
    # Nothing of the machine that built it: neither the checkout's nor the site's folder.
    leaks = [name for name, data in first.items()
             if str(REPO).encode() in data or str(one.parent).encode() in data]
    assert not leaks, f"build paths written into {leaks[:10]}"
    # The dates in the sitemaps are those of the content files' last commits, never the day of the build.
    commits = {day.isoformat() for day in last_commit_dates(REPO).values()}
    sitemaps = [name for name in first if name.endswith("sitemap.xml")]
    assert len(sitemaps) == 4
    for name in sitemaps:
        dates = set(re.findall(r"<lastmod>([^<]*)</lastmod>", first[name].decode()))
        assert dates and dates <= commits, f"{name}: {sorted(dates - commits)}"
