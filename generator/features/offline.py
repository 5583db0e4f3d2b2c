"""What a language's offline copy holds: the files a reader's browser stores so that the handbook of that language
works offline (the precache list, each file with its content hash and size), within a budget; and the language's
web app manifest. Computed from the built site, after every language and the search index are written
(generator/build/offline.py writes the files; its service worker stores and serves them)."""

from __future__ import annotations

import fnmatch
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from generator.content.model import KIND_ORDER
from generator.features.search import kinds_file
from generator.language.codes import DEFAULT, prefix
from generator.language.strings import ui
from generator.language.typography import typeset

BUDGET = 12_000_000  # bytes stored per language at most; over it, entry pages are kept as the reader opens them
LIST = "offline.json"  # the precache list, at each language's root
WORKER = "sw.js"  # the service worker, at each language's root: its scope is the language
MANIFEST = "manifest.webmanifest"
THEME_COLOUR = "#4051b5"  # Material's indigo, the header's colour
ICONS = (("assets/icons/icon-192.png", "192x192", "any"), ("assets/icons/icon-512.png", "512x512", "any"),
         ("assets/icons/maskable-512.png", "512x512", "maskable"))
SEARCH_DIR = "pagefind"  # features/search.INDEX_DIR, at the site's root
# Files of a language's folder no page needs: source maps, Material's own search (lunr and its worker: the
# handbook searches with Pagefind), the compressed sitemap, the offline files themselves.
SKIPPED = ("*.map", "assets/javascripts/lunr/*", "assets/javascripts/workers/*", "sitemap.xml.gz", LIST, WORKER)
# Files at the English root that are not the English handbook's: the other languages' folders are skipped too.
NOT_ENGLISH = ("api/*", f"{SEARCH_DIR}/*", "sitemap_index.xml", "robots.txt")
# What is stored even over the budget: the shell (assets, home, 404, the sitemap Material's instant navigation
# reads), the kind indexes, diagnose, practice and search.
ESSENTIAL = ("assets/*", "index.html", "404.html", "sitemap.xml", MANIFEST, "diagnose/index.html",
             "practice/index.html", "practice/questions.json", *(f"{kind}/index.html" for kind in KIND_ORDER))


class OfflineError(Exception):
    """The offline copy of a language cannot be made as listed; the message names the file and the language."""


@dataclass(frozen=True)
class Stored:
    """One file of the offline copy: its address from the language's root (a page by its folder, 'archetypes/
    talker/'), the first 16 hex digits of its SHA-256 (the service worker checks them) and its size."""

    url: str
    revision: str
    size: int


@dataclass(frozen=True)
class Precache:
    """A language's offline copy: the files stored when a reader first opens it; mode 'all', or 'essential'
    when everything would be over the budget (then the other pages, `later`, are kept once opened)

    files: the language's pages and assets (offline.json); search: its Pagefind files, from the Pagefind folder
    (pagefind/offline-<lang>.json). Pagefind names some of its files by a hash seeded at random, run after run,
    so their list is kept beside them, out of the version: the version (hence sw.js) changes with the pages,
    which every change of the index follows, and two builds of the same content are byte-identical outside
    pagefind/.
    """

    lang: str
    files: tuple[Stored, ...]
    search: tuple[Stored, ...]
    mode: str
    later: tuple[str, ...]  # the addresses of the pages kept once opened (none in mode 'all')

    @property
    def size(self) -> int:
        return sum(file.size for file in (*self.files, *self.search))

    @property
    def version(self) -> str:
        """The pages' list's own hash: with the worker's, the name of the cache the copy is stored in."""
        return _digest(json.dumps([self.mode, [[f.url, f.revision] for f in self.files]]).encode())

    def as_json(self, worker_version: str) -> dict:
        """offline.json: the pages and assets, from the language's root, and where the search files are listed."""
        return {"version": self.versioned(worker_version), "lang": self.lang, "mode": self.mode,
                "bytes": sum(f.size for f in self.files), "later": list(self.later),
                "search": "../" * prefix(self.lang).count("/") + f"{SEARCH_DIR}/{search_list(self.lang)}",
                "files": [[f.url, f.revision, f.size] for f in self.files]}

    def search_json(self) -> dict:
        """pagefind/offline-<lang>.json: the Pagefind files, from the Pagefind folder."""
        up = "../" * prefix(self.lang).count("/") + f"{SEARCH_DIR}/"
        return {"lang": self.lang, "files": [[f.url.removeprefix(up), f.revision, f.size] for f in self.search]}

    def versioned(self, worker_version: str) -> str:
        """The version with the worker's code: a new worker stores into a cache of its own."""
        return _digest(f"{self.version} {worker_version}".encode())


def search_list(lang: str) -> str:
    """The name of a language's list of Pagefind files, in the Pagefind folder."""
    return f"offline-{lang}.json"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def url_of(path: str) -> str:
    """A file's address from its folder: a page by its folder ('archetypes/talker/'), the home page as './'."""
    if path == "index.html":
        return "./"
    return path.removesuffix("index.html") if path.endswith("/index.html") else path


def _matches(path: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(path, pattern) for pattern in patterns)


def language_files(site_dir: Path, lang: str, languages: list[str] | tuple[str, ...]) -> list[str]:
    """The files of a language's folder a reader's browser stores, as paths from that folder, sorted."""
    root = site_dir / prefix(lang)
    others = {prefix(other).rstrip("/") for other in languages if other != DEFAULT}
    found = []
    for file in root.rglob("*"):
        path = file.relative_to(root).as_posix()
        if not file.is_file() or _matches(path, SKIPPED):
            continue
        if lang == DEFAULT and (path.split("/")[0] in others or _matches(path, NOT_ENGLISH)):
            continue
        found.append(path)
    return sorted(found)


