"""The JSON Schemas of the four kinds, and their errors turned into readable problems."""

from __future__ import annotations

import datetime
import json
import re
from functools import cache
from pathlib import Path

import fastjsonschema
import jsonschema
from referencing import Registry, Resource

from generator.content.hints import did_you_mean
from generator.content.indentation import fold_unindented
from generator.content.problems import Problem, field_path, shown
from generator.content.yamlfile import Document

SCHEMA_DIR = Path(__file__).parents[1] / "schemas"
KINDS = {"archetypes": "archetype", "symptoms": "symptom", "responses": "response", "sources": "source"}
# The topic tags, in the order the schema lists them (the order of the home page's groups and the tag pages).
TAGS: tuple[str, ...] = tuple(
    json.loads((SCHEMA_DIR / "common.schema.json").read_text("utf-8"))["definitions"]["tags"]["items"]["enum"])
# What `python -m generator new` writes in every text, id and address for the contributor to fill in.
PLACEHOLDER = re.compile(r"^(https?://)?TODO")


@cache
def validator(kind: str) -> jsonschema.Draft7Validator:
    """The validator of one kind ('archetypes', ...), its $refs resolved once, ahead of time."""
    # Schemas refer to each other by file name, as editors and check-jsonschema resolve them.
    registry = Registry().with_resources(
        (p.name, Resource.from_contents(json.loads(p.read_text("utf-8"))))
        for p in sorted(SCHEMA_DIR.glob("*.schema.json")))
    name = f"{KINDS[kind]}.schema.json"
    schema = json.loads((SCHEMA_DIR / name).read_text("utf-8"))
    # Inlining the (acyclic) references makes validation about 3x faster than resolving them per value.
    return jsonschema.Draft7Validator(_inline(schema, registry.resolver(name)))


@cache
def fast_validator(kind: str):
    """A compiled yes/no check of one kind against the same (inlined) schema: ~20x faster."""
    check = fastjsonschema.compile(validator(kind).schema)

    def is_valid(data: object) -> bool:
        try:
            check(data)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    return is_valid


def _inline(node, resolver):
    """A copy of a schema with every $ref replaced by what it points to."""
    if isinstance(node, dict):
        if "$ref" in node:
            resolved = resolver.lookup(node["$ref"])
            rest = {k: v for k, v in node.items() if k != "$ref"}
            return {**_inline(resolved.contents, resolved.resolver), **_inline(rest, resolver)}
        return {k: _inline(v, resolver) for k, v in node.items()}
    if isinstance(node, list):
        return [_inline(v, resolver) for v in node]
    return node


def schema_problems(doc: Document, kind: str) -> list[Problem]:
    """Every schema violation of a document, at the line of the value at fault."""
    problems = []
    if not fast_validator(kind)(doc.data):  # compiled check first; jsonschema explains the failures
        for error in validator(kind).iter_errors(doc.data):
            problems.extend(_explain(doc, error))
    # Two rules can fail on one value ('' breaks minLength and pattern): say it once.
    problems = fold_unindented(doc, list(dict.fromkeys(problems)))
    # A misspelt required field is one mistake: keep "unknown field 'sumary' (did you mean...)".
    meant = {p.hint for p in problems if p.message.startswith("unknown field")}
    problems = [p for p in problems if not (p.message.startswith("missing required field")
                                            and f"did you mean '{p.message.split(chr(39))[1]}'?" in meant)]
    # A placeholder left from the skeleton is the one thing to say about its value.
    left = [(path, field_path(path)) for path in placeholders(doc.data)]
    fields = {name for _, name in left}
    problems = [p for p in problems if not any(p.field == f or p.field.startswith((f + ".", f + "["))
                                               for f in fields)]
    return problems + [Problem(doc.path, *doc.position(path), name, "placeholder left: fill in this text",
                               "replace the TODO written by `python -m generator new`")
                       for path, name in left]


