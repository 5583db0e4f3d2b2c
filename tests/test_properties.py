"""Property-based tests: valid fixture entries, mutated at random, never get through wrongly.

Whatever a contributor writes, `load_handbook` returns a handbook or raises ContentError whose
problems each name a file, a line and a column; it never raises anything else and never hangs.
A few slower examples run the real `mkdocs build --strict`: either a complete site, or a failure
with a file:line:col message and the previous site left exactly as it was.
"""

from __future__ import annotations

import datetime
import json
import re
import shutil
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURE, copy_fixture, mkdocs_build, snapshot
from hypothesis import HealthCheck, Phase, assume, event, given, settings
from hypothesis import strategies as st

from generator.content.handbook import load_handbook
from generator.content.model import KIND_ORDER
from generator.content.problems import ContentError, one_line
from generator.language.codes import LANGUAGES, prefix
from generator.render.site import render_all

CONTENT = FIXTURE / "content"
FILES = sorted(p.relative_to(CONTENT).as_posix() for p in CONTENT.glob("*/*.yml"))
ORIGINAL = {rel: (CONTENT / rel).read_bytes() for rel in FILES}
SCHEMAS = Path(__file__).resolve().parent.parent / "generator" / "schemas"


def _field_names() -> list[str]:
    names = set(LANGUAGES) | {"id", "note", "source", "section", "heading", "text"}
    for path in SCHEMAS.glob("*.schema.json"):
        names |= set(json.loads(path.read_text("utf-8")).get("properties", {}))
    return sorted(names)


FIELDS = _field_names()
IDS = sorted({Path(rel).stem for rel in FILES} | {"index", "summary", "talker"})
# Words YAML 1.1 reads as something other than text, and text that is special to Markdown, HTML or Jinja.
TRICKY = ["yes", "no", "on", "off", "~", "null", "1.10", "2024-01-01", "2024-13-45", "0x1F", "1_000", "1:30",
          ".inf", "<<", "=", "TODO text", "https://TODO", "{{ x }}", "{% if %}", "{#signs}",
          "<script>x</script>", "# heading", "- item", "1. item", "[link](http://x)", "*bold*", "`code`",
          "&amp;", "\\", "|", "", " ",
          "\u00a0", "\u200b", "a\u2028b", "\ufeff", "\x85", "ß", "İ", "🙂", "\u0301"]
# Plain values written straight after 'key: ' or '- ': what YAML makes of them is the question.
RAW_VALUES = ["yes", "No", "on", "~", "1.10", "2024-01-01", "2024-13-45", "2024-02-30", "9" * 5000, "<<", "=",
              "!x y", "!!str 1", "!!binary aGk=", "!!timestamp x", "&a x", "*a", "[" * 2000, "{a: " * 50,
              "|\n  block", ">-\n  folded", "'unclosed", '"unclosed', "TODO", "? x", "- - - x", "x: y: z",
              "\"\\ud800\"", "\"\\x00\"", "@x", "`x`", "%x", "1e999", "0o17", "0x_"]
SYNTAX = [":", ": ", "- ", "{", "}", "[", "]", ",", "&a ", "*a", "!!str ", "!x ", "|", ">", "'", '"', "%",
          "@", "`", "#", "? ", "---\n", "...\n", "\t", "\n", "\r", "\r\n", "  ", "<<: ", "\\", "\ufeff",
          "\x00", "\x85", "\u2028", "name: ", "en: ", "- id: ", "*", "&"]

texts = st.one_of(st.text(max_size=30), st.sampled_from(TRICKY))
slugs = st.one_of(st.sampled_from(IDS), st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}\Z"))
scalars = st.one_of(texts, slugs, st.booleans(), st.none(), st.integers(-10**30, 10**30),
                    st.floats(allow_nan=False), st.dates(min_value=datetime.date(1, 1, 1)))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3),
    st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=8)), inner, max_size=3)),
    max_leaves=6)
keys = st.one_of(st.sampled_from(FIELDS), st.text(max_size=12), st.sampled_from([f.upper() for f in FIELDS]))


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, path + (i,))


def _get(node, path):
    for part in path:
        node = node[part]
    return node


