"""Practice questions computed from the handbook's relations: situation -> client type -> first response."""

from __future__ import annotations

import heapq
import json
import zlib
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import groupby
from pathlib import Path

import fastjsonschema

from generator.content.model import Archetype, Handbook, Symptom, Text
from generator.content.problems import Problem
from generator.content.texts import in_language
from generator.language.codes import LANGUAGES
from generator.language.strings import ui_strings
from generator.language.typography import typeset

JSON_PATH = "practice/questions.json"
SCHEMA_PATH = "practice/questions.schema.json"
SCHEMA_FILE = Path(__file__).parents[1] / "schemas" / "practice" / "questions.schema.json"
VERSION = 1
TYPE_CHOICES = 4  # the reader picks the client type among four
RESPONSE_CHOICES = 3  # then the first response among three
MAX_ACCEPTED = 2  # a sign that reveals many types shows two of them, so that picking stays a choice
# UI strings the page script needs, sent in the questions file: every key starting with this.
UI_PREFIX = "practice_"


@dataclass(frozen=True)
class ResponseChoice:
    """What to do first with one client type: the options, the answer, why."""

    options: tuple[str, ...]  # response ids, sorted: the answer's place tells nothing
    answer: str
    note: Text | None


@dataclass(frozen=True)
class Question:
    """One situation: the types offered, those that count as right, and the first-response step for each."""

    id: str
    sign: Symptom
    situation: Text
    options: tuple[str, ...]  # archetype ids, in a fixed order; the browser shuffles them
    accepted: tuple[str, ...]  # the options this sign reveals
    also: tuple[str, ...]  # types the sign reveals too, not offered here
    notes: Mapping[str, Text | None]  # accepted type -> its note on this sign
    responses: Mapping[str, ResponseChoice]  # accepted type -> its first-response step


def _rank(*parts: str) -> int:
    """A stable tie-breaker: the same content always gives the same order, unlike hash()."""
    return zlib.crc32("\0".join(parts).encode("utf-8"))


@dataclass(frozen=True)
class _Neighbours:
    """Each archetype's signs, related types and tags as sets, and the types of each sign and tag: computed
    once per handbook, so that a question scores only the types that share something with its right ones."""

    signs: Mapping[str, frozenset[str]]
    related: Mapping[str, frozenset[str]]
    tags: Mapping[str, frozenset[str]]
    by_sign: Mapping[str, tuple[str, ...]]
    by_tag: Mapping[str, tuple[str, ...]]
    place: Mapping[str, int]  # the handbook's order of the types: the last tie-breaker


def _neighbours(book: Handbook) -> _Neighbours:
    types = book["archetypes"].values()
    signs = {a.id: frozenset(link.id for link in book.linked(a, "symptoms")) for a in types}
    tags = {a.id: frozenset(a.tags) for a in types}
    by_sign: dict[str, list[str]] = {}
    by_tag: dict[str, list[str]] = {}
    for a in types:
        for sign in signs[a.id]:
            by_sign.setdefault(sign, []).append(a.id)
        for tag in tags[a.id]:
            by_tag.setdefault(tag, []).append(a.id)
    return _Neighbours(signs, {a.id: frozenset(link.id for link in book.linked(a, "related")) for a in types}, tags,
                       {k: tuple(v) for k, v in by_sign.items()}, {k: tuple(v) for k, v in by_tag.items()},
                       {a.id: i for i, a in enumerate(types)})


def type_distractors(book: Handbook, question_id: str, sign: Symptom, accepted: tuple[str, ...], count: int,
                     near: _Neighbours | None = None) -> tuple[str, ...]:
    """Plausible wrong types: those sharing the most signs with the right ones, then related, then tags.

    Ties are broken by a rank made from the question and the type (then the handbook's order). Only the types
    sharing something are scored one by one; the others all tie before their rank, which is computed only if
    too few types share anything (a question of a large handbook would otherwise score every type).
    """
    near = near or _neighbours(book)
    revealed = {link.id for link in book.linked(sign, "archetypes")}
    right_signs = frozenset().union(*(near.signs[a] for a in accepted))
    right_related = frozenset().union(*(near.related[a] for a in accepted))
    right_tags = frozenset().union(*(near.tags[a] for a in accepted))
    shared_signs = Counter(a for s in right_signs for a in near.by_sign.get(s, ()))

    def rank(candidate: str) -> tuple[int, int]:
        return _rank(question_id, candidate), near.place[candidate]

    def best(wanted: int, candidates, key) -> list[str]:
        """The first candidates by key, then rank."""
        found: list[str] = []
        for _, group in groupby(sorted(candidates, key=key), key=key):
            found += heapq.nsmallest(wanted - len(found), group, key=rank)
            if len(found) == wanted:
                break
        return found

    # The types sharing a sign, or related: before any other, however many tags those share.
    close = (shared_signs.keys() | right_related) - revealed
    chosen = best(count, close, lambda a: (-shared_signs[a], -(a in right_related), -len(near.tags[a] & right_tags)))
    if len(chosen) < count:  # then those sharing tags
        shared_tags = Counter(a for t in right_tags for a in near.by_tag.get(t, ()) if a not in close)
        chosen += best(count - len(chosen), shared_tags.keys() - revealed, lambda a: -shared_tags[a])
    if len(chosen) < count:  # then any
        rest = [a for a in book["archetypes"] if a not in revealed and a not in close and a not in chosen]
        chosen += heapq.nsmallest(count - len(chosen), rest, key=rank)
    return tuple(chosen)


