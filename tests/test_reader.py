"""The reader's pages as built: counts by CLDR plural rules, typography, alphabetical order, orientation, paper."""

from __future__ import annotations

import re
import subprocess

import pytest
import segno
from conftest import FIXTURE, REPO

from generator.language.collation import sort_key
from generator.language.plurals import plural, table_problems
from generator.language.strings import ui_strings
from generator.language.typography import quote, typeset
from generator.render.qr import MASK

LANGS = {"en": "", "fr": "fr/", "ro": "ro/", "ru": "ru/"}
# What a native reader expects for 1, 2, 5 and 21 (also checked in the browser, test_reader_browser.py).
PLURALS = {
    ("count_archetypes", "en"): ["1 client type", "2 client types", "5 client types", "21 client types"],
    ("count_archetypes", "fr"): ["1 type de client", "2 types de clients", "5 types de clients", "21 types de clients"],
    ("count_archetypes", "ro"): ["1 tip de client", "2 tipuri de clienți", "5 tipuri de clienți",
                                 "21 de tipuri de clienți"],
    ("count_archetypes", "ru"): ["1 тип клиентов", "2 типа клиентов", "5 типов клиентов", "21 тип клиентов"],
    ("diagnose_ticked", "en"): ["1 sign ticked", "2 signs ticked", "5 signs ticked", "21 signs ticked"],
    ("diagnose_ticked", "fr"): ["1 signe coché", "2 signes cochés", "5 signes cochés", "21 signes cochés"],
    ("diagnose_ticked", "ro"): ["1 semn bifat", "2 semne bifate", "5 semne bifate", "21 de semne bifate"],
    ("diagnose_ticked", "ru"): ["Отмечен 1 признак", "Отмечено 2 признака", "Отмечено 5 признаков",
                                "Отмечен 21 признак"],
}
# "{n} of {total}" agrees with the total in en, ro and ru, with n in French.
MATCHES = {
    "en": ["1 of 1 sign", "1 of 2 signs", "1 of 5 signs", "1 of 21 signs"],
    "fr": ["1 signe sur 1", "1 signe sur 2", "1 signe sur 5", "1 signe sur 21"],
    "ro": ["1 din 1 semn", "1 din 2 semne", "1 din 5 semne", "1 din 21 de semne"],
    "ru": ["1 из 1 признака", "1 из 2 признаков", "1 из 5 признаков", "1 из 21 признака"],
}
FR_MATCHES_BY_N = ["1 signe sur 21", "2 signes sur 21", "5 signes sur 21", "21 signes sur 21"]
NUMBERS = (1, 2, 5, 21)


def page(site, lang, path):
    """A built page's HTML (site a folder), or the HTML of its article, rendered in process (site: rendered)."""
    if isinstance(site, dict):
        return site[lang][path]
    return (site / LANGS[lang] / path).read_text("utf-8")


def article(html: str) -> str:
    """The article of a built page."""
    return html.split("<article", 1)[1].split("</article>", 1)[0]


@pytest.mark.parametrize("key,lang", PLURALS)
def test_counts_take_the_cldr_plural_form(key, lang):
    assert [plural(key, lang, n) for n in NUMBERS] == PLURALS[key, lang]


@pytest.mark.parametrize("lang", LANGS)
def test_a_count_can_agree_with_another_number_than_the_first(lang):
    assert [plural("diagnose_matches", lang, 1, total=t) for t in NUMBERS] == MATCHES[lang]
    if lang == "fr":
        assert [plural("diagnose_matches", lang, n, total=21) for n in NUMBERS] == FR_MATCHES_BY_N


def test_plural_strings_have_exactly_the_cldr_categories_of_each_language():
    assert table_problems() == []
    strings = ui_strings()
    assert set(strings["count_signs"]["ru"]) == {"one", "few", "many", "other"}
    assert set(strings["count_signs"]["ro"]) == {"one", "few", "other"}
    assert set(strings["count_signs"]["fr"]) == {"one", "many", "other"}


def test_a_wrong_plural_table_is_reported(monkeypatch):
    table = dict(ui_strings())
    table["count_signs"] = {**table["count_signs"], "ro": {"one": "{n} semn", "other": "{n} semne"}}
    monkeypatch.setattr("generator.language.plurals.ui_strings", lambda: table)
    assert table_problems() == ["count_signs (ro): categories ['one', 'other'], CLDR has ['few', 'one', 'other']"]


def test_every_ui_string_is_in_the_four_languages():
    missing = [f"{key}: {lang}" for key, value in ui_strings().items() for lang in LANGS if not value.get(lang)]
    assert missing == []


