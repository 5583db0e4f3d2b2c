"""YAML syntax errors told as one problem at the right line: indentation mistakes with how many spaces to use,
a tab in the indentation, and a hint for the others."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.content.problems import Problem, field_path, shown

# '<indent>key:' or '<indent>- key:' where key is a field name (no spaces: a text is never one).
_KEY_LINE = re.compile(r"^( *)(- +)?([A-Za-z_][\w-]*):(?:\s|$)")
# Field names that stand side by side in one mapping: a misplaced key is lined up with its family.
_FAMILIES = ({"en", "fr", "ro", "ru"}, {"id", "note"}, {"source", "section"}, {"id", "heading", "text"})
_MISALIGNED = ("did not find expected key", "did not find expected '-' indicator", "expected <block end>")


@dataclass(frozen=True)
class _Key:
    """A line that starts a field: its number, its indentation, the field's column and name."""

    number: int
    indent: int
    column: int  # where the key starts (after '- ' in a list item)
    name: str
    item: bool  # the line starts a list item
    opens: bool  # 'key:' with nothing after it: the next lines may be indented under it


def _key_line(number: int, line: str) -> _Key | None:
    match = _KEY_LINE.match(line)
    if not match:
        return None
    indent, dash, name = len(match.group(1)), match.group(2) or "", match.group(3)
    rest = line[match.end():].split("#", 1)[0].strip() if line[match.end() - 1:match.end()] != ":" else ""
    return _Key(number, indent, indent + len(dash), name, bool(dash), not rest)


def _keys_above(lines: list[str], number: int) -> list[_Key]:
    """The fields still open at a line: the nearest field above, then each enclosing one."""
    found: list[_Key] = []
    limit = None
    for n in range(number - 1, 0, -1):
        key = _key_line(n, lines[n - 1])
        if key is None or (limit is not None and key.column >= limit):
            continue
        found.append(key)
        limit = key.indent if key.item else key.column
        if limit == 0:
            break
    return found


def _sibling(key: _Key, above: list[_Key]) -> _Key | None:
    """The field above that the misplaced one belongs next to: one of its family, else the nearest."""
    top_level = [k for k in above if k.column == 0]
    for family in _FAMILIES:
        if key.name in family:
            for other in above:
                if other.name in family:
                    return other
    if top_level and key.name not in set().union(*_FAMILIES):
        return top_level[0]  # a field name like 'citations' outside any known family: a top-level field
    return above[0] if above else None


def syntax_error(text: str, at: tuple[int, int], message: str) -> tuple[str, str, tuple[int, int]]:
    """A YAML syntax error at a position, explained: message, hint and the position of the mistake."""
    if _tab_before(text, at):
        return "YAML syntax error: a tab in the indentation", "indent with spaces, not tabs", at
    misaligned = _indentation_problem(text, at, message)
    if misaligned:
        return f"YAML syntax error: {misaligned[0]}", misaligned[1], misaligned[2]
    return f"YAML syntax error: {message}", _syntax_hint(message), at


