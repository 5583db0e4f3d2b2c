"""A pull request's report as Markdown (its sticky comment and the run's summary), from the report's JSON.

The JSON is written by `python -m generator report` in the pull request's own CI run, so it comes
from untrusted code: this module only reads it as data (standard library only, nothing imported
from the project, nothing run), checks every value's type, and escapes every string it shows, so
a name or a message cannot add markup, links, mentions or images to the comment.

    python -m generator.prreport comment REPORT.json --preview URL --run URL > comment.md
    python -m generator.prreport number REPORT.json     # the pull request's number, checked
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

MARKER = "<!-- handbook-pr-report -->"  # finds the comment to update on the next push
MAX_REPORT_BYTES = 5_000_000
KIND_NAMES = {"archetypes": "archetype", "symptoms": "symptom", "responses": "response", "sources": "source"}
LANGUAGE_NAMES = {"en": "English", "fr": "French", "ro": "Romanian", "ru": "Russian"}
STEP_NAMES = {"check": "Check content", "build": "Build (strict)", "links": "Links and anchors",
              "tests": "Tests", "properdocs": "Build with ProperDocs"}
OUTCOMES = {"success": "✅ passed", "failure": "❌ failed", "cancelled": "⏹️ cancelled", "skipped": "⏭️ skipped"}
COMMENT_LIMIT = 60_000  # GitHub refuses comments over 65,536 characters
SUMMARY_LIMIT = 500_000  # a step summary over 1 MiB is dropped
_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&\"'$%^=:;,?/@])")
_SAFE_URL = re.compile(r"https://[A-Za-z0-9.-]+(/[A-Za-z0-9._~/%+-]*)?")
_JOINER = "\u2060"  # a word joiner: invisible, and it stops @mentions, #references and autolinks


class ReportError(Exception):
    """A report file that cannot be used."""


def _line(value: object, limit: int) -> str:
    """One line of printable characters, cut to limit."""
    raw = str(value)[: limit * 4]  # nothing past this can be shown: don't clean it
    line = " ".join("".join(c if c.isprintable() else " " for c in raw).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def text(value: object, limit: int = 200) -> str:
    """Untrusted text as inert Markdown: one line, cut, every ASCII punctuation mark backslash-escaped."""
    line = _line(value, limit)
    line = re.sub(r"([@#])", rf"\1{_JOINER}", line)
    line = re.sub(r"(?i)(://|www\.)", lambda m: m.group()[0] + _JOINER + m.group()[1:], line)
    return _PUNCTUATION.sub(r"\\\1", line)


def code(value: object, limit: int = 200) -> str:
    """Untrusted text as a code span: nothing inside is Markdown, HTML, a mention or a link."""
    line = _line(value, limit).replace("`", "'")
    return f"`{line or ' '}`"


def url(value: object) -> str | None:
    """A trusted link target given to the command line, only if it is a plain https address."""
    return value if isinstance(value, str) and _SAFE_URL.fullmatch(value) else None


def _list(data: dict, key: str) -> list[dict]:
    items = data.get(key, [])
    return [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []


def _str(item: dict, key: str) -> str:
    value = item.get(key, "")
    return value if isinstance(value, (str, int)) and not isinstance(value, bool) else ""


def load(path: Path) -> dict:
    """The report's data; refuses what is not a JSON object of a reasonable size."""
    try:
        if path.stat().st_size > MAX_REPORT_BYTES:
            raise ReportError(f"{path.name} is larger than {MAX_REPORT_BYTES:,} bytes")
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise ReportError(f"cannot read the report: {error}") from None
    if not isinstance(data, dict) or data.get("version") != 1:
        raise ReportError("the report is not a version 1 report")
    return data


def number(data: dict) -> int:
    """The pull request's number, which must be a positive integer."""
    value = data.get("pr")
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value < 10**9:
        raise ReportError("the report names no pull request")
    return value


def _problem_line(item: dict) -> str:
    where = _str(item, "path")
    if item.get("line"):
        where += f":{_str(item, 'line')}" + (f":{_str(item, 'column')}" if item.get("column") else "")
    return f"- {code(where, 120)} {text(_str(item, 'message'), 400)}"


def _outdated_line(item: dict) -> str:
    lang = _str(item, "lang")
    return (f"- {text(LANGUAGE_NAMES.get(lang, lang))}: {code(_str(item, 'path'), 120)} "
            f"{code(_str(item, 'field'), 60)}: {text(_str(item, 'before'))} → {text(_str(item, 'after'))}")


def _change_line(item: dict) -> str:
    how = _str(item, "how")
    former = f" from {code(_str(item, 'former'), 80)}" if how == "renamed" and item.get("former") else ""
    kind = _str(item, "kind")
    what = f"{KIND_NAMES.get(kind) or text(kind, 20)} {code(_str(item, 'id'), 80)}"
    return f"- {text(how, 10)}: {text(_str(item, 'name'), 120)} ({what}){former}"


