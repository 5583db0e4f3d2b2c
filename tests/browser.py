"""Helpers for browser tests: serve a built site over HTTP and drive Debian's Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import tempfile
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


@contextlib.contextmanager
def serve(root: Path):
    """Serve a folder on a free localhost port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def serve_site(site: Path, mount: str = "/handbook/"):
    """Serve a built site under the path of its site_url (mount, '/handbook/'); yields the site's URL."""
    with tempfile.TemporaryDirectory() as tmp:
        served = Path(tmp) / mount.strip("/")
        served.parent.mkdir(parents=True, exist_ok=True)
        served.symlink_to(site.resolve(), target_is_directory=True)
        with serve(Path(tmp)) as base:
            yield base + "/" + mount.strip("/") + "/"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def search(page, query: str, *, wait: float = 30_000):
    """Type a query into the search box as a reader does ("/" then the words); the result items."""
    page.keyboard.press("/")
    page.locator(".handbook-search .md-search__input").fill("")
    page.keyboard.type(query)
    # Playwright types non-Latin letters without key events; a real keyboard's keyup would follow.
    page.keyboard.press("End")
    page.wait_for_selector('.handbook-search .md-search-result[aria-busy="false"]', timeout=wait)
    return page.locator(".handbook-search .md-search-result__item")


def result_paths(items, base: str) -> list[str]:
    """The page each result links to, as a path under base ('ru/archetypes/talker/')."""
    hrefs = [items.nth(i).locator("a").first.get_attribute("href") for i in range(items.count())]
    return [href.split("#")[0].removeprefix(base) for href in hrefs]
