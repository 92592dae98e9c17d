"""A document's tags in text order, with look-ups by offset that stay fast at thousands.

Kept apart from the view, which draws them: a change is applied in place (a bisect
insert or delete) rather than by reading and sorting every tag again, and the tags
touching a range are found from a bisect bounded by the longest tag, not by scanning
every tag before it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from newsgloss.annotations.model import Annotation


def _order(annotation: Annotation) -> tuple[int, int, str]:
    return (annotation.start, annotation.end, annotation.label)


class TagIndex:
    """Tags sorted by start, end and label; ``items`` is the list, ``starts`` their starts."""

    def __init__(self, annotations: Iterable[Annotation] = ()) -> None:
        self.items: list[Annotation] = sorted(annotations, key=_order)
        self.starts = [a.start for a in self.items]
        self._longest = max((a.end - a.start for a in self.items), default=0)

    def change(self, before: Annotation | None, after: Annotation | None) -> None:
        """Remove ``before`` (found by id) and insert ``after``, either of which may be None."""
        if before is not None:
            index = bisect_left(self.items, _order(before), key=_order)
            while index < len(self.items) and self.items[index].id != before.id:
                index += 1  # a span and label is one tag: at most a step or two
            if index < len(self.items):
                del self.items[index]
                del self.starts[index]
        if after is not None:
            index = bisect_left(self.items, _order(after), key=_order)
            self.items.insert(index, after)
            self.starts.insert(index, after.start)
            self._longest = max(self._longest, after.end - after.start)  # never shrinks: a bound

    def touching(self, start: int, end: int) -> list[Annotation]:
        """The tags that cover some of ``[start, end)``, in text order. Only tags that start
        within the longest tag's length before ``start`` can reach it."""
        first = bisect_left(self.starts, start - self._longest)
        last = bisect_left(self.starts, end)
        return [a for a in self.items[first:last] if a.end > start]

    def at(self, offset: int) -> list[Annotation]:
        """The tags covering ``offset``, shortest first."""
        return sorted(self.touching(offset, offset + 1), key=lambda a: a.end - a.start)

    def next_start(self, offset: int, direction: int) -> int | None:
        """The start of the next (``direction`` 1) or previous (-1) tag from ``offset``."""
        if direction > 0:
            index = bisect_right(self.starts, offset)
            return self.starts[index] if index < len(self.starts) else None
        index = bisect_left(self.starts, offset)
        return self.starts[index - 1] if index > 0 else None
