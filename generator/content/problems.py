"""Problems found in content: values with a position, reported all together."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Never printed as they are: C0 and C1 controls (terminal escapes), DEL, line and paragraph separators,
# and the invisible format characters that hide or reorder text (zero-width, bidi overrides, BOM).
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def _escape(char: str) -> str:
    return char.encode("unicode_escape").decode("ascii")


def one_line(text: str) -> str:
    """Text with line breaks, tabs, control and invisible characters escaped: safe on one terminal line."""
    return _UNPRINTABLE.sub(lambda m: _escape(m.group()), text)


def _command_data(text: str) -> str:
    # GitHub's workflow-command escaping: a value can never end the line or start a new command.
    return one_line(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def annotation(level: str, message: str, file: str = "", line: int = 0, column: int = 0) -> str:
    """A GitHub Actions annotation (level 'error', 'warning' or 'notice'), every value escaped.

    Values are made one line first (control characters shown as \\x1b...), then escaped as GitHub
    requires: '%', CR and LF in the message; also ':' and ',' in the properties.
    """
    props = [("file", file), ("line", line or ""), ("col", column or "")]
    shown_props = ",".join(f"{name}={_command_data(str(value)).replace(':', '%3A').replace(',', '%2C')}"
                           for name, value in props if value != "")
    return f"::{level}{' ' + shown_props if shown_props else ''}::{_command_data(message)}"


def shown(value: object, limit: int = 60) -> str:
    """A contributor's value as quoted in a message: on one line, and cut if long."""
    text = one_line(str(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one content file, with where it is and what was meant."""

    path: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{one_line(self.path)}:{self.line}:{self.column}"
        field = f" {one_line(self.field)}:" if self.field else ""
        hint = f" ({one_line(self.hint)})" if self.hint else ""
        return f"{where}:{field} {one_line(self.message)}{hint}"

    def github(self, level: str = "error") -> str:
        """The problem as a GitHub Actions annotation, shown on the line of the pull request."""
        text = f"{self.field}: {self.message}" if self.field else self.message
        if self.hint:
            text += f" ({self.hint})"
        return annotation(level, text, self.path, self.line, self.column)


class ContentError(Exception):
    """Raised with every problem of a run when content cannot be built."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def field_path(parts) -> str:
    """Render a path like ('responses', 2, 'note') as 'responses[2].note'."""
    out = ""
    for part in parts:
        part = part if isinstance(part, int) else shown(part, 40)
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out
