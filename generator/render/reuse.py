"""Under `mkdocs serve`: a page is rendered again only if something it was made from changed.

A page is made from its template and context, the language's settings, and the entries it read. While a
page renders, its templates see the handbook through a Recorder, which answers every lookup (an entry, a
kind's entries, an entry's links, a source's citations; or a question the renderer derives from the
handbook, like an entry's neighbours in reading order) from the real handbook and notes the question
with its answer. The next build reuses the page if each question gets the same answer again: the loader
keeps the same Entry object for a file whose bytes did not change, so "the same" is identity for entries,
and equality for links. Anything else a page is made from (site address, git dates, outdated
translations, the templates' files) is the language's setting: when it changes, every page renders again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from generator.content.model import KIND_ORDER, Entry, Handbook, Link


class Lookups:
    """The answers of one build's handbook, each computed once, and each compared once with a former answer."""

    def __init__(self, book: Handbook, derived: Mapping[str, Callable[..., object]] | None = None) -> None:
        self.book = book
        self.derived = derived or {}  # questions the renderer answers from the handbook: name -> function(*args)
        self.answers: dict[tuple, object] = {}
        self.verdicts: dict[tuple, bool] = {}

    def answer(self, question: tuple) -> object:
        if question not in self.answers:
            what, *args = question
            if what == "kind":
                found = tuple(self.book[args[0]].values())
            elif what == "get":
                found = self.book[args[0]].get(args[1])
            elif what == "linked":
                found = self.book.backlinks.get(tuple(args), ())
            elif what == "cited_by":
                found = self.book.cited_by.get(args[0], ())
            else:
                found = self.derived[what](*args)
            self.answers[question] = found
        return self.answers[question]

    def same(self, question: tuple, former: object) -> bool:
        """Whether a question asked in an earlier build gets the same answer now."""
        key = (question, id(former))  # the pages of one build share their answers: compared once
        if key not in self.verdicts:
            self.verdicts[key] = self.answer(question) == former  # tuples: identity first, then ==
        return self.verdicts[key]


class Recorder:
    """The handbook as one page's templates read it: Handbook's API, every question noted with its answer."""

    def __init__(self, lookups: Lookups) -> None:
        self.lookups = lookups
        self.reads: dict[tuple, object] = {}

    def ask(self, question: tuple) -> object:
        """The answer to a question, noted: one of Lookups' own, or one of its derived ones."""
        self.reads[question] = found = self.lookups.answer(question)
        return found


    def __getitem__(self, kind: str) -> Mapping[str, Entry]:
        self.ask(("kind", kind))
        return self.lookups.book[kind]

    def get(self, kind: str, entry_id: str) -> Entry:
        found = self.ask(("get", kind, entry_id))
        if found is None:
            raise KeyError(entry_id)
        return found

    def all(self) -> Iterator[Entry]:
        for kind in KIND_ORDER:
            yield from self[kind].values()

    @property
    def kinds(self) -> Mapping[str, Mapping[str, Entry]]:
        for kind in KIND_ORDER:
            self.ask(("kind", kind))
        return self.lookups.book.kinds

    def linked(self, entry: Entry, relation: str) -> tuple[Link, ...]:
        return self.ask(("linked", entry.kind, entry.id, relation))

    @property
    def cited_by(self) -> _CitedBy:
        return _CitedBy(self)


class _CitedBy:
    """Handbook.cited_by as a page reads it: source id -> the entries citing it."""

    def __init__(self, recorder: Recorder) -> None:
        self.recorder = recorder

    def get(self, source: str, default=()):
        return self.recorder.ask(("cited_by", source)) or default


class Memo:
    """One language's pages of the last build, each with what it was made from."""

    def __init__(self) -> None:
        self.setting: tuple | None = None
        self.pages: dict[tuple[str, str], tuple[Entry | None, dict, dict, object]] = {}

    def start(self, setting: tuple) -> None:
        """Begin a build; a new setting (site address, dates, templates...) makes every page anew."""
        if setting != self.setting:
            self.setting, self.pages = setting, {}

    def page(self, lookups: Lookups, template: str, src_uri: str, entry: Entry | None, context: dict,
             render: Callable[[Recorder], object]) -> object:
        """The page as last built if nothing it was made from changed, else render(recorder)."""
        key = (template, src_uri)
        former = self.pages.get(key)
        if former is not None:
            made_for, made_with, reads, page = former
            if made_for is entry and _equal(made_with, context) and all(
                    lookups.same(question, answer) for question, answer in reads.items()):
                return page
        recorder = Recorder(lookups)
        page = render(recorder)
        self.pages[key] = (entry, context, recorder.reads, page)
        return page


def _equal(a: dict, b: dict) -> bool:
    try:
        return bool(a == b)
    except Exception:  # noqa: BLE001 - a value that cannot be compared counts as changed
        return False

