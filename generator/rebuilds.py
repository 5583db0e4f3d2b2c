"""What `mkdocs serve` keeps between rebuilds: compiled theme templates and each page's converted Markdown."""

from __future__ import annotations

import hashlib
import logging
from functools import partial

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory; Jinja checks each source's checksum, so an edited one recompiles."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


# Shared by every build of the process: MkDocs makes a new theme environment per build and language.
THEME_BYTECODE = MemoryBytecodeCache()


class _Warnings(logging.Handler):
    """Counts warnings, so a page whose conversion warned is converted (and warns) again next time."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class Conversions:
    """Each page's converted Markdown, reused by the next rebuild when its input is the same."""

    def __init__(self) -> None:
        self.pages: dict[tuple[str, str], tuple[str, tuple]] = {}  # (language, src_uri) -> (key, result)
        self.warnings = _Warnings()
        logging.getLogger("mkdocs").addHandler(self.warnings)
        self._files: tuple[Files | None, str] = (None, "")

    def install(self, page: Page) -> None:
        """Make page.render use the cache (MkDocs calls it right after the page_markdown event)."""
        page.render = partial(self.render, page)

    def _files_digest(self, files: Files) -> str:
        # Relative links resolve against the set of files: a page added or removed converts every page again.
        if self._files[0] is not files:
            names = "\n".join(sorted(file.src_uri for file in files))
            self._files = (files, hashlib.sha256(names.encode()).hexdigest())
        return self._files[1]

    def render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        """Page.render, or its result from the previous rebuild when the Markdown and settings are unchanged."""
        lang = config.theme["language"]
        settings = repr(([e if isinstance(e, str) else type(e).__name__ for e in config.markdown_extensions],
                         config.mdx_configs, config.use_directory_urls, config.validation))
        key = hashlib.sha256("\0".join((settings, self._files_digest(files), page.markdown or "")).encode()).hexdigest()
        found = self.pages.get((lang, page.file.src_uri))
        if found is not None and found[0] == key:
            content, toc, title, anchors, links = found[1]
            page.content, page.toc, page._title_from_render = content, toc, title
            page.present_anchor_ids = set(anchors)
            if links is not None:  # keyed by this build's File objects, as MkDocs's anchor validation expects
                page.links_to_anchors = {files.get_file_from_path(uri): dict(v) for uri, v in links.items()}
            return
        before = self.warnings.count
        Page.render(page, config, files)
        if self.warnings.count != before:
            self.pages.pop((lang, page.file.src_uri), None)
            return
        links = None if page.links_to_anchors is None else {
            file.src_uri: dict(v) for file, v in page.links_to_anchors.items()}
        self.pages[(lang, page.file.src_uri)] = (key, (page.content, page.toc, page._title_from_render,
                                                       frozenset(page.present_anchor_ids or ()), links))
