"""The JSON Schemas of the four kinds, and their errors turned into readable problems."""

from __future__ import annotations

import datetime
import difflib
import json
from functools import cache
from pathlib import Path

import jsonschema
from referencing import Registry, Resource

from .loader import Document
from .problems import Problem, field_path

SCHEMA_DIR = Path(__file__).parent / "schemas"
KINDS = {"archetypes": "archetype", "symptoms": "symptom", "responses": "response", "sources": "source"}


@cache
def validator(kind: str) -> jsonschema.Draft7Validator:
    """The validator of one kind ('archetypes', ...), with the shared definitions resolvable."""
    schemas = [json.loads(p.read_text("utf-8")) for p in sorted(SCHEMA_DIR.glob("*.schema.json"))]
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas)
    schema = json.loads((SCHEMA_DIR / f"{KINDS[kind]}.schema.json").read_text("utf-8"))
    return jsonschema.Draft7Validator(schema, registry=registry)


def did_you_mean(word: str, choices) -> str:
    """A 'did you mean' hint for a near miss, or ''."""
    close = difflib.get_close_matches(str(word), sorted(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def schema_problems(doc: Document, kind: str) -> list[Problem]:
    """Every schema violation of a document, at the line of the value at fault."""
    problems = []
    for error in validator(kind).iter_errors(doc.data):
        problems.extend(_explain(doc, error))
    # A misspelt required field is one mistake: keep "unknown field 'sumary' (did you mean...)".
    meant = {p.hint for p in problems if p.message.startswith("unknown field")}
    return [p for p in problems if not (p.message.startswith("missing required field")
                                        and f"did you mean '{p.message.split(chr(39))[1]}'?" in meant)]


def _read_as(value: object) -> str:
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return "a date"
    return "nothing"


def _explain(doc: Document, error: jsonschema.ValidationError) -> list[Problem]:
    path = tuple(error.absolute_path)
    where = doc.position(path)
    field = field_path(path)
    rule, value = error.validator, error.instance

    def problem(message: str, hint: str = "", at=where, name=field) -> list[Problem]:
        return [Problem(doc.path, at[0], at[1], name, message, hint)]

    if rule == "oneOf":
        # A relation is an id or {id, note}: explain against the shape it was written in.
        wanted = "object" if isinstance(value, dict) else "string"
        for sub in error.context:
            if sub.schema.get("type") == wanted or "$ref" in sub.schema and wanted == "string":
                return _explain(doc, sub)
        return problem("expected an id or a mapping with id: and note:")
    if rule == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        found = []
        for key in sorted(set(value) - allowed):
            at = doc.position(path + (key,), key=True)
            found += problem(f"unknown field '{key}'", did_you_mean(key, allowed) or
                             f"allowed here: {', '.join(sorted(allowed))}", at, field_path(path + (key,)))
        return found
    if rule == "required":
        missing = error.message.split("'")[1]
        return problem(f"missing required field '{missing}'", "see the kind's schema or `python -m generator new`")
    if rule == "type":
        if path in doc.plain and not isinstance(value, (dict, list)):
            raw = doc.plain[path]
            return problem(f"'{raw}' is read as {_read_as(value)}, not as text", f'quote this value: "{raw}"')
        expected = error.validator_value
        names = {"object": "a mapping of fields", "array": "a list", "string": "text"}
        if isinstance(expected, str):
            return problem(f"expected {names.get(expected, expected)}, found {_describe(value)}")
        return problem(f"expected {' or '.join(names.get(e, e) for e in expected)}, found {_describe(value)}")
    if rule == "pattern":
        if error.validator_value.startswith("^[a-z0-9]"):
            return problem(f"'{value}' is not a valid id",
                           "use lowercase ASCII letters, digits and single hyphens, like 'fix-scope'")
        if error.validator_value == "\\S":
            return problem("text is empty", "write the text or remove the field")
        if "https?" in error.validator_value:
            return problem(f"'{value}' is not a web address", "write a full http:// or https:// URL")
        return problem(f"'{value}' is not in the expected form")
    if rule == "enum":
        choices = [str(c) for c in error.validator_value]
        return problem(f"'{value}' is not one of: {', '.join(choices)}", did_you_mean(value, choices))
    if rule == "minLength":
        return problem("text is empty", "write the text or remove the field")
    if rule == "minItems":
        return problem("the list is empty", f"give at least {error.validator_value}")
    if rule == "uniqueItems":
        return problem("the list has the same item twice", "remove the repeated item")
    if rule == "maxLength":
        return problem(f"'{value}' is longer than {error.validator_value} characters")
    return problem(error.message)


def _describe(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return _read_as(value) if not isinstance(value, str) else "text"