@pytest.mark.parametrize("lang,written,expected", [
    ("fr", '"Je vous propose l\'option A : voici les faits."',
     "«\u202fJe vous propose l'option A\u00a0: voici les faits.\u202f»"),
    ("fr", "« Déjà entre guillemets ! »", "«\u202fDéjà entre guillemets\u202f!\u202f»"),
    ("ro", '"Vă propun varianta A."', "„Vă propun varianta A.”"),
    ("ro", "„Deja între ghilimele”", "„Deja între ghilimele”"),
    ("ru", '"Давайте закроем вопросы."', "«Давайте закроем вопросы.»"),
    ("ru", "«Уже в кавычках»", "«Уже в кавычках»"),
    ("en", '"He said "yes" twice."', "“He said ‘yes’ twice.”"),
    ("en", "No quotes at all.", "“No quotes at all.”"),
])
def test_words_to_say_take_the_language_quotes_once(lang, written, expected):
    assert quote(written, lang) == expected


def test_french_text_gets_non_breaking_spaces_and_quotes():
    assert typeset('Attention : il dit "non" ; pourquoi ?', "fr") == \
        "Attention\u00a0: il dit «\u202fnon\u202f»\u202f; pourquoi\u202f?"
    assert typeset("http://example.org/a:b", "fr") == "http://example.org/a:b"
    assert typeset("Note: plain", "en") == "Note: plain"


def test_names_sort_by_each_languages_alphabet():
    ro = ["Țeapă", "Șef", "Sz", "Îngâmfat", "Iute", "Ăla", "Ab", "Zgârcit"]
    assert sorted(ro, key=lambda n: sort_key(n, "ro")) == ["Ab", "Ăla", "Iute", "Îngâmfat", "Sz", "Șef", "Țeapă",
                                                            "Zgârcit"]
    ru = ["Яма", "Йод", "Ёж", "Еда", "Жук", "Ива"]
    assert sorted(ru, key=lambda n: sort_key(n, "ru")) == ["Еда", "Ёж", "Жук", "Ива", "Йод", "Яма"]
    fr = ["Zèbre", "Éclair", "Eau", "Exact"]
    assert sorted(fr, key=lambda n: sort_key(n, "fr")) == ["Eau", "Éclair", "Exact", "Zèbre"]


def test_topic_pages_count_with_plural_forms(rendered):
    ru = page(rendered, "ru", "tags/index.html")
    assert "оплата</strong></a>: 1 тип клиентов, 0 ответов" in ru
    assert "типы клиентов" not in ru.split("</h1>", 1)[1].lower().split("<ul>", 1)[1]
    ro = page(rendered, "ro", "tags/index.html")
    assert "plată</strong></a>: 1 tip de client, 0 răspunsuri" in ro
    assert "timp</strong></a>: 0 tipuri de clienți, 0 răspunsuri" in ro  # 0 is 'few' in Romanian


@pytest.mark.parametrize("lang,order", [
    ("en", ["know-it-all", "penny-pincher", "talker"]),   # Know-it-all, Penny-pincher, Talker
    ("fr", ["talker", "know-it-all", "penny-pincher"]),   # Bavard, Je-sais-tout, Penny-pincher
    ("ro", ["know-it-all", "penny-pincher", "talker"]),   # Atotștiutorul, Penny-pincher, Vorbărețul
    ("ru", ["talker", "know-it-all", "penny-pincher"]),   # Болтун, Всезнайка, Скряга
])
def test_print_lists_entries_in_the_readers_alphabetical_order(rendered, lang, order):
    html = page(rendered, lang, "print/index.html")
    found = re.findall(r'id="archetypes-([a-z-]+)"', html)
    assert found == order


def test_print_quotes_the_words_to_say_once_in_the_language_quotes(rendered):
    fr = page(rendered, "fr", "print/index.html")
    assert "«\u202fRéglons ces six questions en une heure.\u202f»" in fr
    assert "«\u202f«" not in fr and '«"' not in fr and "«\u202f&quot;" not in fr
    ro = page(rendered, "ro", "print/index.html")
    assert "„Să lămurim aceste șase întrebări într-o oră.”" in ro


def test_french_pages_keep_colons_with_their_words(rendered):
    fr = page(rendered, "fr", "archetypes/know-it-all/index.html")
    assert re.search("Aussi appelé(&nbsp;|\u00a0):", fr)
    assert not re.search(r"\w :", fr.replace("\u00a0", "_"))


@pytest.mark.parametrize("lang,home,kind", [("en", "Home", "Client types"), ("fr", "Accueil", "Types de clients"),
                                            ("ro", "Acasă", "Tipuri de clienți"), ("ru", "Главная", "Типы клиентов")])
