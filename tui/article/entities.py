"""An analysis's entities and sentences, indexed for the questions a view asks on every
key press and every drawn row: which entity is at an offset, which touch a row, which
comes next. Kept apart from the view, as the tags (``TagIndex``) and matches are.

Everything is held in flat arrays of integers, one object per analysis rather than one
per entity: the cyclic garbage collector never walks them (a full pass over four 5 MB
articles' entity objects was a 0.2 s stall), and a closed pane's analysis is freed
whole. An ``Entity`` is made when asked for, its text sliced from the article's.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence

from newsgloss.corpus.analysis import Analysis, Entity


class Spans(Sequence):
    """(start, end) pairs kept as two arrays, read as a sequence of tuples."""

    def __init__(self, starts: array, ends: array) -> None:
        self.starts, self.ends = starts, ends

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return self.starts[index], self.ends[index]


class AnalysisIndex:
    def __init__(self, analysis: Analysis | None = None, text: str = "") -> None:
        self.analysed = analysis is not None
        self._text = text
        entities = analysis.entities if analysis else ()
        self._starts = array("q", (e.start for e in entities))
        self._ends = array("q", (e.end for e in entities))
        self._names = tuple(sorted({e.label for e in entities}))
        number = {name: index for index, name in enumerate(self._names)}
        self._labels = array("H", (number[e.label] for e in entities))
        self.labels = frozenset(self._names)  # once, not per legend
        sentences = analysis.sentences if analysis else ()
        self.sentences = Spans(
            array("q", (start for start, _ in sentences)), array("q", (end for _, end in sentences))
        )
        self.sentence_starts = self.sentences.starts

    def __len__(self) -> int:
        return len(self._starts)

    def entity(self, index: int) -> Entity:
        start, end = self._starts[index], self._ends[index]
        return Entity(start, end, self._names[self._labels[index]], self._text[start:end])

    def __iter__(self) -> Iterator[Entity]:
        return (self.entity(index) for index in range(len(self)))

    def at(self, offset: int) -> Entity | None:
        index = bisect_right(self._starts, offset) - 1
        if index >= 0 and self._starts[index] <= offset < self._ends[index]:
            return self.entity(index)
        return None

    def touching(self, start: int, end: int) -> Iterator[Entity]:
        """The entities that touch ``text[start:end]``, walking by index from a bisect."""
        for index in range(bisect_right(self._ends, start), len(self)):
            if self._starts[index] >= end:
                return
            yield self.entity(index)

    def next(self, offset: int, direction: int, wanted: Callable[[Entity], bool]) -> Entity | None:
        """The first ``wanted`` entity after ``offset`` (before it, if ``direction`` < 0)."""
        if direction > 0:
            indexes = range(bisect_right(self._starts, offset), len(self))
        else:
            indexes = range(bisect_left(self._starts, offset) - 1, -1, -1)
        return next((e for e in map(self.entity, indexes) if wanted(e)), None)
