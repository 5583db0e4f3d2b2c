"""A corpus of bad content: every mistake gets its exact `path:line:col: field: message (hint)` line.

Each case breaks a private copy of the fixture project and runs `python -m generator check` the way
a contributor does. The whole output is compared, so a case also proves that nothing else is
reported and that no traceback leaks. (The cases of test_errors.py are not repeated here.)
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import ENV, REPO

SYMPTOM = """\
name: {en: "Calls at night"}
summary: {en: "Calls at 2 a.m."}
citations: [{source: article-one, section: talker}]
"""

TALKER = "archetypes/talker.yml"
KNOW_IT_ALL = "archetypes/know-it-all.yml"
PENNY = "archetypes/penny-pincher.yml"
STORIES = "symptoms/long-stories.yml"
TIME_BOX = "responses/time-box.yml"
ARTICLE_ONE = "sources/article-one.yml"
ARTICLE_TWO = "sources/article-two.yml"
NEW = "symptoms/x.yml"

# Nine lists of nine references to the previous one: 9**9 strings if anything expanded it.
BILLION_LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8))


def put(content: Path, rel: str, text: str | bytes) -> None:
    path = content / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))


def edit(content: Path, rel: str, old: str, new: str) -> None:
    path = content / rel
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} is not in {rel}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def add(content: Path, rel: str, more: str) -> None:
    path = content / rel
    path.write_text(path.read_text("utf-8") + more, "utf-8")


def nested_mappings(depth: int) -> str:
    return "name:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(depth)) + "  " * (depth + 1) + "x\n"


def section(section_id: str) -> str:
    """A section for article-two (Russian, translated): its translations too."""
    translated = "".join(f'      {lang}: {{heading: "Extra", text: "Extra text."}}\n' for lang in ("en", "fr", "ro"))
    return f'  - id: {section_id}\n    heading: "Extra"\n    text: "Extra text."\n    translations:\n{translated}'


def steps(*actions):
    def run(content: Path) -> None:
        for action in actions:
            action(content)
    return run


def P(rel: str, text):  # noqa: N802 - short names keep the table readable
    return lambda c: put(c, rel, text)


def E(rel: str, old: str, new: str):  # noqa: N802
    return lambda c: edit(c, rel, old, new)


def A(rel: str, more: str):  # noqa: N802
    return lambda c: add(c, rel, more)


PLACEHOLDER = "placeholder left: fill in this text (replace the TODO written by `python -m generator new`)"
EMPTY = "text is empty (write the text or remove the field)"
ID_HINT = "(use lowercase ASCII letters, digits and single hyphens, like 'fix-scope')"
FILE_ID = ("an id is lowercase ASCII letters, digits and single hyphens, like 'fix-scope' "
           "(the file name is the entry's id and its URL)")
CONTROL_HINT = "(delete it: invisible control characters usually come from copy and paste)"
DEEP = ("lists and mappings nested more than 16 deep "
        "(an entry nests only a few levels: check the brackets and indentation)")

# (name, how to break the project, the exact lines `generator check` prints)
CASES = [
    # YAML syntax
    ("tab in the indentation", P(NEW, SYMPTOM.replace("summary:", "\tsummary:")),
     ["content/symptoms/x.yml:2:1: YAML syntax error: a tab in the indentation "
      "(indent with spaces, not tabs)"]),
    ("unquoted colon in a text", P(NEW, "name:\n  en: Note: calls at night\n"),
     ["content/symptoms/x.yml:2:11: YAML syntax error: mapping values are not allowed in this context "
      "(a text containing ': ' must be quoted)"]),
    ("two documents in one file", P(NEW, SYMPTOM + "---\n" + SYMPTOM),
     ["content/symptoms/x.yml:4:1: the file holds more than one YAML document ('---' starts a new one) "
      "(keep one entry per file: remove this '---' line and what follows)"]),
    ("only a document marker", P(NEW, "---\n"),
     ["content/symptoms/x.yml:1:1: file is empty (run `python -m generator new` for a skeleton entry)"]),
    ("only comments", P(NEW, "# name: {en: x}\n\n# summary: {en: y}\n"),
     ["content/symptoms/x.yml:1:1: file is empty (run `python -m generator new` for a skeleton entry)"]),
    ("duplicate key in a nested mapping", E(TALKER, 'fr: "Bavard"', 'fr: "Bavard", fr: "Causeur"'),
     ["content/archetypes/talker.yml:1:36: name.fr: duplicate key 'fr' (first at line 1) "
      "(remove one of them; YAML would silently keep the last)"]),
    ("field name that is a list", P(NEW, SYMPTOM + "? [a, b]\n: c\n"),
     ["content/symptoms/x.yml:4:3: a field name must be plain text "
      "(write a name followed by a colon, like 'name:')"]),
    ("merge key", P(NEW, SYMPTOM + "<<: {examples: []}\n"),
     ["content/symptoms/x.yml:4:1: <<: merge keys (<<) are not allowed (write the fields out in full)"]),
    # YAML that is unsafe or too costly to read
    ("billion laughs", P(NEW, BILLION_LAUGHS),
     ["content/symptoms/x.yml:1:4: YAML anchors and aliases (&name, *name) are not allowed "
      "(write the value out in full)"]),
    ("python tag", P(NEW, SYMPTOM.replace('"Calls at night"', "!!python/object/apply:os.system [echo hi]")),
     ["content/symptoms/x.yml:1:12: YAML tags like '!!python/object/apply:os.syst…' are not allowed "
      "(remove the tag; put text in quotes)"]),
    ("custom tag", P(NEW, SYMPTOM.replace('"Calls at night"', "!secret night")),
     ["content/symptoms/x.yml:1:12: YAML tags like '!secret' are not allowed "
      "(remove the tag; put text in quotes)"]),
    ("10,000 nested lists", P(NEW, "name: " + "[" * 10000 + "]" * 10000 + "\n"),
     [f"content/symptoms/x.yml:1:1006: {DEEP}"]),
    ("mappings nested 20 deep", P(NEW, nested_mappings(20)),
     [f"content/symptoms/x.yml:17:33: {DEEP}"]),
    ("list of 3,000 items", P(NEW, SYMPTOM + "examples: [" + ", ".join(["{en: x}"] * 3000) + "]\n"),
     ["content/symptoms/x.yml:4:11: more than 2,000 items in one list or mapping "
      "(an entry has a few dozen items at most; split the text)"]),
    ("file over 256 KB", P(NEW, SYMPTOM + "# " + "x" * (256 * 1024) + "\n"),
     ["content/symptoms/x.yml:1:1: file is 262,261 bytes, more than the 262,144 allowed "
      "(split the entry or shorten its text)"]),
    # encoding
    ("UTF-16 file", P(NEW, SYMPTOM.encode("utf-16")),
     ["content/symptoms/x.yml:1:1: file is saved as UTF-16 (save it as UTF-8 without BOM)"]),
    ("Latin-1 byte after multibyte characters",
     P(NEW, SYMPTOM.encode().replace(b"2 a.m.", "à 2 h\xa0".encode() + b"\xe0")),
     ["content/symptoms/x.yml:2:31: byte 0xe0 is not valid UTF-8 (save the file as UTF-8)"]),
    ("NUL character", P(NEW, SYMPTOM.replace("2 a.m.", "2\x00a.m.")),
     [f"content/symptoms/x.yml:2:26: character U+0000 is not allowed in YAML {CONTROL_HINT}"]),
    ("terminal escape code", P(NEW, SYMPTOM.replace("night", "night\x1b[0m")),
     [f"content/symptoms/x.yml:1:27: character U+001B is not allowed in YAML {CONTROL_HINT}"]),
    # YAML 1.1 reads these as something other than text
    ("'on' in an example", A(STORIES, "examples:\n  - {en: on, fr: \"Oui\"}\n"),
     ["content/symptoms/long-stories.yml:5:10: examples[0].en: 'on' is read as a yes/no value, not as text "
      '(quote this value: "on")']),
    ("'1.10' as an alias", E(PENNY, '"скряга"]', "1.10]"),
     ["content/archetypes/penny-pincher.yml:2:23: aliases[1]: '1.10' is read as a number, not as text "
      '(quote this value: "1.10")']),
    ("date in a relation note", E(KNOW_IT_ALL, 'note: {en: "First choice."', "note: {en: 2024-01-01"),
     ["content/archetypes/know-it-all.yml:13:16: responses[0].note.en: '2024-01-01' is read as a date, "
      'not as text (quote this value: "2024-01-01")']),
    ("'yes' as a step", E(TIME_BOX, '{en: "First step of time-box."', "{en: yes"),
     ["content/responses/time-box.yml:4:10: steps[0].en: 'yes' is read as a yes/no value, not as text "
      '(quote this value: "yes")']),
    ("impossible date", E(STORIES, '{en: "Summary of long-stories."', "{en: 2024-13-45"),
     ["content/symptoms/long-stories.yml:2:15: summary.en: '2024-13-45' is read as a date "
      'and is not a valid one (quote this value: "2024-13-45")']),
    ("5,000-digit number", E(STORIES, '{en: "Summary of long-stories."', "{en: " + "9" * 5000),
     ["content/symptoms/long-stories.yml:2:15: summary.en: '" + "9" * 59 + "…' is read as a number "
      'and is not a valid one (quote this value: "' + "9" * 59 + '…")']),
    ("'~' as a text", E(STORIES, 'fr: "Résumé de long-stories."', "fr: ~"),
     ["content/symptoms/long-stories.yml:2:47: summary.fr: '~' is read as an empty value, not as text "
      '(quote this value: "~")']),
    ("empty text", E(STORIES, 'fr: "Résumé de long-stories.", ', "fr: , "),
     [f"content/symptoms/long-stories.yml:2:47: summary.fr: {EMPTY}"]),
    ("blank text", E(STORIES, 'fr: "Résumé de long-stories."', 'fr: "   "'),
     [f"content/symptoms/long-stories.yml:2:47: summary.fr: {EMPTY}"]),
    ("'no' as a language", E(ARTICLE_ONE, "language: fr", "language: no"),
     ["content/sources/article-one.yml:2:11: language: 'no' is not one of: en, fr, ro, ru"]),
    ("'yes' as a tag", A(TALKER, "tags: [yes]\n"),
     ["content/archetypes/talker.yml:6:8: tags[0]: 'yes' is not one of: payment, scope, communication, "
      "respect, time, contract"]),
    # fields
    ("unknown language", E(TALKER, 'fr: "Bavard"', 'de: "Schwätzer"'),
     ["content/archetypes/talker.yml:1:22: name.de: unknown field 'de' (allowed here: en, fr, ro, ru)"]),
    ("language in capitals", E(TALKER, 'fr: "Bavard"', 'FR: "Bavard"'),
     ["content/archetypes/talker.yml:1:22: name.FR: unknown field 'FR' (did you mean 'fr'?)"]),
    ("unknown field in a relation", E(KNOW_IT_ALL, '    note: {en: "First', '    notes: {en: "First'),
     ["content/archetypes/know-it-all.yml:13:5: responses[0].notes: unknown field 'notes' "
      "(did you mean 'note'?)"]),
    ("relation without id", E(KNOW_IT_ALL, "  - id: convince-with-facts\n    note:", "  - note:"),
     ["content/archetypes/know-it-all.yml:12:5: responses[0]: missing required field 'id' "
      "(see the kind's schema or `python -m generator new`)"]),
    ("relation written as a list", E(TALKER, "responses: [time-box]", "responses: [[time-box]]"),
     ["content/archetypes/talker.yml:4:13: responses[0]: expected an id or a mapping with id: and note:, "
      "found a list"]),
    ("text instead of a mapping", E(TALKER, 'name: {en: "Talker", fr: "Bavard", ro: "Vorbărețul", '
                                            'ru: "Болтун"}', "name: Talker"),
     ["content/archetypes/talker.yml:1:7: name: expected a mapping of fields, found text"]),
    ("no citations", E(TALKER, "citations: [{source: article-one, section: talker}]", "citations: []"),
     ["content/archetypes/talker.yml:5:12: citations: the list is empty (write at least one item)"]),
    ("not a web address", E(ARTICLE_ONE, 'url: "https://example.org', 'url: "example.org'),
     ["content/sources/article-one.yml:9:6: url: 'example.org/article-one' is not a web address "
      "(write a full http:// or https:// URL)"]),
    ("translation version by hand", A(TALKER, "translated_from: {fr: latest}\n"),
     ["content/archetypes/talker.yml:6:23: translated_from.fr: 'latest' is not a version of the English text "
      "(8 hexadecimal digits) (let `python -m generator status --mark` write it)"]),
    ("line break in a field name", A(TALKER, '"respon\\nses": []\n'),
     ["content/archetypes/talker.yml:6:1: respon\\nses: unknown field 'respon\\nses' "
      "(did you mean 'responses'?)"]),
    # files and ids
    ("file name in capitals", P("symptoms/Calls-At-Night.yml", SYMPTOM),
     ["content/symptoms/Calls-At-Night.yml:1:1: file name 'Calls-At-Night.yml': an id is lowercase ASCII "
      "letters, digits and single hyphens, like 'fix-scope' (ids are lowercase: rename it to 'calls-at-night.yml')"]),
    ("file name 'index'", P("symptoms/index.yml", SYMPTOM),
     ["content/symptoms/index.yml:1:1: file name 'index.yml': 'index' is a reserved name "
      "(the file name is the entry's id and its URL)"]),
    ("file name with dots", P("symptoms/calls..night.yml", SYMPTOM),
     [f"content/symptoms/calls..night.yml:1:1: file name 'calls..night.yml': {FILE_ID}"]),
    ("file name with a backslash", P("symptoms/calls\\night.yml", SYMPTOM),
     [f"content/symptoms/calls\\night.yml:1:1: file name 'calls\\night.yml': {FILE_ID}"]),
    (".yaml extension", P("symptoms/calls-at-night.yaml", SYMPTOM),
     ["content/symptoms/calls-at-night.yaml:1:1: 'calls-at-night.yaml' is not a .yml file "
      "(entries are named <id>.yml; rename it to 'calls-at-night.yml')"]),
    ("editor backup", P("archetypes/talker.yml~", "old"),
     ["content/archetypes/talker.yml~:1:1: 'talker.yml~' is not a .yml file (move it out of content/)"]),
    ("misspelt kind folder", P("symptom/calls-at-night.yml", SYMPTOM),
     ["content/symptom:1:1: folder 'symptom' is not a kind of entry (did you mean 'symptoms'?)"]),
    ("entry outside the kind folders", P("calls-at-night.yml", SYMPTOM),
     ["content/calls-at-night.yml:1:1: 'calls-at-night.yml' is outside the kind folders "
      "(move it into one of archetypes/, symptoms/, responses/, sources/)"]),
    ("folder inside a kind folder", P("symptoms/drafts/calls-at-night.yml", SYMPTOM),
     ["content/symptoms/drafts:1:1: folder 'drafts' inside symptoms/ is not read "
      "(entries are files directly in content/symptoms/)"]),
    ("link that leads nowhere", lambda c: os.symlink("../../nowhere.yml", c / "symptoms/calls-at-night.yml"),
     ["content/symptoms/calls-at-night.yml:1:1: a symbolic link, which could read a file outside the repository "
      "(commit the file itself inside content/)"]),
    ("relation id escaping its folder", E(TALKER, "responses: [time-box]", "responses: [../time-box]"),
     [f"content/archetypes/talker.yml:4:13: responses[0]: '../time-box' is not a valid id {ID_HINT}"]),
    ("relation id with a slash", E(TALKER, "symptoms: [long-stories]", "symptoms: [symptoms/long-stories]"),
     ["content/archetypes/talker.yml:3:12: symptoms[0]: 'symptoms/long-stories' is not a valid id "
      + ID_HINT]),
    ("relation listed twice", E(TALKER, "responses: [time-box]", "responses: [time-box, time-box]"),
     ["content/archetypes/talker.yml:4:23: responses[1]: 'time-box' is listed twice (keep one of them)"]),
    ("unknown related archetype", A(TALKER, "related: [know-it-al]\n"),
     ["content/archetypes/talker.yml:6:11: related[0]: unknown archetype 'know-it-al' "
      "(did you mean 'know-it-all'?)"]),
    ("unknown source", E(TALKER, "source: article-one", "source: article-on"),
     ["content/archetypes/talker.yml:5:22: citations[0].source: unknown source 'article-on' "
      "(did you mean 'article-one'?)"]),
    ("section id not a slug", E(ARTICLE_ONE, "  - id: talker", "  - id: The Talker"),
     [f"content/sources/article-one.yml:23:9: sections[1].id: 'The Talker' is not a valid id {ID_HINT}"]),
    ("section id reserved for the page", A(ARTICLE_TWO, section("summary")),
     ["content/sources/article-two.yml:40:9: sections[2].id: section id 'summary' is reserved for the page "
      "(choose another id)"]),
    ("section id twice", A(ARTICLE_TWO, section("know-it-all")),
     ["content/sources/article-two.yml:40:9: sections[2].id: section id 'know-it-all' is used twice "
      "(section ids are anchors and must be unique)"]),
    # former ids: old URLs that redirect
    ("former id is the entry's own id", A(TALKER, "former_ids: [talker]\n"),
     ["content/archetypes/talker.yml:6:14: former_ids[0]: former id 'talker' is this entry's own id "
      "(remove it: former_ids lists the ids the entry had before a rename)"]),
    ("former id is another entry's id", A(TALKER, "former_ids: [know-it-all]\n"),
     ["content/archetypes/talker.yml:6:14: former_ids[0]: former id 'know-it-all' is the id of "
      "content/archetypes/know-it-all.yml (an old URL can lead to one entry only)"]),
    ("former id claimed twice", steps(A(TALKER, "former_ids: [chatterbox]\n"),
                                      A(KNOW_IT_ALL, "former_ids: [chatterbox]\n")),
     ["content/archetypes/talker.yml:6:14: former_ids[0]: former id 'chatterbox' is already a former id of "
      "content/archetypes/know-it-all.yml (an old URL can lead to one entry only)"]),
    ("former id of an entry that does not load", steps(A(TALKER, "former_ids: [know-it-all]\n"),
                                                       E(KNOW_IT_ALL, "summary:", "sumary:")),
     ["content/archetypes/know-it-all.yml:3:1: sumary: unknown field 'sumary' (did you mean 'summary'?)",
      "content/archetypes/talker.yml:6:14: former_ids[0]: former id 'know-it-all' is the id of "
      "content/archetypes/know-it-all.yml (an old URL can lead to one entry only)"]),
    ("former id 'index'", A(TALKER, "former_ids: [index]\n"),
     ["content/archetypes/talker.yml:6:14: former_ids[0]: former id 'index' is a reserved name "
      "(its redirect would replace a page of the site)"]),
    ("former id escaping its folder", A(TALKER, "former_ids: [../index]\n"),
     [f"content/archetypes/talker.yml:6:14: former_ids[0]: '../index' is not a valid id {ID_HINT}"]),
    # placeholders left from `python -m generator new`
    ("placeholder text", E(TALKER, 'ro: "Vorbărețul"', 'ro: "TODO name (Romanian)"'),
     [f"content/archetypes/talker.yml:1:40: name.ro: {PLACEHOLDER}"]),
    ("placeholder id", E(KNOW_IT_ALL, "  - id: convince-with-facts", "  - id: TODO-response-id"),
     [f"content/archetypes/know-it-all.yml:12:9: responses[0].id: {PLACEHOLDER}"]),
    ("placeholder address", E(ARTICLE_ONE, 'url: "https://example.org/article-one"', 'url: "https://TODO"'),
     [f"content/sources/article-one.yml:9:6: url: {PLACEHOLDER}"]),
    ("placeholder language", E(ARTICLE_ONE, "language: fr", "language: TODO"),
     [f"content/sources/article-one.yml:2:11: language: {PLACEHOLDER}"]),
]


def check(project: Path) -> subprocess.CompletedProcess:
    """`python -m generator check` in a subprocess, as a contributor runs it."""
    return subprocess.run([sys.executable, "-m", "generator", "check"], cwd=project,
                          capture_output=True, text=True, env=ENV, timeout=60)


def check_here(project: Path) -> subprocess.CompletedProcess:
    """The same command run in this process (its main(), in the project's folder): the same output and exit code
    without starting Python again, for the many cases below (check() keeps the real command covered)."""
    import contextlib
    import io

    from generator.cli import commands

    out, err = io.StringIO(), io.StringIO()
    here = Path.cwd()
    os.chdir(project)  # the command works on the folder it runs in
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = commands.main(["check"])
            except SystemExit as exit:
                code = exit.code
    finally:
        os.chdir(here)
    return subprocess.CompletedProcess(["check"], code, out.getvalue(), err.getvalue())


def test_the_corpus_is_large_and_has_unique_names():
    names = [case[0] for case in CASES]
    assert len(names) >= 30 and len(set(names)) == len(names)


@pytest.mark.parametrize("name,breaks,expected", CASES, ids=[case[0] for case in CASES])
def test_bad_input_gets_its_exact_message(project, name, breaks, expected):
    breaks(project / "content")
    result = check_here(project)
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert result.returncode == 1
    assert result.stdout.splitlines() == expected
    count = len(expected)
    assert f"{count} problem{'s' if count != 1 else ''} found" in result.stderr


def test_billion_laughs_is_refused_quickly_with_bounded_memory(tmp_path):
    path = tmp_path / "laughs.yml"
    path.write_text(BILLION_LAUGHS)
    # A fresh interpreter, so that its peak memory is the loader's alone.
    script = textwrap.dedent(f"""
        import sys, time, tracemalloc
        from pathlib import Path
        from generator.content.yamlfile import load_file
        # Memory the loader allocates (ru_maxrss would count the test worker's, inherited across fork and exec).
        tracemalloc.start()
        start = time.process_time()  # CPU time: a busy machine does not make it grow, expanding the aliases would
        doc, problems = load_file(Path({str(path)!r}), "laughs.yml")
        elapsed = time.process_time() - start
        assert doc is None and len(problems) == 1, problems
        print(problems[0])
        print(elapsed, tracemalloc.get_traced_memory()[1] // 1024)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO,
                            timeout=30)
    assert result.returncode == 0, result.stderr
    message, numbers = result.stdout.splitlines()
    assert "anchors and aliases" in message
    elapsed, peak_kb = numbers.split()
    assert float(elapsed) < 1.0
    assert int(peak_kb) < 20_000  # the loader reads a few kilobytes; 9**9 strings would be gigabytes


def test_a_file_at_the_size_cap_is_read(project):
    from generator.content.yamlfile import MAX_BYTES

    body = SYMPTOM + "# "
    text = body + "x" * (MAX_BYTES - len(body.encode()) - 1) + "\n"
    assert len(text.encode()) == MAX_BYTES
    put(project / "content", NEW, text)
    result = check(project)
    assert result.returncode == 0, result.stdout


def test_many_mistakes_in_one_file_are_capped(project):
    put(project / "content", NEW, SYMPTOM + "examples: [" + ", ".join(["{en: yes}"] * 80) + "]\n")
    result = check(project)
    lines = result.stdout.splitlines()
    assert len(lines) == 51
    assert all("is read as a yes/no value" in line for line in lines[:50])
    assert lines[50] == ("content/symptoms/x.yml:4:" + str(17 + 11 * 50) +
                         ": 30 more problems in this file are not shown (fix these first, then check again)")
    assert "51 problems found" in result.stderr


def test_a_fresh_skeleton_reports_only_its_placeholders(project):
    for kind in ("archetype", "symptom", "response", "source"):
        made = subprocess.run([sys.executable, "-m", "generator", "new", kind, f"new-{kind}"], cwd=project,
                              capture_output=True, text=True, env=ENV)
        assert made.returncode == 0, made.stderr
    result = check(project)
    lines = result.stdout.splitlines()
    todos = sum(path.read_text("utf-8").count("TODO") for path in (project / "content").glob("*/new-*.yml"))
    assert lines and all(line.endswith(f": {PLACEHOLDER}") for line in lines)
    assert len(lines) == todos


def test_nothing_is_slow(project):
    # Every hostile file of the corpus at once, in one project: one check, well under the time limit.
    content = project / "content"
    for i, (_, breaks, expected) in enumerate(CASES):
        if expected[0].startswith(f"content/{NEW}:"):
            breaks(content)
            (content / NEW).rename(content / f"symptoms/hostile-{i}.yml")
    start = time.perf_counter()
    result = check(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert time.perf_counter() - start < 10