def test_entry_pages_have_breadcrumbs_before_the_title(rendered, lang, home, kind):
    html = page(rendered, lang, "archetypes/talker/index.html")
    crumbs = html.split('<nav class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert f'<a href="../../">{home}</a>' in crumbs and f'<a href="../">{kind}</a>' in crumbs
    assert 'aria-current="page"' in crumbs
    assert html.index('class="breadcrumbs"') < html.index("<h1")


@pytest.mark.parametrize("lang,before,after", [
    ("en", "penny-pincher", None),        # Know-it-all, Penny-pincher, Talker: Talker is last
    ("fr", None, "know-it-all"),          # Bavard is first
    ("ro", "penny-pincher", None),        # Vorbărețul is last
    ("ru", None, "know-it-all"),          # Болтун is first
])
def test_previous_and_next_follow_the_readers_alphabetical_order(rendered, lang, before, after):
    html = page(rendered, lang, "archetypes/talker/index.html")
    prev = re.search(r'rel="prev" href="\.\./([a-z-]+)/"', html)
    nxt = re.search(r'rel="next" href="\.\./([a-z-]+)/"', html)
    assert (prev and prev.group(1)) == before
    assert (nxt and nxt.group(1)) == after


def test_title_of_an_entry_page_is_its_name(built_site):
    html = page(built_site, "ru", "archetypes/talker/index.html")
    assert "<title>Болтун - " in html


@pytest.mark.parametrize("lang,month", [("en", "November"), ("fr", "novembre"), ("ro", "noiembrie"),
                                        ("ru", "ноября")])
def test_last_updated_is_the_last_commit_of_the_content_file_in_the_readers_language(built_site, lang, month):
    path = "content/symptoms/long-stories.yml"
    day = subprocess.run(["git", "log", "-1", "--full-history", "--format=%cs", "--", path], cwd=FIXTURE,
                         capture_output=True, text=True).stdout.strip()  # --full-history: as the build reads it
    if not day:
        pytest.skip("the fixture is not in a git checkout")
    html = article(page(built_site, lang, "symptoms/long-stories/index.html"))
    found = re.search(r'<time datetime="([\d-]+)">([^<]+)</time>', html)
    assert found and found.group(1) == day
    if day[5:7] == "11":  # the fixture's commit month: its localized name must be the language's own word
        assert month in found.group(2) and day[:4] in found.group(2)


def test_no_date_without_git_history(copy_built):
    site = copy_built / "site"  # a copy of the fixture project, built outside git
    assert "<time" not in article((site / "archetypes/talker/index.html").read_text("utf-8"))


def test_home_shows_each_type_with_its_summary_and_telltale_sign_grouped(rendered):
    ru = page(rendered, "ru", "index.html")
    assert 'id="group-communication"' in ru and 'id="group-payment"' in ru
    item = ru.split('href="archetypes/penny-pincher/"', 1)[1].split("</li>", 1)[0]
    assert "Скряга" in item and 'href="symptoms/more-for-same-price/"' in item and "Главный признак" in item
    en = page(rendered, "en", "index.html")
    assert "Believes they know best." in en  # the summary's first sentence


@pytest.mark.parametrize("lang,title", [("en", "Cheat sheet: Talker"), ("fr", "Aide-mémoire\u00a0: Bavard"),
                                        ("ro", "Fișă rapidă: Vorbărețul"), ("ru", "Шпаргалка: Болтун")])
def test_cheat_sheet_has_a_localized_title_and_an_unbroken_outline(built_site, lang, title):
    html = page(built_site, lang, "cheatsheets/talker/index.html")
    assert f"<title>{title.replace(chr(160), ' ')} - " in html  # the theme's striptags makes spaces plain
    levels = [int(n) for n in re.findall(r"<h([1-6])\b", article(html))]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels


@pytest.mark.parametrize("lang", LANGS)
def test_cheat_sheet_has_steps_words_to_say_and_a_qr_code_of_its_online_page(rendered, lang):
    html = page(rendered, lang, "cheatsheets/talker/index.html")
    url = f"https://example.org/handbook/{LANGS[lang]}archetypes/talker/"
    assert f'<a href="{url}">example.org/handbook/{LANGS[lang]}archetypes/talker/</a>' in html
    svg = re.search(r"<svg [^>]*class=\"qr\"[^>]*>(.*?)</svg>", html, re.S)
    assert svg and 'role="img"' in svg.group(0) and "aria-label=" in svg.group(0)
    expected = segno.make(url, error="m", mask=MASK).svg_inline(scale=1, border=2, omitsize=True, lineclass=None)
    assert re.search(r' d="([^"]+)"', expected).group(1) in svg.group(1)  # the code encodes this page's URL
    time_box = html.split('id="do-time-box"', 1)[1]
    assert "<li>" in time_box and "<blockquote>" in time_box  # steps and the words to say


def test_diagnosis_page_carries_the_plural_forms_for_the_browser(rendered):
    html = page(rendered, "ru", "diagnose/index.html")
    data = re.search(r'data-matches="([^"]+)"', html).group(1).replace("&#34;", '"').replace("&quot;", '"')
    assert '"by": "total"' in data and '"few": "{n} из {total} признаков"' in data


def test_readme_mentions_the_reader_features():
    readme = (REPO / "README.md").read_text("utf-8")
    assert "cheat sheet" in readme.lower()
