"""Links that trainers share, checked on the built fixture site as a chat client or a crawler reads them:
previews, hreflang alternates, sitemaps, 404 pages, addresses; unit checks of the description trimmer."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURE, mkdocs_build

from generator.build.addresses import AddressError, Repository, check_site_url, repository_from_environment
from generator.features.previews import DESCRIPTION_LIMIT, plain
from generator.language.strings import ui

PREFIX = {"en": "", "fr": "fr/", "ro": "ro/", "ru": "ru/"}
SITE_URL = "https://example.org/handbook/"
LOCALES = {"en": "en_GB", "fr": "fr_FR", "ro": "ro_RO", "ru": "ru_RU"}
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


class Head(HTMLParser):
    """What a link-preview client reads from a page: the <head>'s metas, links and title, as plain text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = defaultdict(list)
        self.alternates: dict[str, str] = {}
        self.canonical: str | None = None
        self.title = ""
        self._in_title = self._done = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        if self._done:
            return
        a = dict(attrs)
        if tag == "meta" and "content" in a:
            self.meta[a.get("property") or a.get("name")].append(a["content"])
        elif tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            assert a["hreflang"] not in self.alternates, f"two alternates for {a['hreflang']}"
            self.alternates[a["hreflang"]] = a["href"]
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False
        self._done = self._done or tag == "head"

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def one(self, key: str) -> str:
        """The single value of a meta; fails if it is missing or repeated."""
        values = self.meta.get(key, [])
        assert len(values) == 1, f"{key}: {values}"
        return values[0]


def pages(site: Path, lang: str) -> dict[str, Path]:
    """Every page of a language's site by URL path after the prefix ('archetypes/talker/'), no redirects."""
    root = site / PREFIX[lang]
    found = {}
    for index in sorted(root.rglob("index.html")):
        path = index.parent.relative_to(root).as_posix()
        path = "" if path == "." else path + "/"
        if lang == "en" and path.split("/")[0] in ("fr", "ro", "ru"):
            continue
        if 'http-equiv="refresh"' in index.read_text("utf-8")[:2000]:
            continue
        found[path] = index
    return found


def fixture_entry(kind: str, entry_id: str) -> dict:
    return yaml.safe_load((FIXTURE / "content" / kind / f"{entry_id}.yml").read_text("utf-8"))


def test_every_page_exists_in_every_language(built_site):
    english = set(pages(built_site, "en"))
    assert len(english) > 20
    for lang in ("fr", "ro", "ru"):
        assert set(pages(built_site, lang)) == english  # so the switcher and hreflang never lead to a 404


@pytest.mark.parametrize("lang", PREFIX)
def test_every_page_previews_in_its_language_with_valid_opengraph_and_twitter_tags(built_site, lang):
    site_name = ui("site_name", lang)
    for path, file in pages(built_site, lang).items():
        head = Head(file.read_text("utf-8"))
        description = head.one("description")
        assert 0 < len(description) <= DESCRIPTION_LIMIT and "\n" not in description, (path, description)
        assert head.one("og:description") == head.one("twitter:description") == description
        assert head.one("og:type") in ("article", "website")
        assert head.one("og:site_name") == site_name
        title = head.one("og:title")
        assert title and head.one("twitter:title") == title and head.title.startswith(title)
        assert head.one("og:url") == head.canonical == SITE_URL + PREFIX[lang] + path
        assert head.one("og:locale") == LOCALES[lang]
        assert sorted(head.meta["og:locale:alternate"]) == sorted(v for k, v in LOCALES.items() if k != lang)
        assert head.one("twitter:card") == "summary"
        assert len(head.meta["description"]) == 1  # Material's English site description is gone


