"""axe-core on the fixture site: every page of every kind (in one language per kind, the languages in turn), and
one page of every kind in every language on a phone: no serious or critical violation, and no JavaScript error.

axe-core comes bundled in the axe-playwright-python package (nothing is fetched at test time). A
failure lists each rule, the page, the CSS selector and HTML of every element at fault, and the fix.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import axe_violations, settle  # axe-playwright-python (requirements-dev.txt) bundles axe.min.js
from conftest import in_turn

PREFIX = {"en": "", "fr": "fr/", "ro": "ro/", "ru": "ru/"}
ENTRY_KINDS = ("archetypes", "symptoms", "responses", "sources")
KINDS = ("home", "kind index", *ENTRY_KINDS, "other pages")  # other: tags, cheatsheets, diagnose, print...
OTHER_ROOTS = {prefix.rstrip("/") for prefix in PREFIX.values() if prefix}


def pages_of(site: Path, lang: str, kind: str) -> list[str]:
    """URL paths (after the language prefix) of every built page of one kind; no redirect stubs."""
    root = site / PREFIX[lang]
    found = []
    for index in sorted(root.rglob("index.html")):
        relative = index.parent.relative_to(root).as_posix()
        parts = [] if relative == "." else relative.split("/")
        if lang == "en" and parts and parts[0] in OTHER_ROOTS:
            continue  # another language's site, below the English one
        if 'http-equiv="refresh"' in index.read_text("utf-8")[:2000]:
            continue  # an old id's redirect
        page_kind = ("home" if not parts else
                     "kind index" if len(parts) == 1 and parts[0] in ENTRY_KINDS else
                     parts[0] if len(parts) == 2 and parts[0] in ENTRY_KINDS else "other pages")
        if page_kind == kind:
            found.append("".join(f"{part}/" for part in parts))
    if kind == "other pages":  # one page per template (every tag page and cheat sheet is made alike)
        found = list({(path.split("/")[0], path.count("/")): path for path in reversed(found)}.values())[::-1]
    return found


def describe(url: str, violations: list[dict]) -> str:
    """Every failing element: rule, impact, page, CSS target, HTML snippet and what to fix."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}) on {url}: {violation['help']} "
                     f"<{violation['helpUrl']}>")
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:200]}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
    return "\n".join(lines)


# Every page of a kind in one language, the languages in turn from kind to kind: pages of a kind are made by one
# template and differ by their texts; every kind in every language is checked on the phone below.
@pytest.mark.parametrize("kind,lang", in_turn(KINDS))
def test_no_serious_or_critical_axe_violation(page, built_site, fixture_url, kind, lang):
    paths = pages_of(built_site, lang, kind)
    if kind != "other pages":
        assert paths, f"the fixture site has no {kind} page in {lang}"
    problems = []
    for path in paths:
        url = fixture_url + PREFIX[lang] + path
        page.goto(url)
        settle(page)
        if page.errors:  # every page loads without a JavaScript error, too
            problems.append(f"JavaScript errors on {url}: {page.errors}")
            page.errors.clear()
        blocking = axe_violations(page, blocking=True)
        if blocking:
            problems.append(describe(url, blocking))
    assert not problems, "\n".join(problems)


# One page of every kind on a phone (390 px), and the diagnosis with its results showing, at both widths.
PHONE_PAGES = ["", "archetypes/", "archetypes/know-it-all/", "symptoms/long-stories/", "responses/time-box/",
               "sources/article-one/", "cheatsheets/know-it-all/", "diagnose/", "tags/", "tags/payment/", "print/",
               "cheatsheets/", "trainers/?types=know-it-all,talker&seed=1", "trainers/print/?types=know-it-all,talker&seed=1"]


@pytest.mark.parametrize("lang", PREFIX)
def test_no_serious_or_critical_axe_violation_on_a_phone(page, fixture_url, lang):
    page.set_viewport_size({"width": 390, "height": 844})
    problems = []
    for path in PHONE_PAGES:
        url = fixture_url + PREFIX[lang] + path
        page.goto(url)
        settle(page)
        if page.errors:  # and without a JavaScript error
            problems.append(f"JavaScript errors on {url}: {page.errors}")
            page.errors.clear()
        blocking = axe_violations(page, blocking=True)
        if blocking:
            problems.append(describe(url, blocking))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", PREFIX)
def test_no_serious_or_critical_axe_violation_with_diagnosis_results(page, fixture_url, lang, width):
    page.set_viewport_size({"width": width, "height": 844})
    url = fixture_url + PREFIX[lang] + "diagnose/?signs=claims-experience,long-stories,more-for-same-price"
    page.goto(url)
    settle(page)
    assert page.locator(".diagnose-ranking > li:visible").count() == 3
    page.locator("#diagnose-filter").fill("a")  # the filter in use: some signs hidden
    blocking = axe_violations(page, blocking=True)
    assert not blocking, describe(url, blocking)
