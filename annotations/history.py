"""Undo and redo of annotation changes, each step written to the store at once.

A step is a pair of annotation states, ``before`` and ``after`` (None for "not
there"): an add is (None, a), a delete is (a, None), a relabel or note change is
(a, a'). Undoing writes ``before`` back; redoing writes ``after``. A write the store
refuses (another reader took that span and label meanwhile) leaves the history as
it was.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgloss.annotations.model import Annotation

if TYPE_CHECKING:
    from newsgloss.annotations.store import Store

HISTORY_STEPS = 1000


@dataclass(frozen=True)
class Change:
    before: Annotation | None
    after: Annotation | None

    @property
    def doc_id(self) -> str:
        return (self.after or self.before).doc_id

    def describe(self) -> str:
        """What the change did, in a few words, for notifications."""
        if self.before is None:
            return f"tagged {self.after.passage()} {self.after.label}"
        if self.after is None:
            return f"deleted the {self.before.label} tag on {self.before.passage()}"
        if self.before.label != self.after.label:
            return (
                f"relabelled {self.before.passage()} from {self.before.label} to {self.after.label}"
            )
        return f"changed the note of the {self.after.label} tag on {self.after.passage()}"

    def reversed(self) -> Change:
        return Change(self.after, self.before)


def write(store: Store, change: Change) -> None:
    """Bring the store from ``change.before`` to ``change.after`` in one transaction, which
    takes the write lock before it reads: a tag (or a redone one) whose label another
    process has renamed or removed meanwhile is refused, never stored under it."""
    with store.transaction():
        if change.after is None:
            store.delete_annotation(change.before.id)
            return
        store.labels.get(change.after.label)  # LabelError when the set no longer has it
        if change.before is None:
            store.add_annotation(change.after)
        else:
            store.save_annotation(change.after)


class History:
    """The changes made in this session, newest last, with a redo list after undo."""

    def __init__(self, store: Store, steps: int = HISTORY_STEPS) -> None:
        self.store = store
        self._done: deque[Change] = deque(maxlen=steps)
        self._undone: list[Change] = []

    def apply(self, change: Change) -> Change:
        """Write a new change (StoreError, such as AnnotationExists, leaves history as it was)."""
        write(self.store, change)
        self._done.append(change)
        self._undone.clear()
        return change

    def apply_all(self, changes: list[Change]) -> list[Change]:
        """Write new changes in one transaction, all or none; each is its own undo step."""
        with self.store.transaction():
            for change in changes:
                write(self.store, change)
        self._done.extend(changes)
        self._undone.clear()
        return changes

    def undo(self) -> Change | None:
        """Undo the newest change and return it (None when there is nothing to undo)."""
        if not self._done:
            return None
        write(self.store, self._done[-1].reversed())
        self._undone.append(self._done.pop())
        return self._undone[-1]

    def redo(self) -> Change | None:
        """Make the newest undone change again and return it."""
        if not self._undone:
            return None
        change = self._undone[-1]
        write(self.store, change)
        self._done.append(self._undone.pop())
        return change