@pytest.mark.parametrize("lang", PREFIX)
def test_an_entry_page_describes_itself_with_its_own_summary_in_the_page_language(built_site, lang):
    talker = fixture_entry("archetypes", "talker")
    for path in ("archetypes/talker/", "cheatsheets/talker/"):
        head = Head((built_site / PREFIX[lang] / path / "index.html").read_text("utf-8"))
        assert head.one("description") == talker["summary"][lang]
        assert head.one("og:type") == "article"
    assert Head((built_site / PREFIX[lang] / "archetypes/talker/index.html").read_text("utf-8")).one(
        "og:title") == talker["name"][lang]
    home = Head((built_site / PREFIX[lang] / "index.html").read_text("utf-8"))
    assert home.one("description") == plain(ui("home_intro", lang))
    assert home.one("og:type") == "website" and home.one("og:title") == ui("site_name", lang)
    index = Head((built_site / PREFIX[lang] / "symptoms/index.html").read_text("utf-8"))
    assert index.one("description") == ui("symptoms_intro", lang)


@pytest.mark.parametrize("lang", PREFIX)
def test_hreflang_alternates_lead_to_the_same_page_in_all_four_languages_plus_x_default(built_site, lang):
    for path, file in pages(built_site, lang).items():
        head = Head(file.read_text("utf-8"))
        expected = {other: SITE_URL + PREFIX[other] + path for other in PREFIX}
        assert head.alternates == {**expected, "x-default": expected["en"]}, path


def test_sitemap_index_covers_four_language_sitemaps_with_alternates_and_git_dates(built_site):
    index = ET.parse(built_site / "sitemap_index.xml").getroot()
    listed = [loc.text for loc in index.findall("s:sitemap/s:loc", NS)]
    assert listed == [SITE_URL + PREFIX[lang] + "sitemap.xml" for lang in PREFIX]
    assert (built_site / "robots.txt").read_text() == f"Sitemap: {SITE_URL}sitemap_index.xml\n"
    # --full-history: as the build reads dates (one log of the whole folder), a commit that changed the
    # file and one that changed it back both count.
    talker_date = subprocess.run(["git", "log", "-1", "--full-history", "--format=%cs", "--",
                                  "content/archetypes/talker.yml"],
                                 cwd=FIXTURE, capture_output=True, text=True).stdout.strip()
    assert talker_date, "the fixture is committed: git knows its dates"
    for lang in PREFIX:
        urls = ET.parse(built_site / PREFIX[lang] / "sitemap.xml").getroot().findall("s:url", NS)
        by_loc = {url.find("s:loc", NS).text: url for url in urls}
        assert set(by_loc) == {SITE_URL + PREFIX[lang] + path for path in pages(built_site, lang)}
        for loc, url in by_loc.items():
            path = loc[len(SITE_URL + PREFIX[lang]):]
            alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
            assert alternates == {**{o: SITE_URL + PREFIX[o] + path for o in PREFIX}, "x-default": SITE_URL + path}
        talker = by_loc[SITE_URL + PREFIX[lang] + "archetypes/talker/"]
        assert talker.find("s:lastmod", NS).text == talker_date
        assert by_loc[SITE_URL + PREFIX[lang]].find("s:lastmod", NS) is None  # no entry file: no date is better


@pytest.mark.parametrize("lang", PREFIX)
def test_a_404_page_in_each_language_links_search_and_the_kind_indexes(built_site, lang):
    html = (built_site / PREFIX[lang] / "404.html").read_text("utf-8")
    assert f'<html lang="{lang}"' in html
    head = Head(html)
    assert head.title.startswith(ui("site_name", lang))
    assert head.one("description") == ui("not_found_text", lang)
    assert f"<h1>{ui('not_found_title', lang)}</h1>" in html
    root = "/handbook/" + PREFIX[lang]
    assert f'href="{root}?q="' in html
    for kind in ("archetypes", "symptoms", "responses", "sources"):
        assert f'<a href="{root}{kind}/" data-kind="{kind}">{ui(kind, lang)}</a>' in html
    assert "404 - Not found" not in html


def test_description_is_plain_and_cut_on_a_word_boundary():
    assert plain("  One\n two\tthree  ") == "One two three"
    long = "word " * 60
    cut = plain(long)
    assert len(cut) <= DESCRIPTION_LIMIT and cut.endswith("word…") and "  " not in cut
    assert plain("a" * 300) == "a" * 159 + "…"
    exact = "x" * 155 + " yyyy"
    assert plain(exact) == exact  # 160 characters: kept whole
    assert plain(exact + "y") == "x" * 155 + "…"
    assert plain("") == ""


