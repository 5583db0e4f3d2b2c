"""What a trainer's session is made of: the practice questions about each client type, and the session numbers
of the ready-made links per type (the trainers' page without JavaScript)."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable

from generator.content.model import Handbook
from generator.features.practice import Question, questions

LENGTHS = (5, 10)  # the session lengths offered besides "all", as the practice page offers them
SEEDS = 1_000_000  # session numbers run below this, as the practice page draws them


def questions_by_type(asked: Iterable[Question]) -> dict[str, tuple[str, ...]]:
    """Each client type's questions (those where it is a right answer), in the questions' order."""
    found: dict[str, list[str]] = {}
    for q in asked:
        for type_id in q.accepted:
            found.setdefault(type_id, []).append(q.id)
    return {type_id: tuple(ids) for type_id, ids in found.items()}


def ready_seed(type_id: str) -> int:
    """The session number of a type's ready-made link: the same from build to build, different per type."""
    return zlib.crc32(type_id.encode("utf-8")) % SEEDS


def trainer_files(book: Handbook, render: Callable[..., object]) -> list:
    """The trainers' page and its print pack, as render(template, src_uri, **context) makes pages."""
    by_type = questions_by_type(questions(book))
    seeds = {type_id: ready_seed(type_id) for type_id in book["archetypes"]}
    return [render("trainers.html.j2", "trainers/index.md", by_type=by_type, seeds=seeds, lengths=LENGTHS),
            render("trainers-print.html.j2", "trainers/print.md")]
