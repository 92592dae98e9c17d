"""A document's tags in text order, with look-ups by offset that stay fast at thousands.

Kept apart from the view, which draws them: a change is applied in place (a bisect
insert or delete) rather than by reading and sorting every tag again, and the tags
touching a range are found from a bisect bounded by the longest tag, not by scanning
every tag before it. Where thousands crowd the text, what is on top at each character is
worked out a block of text at a time and kept until a tag in the block changes: a
resize re-wraps every row but reuses the blocks.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from newsgloss.annotations.model import Annotation
from newsgloss.corpus.positions import ByPosition


def _order(annotation: Annotation) -> tuple[int, int, str]:
    return (annotation.start, annotation.end, annotation.label)


Run = tuple[int, int, str, bool]  # start, end, the label on top, whether tags overlap


class TagIndex:
    """Tags sorted by start, end and label (``corpus.positions.ByPosition``); ``items``
    is the list, ``starts`` their starts."""

    BLOCK = 128  # characters of text whose runs are worked out together
    KEPT = 4096  # blocks of runs kept at most (a screenful needs a few dozen)

    def __init__(self, annotations: Iterable[Annotation] = ()) -> None:
        self._tags = ByPosition(annotations, order=_order)
        self.items, self.starts = self._tags.items, self._tags.starts  # changed in place
        self._runs: dict[int, list[Run]] = {}  # by block number

    def change(self, before: Annotation | None, after: Annotation | None) -> None:
        """Remove ``before`` (found by id) and insert ``after``, either of which may be None."""
        if before is not None:
            self._tags.remove(before, lambda stored, old: stored.id == old.id)
        if after is not None:
            self._tags.insert(after)
        for changed in (before, after):
            if changed is not None:
                for block in range(
                    changed.start // self.BLOCK, (changed.end - 1) // self.BLOCK + 1
                ):
                    self._runs.pop(block, None)

    def touching(self, start: int, end: int) -> list[Annotation]:
        """The tags that cover some of ``[start, end)``, in text order. Only tags that start
        within the longest tag's length before ``start`` can reach it."""
        return self._tags.over(start, end)

    def starting(self, start: int, end: int) -> int:
        """How many tags start within ``[start, end)``: each of them touches it."""
        return bisect_left(self.starts, end) - bisect_left(self.starts, start)

    def runs(self, start: int, end: int) -> list[Run]:
        """The stretches of ``[start, end)`` under tags, each with the label on top (the
        shortest tag's: it is painted last) and whether two or more tags overlap there."""
        found: list[Run] = []
        for block in range(start // self.BLOCK, (end - 1) // self.BLOCK + 1):
            runs = self._runs.get(block)
            if runs is None:
                if len(self._runs) >= self.KEPT:
                    self._runs.clear()
                runs = self._runs[block] = self._flatten(block * self.BLOCK)
            found.extend(
                (max(left, start), min(right, end), label, overlap)
                for left, right, label, overlap in runs
                if right > start and left < end
            )
        return found

    def _flatten(self, start: int) -> list[Run]:
        """The runs of one block: each character takes the shortest tag over it, painted
        into a slot per character, and the overlaps are counted with a running sum."""
        width = self.BLOCK
        top: list[str | None] = [None] * width
        depth = [0] * (width + 1)
        touching = self.touching(start, start + width)
        for a in sorted(touching, key=lambda a: a.start - a.end):  # longest first
            left, right = max(a.start, start) - start, min(a.end, start + width) - start
            top[left:right] = [a.label] * (right - left)
            depth[left] += 1
            depth[right] -= 1
        runs: list[Run] = []
        covering, run_start, run = 0, 0, None
        for index in range(width + 1):
            if index < width:
                covering += depth[index]
                here = (top[index], covering > 1)
            else:
                here = None
            if here != run:
                if run is not None and run[0] is not None:
                    runs.append((start + run_start, start + index, run[0], run[1]))
                run_start, run = index, here
        return runs

    def at(self, offset: int) -> list[Annotation]:
        """The tags covering ``offset``, shortest first."""
        return sorted(self.touching(offset, offset + 1), key=lambda a: a.end - a.start)

    def first_ending_after(self, offset: int) -> int | None:
        """The index of the first tag (in text order) that ends after ``offset``: the one
        under the cursor, or the next. Tags starting a longest tag's length before it
        end before it: the search starts past them."""
        index = self._tags.first(offset + 1)
        return next((i for i in range(index, len(self.items)) if self.items[i].end > offset), None)

    def next_start(self, offset: int, direction: int) -> int | None:
        """The start of the next (``direction`` 1) or previous (-1) tag from ``offset``."""
        if direction > 0:
            index = bisect_right(self.starts, offset)
            return self.starts[index] if index < len(self.starts) else None
        index = bisect_left(self.starts, offset)
        return self.starts[index - 1] if index > 0 else None
