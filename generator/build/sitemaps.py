"""Sitemaps: one sitemap index over the four languages' sitemaps (each page's lastmod comes from git via the plugin)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from generator.language.codes import prefix
from generator.render.jinja import markup_template

INDEX = "sitemap_index.xml"


def write_index(site_dir: Path, root_url: str, languages: Iterable[str]) -> None:
    """Write the sitemap index (every language's sitemap.xml) and a robots.txt naming it, at the site root.

    Each language's own sitemap.xml (the theme's template) lists its pages with hreflang alternates in
    all four languages; the index joins them, so one address covers the whole handbook.
    """
    sitemaps = [f"{root_url}{prefix(lang)}sitemap.xml" for lang in languages
                if (site_dir / prefix(lang) / "sitemap.xml").is_file()]
    (site_dir / INDEX).write_text(markup_template("sitemap_index.xml.j2").render(sitemaps=sitemaps), "utf-8")
    (site_dir / "robots.txt").write_text(f"Sitemap: {root_url}{INDEX}\n", "utf-8")
