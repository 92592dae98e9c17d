"""An analysis's entities and sentences, indexed for the questions a view asks on every
key press and every drawn row: which entity is at an offset, which touch a row, which
comes next. Kept apart from the view, as the tags (``TagIndex``) and matches are.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator

from newsgloss.corpus.analysis import Analysis, Entity


class AnalysisIndex:
    def __init__(self, analysis: Analysis | None = None) -> None:
        self.analysis = analysis
        self.entities: tuple[Entity, ...] = analysis.entities if analysis else ()
        self.sentences: tuple[tuple[int, int], ...] = analysis.sentences if analysis else ()
        # Offsets as arrays, not lists: the cyclic GC walks a list of ints on every pass.
        self._starts = array("q", (e.start for e in self.entities))
        self._ends = array("q", (e.end for e in self.entities))
        self.sentence_starts = array("q", (start for start, _ in self.sentences))
        self.labels = frozenset(e.label for e in self.entities)  # once, not per legend

    def at(self, offset: int) -> Entity | None:
        index = bisect_right(self._starts, offset) - 1
        if index >= 0 and self.entities[index].start <= offset < self.entities[index].end:
            return self.entities[index]
        return None

    def touching(self, start: int, end: int) -> Iterator[Entity]:
        """The entities that touch ``text[start:end]``. Walks by index from a bisect:
        slicing a 100,000-entity tuple would copy it."""
        for index in range(bisect_right(self._ends, start), len(self.entities)):
            entity = self.entities[index]
            if entity.start >= end:
                return
            yield entity

    def next(self, offset: int, direction: int, wanted: Callable[[Entity], bool]) -> Entity | None:
        """The first ``wanted`` entity after ``offset`` (before it, if ``direction`` < 0)."""
        entities = self.entities
        if direction > 0:
            indexes = range(bisect_right(self._starts, offset), len(entities))
        else:
            indexes = range(bisect_left(self._starts, offset) - 1, -1, -1)
        return next((entities[i] for i in indexes if wanted(entities[i])), None)
