"""Helpers for browser tests: serve a built site over HTTP and drive Debian's Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import tempfile
import threading
from pathlib import Path

# Debian's Chromium: its headless shell (package chromium-headless-shell, the same Chromium without the desktop
# browser around it, which Playwright itself runs for headless tests) where installed, else the browser. The
# shell takes half the processor time per page: the browser tests are most of the suite's time.
SHELL, BROWSER = "/usr/bin/chromium-headless-shell", "/usr/bin/chromium"
CHROMIUM = SHELL if os.path.exists(SHELL) else BROWSER
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


@contextlib.contextmanager
def serve(root: Path, not_found: Path | None = None):
    """Serve a folder on a free localhost port; yields the base URL.

    not_found: the page every miss gets, with status 404, as GitHub Pages serves the site's root 404.html.
    """
    handler = functools.partial(_QuietHandler, directory=str(root), not_found=not_found)
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
    def __init__(self, *args, not_found: Path | None = None, **kwargs):
        self.not_found = not_found
        super().__init__(*args, **kwargs)

    def send_error(self, code, message=None, explain=None) -> None:
        if code != 404 or self.not_found is None:
            return super().send_error(code, message, explain)
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def route_site(context, site_url: str, site: Path) -> str:
    """Answer every request of a browser context under site_url from a built site folder, as GitHub Pages
    would (index.html for folders, the root 404.html with status 404 for misses); returns site_url.

    The pages then live at their real address, where Material's instant navigation recognises them
    (it matches links against the sitemap's absolute addresses); nothing goes to the network.
    """
    from urllib.parse import unquote, urlsplit

    base = urlsplit(site_url).path
    root = site.resolve()

    def answer(route) -> None:
        path = unquote(urlsplit(route.request.url).path)
        file = (root / path[len(base):]).resolve() if path.startswith(base) else root / "404.html"
        if file.is_dir():
            if not path.endswith("/"):
                route.fulfill(status=301, headers={"Location": route.request.url.split("?")[0] + "/"})
                return
            file = file / "index.html"
        if not file.is_relative_to(root) or not file.is_file():
            route.fulfill(status=404, path=str(root / "404.html"), content_type="text/html; charset=utf-8")
            return
        route.fulfill(status=200, path=str(file))

    context.route(site_url.rstrip("/") + "/**", answer)
    context.route(site_url.rstrip("/"), answer)
    return site_url


def watch(page):
    """Record a page's JavaScript errors (page.errors) and count its requests in flight (page.pending, for
    settle()); call before its first goto."""
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    pending = set()
    page.on("request", lambda request: pending.add(request))
    page.on("requestfinished", lambda request: pending.discard(request))
    page.on("requestfailed", lambda request: pending.discard(request))
    page.pending = pending
    return page


def settle(page, quiet_ms: int = 100, timeout_ms: int = 30_000) -> None:
    """Wait for the load event and then until no request has been in flight for quiet_ms.

    Playwright's "networkidle" with a fifth of its half-second window: the handbook's scripts start
    their requests at once, so a short quiet window sees them, and a page is ready ~0.4 s sooner.
    A page not watched (see watch) falls back to "networkidle".
    """
    import time

    page.wait_for_load_state("load", timeout=timeout_ms)
    pending = getattr(page, "pending", None)
    if pending is None:
        page.wait_for_load_state("networkidle", timeout=timeout_ms)
        return
    deadline = time.monotonic() + timeout_ms / 1000
    quiet_since = None
    while True:
        now = time.monotonic()
        if pending:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = now
        elif now - quiet_since >= quiet_ms / 1000:
            return
        assert now < deadline, f"requests still open after {timeout_ms} ms: {sorted(r.url for r in pending)}"
        page.wait_for_timeout(20)  # lets Playwright deliver the request events


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


BLOCKING = ("serious", "critical")  # the axe findings a page must not have


def axe_violations(page, context=None, options: dict | None = None, *, blocking: bool = False) -> list[dict]:
    """axe-core's violations on the page as it is now (blocking: only the serious and critical ones).

    axe is asked for its violations alone: gathering the passes and the rules that did not apply is a
    third of its time, and the test reads none of them.
    """
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, context=context, options={"resultTypes": ["violations"], **(options or {})})
    violations = found.response["violations"]
    return [v for v in violations if v["impact"] in BLOCKING] if blocking else violations