def _indentation_problem(text: str, at: tuple[int, int], message: str) -> tuple[str, str, tuple[int, int]] | None:
    """A YAML syntax error explained as an indentation mistake (message, hint, position), or None."""
    lines = text.split("\n")
    if not 0 < at[0] <= len(lines):
        return None
    key = _key_line(at[0], lines[at[0] - 1])
    if key is None:
        return None
    above = _keys_above(lines, at[0])
    if not above:
        return None
    if "mapping values are not allowed" in message:
        # Only when the error is this line's own colon: 'en: Note: x' is an unquoted text instead.
        if at[1] != key.column + len(key.name) + 1 or above[0].opens or key.column <= above[0].column:
            return None
        other = above[0]
        return (f"'{shown(key.name)}:' is indented more than '{shown(other.name)}:' on line {other.number}",
                f"{_move('it', other.column)}, like '{shown(other.name)}:'", (at[0], key.indent + 1))
    if not message.startswith(_MISALIGNED):
        return None
    if key.item:  # a list item: its '- ' lines up with the item before it
        other = next((k for n in range(at[0] - 1, 0, -1) if (k := _key_line(n, lines[n - 1])) and k.item), None)
        if other is None or other.indent == key.indent:
            return None
        return (f"this list item is indented by {_spaces(key.indent)}, the one on line {other.number} "
                f"by {_spaces(other.indent)}", _move("its '- '", other.indent) + f", like line {other.number}",
                (at[0], key.indent + 1))
    other = _sibling(key, above)
    if other is None or other.column == key.column:
        return None
    hint = f"{_move('it', other.column)}, like '{shown(other.name)}:' on line {other.number}"
    if any(k.item and k.indent == key.indent for k in above):
        hint += ", or start a new list item with '- '"
    return (f"'{shown(key.name)}:' is indented by {_spaces(key.column)}, which lines it up with no field above",
            hint, (at[0], key.indent + 1))


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"


def _move(what: str, count: int) -> str:
    """How to indent: 'indent it by 4 spaces', or 'start it at the beginning of the line'."""
    return f"indent {what} by {_spaces(count)}" if count else f"start {what} at the beginning of the line"


def fold_unindented(doc, problems: list[Problem]) -> list[Problem]:
    """An empty 'note:' followed by fields meant to be under it: one problem saying how to indent them.

    YAML reads the fields as siblings of the empty one, so the schema sees an empty field and
    several unknown ones; the one mistake is the indentation of the lines below it.
    """
    unknown = {p.field: p for p in problems if p.message.startswith("unknown field")}
    if not unknown:
        return problems
    drop: set[Problem] = set()
    added: list[Problem] = []
    for path, mapping in _mappings(doc.data):
        keys = sorted(mapping, key=lambda k: doc.keys.get(path + (k,), (0, 0)))
        for i, name in enumerate(keys):
            if mapping[name] is not None or doc.plain.get(path + (name,)) != "":
                continue
            below = []
            for other in keys[i + 1:]:
                if field_path(path + (other,)) not in unknown:
                    break
                below.append(other)
            if not below:
                continue
            line, column = doc.keys[path + (name,)]
            first, last = doc.keys[path + (below[0],)][0], doc.keys[path + (below[-1],)][0]
            names = ", ".join(f"{shown(b, 20)}:" for b in below)
            lines = f"line {first}" if first == last else f"lines {first}-{last}"
            empty = field_path(path + (name,))
            drop |= {unknown[field_path(path + (b,))] for b in below}
            drop |= {p for p in problems if p.field == empty and p.message.endswith("found nothing")}
            added.append(Problem(doc.path, line, column, empty,
                                 f"'{shown(name, 20)}:' is empty, and {names} below it "
                                 f"{'is' if len(below) == 1 else 'are'} not indented under it",
                                 f"{_move(lines, column + 1)}, two more than '{shown(name, 20)}:'"))
    return [p for p in problems if p not in drop] + added


def _mappings(data, path: tuple = ()):
    """Every mapping in the data, with its path."""
    if isinstance(data, dict):
        yield path, data
        for key, value in data.items():
            yield from _mappings(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _mappings(value, path + (i,))


def _tab_before(text: str, at: tuple[int, int]) -> bool:
    """Whether the line of a syntax error has a tab in its indentation, or at the error."""
    lines = text.split("\n")
    line = lines[at[0] - 1] if 0 < at[0] <= len(lines) else ""
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    return "\t" in indent or line[at[1] - 1: at[1]] == "\t"


def _syntax_hint(message: str) -> str:
    if "tab" in message:
        return "indent with spaces, not tabs"
    if "mapping values" in message:
        return "a text containing ': ' must be quoted"
    if "indentation" in message or "expected <block end>" in message:
        return "check the indentation of this line and the one before"
    return "check quotes, colons and indentation"
