"""Fuzzy matching for the picker and the command palette, in time linear in the text.

Textual's ``FuzzySearch`` tries every way the query's letters can fall in a candidate:
over real titles it took up to half a second for one long title, and seconds a key over
a few hundred. Here the query's letters are taken greedily, left to right, after first
looking for the query whole (a substring scores above any scattered match); a letter at
the start of a word scores more, as in an editor's file finder. The highlighted result
is a ``Content`` made from plain text: a title is never read as markup.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from itertools import accumulate, islice

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


SEPARATOR = "\x1f"  # between a row's fields in the catalogue: no query can hold it
BUDGET = 0.02  # seconds a key may spend looking for scattered letters row by row
FEW = 20_000  # a letter found fewer times than this: only the rows holding it are looked at


class Catalogue:
    """Rows of fields (a document's title, source, id, date, outlet) matched against a
    query best first, fast over 100,000 rows. The folded rows are kept as one string, so
    the common case, the query found whole, is the C string search over all of them, not a
    Python call a row; it stops once the first ``limit`` rows it finds are ones nothing
    later can beat. Letters scattered through a field (``ukr talk``) are looked for only
    in the rows holding the query's rarest letter when it is rare; else row by row, for at
    most ``BUDGET`` seconds a key: past it the rows not yet looked at are left out, and
    the count says "more", not a number. Scores are ``match``'s: the query whole at a
    word start, then whole, then scattered."""

    def __init__(self, rows: list[tuple[str, ...]]) -> None:
        self.rows = rows
        lines = [SEPARATOR.join(row) for row in rows]
        text = "\n".join(line.replace("\n", " ") if "\n" in line else line for line in lines)
        folded = fold(text)
        if len(folded) != len(text):  # a letter whose lower case is longer: line by line
            folded = "\n".join(fold(line).replace("\n", " ") for line in lines)
        self.text = folded + "\n"
        self.starts = list(accumulate((len(line) + 1 for line in lines), initial=0))
        self.counts: dict[str, int] = {}  # a letter: how many times the rows hold it
        self.last: tuple[str, list[int]] | None = None  # a query, all the rows it matched

    def ranked(
        self, query: str, shared: dict[int, int], limit: int
    ) -> tuple[list[int], int | None]:
        """The positions of the best ``limit`` rows, best first (a higher ``shared`` count
        first among equals, then the earlier row), and how many rows match in all (None
        where the search stopped before knowing)."""
        asked = " ".join(fold(query).replace(SEPARATOR, " ").split())
        if not asked:
            first = sorted(shared, key=lambda p: (-shared[p], p))
            rest = (p for p in range(len(self.rows)) if p not in shared)
            return (first + list(islice(rest, limit)))[:limit], len(self.rows)
        scores = {p: s for p in shared if (s := self._score(asked, p)) is not None}
        whole, complete = self._whole(asked, shared, limit)
        scores.update(whole)
        if len(whole) < limit:  # scattered letters could still make the list
            complete = self._scattered(asked, scores) and complete
        best = sorted(scores, key=lambda p: (-scores[p], -shared.get(p, 0), p))
        self.last = (asked, best) if complete else None
        return best[:limit], len(best) if complete else None

    def _score(self, asked: str, position: int) -> float | None:
        line = self.text[self.starts[position] : self.starts[position + 1] - 1]
        found = [match(asked, field, field) for field in line.split(SEPARATOR)]
        return max((f[0] for f in found if f is not None), default=None)

    def _rows_holding(self, text: str) -> Iterator[tuple[int, int]]:
        """Each row holding ``text``, once, with where it is first."""
        starts, at = self.starts, self.text.find(text)
        while at >= 0:
            row = bisect_right(starts, at) - 1
            yield row, at
            at = self.text.find(text, starts[row + 1] - 1)

    def _whole(self, asked: str, shared: dict[int, int], limit: int) -> tuple[dict, bool]:
        """The rows holding ``asked`` whole: 1.0 where it starts a word, else 0.75."""
        text, found, top = self.text, {}, 0
        at_word = re.compile(r"(?<![^\W_])" + re.escape(asked))
        for row, at in self._rows_holding(asked):
            end = self.starts[row + 1] - 1
            start = not text[at - 1].isalnum() if at else True
            start = start or at_word.search(text, at, end) is not None
            found[row] = 1.0 if start else 0.75
            if start and row not in shared:
                top += 1
                if top == limit:  # every later row ranks below these
                    return found, False
        return found, True

    def _scattered(self, asked: str, scores: dict[int, float]) -> bool:
        """Add the rows where ``asked``'s letters fall in order in one field; False if
        the time ran out first."""
        pool: Iterable[int] = range(len(self.rows))
        if self.last is not None and asked.startswith(self.last[0]):
            pool = self.last[1]  # a letter more: only what matched before can match
        rarest = min(set(asked) - {" "}, key=self._count)
        if self._count(rarest) < min(FEW, len(pool)):
            pool = [row for row, _ in self._rows_holding(rarest)]
        deadline = time.perf_counter() + BUDGET
        for count, position in enumerate(pool):
            if count % 256 == 255 and time.perf_counter() > deadline:
                return False
            if position not in scores and (score := self._score(asked, position)) is not None:
                scores[position] = score
        return True

    def _count(self, letter: str) -> int:
        if letter not in self.counts:
            self.counts[letter] = self.text.count(letter)
        return self.counts[letter]
