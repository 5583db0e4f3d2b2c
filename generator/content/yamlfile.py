"""Read one YAML content file strictly: data plus the line and column of every value.

Whatever the bytes, load_file returns problems with a position, never raises: files too big,
unreadable, not UTF-8, with control characters, YAML syntax errors, anchors, aliases and tags,
nesting too deep or lists too long to check in reasonable time are all refused before the data is
built.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator import yamlload
from generator.content.indentation import syntax_error
from generator.content.problems import Problem, field_path, shown

MAX_BYTES = 256 * 1024  # far above any real entry; bounds memory and time per file
MAX_DEPTH = 16  # the deepest real value is 4 levels down (responses[0].note.en)
MAX_ITEMS = 2000  # items of one list or fields of one mapping; real entries have a few dozen

Position = tuple[int, int]
_DEEP_HINT = "an entry nests only a few levels: check the brackets and indentation"

# What YAML accepts in a file (its "printable" set); anything else is a pasted control character.
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# In a value, after YAML escapes are read ("\e", "\0", "\u202e"): control characters other than tab and
# line feed, and the bidirectional controls that reorder what a reader and a reviewer see.
# Also Unicode's noncharacters U+FDD0-U+FDEF: never text, and the renderer marks the title's id with one.
_HIDDEN_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef]")
_STR = "tag:yaml.org,2002:str"
# Plain scalars PyYAML would resolve to these tags are only text here ('<<' and '=' as values).
_TEXT_TAGS = {_STR, "tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"}
_TAG_NAMES = {"tag:yaml.org,2002:timestamp": "date", "tag:yaml.org,2002:int": "number",
              "tag:yaml.org,2002:float": "number", "tag:yaml.org,2002:bool": "yes/no value",
              "tag:yaml.org,2002:null": "empty value"}


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


NOT_REGULAR_HINT = "commit the file itself inside content/"
_NOT_A_FILE = "not a regular file (a device, pipe or socket)"


def not_regular(path: Path) -> str:
    """Why a directory entry is not a plain file or folder of the checkout (a link, a device...), or ''.

    Decided from the entry itself (lstat), before anything is opened or followed.
    """
    try:
        mode = os.lstat(path).st_mode
    except OSError as error:
        return f"cannot be read: {error.strerror or error}"
    if stat.S_ISLNK(mode):
        return "a symbolic link, which could read a file outside the repository"
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return _NOT_A_FILE
    return ""


def _at(mark) -> Position:
    return (mark.line + 1, mark.column + 1)


def _text_position(text: str, index: int) -> Position:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


class _Refused(Exception):
    """A file refused while its events are scanned, before anything is built."""

    def __init__(self, at: Position, message: str, hint: str):
        super().__init__(message)
        self.at, self.message, self.hint = at, message, hint


def load_file(path: Path, display: str) -> tuple[Document | None, list[Problem]]:
    """Parse one file; on failure return no document and the problems that stop it."""
    raw, problems = read_file(path, display)
    return (None, problems) if raw is None else parse(raw, display)


def read_file(path: Path, display: str) -> tuple[bytes | None, list[Problem]]:
    """The bytes of one content file, read without following links; or why it cannot be read."""

    def fail(message: str, hint: str = "", at: Position = (1, 1)) -> tuple[None, list[Problem]]:
        return None, [Problem(display, at[0], at[1], "", message, hint)]

    try:
        if path.is_symlink():
            return fail(not_regular(path), NOT_REGULAR_HINT)
        # O_NOFOLLOW: a file swapped for a link after the check above is still not followed.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                return fail(_NOT_A_FILE, NOT_REGULAR_HINT)
            if info.st_size > MAX_BYTES:
                return fail(f"file is {info.st_size:,} bytes, more than the {MAX_BYTES:,} allowed",
                            "split the entry or shorten its text")
            raw = handle.read(MAX_BYTES + 1)  # never more, even if the file grows meanwhile
    except OSError as error:
        return fail(f"cannot read the file: {error.strerror or error}",
                    "check that it is a readable file, not a broken link")
    if len(raw) > MAX_BYTES:
        return fail(f"file is more than the {MAX_BYTES:,} bytes allowed",
                    "split the entry or shorten its text")
    return raw, []


def parse(raw: bytes, display: str) -> tuple[Document | None, list[Problem]]:
    """Parse the bytes of one content file; on failure return no document and the problems that stop it."""

    def fail(message: str, hint: str = "", at: Position = (1, 1)) -> tuple[None, list[Problem]]:
        return None, [Problem(display, at[0], at[1], "", message, hint)]

    if raw.startswith(b"\xef\xbb\xbf"):
        return fail("file starts with a byte-order mark (BOM)", "save it as UTF-8 without BOM")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return fail("file is saved as UTF-16", "save it as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        return fail(f"byte 0x{raw[error.start]:02x} is not valid UTF-8",
                    "save the file as UTF-8", (line, column))
    bad = _NOT_PRINTABLE.search(text)
    if bad:
        return fail(f"character U+{ord(bad.group()):04X} is not allowed in YAML",
                    "delete it: invisible control characters usually come from copy and paste",
                    _text_position(text, bad.start()))
    if not text.strip() or all(ln.lstrip().startswith("#") or not ln.strip()
                               for ln in text.splitlines()):
        return fail("file is empty", "run `python -m generator new` for a skeleton entry")
    try:
        root, doc, problems = _compose(text, display)
    except _Refused as refused:
        return fail(refused.message, refused.hint, refused.at)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        at = _at(mark) if mark else (1, 1)
        message = error.problem or error.context or "invalid YAML"
        if "nesting depth" in message:  # libyaml's own limit, should it ever come before ours
            return fail(f"lists and mappings nested more than {MAX_DEPTH} deep", _DEEP_HINT, at)
        return fail(*syntax_error(text, at, message))
    except (yaml.YAMLError, ValueError, RecursionError) as error:
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        return fail(f"YAML syntax error: {first}", "check quotes, colons and indentation")
    kind, at = root
    if kind == "empty":
        return fail("file is empty", "run `python -m generator new` for a skeleton entry")  # only '---'
    if kind != "mapping":
        return fail(f"the file holds {kind}; an entry is a mapping of fields (name:, summary:, ...)",
                    "start each top-level line with a field name and a colon", at)
    return (None if problems else doc), problems


def _char_name(char: str) -> str:
    """What a hidden character is, in words: 'right-to-left override', 'a control character'."""
    if "\ufdd0" <= char <= "\ufdef":
        return "a noncharacter"
    return unicodedata.name(char, "a control character").lower()


_constructor = yamlload.Loader("")  # resolves and converts plain scalars the way the loader reads them
_SKIP = object()  # the value of a field whose name was refused: read for its problems, then dropped


class _Collection:
    """A list or mapping being read: its value, where it stands, and how many items it may hold."""

    __slots__ = ("value", "path", "at", "events", "allowed", "key", "key_at", "first_seen", "skip")

    def __init__(self, mapping: bool, path: tuple, at: Position, skip: bool):
        self.value: dict | list = {} if mapping else []
        self.path, self.at, self.events, self.skip = path, at, 0, skip
        # A mapping's events are its keys and its values: twice as many as its fields.
        self.allowed = MAX_ITEMS * (2 if mapping else 1)
        self.key: object = None  # a mapping's pending field name, once read
        self.key_at: Position = (1, 1)
        self.first_seen: dict[str, Position] = {}


def _compose(text: str, display: str) -> tuple[tuple[str, Position], Document, list[Problem]]:
    """Read a file's YAML events once: refuse what must never be built (anchors and aliases, tags,
    deep nesting, huge collections, a second document) and build the data with every position.

    Returns what the root is ('mapping', 'a list', 'a single value' or 'empty') and where.
    """
    doc = Document(display, None)
    problems: list[Problem] = []
    stack: list[_Collection] = []
    root: tuple[str, Position] = ("empty", (1, 1))
    documents = 0

    def place(value: object, at: Position, is_key_candidate: bool = True) -> None:
        """Put a finished value where it belongs: the root, a list item, a field name or a field value."""
        nonlocal root
        if not stack:
            doc.data = value
            return
        top = stack[-1]
        if isinstance(top.value, list):
            top.value.append(value)
            return
        if top.key is None:  # this value is a field name
            top.key_at = at
            if not isinstance(value, str) or not is_key_candidate:
                problems.append(Problem(display, *at, field_path(top.path), "a field name must be plain text",
                                        "write a name followed by a colon, like 'name:'"))
                top.key = _SKIP
            elif value == "<<":
                problems.append(Problem(display, *at, "<<", "merge keys (<<) are not allowed",
                                        "write the fields out in full"))
                top.key = _SKIP
            elif value in top.first_seen:
                problems.append(Problem(display, *at, field_path(top.path + (value,)),
                                        f"duplicate key '{shown(value)}' (first at line {top.first_seen[value][0]})",
                                        "remove one of them; YAML would silently keep the last"))
                top.key = _SKIP
            else:
                top.first_seen[value] = at
                doc.keys[top.path + (value,)] = at
                top.key = value
            return
        if top.key is not _SKIP and not top.skip:
            top.value[top.key] = value
        top.key = None

    def child_path() -> tuple:
        """The path of the value that comes next, and whether it is only read to be dropped."""
        if not stack:
            return (), False
        top = stack[-1]
        if isinstance(top.value, list):
            return top.path + (len(top.value),), top.skip
        if top.key is None:  # a field name that is a list or mapping: refused once it is read
            return top.path + ("?",), True
        return top.path + (top.key,), top.skip or top.key is _SKIP

    for event in yamlload.events(text):
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _Refused(_at(event.start_mark), "the file holds more than one YAML document "
                               "('---' starts a new one)", "keep one entry per file: remove this '---' line "
                               "and what follows")
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            done = stack.pop()
            place(done.value, done.at, is_key_candidate=False)
            continue
        if not isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent, yaml.AliasEvent)):
            continue
        at = _at(event.start_mark)
        if isinstance(event, yaml.AliasEvent) or event.anchor:
            raise _Refused(at, "YAML anchors and aliases (&name, *name) are not allowed",
                           "write the value out in full")
        if event.tag is not None:
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            raise _Refused(at, f"YAML tags like '{shown(tag, 30)}' are not allowed",
                           "remove the tag; put text in quotes")
        if stack:
            stack[-1].events += 1
            if stack[-1].events > stack[-1].allowed:
                raise _Refused(stack[-1].at, f"more than {MAX_ITEMS:,} items in one list or mapping",
                               "an entry has a few dozen items at most; split the text")
        path, skip = child_path()
        if not stack:
            root = (("mapping" if isinstance(event, yaml.MappingStartEvent) else "a list"), at) \
                if isinstance(event, yaml.CollectionStartEvent) else \
                (("empty" if not event.value and not event.style else "a single value"), at)
        if isinstance(event, yaml.CollectionStartEvent):
            if len(stack) >= MAX_DEPTH:
                raise _Refused(at, f"lists and mappings nested more than {MAX_DEPTH} deep", _DEEP_HINT)
            if not skip:
                doc.values[path] = at
            stack.append(_Collection(isinstance(event, yaml.MappingStartEvent), path, at, skip))
            continue
        in_key = bool(stack) and isinstance(stack[-1].value, dict) and stack[-1].key is None
        if in_key or skip:
            place(event.value, at)
            continue
        doc.values[path] = at
        place(_scalar(event, path, at, doc, problems), at)
    return root, doc, problems


def _scalar(event: yaml.ScalarEvent, path: tuple, at: Position, doc: Document, problems: list[Problem]) -> object:
    """A field's value as the loader reads it: text, or what a plain scalar means (number, yes/no...)."""
    hidden = _HIDDEN_IN_TEXT.search(event.value)
    if hidden:
        char = hidden.group()
        problems.append(Problem(doc.path, *at, field_path(path),
                                f"the text holds the invisible character U+{ord(char):04X} ({_char_name(char)})",
                                "remove it; a YAML escape such as \\e or \\u202e is read as that character"))
        return None
    if event.style:  # quoted or block text ("", '', |, >): always text
        return event.value
    doc.plain[path] = event.value
    tag = _constructor.resolve(yaml.ScalarNode, event.value, (True, False))
    if tag in _TEXT_TAGS:
        return event.value
    try:
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        return _constructor.yaml_constructors[tag](_constructor, node)
    except (KeyError, ValueError, OverflowError, yaml.YAMLError):
        # '2024-13-45', a 5,000-digit number: YAML reads them as a date or number, and fails.
        what = _TAG_NAMES.get(tag, "value")
        problems.append(Problem(doc.path, *at, field_path(path),
                                f"'{shown(event.value)}' is read as a {what} and is not a valid one",
                                f'quote this value: "{shown(event.value)}"'))
        return None
