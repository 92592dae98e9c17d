"""Spans found by where they are: the tags over a passage, the links from a sentence.

Sorted by start, with the length of the longest kept, so the spans over an offset are
found by bisecting: none starts before it by more than the longest is long. One lead
linked to a dozen sentences, or a tag over a whole article, stays a short look."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from operator import attrgetter
from typing import Generic, TypeVar

Item = TypeVar("Item")


class ByPosition(Generic[Item]):
    """``items``, each with its ``span`` (start, end; by default its ``start`` and
    ``end``), in text order (by start, then end; those with one span keep their order)."""

    def __init__(
        self,
        items: Iterable[Item],
        span: Callable[[Item], tuple[int, int]] = attrgetter("start", "end"),
    ) -> None:
        self.items = sorted(items, key=span)
        self.starts = [span(item)[0] for item in self.items]
        self.longest = max((end - start for start, end in map(span, self.items)), default=0)
        self.end = lambda item: span(item)[1]

    def first(self, offset: int) -> int:
        """The index of the first item that may end after ``offset``."""
        return bisect_left(self.starts, offset - self.longest)

    def after(self, offset: int) -> Iterator[Item]:
        """From the first item that may end after ``offset`` on, in text order (read one
        at a time, not copied: the reader asks at every move of the cursor)."""
        items = self.items
        return (items[i] for i in range(self.first(offset), len(items)))

    def over(self, start: int, end: int) -> list[Item]:
        """The items overlapping ``start``-``end``, in text order."""
        high = bisect_left(self.starts, end)
        return [item for item in self.items[self.first(start) : high] if self.end(item) > start]
