"""What search knows of a language's words besides Pagefind's index: its stop words and its vocabulary (the
words of the entries' texts, for "Did you mean ...?"), written beside each language's assets; and the checks
of the entries' search terms that are worth a warning, not an error."""

from __future__ import annotations

import json
from collections import Counter

from generator.content.model import KIND_ORDER, Entry, Handbook
from generator.content.problems import Problem
from generator.content.texts import entry_texts, in_language
from generator.language.words import fold, stop_words, words

STOP_FILE = "assets/search/stop.json"  # fetched with the first query (search box and diagnosis filter)
WORDS_FILE = "assets/search/words.json"  # fetched only when a query finds nothing, to suggest a word
VOCABULARY = 4000  # words kept per language, the most frequent: about 40 KB, 15 KB compressed
SHORTEST = 3  # letters; shorter words are not suggested


def entry_words(entry: Entry, lang: str) -> list[str]:
    """Every word a language's page of an entry shows search: its texts there (or in English), its names in every
    language, its aliases and its search terms in the language."""
    found: list[str] = []
    for text in entry_texts(entry).values():
        found += words(in_language(text, lang)[0], lang)
    for name in (*entry.name.values(), *getattr(entry, "alias_names", ()), *entry.search_terms.get(lang, ())):
        found += words(name, lang)
    for section in getattr(entry, "sections", ()):
        found += words(f"{section.heading} {section.text}", lang)
    return found


def vocabulary(book: Handbook, lang: str, limit: int = VOCABULARY) -> list[str]:
    """The language's words to suggest, most frequent first, each as it is most often written (with its accents):
    no stop words, no numbers, none shorter than SHORTEST letters; at most limit."""
    stop = stop_words(lang)
    counts: Counter[str] = Counter()
    for kind in KIND_ORDER:
        for entry in book[kind].values():
            counts.update(w for w in entry_words(entry, lang) if len(w) >= SHORTEST and w.isalpha())
    best: dict[str, tuple[int, str]] = {}  # folded -> (count, written form)
    totals: Counter[str] = Counter()
    for word, count in counts.items():
        key = fold(word)
        if key in stop:
            continue
        totals[key] += count
        if key not in best or count > best[key][0]:
            best[key] = (count, word)
    return [best[key][1] for key, _ in sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:limit]]


def files(book: Handbook, lang: str) -> dict[str, str]:
    """The language's search word files, path -> JSON text."""
    compact = {"ensure_ascii": False, "separators": (",", ":")}
    return {STOP_FILE: json.dumps(sorted(stop_words(lang)), **compact),
            WORDS_FILE: json.dumps(vocabulary(book, lang), **compact)}


def warnings(book: Handbook) -> list[Problem]:
    """Search terms that add nothing: one that is the entry's name (or an alias) again."""
    found = []
    for kind in KIND_ORDER:
        for entry in book[kind].values():
            names = {fold(name) for name in (*entry.name.values(), *getattr(entry, "alias_names", ()))}
            for lang, terms in entry.search_terms.items():
                for i, term in enumerate(terms):
                    if fold(term) in names:
                        found.append(Problem(entry.path, 1, 1, f"search_terms.{lang}[{i}]",
                                             f"'{term}' is the entry's name or an alias already",
                                             "remove it: names and aliases are searched anyway"))
    return found
