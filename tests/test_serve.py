"""`mkdocs serve`: editing a YAML entry reloads the open page, once, without a restart."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import ENV, require_build_marker

pytestmark = pytest.mark.build  # every test serves a site


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not come up")


@contextlib.contextmanager
def mkdocs_serve(project: Path, log_path: Path):
    """`mkdocs serve` on a project, on a free port, until the Russian site answers; yields the port."""
    require_build_marker("serves a site")
    port = free_port()
    log = log_path.open("w")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}",
                               "-f", str(project / "mkdocs.yml")], cwd=project, env=ENV,
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for(f"http://127.0.0.1:{port}/handbook/ru/", timeout=120)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def test_editing_yaml_reloads_the_open_page_once(project, page, tmp_path):
    with mkdocs_serve(project, tmp_path / "serve.log") as port:
        url = f"http://127.0.0.1:{port}/handbook/ru/archetypes/talker/"
        page.goto(url)
        assert page.locator("h1").inner_text().startswith("Болтун")
        talker = project / "content/archetypes/talker.yml"
        talker.write_text(talker.read_text("utf-8").replace('ru: "Болтун"', 'ru: "Говорун"'), "utf-8")
        # No reload from the test: the livereload script of `mkdocs serve` reloads the page itself.
        page.wait_for_function("(document.querySelector('h1')?.textContent || '').startsWith('Говорун')",
                               timeout=60_000)  # no h1 while the page reloads
        time.sleep(3)  # a rebuild loop would show up as more builds in this time
    output = (tmp_path / "serve.log").read_text()
    assert output.count("Detected file changes") == 1, output
    assert "Traceback" not in output


def test_a_broken_save_keeps_the_last_good_site_and_the_fix_brings_the_page_back(project, page, tmp_path):
    log_path = tmp_path / "serve.log"
    with mkdocs_serve(project, log_path) as port:
        page.goto(f"http://127.0.0.1:{port}/handbook/ru/archetypes/talker/")
        talker = project / "content/archetypes/talker.yml"
        good = talker.read_text("utf-8")
        talker.write_text(good + "\nname: [unclosed\n", "utf-8")  # a save in the middle of an edit
        deadline = time.monotonic() + 60
        while "serving the last good version" not in log_path.read_text() and time.monotonic() < deadline:
            time.sleep(0.3)
        output = log_path.read_text()
        # The file, the line and column, and a hint.
        assert re.search(r"content/archetypes/talker\.yml:\d+:\d+: YAML syntax error: .*check quotes", output), output
        # The last good site is still served, whole (MkDocs holds every request while a build is failed).
        page.reload()
        assert page.locator("h1").inner_text().startswith("Болтун")
        talker.write_text(good.replace('ru: "Болтун"', 'ru: "Говорун"'), "utf-8")
        page.wait_for_function("(document.querySelector('h1')?.textContent || '').startsWith('Говорун')",
                               timeout=60_000)  # no h1 while the page reloads
    assert "Traceback" not in log_path.read_text()


def _children(pid: int) -> set[int]:
    """Processes whose parent is pid (Linux /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")
def test_the_language_workers_end_with_the_server_however_it_ends(project, tmp_path):
    with mkdocs_serve(project, tmp_path / "serve.log") as port:
        server = next(pid for pid in _children(os.getpid()) if str(port) in Path(f"/proc/{pid}/cmdline").read_text())
        workers = _children(server)
        assert len(workers) >= 3  # fr, ro and ru build beside English (and multiprocessing's resource tracker)
        os.kill(server, signal.SIGKILL)  # no shutdown hook runs
    deadline = time.monotonic() + 20
    while (alive := {pid for pid in workers if Path(f"/proc/{pid}").exists()
                     and Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"}) \
            and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not alive, f"workers left running after the server was killed: {sorted(alive)}"