def response_choice(book: Handbook, question_id: str, sign: Symptom, archetype: Archetype,
                    wrong_types: tuple[str, ...]) -> ResponseChoice | None:
    """The first response of a type among plausible others: the first responses of the wrong types offered."""
    own = book.linked(archetype, "responses")
    if not own:
        return None  # an archetype with no responses: the question stops at the type
    # The type's own later steps, and any response to this very sign, would be right too: never distractors.
    excluded = {link.id for link in own} | {link.id for link in book.linked(sign, "responses")}
    wrong: list[str] = []
    for rank in range(max((len(book.linked(book.get("archetypes", t), "responses")) for t in wrong_types),
                          default=0)):
        for t in wrong_types:  # first responses of the wrong types, then their second ones...
            links = book.linked(book.get("archetypes", t), "responses")
            if rank < len(links) and links[rank].id not in excluded and links[rank].id not in wrong:
                wrong.append(links[rank].id)
    if len(wrong) < RESPONSE_CHOICES - 1:  # a small handbook: responses sharing the type's tags, then any
        tags = set(archetype.tags)
        rest = [r for r in book["responses"].values() if r.id not in excluded and r.id not in wrong]
        wrong += [r.id for r in heapq.nsmallest(RESPONSE_CHOICES - 1 - len(wrong), rest, key=lambda r: (
            -len(tags.intersection(r.tags)), _rank(question_id, r.id)))]
    choices = (own[0].id, *wrong[:RESPONSE_CHOICES - 1])
    return ResponseChoice(tuple(sorted(choices)), own[0].id, own[0].note)


@lru_cache(maxsize=4)  # asked for by every language's pages, `check` and `status`; a Handbook never changes
def questions(book: Handbook) -> tuple[Question, ...]:
    """Every practice question: one per example of each sign (its summary where it has none)."""
    found = []
    near = _neighbours(book)
    for sign in book["symptoms"].values():
        revealed = book.linked(sign, "archetypes")
        if not revealed:
            continue  # a sign linked to no type has no right answer; `check` warns about it
        situations = sign.examples or (sign.summary,)
        types = sorted(link.id for link in revealed)
        for i, situation in enumerate(situations):
            qid = f"{sign.id}-{i + 1}"
            # Rotate which revealed types are offered, so each can be reached from one example or another.
            shown = max(1, min(MAX_ACCEPTED, len(types), TYPE_CHOICES - 1))
            accepted = tuple((types * 2)[i % len(types): i % len(types) + shown])
            wrong = type_distractors(book, qid, sign, accepted, TYPE_CHOICES - len(accepted), near)
            notes = {link.id: link.note for link in revealed if link.id in accepted}
            responses = {}
            for type_id in accepted:
                choice = response_choice(book, qid, sign, book.get("archetypes", type_id), wrong)
                if choice is not None:
                    responses[type_id] = choice
            found.append(Question(qid, sign, situation, tuple(sorted(accepted + wrong)), accepted,
                                  tuple(t for t in types if t not in accepted), notes, responses))
    return tuple(found)


def warnings(book: Handbook) -> list[Problem]:
    """What keeps content from being practised: signs without examples or types, unreachable types."""
    found = []
    for sign in book["symptoms"].values():
        if not book.linked(sign, "archetypes"):
            found.append(Problem(sign.path, 1, 1, "", "no client type lists this sign, so practice cannot use it",
                                 "add it to the symptoms of the archetypes it reveals"))
        elif not sign.examples:
            found.append(Problem(sign.path, 1, 1, "examples", "no examples: practice shows the summary instead",
                                 "add a real situation from the cited source"))
    reached = {t for q in questions(book) for t in q.accepted}
    for archetype in book["archetypes"].values():
        if archetype.id not in reached:
            found.append(Problem(archetype.path, 1, 1, "symptoms", "no practice question leads to this client type",
                                 "link it to a sign with an example"))
        elif not book.linked(archetype, "responses"):
            found.append(Problem(archetype.path, 1, 1, "responses",
                                 "no responses: practice cannot ask what to do first", "add its responses in order"))
    return found


def _translated(text: Text | None, lang: str) -> bool:
    return text is None or lang in text


