"""Find in an article: case, accents and the style of quotation marks do not matter.

``/Russia's`` finds ``Russia’s``, ``cafe`` finds ``Café``. Both the text and the query
are folded character by character into a string of the same length, so a match in
the folded text is a match at the same offsets in the article.
"""

from __future__ import annotations

import re
import unicodedata

APOSTROPHES = "‘’‚‛′ʼ`´"
QUOTATION_MARKS = "“”„‟″«»"
DASHES = "‐‑‒–—―−"


def _fold_character(character: str) -> str:
    if character in APOSTROPHES:
        return "'"
    if character in QUOTATION_MARKS:
        return '"'
    if character in DASHES:
        return "-"
    lower = character.lower()
    if len(lower) != 1:  # "İ" lowers to two characters: keep the length
        lower = character
    base = unicodedata.normalize("NFD", lower)
    if len(base) > 1 and all(unicodedata.combining(mark) for mark in base[1:]):
        return base[0]  # a letter with accents: the letter
    return lower


class _FoldTable(dict):
    """A ``str.translate`` table that folds each character the first time it is seen."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = _fold_character(chr(code))
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """``text`` without case, accents or quote styles: the same length, offset for offset."""
    return text.translate(_TABLE)


def find_all(folded_text: str, query: str) -> list[tuple[int, int]]:
    """Every (start, end) where ``query`` occurs in the folded text, without overlaps."""
    query = fold(unicodedata.normalize("NFC", query))
    if not query:
        return []
    return [match.span() for match in re.finditer(re.escape(query), folded_text)]