def placeholders(data: object, path: tuple = ()):
    """The path of every text that still starts with the skeleton's 'TODO'."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from placeholders(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from placeholders(value, path + (i,))
    elif isinstance(data, str) and PLACEHOLDER.match(data):
        yield path


def _read_as(value: object) -> str:
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return "a date"
    return "an empty value"


def _explain(doc: Document, error: jsonschema.ValidationError) -> list[Problem]:
    path = tuple(error.absolute_path)
    where = doc.position(path)
    field = field_path(path)
    rule, value = error.validator, error.instance

    def problem(message: str, hint: str = "", at=where, name=field) -> list[Problem]:
        return [Problem(doc.path, at[0], at[1], name, message, hint)]

    if rule == "oneOf":
        # A relation is an id (branch 0) or {id, note} (branch 1): explain against the shape it
        # was written in, every mistake of that shape.
        if isinstance(value, dict):
            branch = 1
        elif isinstance(value, str) or path in doc.plain:
            branch = 0
        else:
            return problem(f"expected an id or a mapping with id: and note:, found {_describe(value)}")
        found = [p for sub in error.context if sub.relative_schema_path[0] == branch
                 for p in _explain(doc, sub)]
        return found or problem("expected an id or a mapping with id: and note:")
    if rule == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        found = []
        for key in sorted(set(value) - allowed):
            at = doc.position(path + (key,), key=True)
            found += problem(f"unknown field '{shown(key)}'", did_you_mean(key, allowed) or
                             f"allowed here: {', '.join(sorted(allowed))}", at, field_path(path + (key,)))
        return found
    if rule == "required":
        missing = error.message.split("'")[1]
        return problem(f"missing required field '{missing}'",
                       "see the kind's schema or `python -m generator new`")
    if rule == "type":
        expected = error.validator_value
        wants_text = "string" in ([expected] if isinstance(expected, str) else expected)
        if wants_text and path in doc.plain and not isinstance(value, (dict, list)):
            raw = shown(doc.plain[path])
            if not raw:
                return problem("text is empty", "write the text or remove the field")
            return problem(f"'{raw}' is read as {_read_as(value)}, not as text", f'quote this value: "{raw}"')
        names = {"object": "a mapping of fields", "array": "a list", "string": "text"}
        if isinstance(expected, str):
            return problem(f"expected {names.get(expected, expected)}, found {_describe(value)}")
        return problem(f"expected {' or '.join(names.get(e, e) for e in expected)}, found {_describe(value)}")
    if rule == "pattern":
        if error.validator_value.startswith("^[a-z0-9]"):
            lowered = str(value).lower()
            return problem(f"'{shown(value)}' is not a valid id",
                           f"ids are lowercase: write '{lowered}'" if re.match(error.validator_value, lowered)
                           else "use lowercase ASCII letters, digits and single hyphens, like 'fix-scope'")
        if error.validator_value.startswith("[^\\s"):  # the visible-text rule of common.schema.json
            if not str(value).strip():
                return problem("text is empty", "write the text or remove the field")
            invisible = ", ".join(sorted({f"U+{ord(c):04X}" for c in str(value) if not c.isspace()}))
            return problem(f"text has no visible character, only {invisible}",
                           "write the text with letters, or remove the field")
        if error.validator_value.startswith("[0-9A-Za-z"):  # the words rule: a translation is not punctuation
            if not str(value).strip() or not any(c.isprintable() and not c.isspace() for c in str(value)):
                return []  # nothing visible at all: the visible-text rule says so
            return problem(f"'{shown(value)}' has no letter or digit: it translates nothing",
                           "write the translated text, or ask a translator")
        if error.validator_value == "^[0-9a-f]{8}$":
            return problem(f"'{shown(value)}' is not a version of the English text (8 hexadecimal digits)",
                           "let `python -m generator status --mark` write it")
        if "https?" in error.validator_value:
            return problem(f"'{shown(value)}' is not a web address", "write a full http:// or https:// URL")
        return problem(f"'{shown(value)}' is not in the expected form")
    if rule == "enum":
        choices = [str(c) for c in error.validator_value]
        if isinstance(value, (dict, list)):
            return problem(f"expected one of: {', '.join(choices)}; found {_describe(value)}")
        written = doc.plain.get(path, value)
        return problem(f"'{shown(written)}' is not one of: {', '.join(choices)}",
                       did_you_mean(written, choices))
    if rule == "minLength":
        return problem("text is empty", "write the text or remove the field")
    if rule == "minItems":
        count = error.validator_value
        return problem("the list is empty", f"write at least {count} items" if count > 1 else "write at least one item")
    if rule == "uniqueItems":
        return problem("the list has the same item twice", "remove the repeated item")
    if rule == "maxLength":
        return problem(f"'{shown(value)}' is longer than {error.validator_value} characters")
    if rule == "maxItems":
        return problem(f"the list has more than {error.validator_value} items", "keep the ones readers really type")
    if rule == "not" and isinstance(value, str):  # the no-markup rule of a search term
        marks = "".join(sorted({c for c in value if c in "<>[]{}`*_|#\\"}))
        return problem(f"'{shown(value)}' has markup characters ({marks})", "write plain words, as a reader types them")
    return problem(shown(error.message, 200))


def _describe(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return _read_as(value) if not isinstance(value, str) else "text"