def coverage(book: Handbook, lang: str) -> dict[str, int]:
    """Questions, those fully in the language, and types reachable: the numbers `status` reports."""
    asked = questions(book)
    native = 0
    for q in asked:
        names = [book.get("archetypes", t).name for t in q.options]
        names += [book.get("responses", r).name for c in q.responses.values() for r in c.options]
        if all(_translated(t, lang) for t in [q.situation, q.sign.name, *names, *q.notes.values()]):
            native += 1
    reached = {t for q in asked for t in q.accepted}
    return {"questions": len(asked), "translated": native, "types": len(book["archetypes"]),
            "reached": len(reached)}


def coverage_report(book: Handbook) -> str:
    """Practice coverage per language, as lines for `python -m generator status`."""
    lines = ["Practice coverage (questions with every text in the language; client types a question leads to):", ""]
    for lang in LANGUAGES:
        c = coverage(book, lang)
        share = 100 * c["translated"] / c["questions"] if c["questions"] else 100
        lines.append(f"  {lang}  {c['translated']}/{c['questions']} questions {share:.0f}%, "
                     f"{c['reached']}/{c['types']} client types")
    return "\n".join(lines)


def _typeset(value: str | dict, lang: str) -> str | dict:
    """A UI string, or each of its plural forms, set by the language's typography (as the pages set them)."""
    return {k: typeset(v, lang) for k, v in value.items()} if isinstance(value, dict) else typeset(value, lang)


def _text(text: Text | None, lang: str) -> str | dict | None:
    """A text in the language, or the English one marked as such (the page shows it with lang="en")."""
    if text is None:
        return None
    value, written = in_language(text, lang)
    if written == lang:
        return typeset(value, lang)
    return {"lang": written, "text": typeset(value, written)}


def _source(book: Handbook, entry, lang: str) -> dict | None:
    """The first cited source section of an entry: a label and a path from the language's root."""
    if not getattr(entry, "citations", ()):
        return None
    citation = entry.citations[0]
    source = book.get("sources", citation.source)
    section = source.section(citation.section)
    heading, _, written = source.in_language(section, lang) if section else ("", "", source.language)
    return {"name": _text(source.name, lang), "section": typeset(heading, lang) if written == lang else heading,
            "section_lang": written, "url": f"{source.url}#{citation.section}"}


def practice_data(book: Handbook, lang: str, asked: tuple[Question, ...] | None = None) -> dict:
    """Everything the practice page needs in one language, as plain data (see questions.schema.json)."""
    asked = questions(book) if asked is None else asked
    used_types = sorted({t for q in asked for t in q.options})
    used_responses = sorted({r for q in asked for c in q.responses.values() for r in c.options})
    used_signs = sorted({q.sign.id for q in asked})

    def entry(kind: str, entry_id: str) -> dict:
        e = book.get(kind, entry_id)
        return {"name": _text(e.name, lang), "url": e.url}

    out_questions = []
    for q in asked:
        archetypes = {t: book.get("archetypes", t) for t in q.accepted}
        out_questions.append({
            "id": q.id, "sign": q.sign.id, "situation": _text(q.situation, lang),
            "options": list(q.options), "accepted": list(q.accepted), "also": list(q.also),
            "notes": {t: _text(q.notes[t] or archetypes[t].summary, lang) for t in q.accepted},
            "source": _source(book, q.sign, lang) or _source(book, archetypes[q.accepted[0]], lang),
            "responses": {t: {"options": list(c.options), "answer": c.answer,
                              "note": _text(c.note or book.get("responses", c.answer).summary, lang),
                              "source": _source(book, book.get("responses", c.answer), lang)
                              or _source(book, archetypes[t], lang)}
                          for t, c in q.responses.items()},
        })
    strings = {key[len(UI_PREFIX):]: _typeset(value[lang], lang) for key, value in sorted(ui_strings().items())
               if key.startswith(UI_PREFIX)}
    return {
        "version": VERSION, "lang": lang, "ui": strings,
        "types": {t: entry("archetypes", t) for t in used_types},
        "signs": {s: entry("symptoms", s) for s in used_signs},
        "responses": {r: entry("responses", r) for r in used_responses},
        "questions": out_questions,
    }


@cache
def _schema_check():
    return fastjsonschema.compile(json.loads(SCHEMA_FILE.read_text("utf-8")))


def practice_json(book: Handbook, lang: str, asked: tuple[Question, ...] | None = None) -> str:
    """The questions file of one language: checked against its schema, sorted keys, byte-identical per content."""
    data = practice_data(book, lang, asked)
    _schema_check()(data)  # a failure here is a bug in this module, not in content
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def practice_files(book: Handbook, lang: str, render: Callable[..., object]) -> list:
    """The practice page and its printable version (as render(template, src_uri) makes pages), then
    (src_uri, text) of the questions file and its schema."""
    asked = questions(book)
    return [render("practice.html.j2", "practice/index.md", questions=asked),
            render("practice-print.html.j2", "practice/print.md", questions=asked),
            (JSON_PATH, practice_json(book, lang, asked)),
            (SCHEMA_PATH, SCHEMA_FILE.read_text("utf-8"))]