@st.composite
def data_mutation(draw) -> tuple[str, bytes]:
    """One fixture file, parsed, changed in its structure or values, written back as YAML."""
    rel = draw(st.sampled_from(FILES))
    data = yaml.safe_load(ORIGINAL[rel])
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(list(_paths(data))))
        parent, last = (_get(data, path[:-1]), path[-1]) if path else (None, None)
        node = _get(data, path)
        operation = draw(st.sampled_from(["delete", "rename", "replace", "insert", "add", "swap-id"]))
        if operation == "delete" and parent is not None:
            del parent[last]
        elif operation == "rename" and isinstance(parent, dict):
            parent[draw(keys)] = parent.pop(last)
        elif operation == "replace":
            if parent is None:
                data = draw(values)
            else:
                parent[last] = draw(values)
        elif operation == "insert" and isinstance(node, str) and parent is not None:
            at = draw(st.integers(0, len(node)))
            parent[last] = node[:at] + draw(texts) + node[at:]
        elif operation == "add" and isinstance(node, (dict, list)):
            if isinstance(node, dict):
                node[draw(keys)] = draw(values)
            else:
                node.insert(draw(st.integers(0, len(node))), draw(values))
        elif operation == "swap-id" and isinstance(node, str) and parent is not None:
            parent[last] = draw(slugs)
    flow = draw(st.sampled_from([None, True, False]))
    text = yaml.safe_dump(data, allow_unicode=draw(st.booleans()), default_flow_style=flow, sort_keys=False)
    return rel, text.encode("utf-8")


TEXT_KEYS = set(LANGUAGES) | {"title", "heading", "text", "aliases"}


@st.composite
def text_values(draw) -> tuple[str, bytes]:
    """One fixture file with some of its texts replaced by odd but valid text: the structure stays."""
    rel = draw(st.sampled_from(FILES))
    data = yaml.safe_load(ORIGINAL[rel])
    places = [p for p in _paths(data) if p and isinstance(_get(data, p), str)
              and (p[-1] in TEXT_KEYS or len(p) > 1 and p[-2] in TEXT_KEYS)]
    for path in draw(st.lists(st.sampled_from(places), min_size=1, max_size=4)):
        old = _get(data, path)
        new = draw(st.one_of(st.text(min_size=1, max_size=40), st.sampled_from(TRICKY)))
        at = draw(st.integers(0, len(old)))
        _get(data, path[:-1])[path[-1]] = draw(st.sampled_from([new, old[:at] + new + old[at:]]))
    text = yaml.safe_dump(data, allow_unicode=draw(st.booleans()), sort_keys=False)
    return rel, text.encode("utf-8")


@st.composite
def text_mutation(draw) -> tuple[str, bytes]:
    """One fixture file with its bytes cut, spliced, or sprinkled with YAML syntax and odd characters."""
    rel = draw(st.sampled_from(FILES))
    raw = ORIGINAL[rel]
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(raw)))
        operation = draw(st.sampled_from(["truncate", "syntax", "value", "text", "bytes", "cut", "dup-line",
                                          "indent"]))
        if operation == "value":
            starts = [m.end() for m in re.finditer(rb"(: |- |\[|, )", raw)]
            if starts:
                at = draw(st.sampled_from(starts))
                stop = re.compile(rb"[,}\]\n]").search(raw, at)  # replace the whole value, mostly
                end = draw(st.sampled_from([stop.start() if stop else len(raw), at]))
                raw = raw[:at] + draw(st.sampled_from(RAW_VALUES)).encode() + raw[end:]
        elif operation == "truncate":
            raw = raw[:at]
        elif operation == "syntax":
            raw = raw[:at] + draw(st.sampled_from(SYNTAX)).encode() + raw[at:]
        elif operation == "text":
            raw = raw[:at] + draw(texts).encode("utf-8", "surrogatepass") + raw[at:]
        elif operation == "bytes":
            raw = raw[:at] + draw(st.binary(min_size=1, max_size=6)) + raw[at:]
        elif operation == "cut":
            raw = raw[:at] + raw[at + draw(st.integers(1, 20)):]
        else:
            lines = raw.split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            if operation == "dup-line":
                lines.insert(i, lines[i])
            else:
                lines[i] = b" " * draw(st.integers(1, 5)) + lines[i]
            raw = b"\n".join(lines)
    return rel, raw


file_names = st.one_of(
    slugs,
    st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)),
            min_size=1, max_size=16))


@st.composite
def file_mutation(draw) -> tuple[str, bytes | None, str | None]:
    """A file deleted, renamed, or copied under another (random) name or kind folder."""
    rel = draw(st.sampled_from(FILES))
    operation = draw(st.sampled_from(["delete", "rename", "copy"]))
    if operation == "delete":
        return rel, None, None
    name = draw(file_names) + draw(st.sampled_from([".yml", ".yml", ".yaml", "", ".YML", ".yml~"]))
    assume(name not in (".", "..") and len(name.encode()) < 200)
    folder = draw(st.sampled_from(list(KIND_ORDER) + ["", "symptom", "archetypes/sub"]))
    target = f"{folder}/{name}" if folder else name
    return (rel if operation == "rename" else None), ORIGINAL[rel], target


mutations = st.one_of(text_values(), data_mutation(), text_mutation())


class Hang(Exception):
    pass


