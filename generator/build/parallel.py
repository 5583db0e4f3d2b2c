"""Running the language builds side by side, and publishing a site only when every build succeeded."""

from __future__ import annotations

import logging
import os
import shutil
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from generator.language.codes import prefix

log = logging.getLogger("mkdocs.plugins.generator.builds")


def language_url(root_url: str | None, lang: str) -> str:
    """The site_url of a language's build: the root build's, with the language's prefix."""
    return (root_url or "/").rstrip("/") + "/" + prefix(lang)


def language_config(config_file: str, site_dir: str, site_url: str, strict: bool, lang: str) -> MkDocsConfig:
    """The configuration of one language's build: mkdocs.yml, moved to the language's folder, address and theme."""
    config = load_config(config_file=config_file, site_dir=site_dir, site_url=site_url, strict=strict)
    config.theme["language"] = lang
    return config


class Slots:
    """At most so many language builds at once (a pipe holding a byte per free slot, shared by forked builds).

    Each build holds every entry (a copy of its own: reading an object writes its reference count, which
    copies the memory page it is on), so four builds on two cores took twice the memory for no speed.
    """

    def __init__(self, free: int) -> None:
        self.read, self.write = os.pipe()
        self.owner = os.getpid()
        os.write(self.write, b"." * free)

    def take(self) -> None:
        """Wait for a free slot."""
        os.read(self.read, 1)

    def give(self) -> None:
        """Free a slot: a build ended."""
        os.write(self.write, b".")

    def close(self) -> None:
        """In the process that made the slots (a forked build gives its slot back as it ends)."""
        if os.getpid() == self.owner:
            os.close(self.read)
            os.close(self.write)


def parallel_builds() -> int:
    """How many language builds run at once: one per core this process may use."""
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else range(os.cpu_count() or 1)
    return max(1, len(cores))


def start(config: MkDocsConfig, lang: str, slots: Slots) -> int | None:
    """Fork a process that builds one language once a slot is free; None where fork is unavailable (then
    build later)."""
    if not hasattr(os, "fork"):
        return None
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:
        slots.take()
        try:
            build(config)
        finally:
            slots.give()
        code = 0
    except SystemExit as error:  # click's Abort and friends carry their message
        log.error(f"[{lang}] {error}")
    except BaseException as error:  # the child must never return into the parent's code
        log.error(f"[{lang}] build failed: {error}")
    finally:
        logging.shutdown()
        os._exit(code)


def finish(started: dict[str, int | None], configs: dict[str, MkDocsConfig], slots: Slots | None) -> list[str]:
    """Wait for forked builds (or run them here) and return the languages whose build failed. The caller's
    own build gave its slot back."""
    failed = []
    for lang, pid in started.items():
        if pid is None:
            try:
                build(configs[lang])
            except Exception as error:  # noqa: BLE001 - reported below, as for a forked build
                log.error(f"[{lang}] {error}")
                failed.append(lang)
            continue
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            failed.append(lang)
        if os.WIFSIGNALED(status) and slots is not None:  # killed (out of memory?): its slot is free
            slots.give()
    return failed


class Staging:
    """Build into a sibling folder and swap it in at the end: a failed build leaves the old site whole."""

    def __init__(self, site_dir: str):
        self.final = Path(site_dir)
        self.staging = self.final.with_name(self.final.name + ".building")
        shutil.rmtree(self.staging, ignore_errors=True)
        self.asides: dict[str, Path] = {}

    def aside(self, lang: str) -> Path:
        """Where a language's forked build writes until place() moves it into the staging folder."""
        self.asides[lang] = self.staging.with_name(f"{self.staging.name}.{lang}")
        shutil.rmtree(self.asides[lang], ignore_errors=True)
        return self.asides[lang]

    def place(self, lang: str) -> None:
        """Move a language's finished build into the staging folder, as its subfolder."""
        os.rename(self.asides.pop(lang), self.staging / lang)

    def publish(self) -> None:
        """Replace the previous site with the new one."""
        old = self.final.with_name(self.final.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if self.final.exists():
            os.rename(self.final, old)
        os.rename(self.staging, self.final)
        shutil.rmtree(old, ignore_errors=True)

    def discard(self) -> None:
        """Drop a failed build."""
        for folder in (self.staging, *self.asides.values()):
            shutil.rmtree(folder, ignore_errors=True)
