"""Words as search compares them: folded (lower case, Latin letters without accents, ё as е), elided articles
and clitics split off, and each language's stop words (maintained lists kept as data in stopwords/).

overrides/assets/matcher.js does the same in the browser; tests/test_search_words.py holds them to agree.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

STOPWORDS = Path(__file__).with_name("stopwords")  # <lang>.txt: one word a line, '#' lines name the source
# Elided articles and pronouns before an apostrophe (French), clitics before or after a hyphen (Romanian):
# split off, as the reader means the word they are attached to ("m'insulte", "n-a", "într-un", "spune-mi").
ELIDED = {
    "fr": re.compile(r"(?<![^\W_])(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)'(?=[^\W_])"),
    "ro": re.compile(r"(?<![^\W_])(?:[imnlsv]|ne|te|ți|îi|într|dintr|printr)-(?=[^\W_])"
                     r"|(?<=[^\W_])-(?:mi|ți|i|l|o|ne|vă|le|se|și|am|a|ai|au)(?![^\W_])"),
}
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")


@cache
def stop_words(lang: str) -> frozenset[str]:
    """A language's stop words, folded: words that say nothing of a client ('the', 'qui', 'care', 'не')."""
    lines = (STOPWORDS / f"{lang}.txt").read_text("utf-8").splitlines()
    return frozenset(fold(line.strip()) for line in lines if line.strip() and not line.startswith("#"))


def fold(word: str) -> str:
    """Lower case, Latin letters without their accents, ё as е: how search compares words."""
    out = []
    for char in word.lower().replace("ё", "е"):
        if "LATIN" in unicodedata.name(char, ""):
            char = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        out.append(char)
    return "".join(out)


def words(text: str, lang: str) -> list[str]:
    """A text's words as search sees them: lower case, typographic apostrophes made straight, elided
    articles and Romanian clitics split off (they are stop words), so 'm’insulte' is 'insulte'."""
    text = text.lower().translate(APOSTROPHES)
    if lang in ELIDED:
        text = ELIDED[lang].sub(" ", text)
    return _WORD.findall(text)
