"""Fuzzy matching for the picker and the command palette, in time linear in the text.

Textual's ``FuzzySearch`` tries every way the query's letters can fall in a candidate:
over real titles it took up to half a second for one long title, and seconds a key over
a few hundred. Here the query's letters are taken greedily, left to right, after first
looking for the query whole (a substring scores above any scattered match); a letter at
the start of a word scores more, as in an editor's file finder. The highlighted result
is a ``Content`` made from plain text: a title is never read as markup.
"""

from __future__ import annotations

from textual.content import Content

from newsgloss.tui.cells import terminal_text


def fold(text: str) -> str:
    """``text`` in lower case, one character for one, so that offsets still hold."""
    folded = text.lower()
    if len(folded) == len(text):
        return folded
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _word_start(text: str, index: int) -> bool:
    return index == 0 or not text[index - 1].isalnum()


def match(query: str, text: str, folded: str | None = None) -> tuple[float, list[int]] | None:
    """A score in (0, 1] and the matched offsets, or None where ``query``'s letters are
    not all in ``text`` in order. An empty query matches everything, scoring 1.
    ``folded``: ``fold(text)``, made once by a caller that matches the same texts for
    every key typed."""
    query = " ".join(fold(query).split())
    if not query:
        return 1.0, []
    folded = fold(text) if folded is None else folded
    whole = folded.find(query)
    if whole >= 0:
        offsets = list(range(whole, whole + len(query)))
        return 0.5 + 0.5 * (_word_start(text, whole) + 1) / 2, offsets
    offsets, at = [], 0
    for character in query.replace(" ", ""):  # "ukr talk" in "Ukraine peace talks"
        at = folded.find(character, at)
        if at < 0:
            return None
        offsets.append(at)
        at += 1
    runs = 1 + sum(b != a + 1 for a, b in zip(offsets, offsets[1:], strict=False))
    starts = sum(_word_start(text, o) for o in offsets)
    return 0.5 * (starts + len(offsets) / runs) / (2 * len(offsets)), offsets


def highlighted(text: str, offsets: list[int], style: str = "reverse") -> Content:
    """``text`` as the terminal may show it, the matched letters in ``style``."""
    content = Content(terminal_text(text))
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(style, offset, offset + 1)
    return content
