"""What every build of a process shares of Material's theme: compiled templates, the theme's file list, and
parts of the page template rendered once per build (the navigation of a folder, the search dialog)."""

from __future__ import annotations

from collections.abc import Callable

import jinja2
from mkdocs.config.defaults import MkDocsConfig

from generator.render.jinja import project_files


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory; Jinja checks each source's checksum, so an edited one recompiles."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


class Fragments:
    """Parts of the theme's page template that are the same on many pages, rendered once per build and key.

    The theme templates call it as `{% call handbook_once(key...) %}...{% endcall %}`: the navigation of a
    page outside it is the same on every page of a folder, the search dialog on every page of a depth (a
    sixth of Material's time per page). A new theme environment, so a new cache, for every build.
    """

    def __init__(self) -> None:
        self.made: dict[tuple, str] = {}

    def __call__(self, *key, caller: Callable[[], str]) -> str:
        if key not in self.made:
            self.made[key] = caller()
        return self.made[key]


class ThemeCache:
    """What the builds of a run share of the theme (every language, every `serve` rebuild): MkDocs makes a new
    theme environment per build and language, but its compiled templates and its file list outlive it."""

    def __init__(self) -> None:
        self.bytecode = MemoryBytecodeCache()
        # (theme folders, filter, state of the folders outside the installation) -> the theme's file list
        self.listings: dict[tuple, list[str]] = {}

    def environment(self, env: jinja2.Environment) -> jinja2.Environment:
        """A build's theme environment: the run's compiled templates, and the build's own Fragments."""
        env.bytecode_cache = self.bytecode
        env.globals["handbook_once"] = Fragments()
        return env

    def list_once(self, config: MkDocsConfig) -> None:
        """List the theme's files once: for every build of every language MkDocs lists the thousands of files
        in Material's folders to find what to copy (0.2 s a build)."""
        list_theme_once(config, self.listings)


def list_theme_once(config: MkDocsConfig, listings: dict[tuple, list[str]]) -> None:
    """Make the theme's environment answer its file list from listings, computed once per key."""
    theme = config.theme
    get_env = type(theme).get_env.__get__(theme)

    def cached_env() -> jinja2.Environment:
        env = get_env()
        listing = env.list_templates

        def list_templates(extensions=None, filter_func=None) -> list[str]:
            dirs = tuple(theme.dirs)
            key = (dirs, tuple(theme.static_templates), extensions, getattr(filter_func, "__code__", filter_func),
                   tuple(project_files(folder) for folder in dirs))
            if key not in listings:
                listings[key] = listing(extensions, filter_func)
            return listings[key]

        env.list_templates = list_templates
        return env

    theme.get_env = cached_env
