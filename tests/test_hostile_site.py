"""A site built from hostile names and texts: every page, every language, parsed as a browser would.

Every text field of the fixture (names, aliases, summaries, notes, steps, source titles, headings and
article text) is replaced by an attack. The build must succeed (they are visible text), and no page
may carry an element, attribute, script or URL that the templates did not write.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import copy_fixture, mkdocs_build, shared, site_fixture

MARK = "PWNED"
ATTACKS = [
    f"</title><script>alert('{MARK}')</script>",
    f'"><img src=x onerror="alert(\'{MARK}\')">',
    f"' onmouseover='alert(1)' data-x='{MARK}",
    f"<svg onload=alert('{MARK}')></svg>",
    f"[{MARK}](javascript:alert(1))",
    f"</script><script>alert('{MARK}')</script>",
    f"&lt;script&gt;alert('{MARK}')&lt;/script&gt; &amp; &quot;{MARK}&quot;",
    f"<iframe src=\"javascript:alert('{MARK}')\"></iframe>",
    f"{{: onclick=alert('{MARK}') }}",
    f"<a href=\"javascript:alert('{MARK}')\">{MARK}</a>",
    f"<!-- {MARK} --><style>body{{display:none}}</style>",
    f"\"{MARK}\" 'quotes' `ticks` <b>bold</b> *em* _u_",
]
LANGS = ("en", "fr", "ro", "ru")
# Elements the handbook's templates and Material never write (Material writes <svg> icons; their handlers
# are caught below): any of them is injected markup.
FOREIGN = {"img", "iframe", "object", "embed", "math", "base", "style", "b", "frame", "frameset"}


# Search terms refuse markup characters (check fails on them): what they may still carry is an attempt to break
# out of an attribute.
TERM_ATTACK = f"\" onmouseover='alert(1)' data-x='{MARK}"


def poison(value, counter: list[int]):
    """Replace every contributor text in a parsed entry by the next attack (ids and enums untouched)."""
    if isinstance(value, dict) and "search_terms" in value:
        value = {**value, "search_terms": {lang: [TERM_ATTACK] for lang in value["search_terms"]}}
        return {key: (v if key == "search_terms" else poison({key: v}, counter)[key]) for key, v in value.items()}
    if isinstance(value, dict):
        if value and set(value) <= set(LANGS) and all(isinstance(v, str) for v in value.values()):
            return {lang: _next(counter) for lang in value}
        return {key: (poison(v, counter) if key not in ("id", "source", "section", "language", "url",
                                                        "tags", "former_ids", "translated_from",
                                                        "symptoms", "responses", "related")
                      or isinstance(v, dict) else v)
                for key, v in value.items()}
    if isinstance(value, list):
        return [poison(v, counter) for v in value]
    if isinstance(value, str):
        return _next(counter)
    return value


def _next(counter: list[int]) -> str:
    counter[0] += 1
    return ATTACKS[counter[0] % len(ATTACKS)]


class PageAudit(HTMLParser):
    """Collects what would be dangerous in a page: foreign elements, handlers, script URLs, scripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings: list[str] = []
        self.script: tuple[dict, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        attrs_d = dict(attrs)
        if tag in FOREIGN:
            self.findings.append(f"element <{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"handler {name}= on <{tag}>")
            if name == "data-x":
                self.findings.append(f"attribute {name} on <{tag}>")
            if name in ("href", "src", "action", "formaction", "content") and value and \
                    value.strip().lower().startswith("javascript:"):
                self.findings.append(f"javascript: URL in {name} of <{tag}>")
        if tag == "script":
            self.script = (attrs_d, [])

    def handle_data(self, data):
        if self.script is not None:
            self.script[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self.script is not None:
            attrs, parts = self.script
            body = "".join(parts)
            if "json" in (attrs.get("type") or ""):
                try:
                    json.loads(body)
                except ValueError:
                    self.findings.append("a JSON script that does not parse (broken out of?)")
            elif MARK in body or MARK in (attrs.get("src") or ""):
                self.findings.append("a script carrying the attack")
            self.script = None


def _build_hostile(root: Path) -> None:
    project = copy_fixture(root / "project")
    counter = [0]
    for path in sorted((project / "content").glob("*/*.yml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        path.write_text(yaml.safe_dump(poison(data, counter), allow_unicode=True, sort_keys=False), "utf-8")
    result = mkdocs_build(project, root / "site")
    assert result.returncode == 0, result.stderr


@site_fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    """The fixture project with every text an attack, built once per test run (test_search_browser uses it too)."""
    return shared(tmp_path_factory, "hostile", _build_hostile) / "site"


def test_hostile_texts_build_and_stay_text_on_every_page(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 100
    findings = []
    for page in pages:
        audit = PageAudit()
        audit.feed(page.read_text("utf-8"))
        audit.close()
        findings += [f"{page.relative_to(hostile_site)}: {f}" for f in audit.findings]
    assert not findings, "\n".join(findings[:40])


def test_the_attack_is_shown_as_text(hostile_site):
    html = (hostile_site / "ru/archetypes/talker/index.html").read_text("utf-8")
    assert MARK in html  # the reader sees what was written
    head = html.split("</head>", 1)[0]
    assert head.count("<title>") == 1 and head.count("</title>") == 1


@pytest.mark.parametrize("name", ["pagefind/pagefind-entry.json", "api/v1/handbook.json"])
def test_data_files_hold_the_attack_as_plain_strings(hostile_site, name):
    for lang in ("", "ru/"):
        path = hostile_site / lang / name
        if path.exists():
            json.loads(path.read_text("utf-8"))  # still valid JSON


def test_no_dialog_opens_in_a_real_browser(hostile_site, browser, tmp_path):
    from browser import serve

    root = tmp_path / "served"
    root.mkdir()
    (root / "handbook").symlink_to(hostile_site, target_is_directory=True)
    dialogs = []
    context = browser.new_context(service_workers="block")
    tab = context.new_page()
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with serve(root) as base:
        for lang in ("", "ru/"):
            for path in ("", "archetypes/talker/", "archetypes/", "symptoms/long-stories/",
                         "responses/time-box/", "sources/article-one/", "diagnose/", "print/",
                         "cheatsheets/talker/"):
                tab.goto(f"{base}/handbook/{lang}{path}")
                tab.wait_for_load_state("load")
                tab.mouse.move(200, 300)
    context.close()
    assert not dialogs


class HeadShape(HTMLParser):
    """The <head> as a chat client reads it: each element's tag and attribute names, and the preview values."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.shape: list[tuple[str, tuple[str, ...]]] = []
        self.values: dict[str, str] = {}
        self.done = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        if self.done:
            return
        self.shape.append((tag, tuple(name for name, _ in attrs)))
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.values.setdefault(a.get("property") or a.get("name"), a.get("content"))

    def handle_endtag(self, tag):
        self.done = self.done or tag == "head"


def test_previews_keep_hostile_texts_inside_their_attributes(hostile_site, built_site):
    from generator.features.previews import plain
    from generator.language.typography import typeset

    project = hostile_site.parent / "project"
    checked = 0
    for kind, path_of in (("archetypes", "archetypes/{}/"), ("archetypes", "cheatsheets/{}/"),
                          ("symptoms", "symptoms/{}/"), ("responses", "responses/{}/"), ("sources", "sources/{}/")):
        for source in sorted((project / "content" / kind).glob("*.yml")):
            entry = yaml.safe_load(source.read_text("utf-8"))
            for lang in LANGS:
                page = f"{'' if lang == 'en' else lang + '/'}{path_of.format(source.stem)}index.html"
                hostile = HeadShape((hostile_site / page).read_text("utf-8"))
                clean = HeadShape((built_site / page).read_text("utf-8"))
                # The same elements with the same attributes as on the clean site: nothing broke out.
                assert hostile.shape == clean.shape, page
                summary = plain(entry["summary"].get(lang) or entry["summary"]["en"])
                for key in ("description", "og:description", "twitter:description"):
                    assert hostile.values[key] == summary, (page, key)
                if path_of.startswith(kind):
                    # As the page's title: typeset, its spaces made plain by Material's striptags.
                    name = " ".join(typeset(entry["name"].get(lang) or entry["name"]["en"], lang).split())
                    assert hostile.values["og:title"] == hostile.values["twitter:title"] == name, page
                checked += 1
    assert checked > 40