def _capped(items: list[dict], line, limit: int | None, rest: str) -> list[str]:
    """The first items as lines (all of them without a limit), then how many more there are."""
    lines = [line(item) for item in (items if limit is None else items[:limit])]
    return lines + ([f"- … and {len(items) - limit} more: {rest}"] if limit is not None and len(items) > limit else [])


def render(data: dict, preview: str | None = None, run: str | None = None, limit: int | None = 30,
           size: int = COMMENT_LIMIT) -> str:
    """The report as Markdown; limit caps each list (None: everything, for the run's summary), and the
    lists are cut further until the whole fits in size characters."""
    preview, run = url(preview), url(run)
    rest = f"see the [run's summary]({run})" if run else "see the run's summary"
    out = [MARKER, "## Handbook check of this pull request", ""]
    steps = [s for s in _list(data, "steps") if _str(s, "name") in STEP_NAMES]
    built = any(_str(s, "name") == "build" and _str(s, "outcome") == "success" for s in steps)
    serve = ("unzip it into a folder `site-preview`, run `python3 -m http.server --directory site-preview` "
             "and open http://127.0.0.1:8000/ (the language switcher works there too)")
    if preview:
        out += [f"**Preview:** [download the built site]({preview}): {serve}.", ""]
    elif built:
        out += [f"**Preview:** the `site-preview` artifact of this run (at the foot of its summary): {serve}.", ""]
    else:
        out += ["**Preview:** no site was built (see the problems below).", ""]
    if steps:
        out += ["| step | result |", "|---|---|"]
        out += [f"| {STEP_NAMES[_str(s, 'name')]} | {OUTCOMES.get(_str(s, 'outcome'), text(_str(s, 'outcome'), 20))} |"
                for s in steps]
        out.append("")
    problems = _list(data, "problems")
    out.append(f"### Problems: {len(problems) or 'none'}")
    if problems:
        out += ["", "Each is also shown on its line in *Files changed* (the first ones, as GitHub shows a few per "
                "step); fix them and push again.", ""]
        out += _capped(problems, _problem_line, limit, rest)
    warnings = _list(data, "warnings")
    if warnings:
        out += ["", f"### To look at: {len(warnings)}", ""]
        out += _capped(warnings, _problem_line, limit, rest)
    changes = data.get("changes") if isinstance(data.get("changes"), dict) else {}
    out += ["", "### Entries changed, per language", ""]
    rows, details = [], []
    for lang, name in LANGUAGE_NAMES.items():
        items = _list(changes, lang)
        counts = {how: sum(1 for i in items if _str(i, "how") == how)
                  for how in ("added", "changed", "renamed", "removed")}
        rows.append(f"| {name} | {counts['added']} | {counts['changed']} | {counts['renamed']} | {counts['removed']} |")
        if items:
            details += ["", f"<details><summary>{name}: {len(items)} entr{'y' if len(items) == 1 else 'ies'}"
                            "</summary>", ""]
            details += _capped(items, _change_line, limit, rest) + ["", "</details>"]
    out += ["| language | added | changed | renamed | removed |", "|---|---|---|---|---|", *rows, *details]
    outdated = _list(data, "outdated")
    out += ["", f"### Translations this pull request made outdated: {len(outdated) or 'none'}"]
    if outdated:
        out += ["", "The English text of these fields changed; their translation was not updated. Translators: "
                "update them, or run the `status --mark` command that `python -m generator status` prints.", ""]
        out += _capped(outdated, _outdated_line, limit, rest)
    if run:
        out += ["", f"[The CI run]({run}) has every detail."]
    body = "\n".join(out) + "\n"
    if len(body) > size:
        longest = max(len(_list(data, key)) for key in ("problems", "warnings", "outdated"))
        limit = longest if limit is None else limit
        return render(data, preview, run, limit // 2, size) if limit > 1 else body[:size] + "\n…\n"
    return body


def main(argv: list[str] | None = None) -> int:
    """Print the comment, the summary or the pull request number of a report."""
    parser = argparse.ArgumentParser(prog="python -m generator.prreport", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["comment", "summary", "number"])
    parser.add_argument("report", type=Path)
    parser.add_argument("--preview", help="the address of the built site (its artifact)")
    parser.add_argument("--run", help="the address of the CI run")
    args = parser.parse_args(argv)
    try:
        data = load(args.report)
        if args.what == "number":
            print(number(data))
        else:
            summary = args.what == "summary"
            print(render(data, args.preview, args.run, None if summary else 30,
                         SUMMARY_LIMIT if summary else COMMENT_LIMIT), end="")
    except ReportError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
