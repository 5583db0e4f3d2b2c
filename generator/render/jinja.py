"""The Jinja2 environments of the page templates (render/templates/), and what changes when they change."""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

import jinja2

TEMPLATE_DIR = Path(__file__).parent / "templates"


@cache  # one per process: `serve` rebuilds and the four languages reuse its compiled templates
def environment() -> jinja2.Environment:
    """The Jinja2 environment of the page templates: HTML, every value escaped unless marked as markup."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.do"],
    )


@cache
def markup_template(name: str) -> jinja2.Template:
    """An HTML or XML template of TEMPLATE_DIR, autoescaped for markup (unlike the Markdown ones)."""
    html = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR), autoescape=True)
    return html.get_template(name)


def project_files(folder: str | Path) -> tuple:
    """What changes when a file under folder is edited, added or removed: each file's path, size and time.
    Empty for a folder of the installed packages (the installed theme does not change while a process runs)
    or one that does not exist."""
    folder = str(folder)
    if not os.path.isdir(folder) or Path(folder).resolve().is_relative_to(Path(sys.prefix).resolve()):
        return ()
    files = []
    for path, _, names in os.walk(folder):
        for name in names:
            info = os.stat(os.path.join(path, name))
            files.append((os.path.join(path, name), info.st_size, info.st_mtime_ns))
    return tuple(sorted(files))
