"""The handbook's own scripts and style sheets minified as a build publishes them (rjsmin, rcssmin).

Both are pure Python, deterministic (the same file gives the same bytes: the built site stays reproducible and
the offline copy's hashes stable) and leave the code's meaning alone: they remove comments and white space,
renaming nothing. The sources in overrides/assets/ stay as written; Material's own files are minified already.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

MINIFIERS = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}


def minify(name: str, text: str) -> str:
    """The minified text of a script or style sheet called name (other files unchanged)."""
    minifier = MINIFIERS.get(Path(name).suffix)
    return minifier(text) if minifier else text


def minify_assets(theme_dir: str | None, site_dir: str) -> list[str]:
    """Replace each script and style sheet of theme_dir's assets/ that the build copied into site_dir with its
    minified source; the names of those replaced."""
    if not theme_dir:
        return []
    replaced = []
    for source in sorted(Path(theme_dir, "assets").glob("*")):
        target = Path(site_dir, "assets", source.name)
        if source.suffix in MINIFIERS and target.is_file():
            target.write_text(minify(source.name, source.read_text("utf-8")), "utf-8")
            replaced.append(source.name)
    return replaced
