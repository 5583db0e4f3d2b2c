"""How often search finds the right page, on the real handbook: `python benchmarks/search_quality.py`.

Builds the site from content/ (or takes --site, already built), serves it under its site_url path,
and types each query into the search box in Chromium, as a reader does ("/", the words, End). Three
sets: `words` (below: inflected forms, aliases, names from other languages), and the sentence sets of
search_sentences.yml, `tuning` (what the search was tuned on) and `held_out` (never tuned on). Prints
hits@1 and hits@3 per language and set, and every miss with what came first. It asserts nothing: the
content changes, and the tests hold the search's behaviour on fixture content (tests/test_search*.py).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from browser import CHROMIUM, CHROMIUM_ARGS, result_paths, search, serve_site  # noqa: E402

# (language, what a reader types, the page that must come in the first three). Written before the
# search was tuned: plural and inflected forms, feminine forms, phrasing, aliases from other
# languages, missing diacritics.
QUERIES: list[tuple[str, str, str]] = [
    ("en", "micromanaging client", "archetypes/controller/"),
    ("en", "rude clients", "archetypes/abuser/"),
    ("en", "know it all", "archetypes/know-it-all/"),
    ("en", "clients who don't pay", "archetypes/non-payer/"),
    ("en", "calls at night", "symptoms/calls-at-night/"),
    ("en", "scope creep", "archetypes/one-more-tweak/"),
    ("en", "chatterbox", "archetypes/talker/"),
    ("en", "Je sais tout", "archetypes/know-it-all/"),
    ("en", "скряга", "archetypes/penny-pincher/"),
    ("en", "zgarcitul", "archetypes/penny-pincher/"),
    ("en", "client won't sign a contract", "archetypes/anti-contract/"),
    ("en", "you are the professionals", "symptoms/says-you-are-the-professionals/"),
    ("en", "government contracts", "archetypes/public-budget/"),
    ("en", "reports every 30 minutes", "symptoms/demands-constant-reports/"),
    ("en", "late payment", "archetypes/non-payer/"),
    ("en", "indecisive clients", "archetypes/indecisive/"),
    ("fr", "manipulateurs", "archetypes/manipulator/"),
    ("fr", "bavards", "archetypes/talker/"),
    ("fr", "radins", "archetypes/penny-pincher/"),
    ("fr", "cliente indécise", "archetypes/indecisive/"),
    ("fr", "mauvais payeurs", "archetypes/non-payer/"),
    ("fr", "controleur", "archetypes/controller/"),
    ("fr", "appels en pleine nuit", "archetypes/all-nighter/"),
    ("fr", "remise de 50 %", "symptoms/demands-unprofitable-discount/"),
    ("fr", "Всезнайка", "archetypes/know-it-all/"),
    ("fr", "know-it-all", "archetypes/know-it-all/"),
    ("fr", "refuse de signer le contrat", "symptoms/wont-sign-anything/"),
    ("fr", "client qui ne paie pas", "archetypes/non-payer/"),
    ("fr", "pour hier", "archetypes/due-yesterday/"),
    ("fr", "faire payer les modifications", "responses/charge-for-changes/"),
    ("fr", "clients difficiles", "sources/difficult-clients/"),
    ("fr", "rapport toutes les 30 minutes", "symptoms/demands-constant-reports/"),
    ("ro", "vorbăreți", "archetypes/talker/"),
    ("ro", "vorbaretul", "archetypes/talker/"),
    ("ro", "atotstiutorul", "archetypes/know-it-all/"),
    ("ro", "clienți zgârciți", "archetypes/penny-pincher/"),
    ("ro", "clientului manipulator", "archetypes/manipulator/"),
    ("ro", "rău-platnici", "archetypes/non-payer/"),
    ("ro", "clienta nehotărâtă", "archetypes/indecisive/"),
    ("ro", "sună noaptea", "archetypes/all-nighter/"),
    ("ro", "reducere de 50%", "symptoms/demands-unprofitable-discount/"),
    ("ro", "Je-sais-tout", "archetypes/know-it-all/"),
    ("ro", "controlori", "archetypes/controller/"),
    ("ro", "nu vrea să semneze", "symptoms/wont-sign-anything/"),
    ("ro", "sunteti profesionisti", "archetypes/manipulator/"),
    ("ro", "rapoarte la fiecare 30 de minute", "symptoms/demands-constant-reports/"),
    ("ro", "clienți dificili", "sources/difficult-clients/"),
    ("ro", "clienti care nu platesc", "archetypes/non-payer/"),
    ("ru", "неплательщики", "archetypes/non-payer/"),
    ("ru", "скряги", "archetypes/penny-pincher/"),
    ("ru", "манипуляторы", "archetypes/manipulator/"),
    ("ru", "контролер", "archetypes/controller/"),
    ("ru", "болтуны", "archetypes/talker/"),
    ("ru", "всезнайку", "archetypes/know-it-all/"),
    ("ru", "звонит ночью", "symptoms/calls-at-night/"),
    ("ru", "грубый клиент", "archetypes/abuser/"),
    ("ru", "Je sais tout", "archetypes/know-it-all/"),
    ("ru", "Pichirre", "archetypes/penny-pincher/"),
    ("ru", "скидка 50%", "symptoms/demands-unprofitable-discount/"),
    ("ru", "не хочет подписывать договор", "symptoms/wont-sign-anything/"),
    ("ru", "отчёты каждые 30 минут", "symptoms/demands-constant-reports/"),
    ("ru", "госзаказ", "archetypes/public-budget/"),
    ("ru", "нерешительные клиенты", "archetypes/indecisive/"),
    ("ru", "проблемные клиенты", "sources/eight-problem-clients/"),
]
LANGUAGES = ("en", "fr", "ro", "ru")
SETS = ("words", "tuning", "held_out")


def query_sets() -> dict[str, list[tuple[str, str, str]]]:
    """The three sets: name -> (language, query, expected page)."""
    import yaml

    sentences = yaml.safe_load((REPO / "benchmarks" / "search_sentences.yml").read_text("utf-8"))
    found = {"words": QUERIES}
    for name in ("tuning", "held_out"):
        found[name] = [(lang, query, expected) for lang, rows in sentences[name].items() for query, expected in rows]
    return found


def prefix(lang: str) -> str:
    return "" if lang == "en" else f"{lang}/"


def build(site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=REPO, env=env, check=True)


def site_path() -> str:
    """The path the site is published under (from site_url), as `mkdocs serve` mounts it."""
    sys.path.insert(0, str(REPO))
    from mkdocs.utils.yaml import yaml_load

    with open(REPO / "mkdocs.yml", encoding="utf-8") as config:
        return urlsplit(yaml_load(config).get("site_url") or "/").path.rstrip("/") + "/"


def run(site: Path, queries: list[tuple[str, str, str]], languages: tuple[str, ...] = LANGUAGES
        ) -> dict[str, list[tuple[str, str, int | None, list[str]]]]:
    """Each query's rank of its page (None: not in the first three) and the first three results."""
    from playwright.sync_api import sync_playwright

    mount = site_path()
    outcomes: dict[str, list] = {lang: [] for lang in languages}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        with serve_site(site, mount) as url:
            page = browser.new_page()
            warnings: list[str] = []
            page.on("console", lambda message: warnings.append(message.text) if message.type == "warning" else None)
            for lang, query, expected in queries:
                if lang not in languages:
                    continue
                warnings.clear()
                page.goto(url + prefix(lang))
                top = result_paths(search(page, query), mount + prefix(lang))[:3]
                rank = top.index(expected) + 1 if expected in top else None
                outcomes[lang].append((query, expected, rank, top + [f"(console: {w})" for w in warnings]))
        browser.close()
    return outcomes