def test_site_url_must_be_an_absolute_web_address():
    assert check_site_url("https://example.org/handbook") == "https://example.org/handbook/"
    for bad in (None, "", "example.org/handbook/", "/handbook/", "ftp://example.org/", "javascript:alert(1)"):
        with pytest.raises(AddressError, match="site_url"):
            check_site_url(bad)


def test_repository_comes_from_the_github_actions_environment():
    env = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "someone/handbook-fork",
           "DEFAULT_BRANCH": "trunk"}
    assert repository_from_environment(env) == Repository("https://github.com/someone/handbook-fork", "trunk")
    assert repository_from_environment(env).edit_uri == "edit/trunk/"
    assert repository_from_environment({"GITHUB_REPOSITORY": "a/b"}) == Repository("https://github.com/a/b")
    assert repository_from_environment({}) is None
    with pytest.raises(AddressError, match="owner/name"):
        repository_from_environment({"GITHUB_REPOSITORY": "a/b/../c"})


def _set_site_url(project: Path, line: str | None) -> None:
    config = project / "mkdocs.yml"
    lines = [x for x in config.read_text("utf-8").splitlines() if not x.startswith("site_url:")]
    config.write_text("\n".join(([line] if line else []) + lines) + "\n", "utf-8")


@pytest.mark.build
def test_a_missing_site_url_fails_the_build_with_a_clear_message(project, tmp_path):
    _set_site_url(project, None)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "site_url is not set in mkdocs.yml" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


@pytest.mark.build
def test_a_site_url_without_scheme_is_refused(project, tmp_path):
    _set_site_url(project, "site_url: example.org/handbook/")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "site_url" in result.stderr and "http://" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.build
def test_edit_links_open_the_repository_the_build_runs_in(project, tmp_path):
    env = {"GITHUB_REPOSITORY": "someone/handbook-fork", "GITHUB_SERVER_URL": "https://github.com",
           "DEFAULT_BRANCH": "trunk"}
    result = mkdocs_build(project, tmp_path / "site", env)
    assert result.returncode == 0, result.stderr
    assert "placeholder repository" not in result.stderr
    for lang in PREFIX:
        html = (tmp_path / "site" / PREFIX[lang] / "symptoms/long-stories/index.html").read_text("utf-8")
        assert 'href="https://github.com/someone/handbook-fork/edit/trunk/content/symptoms/long-stories.yml"' in html


def test_a_local_build_with_the_placeholder_repository_says_once_how_to_set_it(copy_built):
    stderr = (copy_built / "build.log").read_text("utf-8")  # a successful build of a copy of the fixture project
    hints = [line for line in stderr.splitlines() if "placeholder repository" in line]
    assert len(hints) == 1 and "GITHUB_REPOSITORY=<owner>/<name>" in hints[0] and "repo_url" in hints[0]


def test_relative_urls_are_what_posixpath_makes():
    import itertools
    import posixpath

    from generator.render.urls import relative_url as _relative_url

    pages = ["index.md", "diagnose.md", "print.md", "archetypes/index.md", "archetypes/talker.md", "tags/time.md",
             "cheatsheets/talker.md", "practice/index.md", "practice/print.md", "tags/index.md"]
    targets = [".", "archetypes/", "archetypes/talker/", "archetypes/talker-two/", "tags/", "tags/time/",
               "practice/", "practice/print/", "print/", "diagnose/", "cheatsheets/talker/", "symptoms/x/"]
    for src_uri, target in itertools.product(pages, targets):
        here = posixpath.dirname(src_uri)
        if not src_uri.endswith("index.md"):
            here = posixpath.join(here, posixpath.basename(src_uri)[:-3])
        assert _relative_url(src_uri, target) == posixpath.relpath(target, here or ".").rstrip("/") + "/", (
            src_uri, target)
