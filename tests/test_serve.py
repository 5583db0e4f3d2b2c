"""`mkdocs serve`: editing a YAML entry reloads the open page, once, without a restart."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import ENV


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
        page.wait_for_function("document.querySelector('h1').textContent.startsWith('Говорун')", timeout=60_000)
        time.sleep(3)  # a rebuild loop would show up as more builds in this time
    output = (tmp_path / "serve.log").read_text()
    assert output.count("Detected file changes") == 1, output
    assert "Traceback" not in output