def search_files(site_dir: Path, lang: str) -> list[str]:
    """A language's Pagefind files, as paths from the site's root: the script, the bundle's entry file, the
    language's wasm and meta file (named in the entry file), its pages' kinds (search.kinds_file), and its index,
    fragment and filter chunks.
    Not pagefind-worker.js: assets/search.js runs Pagefind on the page (noWorker)."""
    index = site_dir / SEARCH_DIR
    try:
        entry = json.loads((index / "pagefind-entry.json").read_text("utf-8"))
        info = entry["languages"][lang]
    except (OSError, ValueError, KeyError) as error:
        raise OfflineError(f"the {lang} offline copy needs the {lang} search index: "
                           f"{SEARCH_DIR}/pagefind-entry.json has none ({error})") from None
    named = ["pagefind.js", "pagefind-entry.json", f"wasm.{info['wasm']}.pagefind", f"pagefind.{info['hash']}.pf_meta",
             kinds_file(lang)]
    chunks = sorted(file.relative_to(index).as_posix() for folder in ("index", "fragment", "filter")
                    for file in (index / folder).glob(f"{lang}_*") if file.is_file())
    return [f"{SEARCH_DIR}/{name}" for name in named + chunks]


def precache(site_dir: Path, lang: str, languages: list[str] | tuple[str, ...], budget: int = BUDGET,
             required: tuple[str, ...] = ()) -> Precache:
    """The offline copy of a language in a built site; every file it names is checked to be there.

    required: more files the copy must hold (paths from the language's folder), such as the manifest and the
    icons that the pages link; a missing one is an error, as is a named search file that is missing.
    """
    root = site_dir / prefix(lang)
    own = language_files(site_dir, lang, languages)
    written = set(own)
    for path in ("index.html", "404.html", "sitemap.xml", *required):
        if path not in written:
            raise OfflineError(f"the {lang} offline copy names {prefix(lang)}{path}, which the build did not write")
    up = "../" * prefix(lang).count("/")  # from the language's folder to the site's root
    search = search_files(site_dir, lang)
    files = [(_stored(site_dir, lang, url_of(path), root / path), _matches(path, ESSENTIAL)) for path in own]
    found = tuple(_stored(site_dir, lang, up + path, site_dir / path) for path in search)
    if sum(stored.size for stored, _ in files) + sum(stored.size for stored in found) <= budget:
        return Precache(lang, tuple(stored for stored, _ in files), found, "all", ())
    kept = tuple(stored for stored, essential in files if essential)
    later = tuple(stored.url for stored, essential in files if not essential)
    return Precache(lang, kept, found, "essential", later)


def _stored(site_dir: Path, lang: str, url: str, file: Path) -> Stored:
    try:
        data = file.read_bytes()
    except OSError:
        raise OfflineError(f"the {lang} offline copy names {file.relative_to(site_dir).as_posix()}, "
                           "which the build did not write") from None
    return Stored(url, _digest(data), len(data))


def verify(site_dir: Path, lang: str, listed: Precache) -> None:
    """Refuse a list that names a file the build did not write, or a file whose bytes are not the ones listed."""
    root = site_dir / prefix(lang)
    for stored in (*listed.files, *listed.search):
        path = (root / (stored.url if not stored.url.endswith("/") else stored.url + "index.html")).resolve()
        if not path.is_file():
            raise OfflineError(f"the {lang} offline copy names {stored.url}, which the build did not write")
        if _digest(path.read_bytes()) != stored.revision:
            raise OfflineError(f"the {lang} offline copy lists {stored.url} with other contents than the file written")


def manifest(lang: str) -> dict:
    """The language's web app manifest: its name, its scope and start inside the language's folder, icons."""
    return {
        "id": "./",
        "name": typeset(ui("site_name", lang), lang),
        "short_name": ui("offline_short_name", lang),
        "description": typeset(ui("home_intro", lang), lang),
        "lang": lang,
        "dir": "ltr",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [{"src": src, "sizes": sizes, "type": "image/png", "purpose": purpose}
                  for src, sizes, purpose in ICONS],
    }


def manifest_text(lang: str) -> str:
    """manifest.webmanifest of a language, as written (a generated file of the language's build)."""
    return json.dumps(manifest(lang), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def indicator_strings(lang: str) -> dict[str, str | dict]:
    """The indicator's strings (assets/offline.js): each plain, or its plural forms, set by the typography."""
    keys = ("offline_label", "offline_saving", "offline_ready", "offline_ready_partial", "offline_updated",
            "offline_off", "offline_data_saver", "offline_removed", "offline_unsupported", "offline_failed",
            "offline_save", "offline_remove", "offline_away_text")
    return {key.removeprefix("offline_"): _typeset(ui(key, lang), lang) for key in keys}


def away_strings(lang: str) -> dict[str, str]:
    """The page a language's worker shows, in its language, offline, for another language's page that is not
    saved (title, text, back), or for one of its own pages kept only once opened (title, page, home)."""
    return {key: typeset(ui(f"offline_away_{key}", lang), lang) for key in ("title", "text", "back", "page", "home")}


def _typeset(value: str | dict, lang: str) -> str | dict:
    return {k: typeset(v, lang) for k, v in value.items()} if isinstance(value, dict) else typeset(value, lang)
