"""Under `mkdocs serve`: the other languages build in worker processes, beside the language being built here.

`mkdocs build` forks one build per language (build/run.py), but `serve` rebuilds in the server's thread, where
forking is unsafe. So serve starts worker processes once (spawned: fresh interpreters, safe beside threads),
and each rebuild hands every worker one language. The workers keep what they compiled and cached between
rebuilds (templates, validated files, the theme's file list), and a rebuild uses every core.
"""

from __future__ import annotations

import datetime
import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    """One language's build, and what the root build read once for all of them (site address, git history)."""

    lang: str
    config_file: str
    site_dir: str
    site_url: str
    strict: bool
    root_url: str
    base: str
    outdated: frozenset[tuple[str, str]]
    updated: dict[str, datetime.date]
    whole: bool  # build every file: the root build cleaned this language's folder


def _start_worker() -> None:
    # A worker ends with the server, however the server ends: Ctrl-C reaches the workers too, but a server
    # killed outright (SIGTERM from an editor, a test) would leave them waiting for work forever.
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, name="handbook-worker-parent", daemon=True).start()
    # A spawned worker has no logging set up: its warnings and errors go to the terminal, as the server's do.
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)


def _build(job: Job) -> None:
    from mkdocs.commands.build import build

    from generator.build.parallel import language_config
    config = language_config(job.config_file, job.site_dir, job.site_url, job.strict, job.lang)
    plugin = next(p for p in config.plugins.values() if hasattr(p, "adopt"))
    plugin.adopt(config, job)
    build(config)


class Workers:
    """A worker process per language, started once for a `serve` session: a language is built by the same
    process every time, which keeps in its session what its last build made (render/reuse.py) and wrote
    (changed.py)."""

    def __init__(self, languages: list[str]) -> None:
        spawn = multiprocessing.get_context("spawn")
        self.pools = {lang: ProcessPoolExecutor(max_workers=1, mp_context=spawn, initializer=_start_worker)
                      for lang in languages}

    def submit(self, job: Job) -> Future:
        """Build one language in its worker; the future's result() raises what the build raised."""
        return self.pools[job.lang].submit(_build, job)

    def shutdown(self) -> None:
        for pool in self.pools.values():
            pool.shutdown(wait=True, cancel_futures=True)
