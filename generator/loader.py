"""Read one YAML content file strictly: data plus the line and column of every value."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem, field_path

MAX_BYTES = 256 * 1024  # far above any real entry; bounds memory and time per file

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is about 4x faster

Position = tuple[int, int]


@dataclass
class Document:
    """A parsed content file: its data and where each value and key stands in the file."""

    path: str
    data: object
    values: dict[tuple, Position] = field(default_factory=dict)
    keys: dict[tuple, Position] = field(default_factory=dict)
    plain: dict[tuple, str] = field(default_factory=dict)  # unquoted scalars, as written

    def position(self, path: tuple, key: bool = False) -> Position:
        """The position of a value (or its key), falling back to its nearest parent."""
        table = self.keys if key else self.values
        while path not in table and path:
            path = path[:-1]
        return table.get(path, self.values.get((), (1, 1)))


def _at(mark) -> Position:
    return (mark.line + 1, mark.column + 1)


def load_file(path: Path, display: str) -> tuple[Document | None, list[Problem]]:
    """Parse one file; on failure return no document and the problems that stop it."""

    def fail(message: str, hint: str = "", at: Position = (1, 1)) -> tuple[None, list[Problem]]:
        return None, [Problem(display, at[0], at[1], "", message, hint)]

    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        return fail(f"file is {len(raw):,} bytes, more than the {MAX_BYTES:,} allowed",
                    "split the entry or shorten its text")
    if raw.startswith(b"\xef\xbb\xbf"):
        return fail("file starts with a byte-order mark (BOM)", "save it as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        return fail(f"byte 0x{raw[error.start]:02x} is not valid UTF-8",
                    "save the file as UTF-8", (line, column))
    if not text.strip() or all(ln.lstrip().startswith("#") or not ln.strip()
                               for ln in text.splitlines()):
        return fail("file is empty", "run `python -m generator new` for a skeleton entry")
    try:
        # Anchors and aliases are refused before composing: "billion laughs" never expands.
        for event in yaml.parse(text, Loader=Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return fail("YAML anchors and aliases (&name, *name) are not allowed",
                            "write the value out in full", _at(event.start_mark))
        node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = error.problem or error.context or "invalid YAML"
        return fail(f"YAML syntax error: {message}", _syntax_hint(message),
                    _at(mark) if mark else (1, 1))
    except yaml.YAMLError as error:
        return fail(f"YAML syntax error: {error}")
    if not isinstance(node, yaml.MappingNode):
        kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
        return fail(f"the file holds {kind}; an entry is a mapping of fields (name:, summary:, ...)",
                    "start each top-level line with a field name and a colon", _at(node.start_mark))
    doc = Document(display, None)
    problems: list[Problem] = []
    doc.data = _build(node, (), doc, problems)
    return (None if problems else doc), problems


def _syntax_hint(message: str) -> str:
    if "tab" in message:
        return "indent with spaces, not tabs"
    if "mapping values" in message:
        return "a text containing ': ' must be quoted"
    if "indentation" in message or "expected <block end>" in message:
        return "check the indentation of this line and the one before"
    return "check quotes, colons and indentation"


_constructor = yaml.SafeLoader("")  # resolves scalar values the way PyYAML reads them


def _build(node: yaml.Node, path: tuple, doc: Document, problems: list[Problem]) -> object:
    doc.values[path] = _at(node.start_mark)
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        first_seen: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(doc.path, *_at(key_node.start_mark), "", "a field name must be plain text"))
                continue
            key = key_node.value
            if key == "<<":
                problems.append(Problem(doc.path, *_at(key_node.start_mark), key,
                                        "merge keys (<<) are not allowed", "write the fields out in full"))
                continue
            if key in first_seen:
                line = first_seen[key][0]
                problems.append(Problem(doc.path, *_at(key_node.start_mark), field_path(path + (key,)),
                                        f"duplicate key '{key}' (first at line {line})",
                                        "remove one of them; YAML would silently keep the last"))
                continue
            first_seen[key] = _at(key_node.start_mark)
            doc.keys[path + (key,)] = first_seen[key]
            result[key] = _build(value_node, path + (key,), doc, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), doc, problems) for i, item in enumerate(node.value)]
    if not node.style:  # plain: libyaml says "", the pure-Python parser None
        doc.plain[path] = node.value
    return _constructor.construct_object(node)

