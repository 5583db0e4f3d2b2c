"""`mkdocs serve` rebuilds write only the files an edit changed: after each save, the served site must be
the site a full `mkdocs build` of the same content makes, file for file and byte for byte."""

from __future__ import annotations

import os
import time
from pathlib import Path

from conftest import EPOCH, mkdocs_build, site_fixture
from test_memo import EDITS

# What only `serve` writes: its search dialog waits for the index, built after the reload.
SERVE_ONLY = b' data-pagefind-wait="120"'
WHOLE = {"a new sign, linked", "a sign removed"}  # edits that add or remove pages: the whole site is built
NOT_COMPARED = {"pagefind", ".handbook-scratch", ".pagefind.building"}  # the index is built in the background
BUILD_ONLY = {"sw.js", "offline.json"}  # the offline copy's worker and list: never under `serve` (build/offline.py)


def _files(site: Path) -> dict[str, bytes]:
    found = {}
    for path, folders, names in os.walk(site):
        folders[:] = [name for name in folders if name not in NOT_COMPARED]
        for name in set(names) - BUILD_ONLY:
            file = Path(path, name)
            found[file.relative_to(site).as_posix()] = file.read_bytes().replace(SERVE_ONLY, b"")
    return found


@site_fixture
def serve(project, monkeypatch):
    """Builds the project as `mkdocs serve` does, in this process: the same plugin instance, a new
    configuration for every build, into the same folder."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    # The build's date (the sitemaps' gzip header) as the full builds below have it: a run across midnight (UTC)
    # served one day and built the next (sitemap.xml.gz differed).
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    monkeypatch.chdir(project)
    served = project.parent / "served"
    first = load_config(str(project / "mkdocs.yml"), site_dir=str(served))
    first.plugins.on_startup(command="serve", dirty=False)

    def rebuild() -> float:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(served))
        start = time.perf_counter()
        build(config, serve_url="http://127.0.0.1:8000/handbook/")
        return time.perf_counter() - start

    yield served, rebuild
    first.plugins.on_shutdown()


def test_after_every_save_the_served_site_is_the_site_a_full_build_makes(project, serve, tmp_path):
    served, rebuild = serve
    rebuild()
    content = project / "content"
    theme_file = next((served / "assets" / "javascripts").glob("bundle.*.js"))
    for name, edit in EDITS.items():
        written = theme_file.stat().st_mtime_ns
        edit(content)
        rebuild()
        # Only what changed was written (the theme's files are not copied again), unless files came or went.
        assert (theme_file.stat().st_mtime_ns == written) == (name not in WHOLE), name
        result = mkdocs_build(project, tmp_path / name, {"SOURCE_DATE_EPOCH": str(EPOCH)})
        assert result.returncode == 0, result.stderr
        expected, got = _files(tmp_path / name), _files(served)
        assert sorted(got) == sorted(expected), f"after {name}: other files served than built"
        different = [path for path in expected if got[path] != expected[path]]
        assert not different, f"after {name}: served files differ from a full build: {different[:10]}"
