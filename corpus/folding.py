"""Text folded for finding: case, accents and the style of quotation marks and dashes
do not matter (``Russia's`` finds ``Russia’s``, ``cafe`` finds ``Café``). Folded
character by character into a string of the same length, so a match in the folded text
is a match at the same offsets in the original: what ``/`` in a pane and corpus search
(``annotations/search.py``) both read."""

from __future__ import annotations

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