def report(outcomes: dict[str, list], name: str = "") -> str:
    lines = [f"Set: {name}", ""] if name else []
    lines += ["| language | queries | hits@1 | hits@3 |", "|---|---:|---:|---:|"]
    total = [0, 0, 0]
    for lang, rows in outcomes.items():
        at1 = sum(rank == 1 for _, _, rank, _ in rows)
        at3 = sum(rank is not None for _, _, rank, _ in rows)
        total = [total[0] + len(rows), total[1] + at1, total[2] + at3]
        lines.append(f"| {lang} | {len(rows)} | {at1} | {at3} |")
    lines.append(f"| all | {total[0]} | {total[1]} ({total[1] / total[0]:.0%}) | "
                 f"{total[2]} ({total[2] / total[0]:.0%}) |")
    misses = [(lang, q, e, top) for lang, rows in outcomes.items() for q, e, rank, top in rows if rank is None]
    if misses:
        lines += ["", "Misses (query → expected; first three):"]
        lines += [f"- {lang} “{q}” → {e}; {', '.join(top) or 'no result'}" for lang, q, e, top in misses]
    seconds = [(lang, q, e, rank, top) for lang, rows in outcomes.items() for q, e, rank, top in rows if rank in (2, 3)]
    if seconds:
        lines += ["", "Second or third (query → expected; what came first):"]
        lines += [f"- {lang} “{q}” → {e} ({rank}); {top[0]}" for lang, q, e, rank, top in seconds]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", help="an already built site folder (default: build content/ into a temporary one)")
    parser.add_argument("--languages", default=",".join(LANGUAGES), help="comma-separated (default: all four)")
    parser.add_argument("--sets", default=",".join(SETS), help=f"comma-separated (default: {','.join(SETS)})")
    args = parser.parse_args(argv)
    sets = query_sets()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(args.site) if args.site else Path(tmp) / "site"
        if not args.site:
            build(site)
        print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average {os.getloadavg()[0]:.1f}\n")
        for name in args.sets.split(","):
            print(report(run(site, sets[name], tuple(args.languages.split(","))), name) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