@contextmanager
def time_limit(seconds: int):
    """Fail an example that takes longer than this, instead of hanging the run."""
    def stop(signum, frame):
        raise Hang(f"no answer after {seconds} s")
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _line_count(path: Path) -> int:
    text = path.read_bytes().decode("utf-8", "replace")
    return len(re.split(r"\r\n|\r|\n|\x85|\u2028|\u2029", text))


def load_or_report(project: Path):
    """The handbook, or None after checking that every problem is well-formed."""
    with time_limit(10):
        try:
            book = load_handbook(project / "content", project)
            event("content loaded")
            return book
        except ContentError as error:
            problems = error.problems
    event("content refused")
    assert problems
    for problem in problems:
        line = str(problem)
        assert problem.path.startswith("content/"), line
        assert problem.line >= 1 and problem.column >= 1, line
        assert problem.message.strip(), line
        assert "\n" not in line and "\r" not in line, line
        assert line.startswith(f"{one_line(problem.path)}:{problem.line}:{problem.column}: "), line
        file = project / problem.path
        if file.is_file() and not file.is_symlink():
            assert problem.line <= _line_count(file) + 1, line
    return None


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("properties")


def fresh_project(workdir: Path) -> Path:
    project = workdir / "project"
    if project.exists():
        shutil.rmtree(project)
    shutil.copytree(FIXTURE, project)
    return project


def write(project: Path, rel: str, raw: bytes) -> None:
    (project / "content" / rel).write_bytes(raw)


FAST = settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(mutation=data_mutation())
def test_changed_structure_or_values_load_or_report(workdir, mutation):
    project = fresh_project(workdir)
    write(project, *mutation)
    load_or_report(project)


@FAST
@given(mutation=text_mutation())
def test_damaged_bytes_load_or_report(workdir, mutation):
    project = fresh_project(workdir)
    write(project, *mutation)
    load_or_report(project)


@settings(max_examples=80, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(changes=st.lists(file_mutation(), min_size=1, max_size=3))
def test_files_renamed_deleted_or_copied_load_or_report(workdir, changes):
    project = fresh_project(workdir)
    content = project / "content"
    for source, raw, target in changes:
        if source and (content / source).exists():
            (content / source).unlink()
        if target:
            path = content / target
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(raw)
            except OSError:
                assume(False)  # a name this file system refuses: nobody can commit it either
    book = load_or_report(project)
    if book is not None:
        on_disk = {(p.parent.name, p.stem) for p in content.glob("*/*.yml") if p.parent.name in KIND_ORDER}
        assert {(e.kind, e.id) for e in book.all()} == on_disk


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutation=st.one_of(text_values(), data_mutation()))
def test_whatever_loads_also_renders(workdir, mutation):
    # Valid but unusual content (Markdown, HTML, Jinja syntax, odd Unicode in texts) renders every page.
    project = fresh_project(workdir)
    write(project, *mutation)
    book = load_or_report(project)
    if book is not None:
        with time_limit(20):
            pages = render_all(book)
        for lang in LANGUAGES:
            uris = {page.src_uri for page in pages[lang]}
            assert {f"{e.kind}/{e.id}.md" for e in book.all()} <= uris


# The real build, on a few mutated projects.

FILE_LINE_COL = re.compile(r"content/[^\s:]+:\d+:\d+: ")


@pytest.fixture(scope="module")
def built(tmp_path_factory, copy_built):
    """A copy of the fixture project, its site as built (copy_built's), and that site's bytes."""
    root = tmp_path_factory.mktemp("slow")
    project = copy_fixture(root / "project")
    pristine = copy_built / "site"
    site = root / "site"
    shutil.copytree(pristine, site)
    return project, site, pristine, snapshot(site)


@pytest.mark.build
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(mutation=mutations)
def test_build_succeeds_completely_or_fails_cleanly(built, mutation):
    project, site, pristine, before = built
    shutil.rmtree(project / "content")
    shutil.copytree(CONTENT, project / "content")
    shutil.rmtree(site)
    shutil.copytree(pristine, site)
    rel, raw = mutation
    write(project, rel, raw)
    result = mkdocs_build(project, site)
    assert "Traceback" not in result.stderr, result.stderr
    if result.returncode == 0:
        entries = [p for p in (project / "content").glob("*/*.yml")]
        assert (site / "pagefind" / "pagefind-entry.json").is_file()
        for lang in LANGUAGES:
            base = site / prefix(lang)
            assert (base / "index.html").is_file()
            for path in entries:
                assert (base / path.parent.name / path.stem / "index.html").is_file(), (lang, path)
    else:
        assert FILE_LINE_COL.search(result.stderr), result.stderr
        assert snapshot(site) == before, "a failed build changed the previous site"
