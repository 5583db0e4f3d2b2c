"""Build benchmarks of the handbook on synthetic content: `python benchmarks/build.py`.

For each size N (default 100, 1,000 and 5,000 entries) this writes a synthetic project with
`python -m generator synth`, then measures, each in a fresh process:

- load + validate (`load_handbook`): time, and peak memory (tracemalloc; and the process's peak RSS);
- rendering every page's HTML in the four languages (`render_all`): time;
- the full `mkdocs build --strict` of the four languages: wall time and peak RSS;
- the baseline: plain MkDocs + Material builds of the same pages as Markdown files (the Markdown the
  generator wrote until commit BASELINE_GENERATOR, after which it writes HTML), one per language with
  MkDocs's default navigation (every page listed), times summed, and the ratio;
- `mkdocs serve` (at --serve-size entries): the time from saving a YAML file to the reloaded page;
- the site's total size, HTML bytes per entry page;
- search (Pagefind), per language: the time to index it (and the four at once, as the build does), the
  index's size on disk, and in Chromium with an empty cache the bytes search fetches for an entry
  page's load plus a first query, and the time from the last key to the first result shown;
- whether every entry is reachable from its kind's index page and from the search index.

It prints a Markdown table (and writes JSON with --json). It makes no assertion on time.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
LANGUAGES = ("en", "fr", "ro", "ru")
KINDS = ("archetypes", "symptoms", "responses", "sources")


def prefix(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


# Runs a command as a child and reports its wall time, its CPU time (user + system of it and every
# process it waited for: the forked language builds, Pagefind), the peak RSS of its largest process
# (RUSAGE_CHILDREN of this small wrapper counts only that command and its descendants) and, asked with
# "sample", the peak total memory of all its processes at once (PSS summed every 0.1 s: the language
# builds run as forked processes side by side, sharing pages copy-on-write, which PSS divides among
# them). Sampling reads every process's memory map ten times a second, which took 10-15% of the wall
# time of a build on two cores: a timed run does not sample (full_build runs the build twice).
MEASURE = textwrap.dedent("""
    import json, os, resource, subprocess, sys, time

    def tree(root):
        children = {}
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                with open(f"/proc/{pid}/stat") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(pid))
        found, todo = [], [root]
        while todo:
            pid = todo.pop()
            found.append(pid)
            todo.extend(children.get(pid, []))
        return found

    def pss_kib(pids):
        total = 0
        for pid in pids:
            try:
                with open(f"/proc/{pid}/smaps_rollup") as rollup:
                    total += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
            except (OSError, StopIteration):
                pass
        return total

    sample = sys.argv[1] == "sample"
    start = time.perf_counter()
    child = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    import threading
    err = []
    reader = threading.Thread(target=lambda: err.append(child.stderr.read()), daemon=True)
    reader.start()
    peak_total = 0
    while sample and child.poll() is None:
        peak_total = max(peak_total, pss_kib(tree(child.pid)))
        time.sleep(0.1)
    child.wait()
    seconds = time.perf_counter() - start
    reader.join()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_kib = usage.ru_maxrss
    print(json.dumps({"seconds": seconds, "cpu_s": usage.ru_utime + usage.ru_stime, "peak_rss_mib": peak_kib / 1024,
                      "peak_total_mib": peak_total / 1024, "code": child.returncode,
                      "stderr": "".join(err)[-4000:]}))
