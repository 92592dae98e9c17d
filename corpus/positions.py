"""Spans found by where they are: the tags over a passage, the links from a sentence.

Sorted by start, with the length of the longest kept, so the spans over an offset are
found by bisecting: none starts before it by more than the longest is long. One lead
linked to a dozen sentences, or a tag over a whole article, stays a short look."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from operator import attrgetter
from typing import Any, Generic, TypeVar

Item = TypeVar("Item")


class ByPosition(Generic[Item]):
    """``items``, each with its ``span`` (start, end; by default its ``start`` and
    ``end``), in text order: by ``order`` (by default the span; those with one key keep
    their order). Items come and go in place (``insert``, ``remove``): a bisect, not a
    sort of them all."""

    def __init__(
        self,
        items: Iterable[Item],
        span: Callable[[Item], tuple[int, int]] = attrgetter("start", "end"),
        order: Callable[[Item], Any] | None = None,
    ) -> None:
        self.span, self.order = span, order or span
        self.items = sorted(items, key=self.order)
        self.starts = [span(item)[0] for item in self.items]
        self.longest = max((end - start for start, end in map(span, self.items)), default=0)

    def end(self, item: Item) -> int:
        return self.span(item)[1]

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

    def insert(self, item: Item) -> None:
        """Add ``item`` in its place. ``longest`` only grows: a bound, not a measure."""
        index = bisect_left(self.items, self.order(item), key=self.order)
        start, end = self.span(item)
        self.items.insert(index, item)
        self.starts.insert(index, start)
        self.longest = max(self.longest, end - start)

    def remove(self, item: Item, same: Callable[[Item, Item], bool]) -> bool:
        """Take out the item in ``item``'s place that is the ``same`` as it (one of those
        in order with it); whether there was one."""
        key = self.order(item)
        index = bisect_left(self.items, key, key=self.order)
        while index < len(self.items) and self.order(self.items[index]) == key:
            if same(self.items[index], item):
                del self.items[index]
                del self.starts[index]
                return True
            index += 1
        return False
