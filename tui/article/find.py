"""Find in an article: case, accents and the style of quotation marks do not matter.

``/Russia's`` finds ``Russia’s``, ``cafe`` finds ``Café``. Both the text and the query
are folded character by character into a string of the same length, so a match in
the folded text is a match at the same offsets in the article.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator

from newsgloss.corpus.folding import fold


def find_all(folded_text: str, query: str) -> list[tuple[int, int]]:
    """Every (start, end) where ``query`` occurs in the folded text, without overlaps."""
    query = fold(unicodedata.normalize("NFC", query))
    if not query:
        return []
    return [match.span() for match in re.finditer(re.escape(query), folded_text)]


class Matches:
    """The spans a search found, in text order, with look-ups by offset (kept apart from
    the view, which draws them)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.spans = list(spans)
        self.starts = [start for start, _ in self.spans]

    def __len__(self) -> int:
        return len(self.spans)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(self.spans)

    def first_from(self, offset: int) -> int:
        """The start of the first match at or after ``offset``, else the first of all."""
        return self.starts[bisect_left(self.starts, offset) % len(self.starts)]

    def next_start(self, offset: int, direction: int) -> int:
        """The start of the next (1) or previous (-1) match from ``offset``, wrapping."""
        if direction > 0:
            index = bisect_right(self.starts, offset)
        else:
            index = bisect_left(self.starts, offset) - 1
        return self.starts[index % len(self.starts)]

    def number_at(self, offset: int) -> int | None:
        """The number (from 1) of the match holding ``offset``, if any."""
        index = bisect_right(self.starts, offset) - 1
        if index >= 0 and self.spans[index][0] <= offset < self.spans[index][1]:
            return index + 1
        return None

    def touching(self, start: int, end: int) -> list[tuple[int, int]]:
        """The matches that cover some of ``[start, end)``; matches never overlap."""
        first = max(0, bisect_left(self.starts, start) - 1)
        last = bisect_left(self.starts, end)
        return [span for span in self.spans[first:last] if span[1] > start]
