"""What the English (root) build reads once for every language: the content, the site's address, the
repository its edit links open, and what git says (each file's last change, outdated translations)."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from generator.build.addresses import (
    PLACEHOLDER_HINT,
    AddressError,
    check_site_url,
    is_placeholder,
    repository_from_environment,
)
from generator.content.handbook import Remembered, load_handbook
from generator.content.model import Handbook
from generator.content.problems import ContentError
from generator.features.search import SearchError
from generator.features.search import binary as search_binary
from generator.history.dates import last_updated
from generator.history.staleness import outdated

log = get_plugin_logger("generator.plugin")


@dataclass(frozen=True)
class Reading:
    """The content and what every language's build shows of it besides its text."""

    book: Handbook
    root_url: str  # the English root's public address, from site_url
    base: str  # its URL path
    outdated: frozenset[tuple[str, str]]  # (file, language) of translations made from an older English text
    updated: dict[str, datetime.date]  # content file -> date of its last commit


def root_address(config: MkDocsConfig) -> str:
    """site_url as an absolute folder URL, or a PluginError that says how to set it."""
    try:
        return check_site_url(config.site_url)
    except AddressError as error:
        raise PluginError(str(error)) from None


def read(config: MkDocsConfig, content_dir: str, book: Handbook, root_url: str) -> Reading:
    """What the root build reads from git, for content already loaded (load()) under root_url (root_address())."""
    check_search()
    root = Path(config.config_file_path).parent
    content = Path(content_dir).resolve()
    # From git history: the other languages' builds are forked after this and share it.
    stale = outdated(root, content.relative_to(root.resolve()).as_posix()) if content.is_relative_to(root.resolve()) \
        else ()
    updated = {e.path: day for e in book.all() if (day := last_updated(root, e.path))}
    return Reading(book, root_url, urlsplit(root_url).path, frozenset(stale), updated)


def load(config: MkDocsConfig, content_dir: str, *, keep: Handbook | None = None, quiet: bool = False,
         memory: Remembered | None = None) -> Handbook:
    """The validated content, before MkDocs cleans or writes site_dir; under `serve`, a broken save keeps `keep`,
    the last good content (memory: what the last load read, for the next one)."""
    try:
        return load_handbook(Path(content_dir), Path(config.config_file_path).parent, memory=memory)
    except ContentError as error:
        count = len(error.problems)
        problems = f"{count} problem{'s' if count != 1 else ''} in content"
        if keep is None:
            raise PluginError(f"{problems}; nothing was built:\n{error}") from None
        # `mkdocs serve` holds every request until a build succeeds: rebuild the last good content,
        # so the reader keeps a working site, and the next save that fixes the file brings it back.
        if not quiet:
            log.error(f"{problems}; serving the last good version until it is fixed:\n{error}")
        return keep


def check_search() -> None:
    """Before anything is built: a missing Pagefind would otherwise fail only after every language."""
    try:
        search_binary()
    except SearchError as error:
        raise PluginError(f"search index: {error}; nothing was built") from None


class Repository:
    """Edit links open the repository the build runs in (GitHub Actions), else mkdocs.yml's repo_url."""

    def __init__(self) -> None:
        self.told_placeholder = False

    def set(self, config: MkDocsConfig) -> None:
        try:
            repository = repository_from_environment(os.environ)
        except AddressError as error:
            raise PluginError(str(error)) from None
        if repository is not None:
            config.repo_url = repository.url
            config.edit_uri = repository.edit_uri or config.edit_uri
        elif is_placeholder(config.repo_url) and not self.told_placeholder:
            self.told_placeholder = True  # one line per `mkdocs build` or `serve`, not one per language
            log.info(PLACEHOLDER_HINT.format(url=config.repo_url))
        # Material's repository widget has the reader's browser ask the code host for stars and forks: a request
        # leaving the site, so only when asked for (extra.repository_statistics) and for a real repository.
        wanted = config.extra.get("repository_statistics", False)
        if not isinstance(wanted, bool):
            raise PluginError(f"extra.repository_statistics in mkdocs.yml is {wanted!r}: write true or false")
        config.extra["handbook_repository_statistics"] = wanted and not is_placeholder(config.repo_url)