""")

# Loads and validates in a fresh process: cold, as a build does it.
LOAD = textwrap.dedent("""
    import json, resource, sys, time, tracemalloc
    from pathlib import Path
    from generator.content.handbook import load_handbook
    from generator.render.site import render_all
    content, traced = Path(sys.argv[1]), sys.argv[2] == "traced"
    if traced:
        tracemalloc.start()
    start = time.perf_counter()
    book = load_handbook(content, content.parent)
    loaded = time.perf_counter()
    load_peak = tracemalloc.get_traced_memory()[1] if traced else 0
    pages = render_all(book)
    rendered = time.perf_counter()
    print(json.dumps({"load_s": loaded - start, "render_s": rendered - loaded,
                      "load_peak_mib": load_peak / 2**20,
                      "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "pages": sum(len(p) for p in pages.values())}))
""")


def run_json(args: list[str], cwd: Path | None = None) -> dict:
    done = subprocess.run(args, capture_output=True, text=True, env=ENV, cwd=cwd)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, args[:4]))} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(command: list[str], cwd: Path | None = None, sample: bool = False) -> dict:
    """Wall time, CPU time and peak RSS of one command run in a child process; sample: also the peak PSS of
    all its processes (which slows it down)."""
    result = run_json([PYTHON, "-c", MEASURE, "sample" if sample else "time", *map(str, command)], cwd=cwd)
    if result["code"] != 0:
        raise RuntimeError(f"{' '.join(map(str, command))} failed:\n{result['stderr']}")
    return result


def synth(entries: int, project: Path) -> float:
    start = time.perf_counter()
    subprocess.run([PYTHON, "-m", "generator", "synth", "--entries", str(entries), "--out", str(project),
                    "--force"], check=True, env=ENV, cwd=REPO, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def load_validate(project: Path, repeats: int) -> dict:
    """Median of cold runs (fresh processes) for time; one traced run for memory."""
    runs = [run_json([PYTHON, "-c", LOAD, project / "content", "plain"], cwd=project) for _ in range(repeats)]
    traced = run_json([PYTHON, "-c", LOAD, project / "content", "traced"], cwd=project)
    return {"load_s": statistics.median(r["load_s"] for r in runs),
            "render_s": statistics.median(r["render_s"] for r in runs),
            "load_peak_mib": traced["load_peak_mib"], "load_rss_mib": runs[0]["rss_mib"],
            "pages": runs[0]["pages"]}


def full_build(project: Path) -> dict:
    """A timed build, then a build that samples the memory of all its processes (peak_total_mib)."""
    site = project / "site"
    command = [PYTHON, "-m", "mkdocs", "build", "--strict", "-q", "-f", project / "mkdocs.yml", "-d", site]
    shutil.rmtree(site, ignore_errors=True)
    timed = measure(command, cwd=project)
    shutil.rmtree(site, ignore_errors=True)
    return {**timed, "peak_total_mib": measure(command, cwd=project, sample=True)["peak_total_mib"]}


def markdown_extensions(config_text: str) -> str:
    """The markdown_extensions block of a mkdocs.yml, as written (it may hold !!python tags)."""
    match = re.search(r"^markdown_extensions:.*?(?=^\S|\Z)", config_text, re.M | re.S)
    return match.group(0) if match else ""


# The last generator that wrote Markdown pages (the next commit writes HTML): the baseline's pages are its
# Markdown, so the baseline stays what it always was, a plain MkDocs site of the handbook's pages.
BASELINE_GENERATOR = "1e8b2b6"
WRITE_MARKDOWN = textwrap.dedent("""
    import sys
    from pathlib import Path
    from generator.content.handbook import load_handbook
    from generator.render.site import render_all
    project, out = Path(sys.argv[1]), Path(sys.argv[2])
    count = 0
    for lang, pages in render_all(load_handbook(project / "content", project)).items():
        for page in pages:
            path = out / lang / "docs" / page.src_uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page.markdown, encoding="utf-8")
            count += 1
    print(count)
""")


def baseline_markdown(project: Path, out: Path) -> int:
    """Write the baseline's Markdown pages (out/<lang>/docs/) with the generator of BASELINE_GENERATOR."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "archive", "--format=tar", BASELINE_GENERATOR, "generator"],
                                 cwd=REPO, capture_output=True)
        if archive.returncode != 0:
            raise RuntimeError(f"the baseline needs commit {BASELINE_GENERATOR} (a full clone, not a shallow one): "
                               f"{archive.stderr.decode(errors='replace').strip()}")
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        done = subprocess.run([PYTHON, "-c", WRITE_MARKDOWN, str(project), str(out)], capture_output=True,
                              text=True, env={**ENV, "PYTHONPATH": tmp}, cwd=tmp)
    if done.returncode != 0:
        raise RuntimeError(f"writing the baseline's Markdown failed:\n{done.stderr[-4000:]}")
    return int(done.stdout.split()[-1])


def baseline(project: Path) -> dict:
    """Plain MkDocs + Material builds of the same pages as Markdown, default navigation, one per language."""
    base = project / "baseline"
    shutil.rmtree(base, ignore_errors=True)
    count = baseline_markdown(project, base)
    extensions = markdown_extensions((project / "mkdocs.yml").read_text("utf-8"))
    seconds, cpu, peak = 0.0, 0.0, 0.0
    for lang in LANGUAGES:
        config = base / lang / "mkdocs.yml"
        config.write_text(textwrap.dedent(f"""\
            site_name: Baseline {lang}
            site_url: https://example.org/{prefix(lang)}
            docs_dir: docs
            theme:
              name: material
              language: {lang}
              font: false
            plugins:
              - search:
                  lang: {lang}
            """) + extensions, encoding="utf-8")
        result = measure([PYTHON, "-m", "mkdocs", "build", "-q", "-f", config, "-d", base / "site" / lang],
                         cwd=base / lang)
        seconds += result["seconds"]
        cpu += result["cpu_s"]
        peak = max(peak, result["peak_rss_mib"])
    lunr = {lang: (base / "site" / lang / "search/search_index.json").stat().st_size / 2**20 for lang in LANGUAGES}
    return {"seconds": seconds, "cpu_s": cpu, "peak_rss_mib": peak, "pages": count, "site": base / "site",
            "lunr_mib": lunr}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 60) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def serve_reload(project: Path, edits: int = 3) -> dict:
    """Seconds from saving a YAML file to the reloaded page under `mkdocs serve` (English and Russian)."""
    sys.path.insert(0, str(REPO))
    import yaml
    from synth import dump  # benchmarks/synth.py, beside this script

    port = free_port()
    from mkdocs.utils.yaml import yaml_load  # reads !ENV and the other tags MkDocs knows

    with open(project / "mkdocs.yml", encoding="utf-8") as config:
        site_url = yaml_load(config).get("site_url") or "/"
    mount = urlsplit(site_url).path.rstrip("/") + "/"  # where `mkdocs serve` mounts the site
    base = f"http://127.0.0.1:{port}{mount}"
    symptom = sorted((project / "content" / "symptoms").glob("*.yml"))[0]
    urls = {lang: f"{base}{prefix(lang)}symptoms/{symptom.stem}/" for lang in ("en", "ru")}
    log = open(project / "serve.log", "w")
    start = time.perf_counter()
    server = subprocess.Popen([PYTHON, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"),
                               "-a", f"127.0.0.1:{port}"], cwd=project, env=ENV,
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        while fetch(urls["ru"], timeout=5) is None:
            if server.poll() is not None:
                raise RuntimeError(f"mkdocs serve exited: see {project / 'serve.log'}")
            if time.perf_counter() - start > 1800:
                raise RuntimeError("mkdocs serve did not start in 30 minutes")
            time.sleep(0.2)
        startup = time.perf_counter() - start
        latencies: dict[str, list[float]] = {"en": [], "ru": []}
        indexed: list[float] = []  # save -> the new search index served (built after the reload)
        original = symptom.read_text("utf-8")
        for i in range(edits):
            time.sleep(2)  # let the watcher settle, as between two saves in an editor
            token = f"benchmarktoken{i}x{port}"
            data = yaml.safe_load(original)
            data["summary"] = {lang: text + " " + token for lang, text in data["summary"].items()}
            dump(data, "symptoms", symptom)
            saved = time.perf_counter()
            for lang in ("en", "ru"):
                while token not in (fetch(urls[lang]) or ""):
                    if time.perf_counter() - saved > 600:
                        raise RuntimeError("the page did not reload within 10 minutes")
                    time.sleep(0.02)
                latencies[lang].append(time.perf_counter() - saved)
            # The rebuild removed the old index before the reload: the index served now is the new one.
            while fetch(f"{base}pagefind/pagefind-entry.json") is None:
                if time.perf_counter() - saved > 600:
                    raise RuntimeError("the search index did not come back within 10 minutes")
                time.sleep(0.05)
            indexed.append(time.perf_counter() - saved)
        symptom.write_text(original, encoding="utf-8")
        return {"startup_s": startup, "reload_en_s": statistics.median(latencies["en"]),
                "reload_ru_s": statistics.median(latencies["ru"]), "serve_index_s": statistics.median(indexed)}
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def entry_ids(project: Path) -> dict[str, list[str]]:
    return {kind: sorted(p.stem for p in (project / "content" / kind).glob("*.yml")) for kind in KINDS}


def site_metrics(site: Path, ids: dict[str, list[str]]) -> dict:
    """Total size, HTML bytes per entry page, and reachability from the index pages."""
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    entry_pages, unreachable_index = [], 0
    for lang in LANGUAGES:
        root = site / prefix(lang)
        for kind, kind_ids in ids.items():
            index = root / kind / "index.html"
            index_html = index.read_text("utf-8") if index.exists() else ""
            linked = set(re.findall(r'href="(?:\./)?([a-z0-9-]+)/"', index_html))
            for entry_id in kind_ids:
                page = root / kind / entry_id / "index.html"
                if page.exists():
                    entry_pages.append(page.stat().st_size)
                unreachable_index += entry_id not in linked
    return {"site_mib": total / 2**20,
            "html_mean_kib": statistics.mean(entry_pages) / 1024 if entry_pages else 0,
            "html_max_kib": max(entry_pages) / 1024 if entry_pages else 0,
            "entry_pages": len(entry_pages),
            "unreachable_index": unreachable_index}


def index_metrics(site: Path, ids: dict[str, list[str]]) -> dict:
    """Pagefind per language: pages left out of the index, index size on disk, time to index it alone;
    and the time to index the four languages at once, as the build does."""
    sys.path.insert(0, str(REPO))
    from generator.features.search import INDEX_DIR, KIND_ORDER, indexed_pages, pagefind_command

    bundle = site / INDEX_DIR
    pages = indexed_pages(bundle)
    entries = sum(len(kind_ids) for kind_ids in ids.values())
    sizes = {}
    for lang in LANGUAGES:
        files = [*bundle.glob(f"*/{lang}_*"), *bundle.glob(f"pagefind.{lang}_*.pf_meta"),
                 bundle / f"wasm.{lang}.pagefind"]
        sizes[lang] = sum(f.stat().st_size for f in files if f.is_file())
    seconds = {}
    with tempfile.TemporaryDirectory() as tmp:
        runs = {"all": pagefind_command(site, output=Path(tmp) / "all")}
        for lang in LANGUAGES:  # one language's pages only, into a folder of its own
            glob = prefix(lang) + "{" + ",".join(KIND_ORDER) + "}/*/index.html"
            runs[lang] = pagefind_command(site, glob=glob, output=Path(tmp) / lang)
        for name, command in runs.items():
            start = time.perf_counter()
            subprocess.run(command, check=True, cwd=site, stdout=subprocess.DEVNULL)
            seconds[name] = time.perf_counter() - start
    return {"index_all_s": seconds["all"], "index_s": {lang: seconds[lang] for lang in LANGUAGES},
            "index_kib": {lang: size / 1024 for lang, size in sizes.items()},
            "unreachable_search": sum(entries - pages.get(lang, 0) for lang in LANGUAGES)}


# A fast typist's pace: each key runs a search of the word so far, and the bytes count them all.
TYPING_MS = 150
# What search fetches: its own script and style, and Pagefind's files (pagefind.js, wasm, index, fragments).
SEARCH_FILES = re.compile(r"/pagefind/|/assets/(search|matcher)\.(js|css)$|/assets/search/")  # search.js, matcher.js, word files
# In the page: the time of the last key (input event) and of the first result shown after it.
LATENCY_PROBE = """() => {
  const box = document.querySelector(".handbook-search .md-search__input");
  const list = document.querySelector(".handbook-search .md-search-result__list");
  window.__probe = {input: 0, first: 0};
  box.addEventListener("input", () => { window.__probe.input = performance.now(); window.__probe.first = 0; });
  new MutationObserver(() => {
    if (!window.__probe.first && list.children.length) window.__probe.first = performance.now();
  }).observe(list, {childList: true});
}"""


def browser_metrics(site: Path, project: Path, repeats: int = 3) -> dict:
    """Per language, in Chromium with an empty cache: the bytes search fetches (its script and style,
    pagefind.js, wasm, index chunks, fragments; uncompressed) for an entry page's load plus a first
    query typed at TYPING_MS a key; and the median time from the last key to the first result shown."""
    sys.path.insert(0, str(REPO / "tests"))
    sys.path.insert(0, str(REPO))
    import yaml
    from browser import CHROMIUM, CHROMIUM_ARGS, serve_site
    from mkdocs.utils.yaml import yaml_load

    from generator.language.words import fold, stop_words, words
    from playwright.sync_api import sync_playwright

    with open(project / "mkdocs.yml", encoding="utf-8") as config:
        mount = urlsplit(yaml_load(config).get("site_url") or "/").path.rstrip("/") + "/"
    archetypes = sorted((project / "content" / "archetypes").glob("*.yml"))
    symptom = sorted((project / "content" / "symptoms").glob("*.yml"))[0].stem

    def names(lang: str) -> list[str]:
        """repeats names in the language, spread over the archetypes: each the first from its place on that holds
        a word to search (a synthetic name may be stop words only, "Что на": the dialog says so and shows nothing)."""
        stop = stop_words(lang)
        found = []
        for i in range(repeats):
            for path in archetypes[len(archetypes) * (i + 1) // (repeats + 1):]:
                name = yaml.safe_load(path.read_text("utf-8"))["name"]
                name = name.get(lang, name["en"])
                if any(len(word) > 1 and fold(word) not in stop for word in words(name, lang)):
                    found.append(name)
                    break
        return found

    fetched: dict[str, int] = {}
    latency: dict[str, float] = {}
    each: dict[str, list[float]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        with serve_site(site, mount) as url:
            for lang in LANGUAGES:
                times = []
                for run, name in enumerate(names(lang)):
                    context = browser.new_context()  # an empty cache each time
                    page = context.new_page()
                    sizes: list[int] = []

                    def count(request, sizes=sizes) -> None:
                        if SEARCH_FILES.search(urlsplit(request.url).path):
                            sizes.append(request.sizes()["responseBodySize"])

                    page.on("requestfinished", count)
                    page.goto(f"{url}{prefix(lang)}symptoms/{symptom}/")
                    page.evaluate(LATENCY_PROBE)
                    page.keyboard.press("/")
                    page.keyboard.type(name, delay=TYPING_MS)
                    page.keyboard.press("End")
                    page.wait_for_selector('.handbook-search .md-search-result[aria-busy="false"]', timeout=60_000)
                    page.wait_for_load_state("networkidle")
                    probe = page.evaluate("window.__probe")
                    times.append(probe["first"] - probe["input"] if probe["first"] else float("nan"))
                    if run == 0:
                        fetched[lang] = sum(sizes)
                    context.close()
                latency[lang] = statistics.median(times)
                each[lang] = times
        browser.close()
    return {"fetched_kib": {lang: size / 1024 for lang, size in fetched.items()}, "latency_ms": latency,
            "latency_each_ms": each}


def machine() -> str:
    memory = ""
    with contextlib.suppress(OSError):
        kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f", {kib / 2**20:.1f} GiB RAM"
    cpu = ""
    with contextlib.suppress(OSError, AttributeError):
        cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text()).group(1).strip() + ", "
    versions = []
    for module in ("mkdocs", "material"):
        with contextlib.suppress(Exception):
            from importlib.metadata import version
            versions.append(f"{module} {version('mkdocs-material' if module == 'material' else module)}")
    return (f"{cpu}{os.cpu_count()} cores{memory}; Python {platform.python_version()} on "
            f"{platform.system()} {platform.release()}; {', '.join(versions)}")


def _if(key: str, cell) -> callable:
    return lambda r: cell(r) if key in r else "—"


def per_language(key: str, spec: str) -> callable:
    return lambda r: " / ".join(format(r[key][lang], spec) for lang in LANGUAGES)


def table(results: dict[int, dict]) -> str:
    sizes = sorted(results)
    rows: list[tuple[str, callable]] = [
        ("entries (pages in 4 languages)", lambda r: f"{r['entries']} ({r.get('pages', '—')})"),
        ("load + validate, s (cold, median)", _if("load_s", lambda r: f"{r['load_s']:.2f}")),
        ("load + validate peak memory, MiB (tracemalloc)", _if("load_s", lambda r: f"{r['load_peak_mib']:.0f}")),
        ("load process peak RSS, MiB", _if("load_s", lambda r: f"{r['load_rss_mib']:.0f}")),
        ("render pages (HTML), 4 languages, s", _if("load_s", lambda r: f"{r['render_s']:.2f}")),
        ("full `mkdocs build --strict`, s", lambda r: f"{r['build_s']:.1f}"),
        ("full build CPU time (all its processes), s", _if("build_cpu_s", lambda r: f"{r['build_cpu_s']:.0f}")),
        ("full build peak memory, MiB: largest process RSS / all processes PSS",
         lambda r: f"{r['build_rss_mib']:.0f} / {r.get('build_total_mib', 0):.0f}"),
        ("baseline: 4 plain builds, default nav, s", _if("baseline_s", lambda r: f"{r['baseline_s']:.1f}")),
        ("baseline peak RSS, MiB", _if("baseline_s", lambda r: f"{r['baseline_rss_mib']:.0f}")),
        ("baseline / handbook build time",
         _if("baseline_s", lambda r: f"{r['baseline_s'] / r['build_s']:.1f}x")),
        ("CPU time, s: handbook build / baseline (ratio); steadier than wall time on a shared machine",
         _if("baseline_cpu_s", lambda r: f"{r['build_cpu_s']:.0f} / {r['baseline_cpu_s']:.0f} "
                                         f"({r['baseline_cpu_s'] / r['build_cpu_s']:.1f}x)")),
        ("`mkdocs serve`: start until all 4 languages served, s",
         _if("startup_s", lambda r: f"{r['startup_s']:.1f}")),
        ("`mkdocs serve`: YAML saved → page reloaded (en / ru), s",
         _if("reload_en_s", lambda r: f"{r['reload_en_s']:.1f} / {r['reload_ru_s']:.1f}")),
        ("serve reload (ru) / full build time",
         _if("reload_ru_s", lambda r: f"{r['reload_ru_s'] / r['build_s']:.2f}x")),
        ("`mkdocs serve`: YAML saved → new search index served (built after the reload), s",
         _if("serve_index_s", lambda r: f"{r['serve_index_s']:.1f}")),
        ("site size, MiB", lambda r: f"{r['site_mib']:.0f}"),
        ("HTML per entry page, KiB (mean / max)",
         lambda r: f"{r['html_mean_kib']:.1f} / {r['html_max_kib']:.1f}"),
        ("baseline HTML per entry page, KiB (mean)",
         _if("baseline_html_kib", lambda r: f"{r['baseline_html_kib']:.0f}")),
        ("search: index the 4 languages (the build's step), s",
         _if("index_all_s", lambda r: f"{r['index_all_s']:.1f}")),
        ("search: index one language alone, s (en / fr / ro / ru)", _if("index_s", per_language("index_s", ".1f"))),
        ("search index on disk, KiB (en / fr / ro / ru)", _if("index_kib", per_language("index_kib", ".0f"))),
        ("search: fetched for page load + first query, KiB (en / fr / ro / ru)",
         _if("fetched_kib", per_language("fetched_kib", ".0f"))),
        ("search: last key → first result, ms, median of 3 (en / fr / ro / ru)",
         _if("latency_ms", per_language("latency_ms", ".0f"))),
        ("baseline's lunr index, MiB (en / fr / ro / ru)",
         _if("baseline_lunr_mib", per_language("baseline_lunr_mib", ".1f"))),
        ("entries not linked from their index page / not in search",
         lambda r: f"{r['unreachable_index']} / {r['unreachable_search']}"),
    ]
    lines = ["| | " + " | ".join(f"N = {n:,}" for n in sizes) + " |",
             "|---|" + "---:|" * len(sizes)]
    for label, cell in rows:
        lines.append(f"| {label} | " + " | ".join(cell(results[n]) for n in sizes) + " |")
    if len(sizes) > 1:
        growth = [f"{a:,} → {b:,}: build ×{results[b]['build_s'] / results[a]['build_s']:.2f}"
                  + (f", load ×{results[b]['load_s'] / results[a]['load_s']:.2f}"
                     if "load_s" in results[a] and "load_s" in results[b] else "")
                  for a, b in zip(sizes, sizes[1:], strict=False)]
        lines.append("")
        lines.append("Growth: " + "; ".join(growth) + ".")
    return "\n".join(lines)


def real_handbook(work: Path, edits: int = 5) -> dict:
    """The repository's own handbook, copied aside: full build and `mkdocs serve` reload, in this run."""
    project = work / "real"
    shutil.rmtree(project, ignore_errors=True)
    for name in ("content", "overrides", "generator"):  # mkdocs.yml watches generator/
        shutil.copytree(REPO / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    build = full_build(project)
    result = {"build_s": build["seconds"], **serve_reload(project, edits)}
    shutil.rmtree(project, ignore_errors=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000",
                        help="comma-separated entry counts (default 100,1000,5000)")
    parser.add_argument("--work",
                        help="folder for the synthetic projects (default: a temporary folder, removed)")
    parser.add_argument("--baseline-max", type=int, default=1000,
                        help="skip the baseline above this size: its default navigation makes it quadratic "
                             "in time and disk (default 1000)")
    parser.add_argument("--serve-size", type=int, default=1000,
                        help="measure `mkdocs serve` reload at this size, if it is among --sizes (0: never)")
    parser.add_argument("--browser-max", type=int, default=5000,
                        help="measure search in Chromium up to this size (default 5000)")
    parser.add_argument("--repeats", type=int, default=3,
                        help="cold load+validate runs per size (median); 0 leaves load+validate out")
    parser.add_argument("--real", action="store_true",
                        help="also measure the repository's own handbook: full build and `mkdocs serve` reload")
    parser.add_argument("--json", help="also write the results to this JSON file")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.replace("_", "").split(",") if size.strip()]
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"Machine: {machine()}", flush=True)
    results: dict[int, dict] = {}
    real: dict = {}
    try:
        if args.real:
            real = real_handbook(work)
            print(f"[real handbook] full build {real['build_s']:.1f} s; serve reload {real['reload_en_s']:.2f} s (en), "
                  f"{real['reload_ru_s']:.2f} s (ru), {real['reload_ru_s'] / real['build_s']:.2f}x the full build",
                  flush=True)
        for n in sizes:
            project = work / f"n{n}"
            r: dict = {"entries": n, "synth_s": synth(n, project)}
            if args.repeats:
                r.update(load_validate(project, args.repeats))
                print(f"[{n}] load+validate {r['load_s']:.2f} s, render {r['render_s']:.2f} s", flush=True)
            build = full_build(project)
            r["build_s"], r["build_cpu_s"], r["build_rss_mib"] = build["seconds"], build["cpu_s"], build["peak_rss_mib"]
            r["build_total_mib"] = build["peak_total_mib"]
            print(f"[{n}] full build {r['build_s']:.1f} s, {r['build_rss_mib']:.0f} MiB largest process, "
                  f"{r['build_total_mib']:.0f} MiB all processes", flush=True)
            ids = entry_ids(project)
            r.update(site_metrics(project / "site", ids))
            r.update(index_metrics(project / "site", ids))
            print(f"[{n}] search index {r['index_all_s']:.1f} s", flush=True)
            if n <= args.browser_max:
                r.update(browser_metrics(project / "site", project))
                print(f"[{n}] search fetched {r['fetched_kib']} KiB; latency {r['latency_ms']} ms", flush=True)
            if n <= args.baseline_max:
                base = baseline(project)
                r["baseline_s"], r["baseline_cpu_s"] = base["seconds"], base["cpu_s"]
                r["baseline_rss_mib"] = base["peak_rss_mib"]
                r["baseline_html_kib"] = site_metrics(base["site"], ids)["html_mean_kib"]
                r["baseline_lunr_mib"] = base["lunr_mib"]
                shutil.rmtree(project / "baseline", ignore_errors=True)
                print(f"[{n}] baseline {r['baseline_s']:.1f} s", flush=True)
            if n == args.serve_size:
                r.update(serve_reload(project))
                print(f"[{n}] serve: reload {r['reload_en_s']:.1f} s (en), {r['reload_ru_s']:.1f} s (ru)",
                      flush=True)
            results[n] = r
            if args.json:
                Path(args.json).write_text(json.dumps({"machine": machine(), "real": real, "results": results},
                                                      indent=2))
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    print()
    if real:
        print(f"Real handbook: full build {real['build_s']:.1f} s; `mkdocs serve` YAML save → page reloaded "
              f"{real['reload_en_s']:.2f} s (en) / {real['reload_ru_s']:.2f} s (ru), median of the edits; "
              f"{real['reload_ru_s'] / real['build_s']:.2f}x the full build; new search index served after "
              f"{real['serve_index_s']:.2f} s.\n")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
