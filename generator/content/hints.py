"""Did-you-mean hints at a bounded cost, however many names and mistakes a pull request brings."""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Iterable

MAX_COMPARED = 300  # candidates compared with one word, the nearest in length first
MAX_FUZZY = 200  # distinct words given a fuzzy search per set of names; later words get none
CUTOFF = 0.6  # difflib's similarity for a near miss


class Suggester:
    """Near misses among one set of names: exact-but-for-case first, then the closest spelling.

    Each distinct word is looked up once; a fuzzy search compares at most MAX_COMPARED names (those
    sharing the most letter pairs with it) and runs for at most MAX_FUZZY words, so 24,000 wrong
    references against 2,000 names stay fast.
    """

    def __init__(self, choices: Iterable[object]):
        self.names = sorted({str(c) for c in choices})
        self.folded: dict[str, str] = {}
        self.by_pair: dict[str, list[str]] = defaultdict(list)  # two letters -> the names holding them
        for name in self.names:
            self.folded.setdefault(name.casefold(), name)
            for pair in _pairs(name):
                self.by_pair[pair].append(name)
        self.cache: dict[str, str] = {}
        self.fuzzy_left = MAX_FUZZY

    def closest(self, word: object) -> str:
        """The name meant by word, or ''."""
        word = str(word)
        if word not in self.cache:
            self.cache[word] = self.folded.get(word.casefold()) or self._fuzzy(word)
        return self.cache[word]

    def hint(self, word: object) -> str:
        """A 'did you mean' hint for word, or ''."""
        close = self.closest(word)
        return f"did you mean '{close}'?" if close else ""

    def _fuzzy(self, word: str) -> str:
        if self.fuzzy_left <= 0 or not self.names:
            return ""
        self.fuzzy_left -= 1
        # The names sharing the most letter pairs with the word are the only ones worth comparing.
        shared: Counter[str] = Counter()
        for pair in _pairs(word[:64]):
            shared.update(self.by_pair.get(pair, ()))
        candidates = [name for name, _ in shared.most_common(MAX_COMPARED)]
        close = difflib.get_close_matches(word, candidates, n=1, cutoff=CUTOFF)
        return close[0] if close else ""


def _pairs(text: str) -> set[str]:
    text = f" {text.casefold()} "
    return {text[i:i + 2] for i in range(len(text) - 1)}


def did_you_mean(word: object, choices: Iterable[object]) -> str:
    """A 'did you mean' hint for a near miss (or a different case) among a few choices, or ''."""
    return Suggester(choices).hint(word)
