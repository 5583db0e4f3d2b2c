"""Lighthouse scores of every page kind in every language: `python benchmarks/lighthouse.py`.

Builds the handbook (or takes a built site with --site), serves it gzipped as a static host does
(GitHub Pages compresses HTML, CSS, JS and JSON), and runs Node's `lighthouse` at the mobile preset
(simulated throttling, Lighthouse's default) with Chromium on one page of each kind in each language
(--runs N: the run of median performance of N).
Lighthouse is installed at LIGHTHOUSE_VERSION (the last release that runs on Node 20) into --tools with
npm the first time. It prints a Markdown table (and writes JSON with --json); it asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE_VERSION = "12.2.3"  # 13.x needs Node 22
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
LANGUAGES = ("en", "fr", "ro", "ru")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# One page of each kind; entry pages are looked up in the built site (the first of their folder).
KINDS = ("", "archetypes/", "archetypes/*", "symptoms/*", "responses/*", "sources/*", "tags/*",
         "diagnose/", "practice/", "practice/print/", "cheatsheets/*", "print/", "trainers/", "trainers/print/")
COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".webmanifest", ".txt")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the browser accepts it (as a static host serves them)."""

    def send_head(self):  # noqa: D102 (http.server's hook)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's slash
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _Body(body)

    def log_message(self, *args):  # noqa: D102
        pass


class _Body:
    """A file-like body for send_head's caller (copyfile, then close)."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@contextlib.contextmanager
def serve(site: Path):
    """The site over HTTP on a free local port, gzipped; yields its address."""
    handler = functools.partial(GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def install(tools: Path) -> Path:
    """Node's lighthouse at LIGHTHOUSE_VERSION under tools (npm, once); its command."""
    command = tools / "node_modules" / ".bin" / "lighthouse"
    package = tools / "node_modules" / "lighthouse" / "package.json"
    if not package.is_file() or json.loads(package.read_text())["version"] != LIGHTHOUSE_VERSION:
        tools.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(tools), "--save-exact", "--no-audit", "--no-fund",
                        f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True)
    return command


def build(out: Path) -> Path:
    """The repository's handbook built into out, as CI builds it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)],
                   cwd=REPO, env=env, check=True)
    return out


def pages(site: Path, languages: list[str], kinds: list[str]) -> list[str]:
    """The path of one page of each kind in each language, as the site has them."""
    found = []
    for lang in languages:
        root = site if lang == "en" else site / lang
        for kind in kinds:
            if kind.endswith("*"):  # the first entry of its folder
                folders = sorted(index.parent for index in (root / kind[:-1]).glob("*/index.html"))
                folder = folders[0] if folders else None
            else:
                folder = root / kind if (root / kind / "index.html").is_file() else None
            if folder is not None:
                path = folder.relative_to(site).as_posix()
                found.append("" if path == "." else path + "/")
    return found


def audit(command: Path, url: str, preset: str) -> dict:
    """One Lighthouse run of url: its category scores, CLS, LCP and what fails."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        args = [str(command), url, "--quiet", "--output=json", f"--output-path={report}",
                f"--only-categories={','.join(CATEGORIES)}",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run"]
        if preset == "desktop":
            args.append("--preset=desktop")
        subprocess.run(args, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300)
        data = json.loads(report.read_text())
    audits = data["audits"]
    failing = sorted(
        key for category in CATEGORIES for ref in data["categories"][category]["auditRefs"]
        if ref["weight"] > 0 and (key := ref["id"]) in audits
        and audits[key]["score"] is not None and audits[key]["score"] < 0.9 and category != "performance"
    )
    return {
        "scores": {c: round(100 * (data["categories"][c]["score"] or 0)) for c in CATEGORIES},
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "fcp": audits["first-contentful-paint"]["numericValue"] / 1000,
        "tbt": audits["total-blocking-time"]["numericValue"],
        "failing": failing,
        "where": {key: [item["node"].get("snippet", "")[:160] for item in audits[key]["details"].get("items", [])
                        if isinstance(item.get("node"), dict)][:5] for key in failing if audits[key].get("details")},
        "console": [f"{item.get('url') or ''} {item.get('description', '')}"[:160]
                    for item in audits["errors-in-console"]["details"].get("items", [])],
    }


def table(results: dict[str, dict]) -> str:
    """The Markdown table of the results."""
    lines = ["| page | perf. | access. | best pr. | SEO | CLS | LCP s | FCP s | TBT ms | below 90 |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for path, r in results.items():
        s = r["scores"]
        lines.append(f"| `/{path}` | {s['performance']} | {s['accessibility']} | {s['best-practices']} | {s['seo']} "
                     f"| {r['cls']:.3f} | {r['lcp']:.1f} | {r['fcp']:.1f} | {r['tbt']:.0f} "
                     f"| {', '.join(r['failing'])} |")
    return "\n".join(lines)


def report(path: str, result: dict) -> None:
    """One page's scores on stderr as it is measured, with the elements and console errors at fault."""
    print(f"/{path}: {result['scores']} CLS {result['cls']:.3f} LCP {result['lcp']:.1f} s "
          f"{' '.join(result['failing'])}", file=sys.stderr)
    for key, snippets in result["where"].items():
        for snippet in snippets:
            print(f"    {key}: {snippet}", file=sys.stderr)
    for message in result["console"]:
        print(f"    console: {message}", file=sys.stderr)


def machine(options: argparse.Namespace) -> str:
    """What the numbers were measured with."""
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    return (f"Lighthouse {LIGHTHOUSE_VERSION}, {options.preset} preset, median of {options.runs} run(s); "
            f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores; {chromium}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the handbook into a temporary folder)")
    parser.add_argument("--tools", type=Path, default=Path(tempfile.gettempdir()) / "handbook-lighthouse",
                        help="where npm installs lighthouse (default: %(default)s)")
    parser.add_argument("--languages", default=",".join(LANGUAGES))
    parser.add_argument("--kinds", default=",".join(KINDS), help="comma-separated page kinds, as in KINDS")
    parser.add_argument("--preset", choices=("mobile", "desktop"), default="mobile")
    parser.add_argument("--runs", type=int, default=1,
                        help="runs of each page; the table shows the run of median performance (Lighthouse: 5)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    options = parser.parse_args()
    command = install(options.tools)
    with tempfile.TemporaryDirectory() as tmp:
        site = options.site or build(Path(tmp) / "site")
        paths = pages(site, options.languages.split(","), options.kinds.split(","))
        results = {}
        with serve(site) as address:
            for path in paths:
                runs = sorted((audit(command, address + path, options.preset) for _ in range(options.runs)),
                              key=lambda run: run["scores"]["performance"])
                results[path] = runs[len(runs) // 2]
                report(path, results[path])
    print(machine(options) + "\n")
    print(table(results))
    if options.json:
        options.json.write_text(json.dumps(results, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
