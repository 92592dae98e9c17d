"""Undo and redo of annotation changes and link decisions, each step written to the
store at once.

A step is a pair of annotation states, ``before`` and ``after`` (None for "not
there"): an add is (None, a), a delete is (a, None), a relabel or note change is
(a, a'); or a pair of decisions on one link (``LinkChange``: confirmed, rejected or
None); or several tag changes made by one key (``ChangeGroup``). Undoing writes
``before`` back; redoing writes ``after``. A write the store refuses (another reader
took that span and label meanwhile) leaves the history as it was.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgloss.annotations import decisions
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


@dataclass(frozen=True)
class LinkChange:
    """A decision on the link between ``a`` in ``a_id`` and ``b`` in ``b_id``: from
    ``before`` to ``after`` (confirmed, rejected, or None for none), by ``by``."""

    a_id: str
    a: tuple[int, int]
    b_id: str
    b: tuple[int, int]
    before: str | None
    after: str | None
    by: str

    @property
    def doc_id(self) -> str:
        return self.a_id

    def describe(self) -> str:
        """What the change did, in a few words, for notifications."""
        where = f"the link {self.a[0]}-{self.a[1]} ↔ {self.b_id[7:13]} {self.b[0]}-{self.b[1]}"
        if self.after is None:
            return f"forgot the decision on {where} ({self.before})"
        return f"{self.after} {where}"

    def reversed(self) -> LinkChange:
        return LinkChange(self.a_id, self.a, self.b_id, self.b, self.after, self.before, self.by)


@dataclass(frozen=True)
class ChangeGroup:
    """Tag changes one key made together (accepting a version when adjudicating): one
    step, written and undone in one transaction."""

    changes: tuple[Change, ...]
    what: str

    @property
    def doc_id(self) -> str:
        return self.changes[0].doc_id

    def describe(self) -> str:
        return self.what

    def reversed(self) -> ChangeGroup:
        return ChangeGroup(tuple(c.reversed() for c in reversed(self.changes)), self.what)


Step = Change | LinkChange | ChangeGroup


def write(store: Store, change: Step) -> None:
    """Bring the store from ``change.before`` to ``change.after`` in one transaction, which
    takes the write lock before it reads: a tag (or a redone one) whose label another
    process has renamed or removed meanwhile is refused, never stored under it."""
    if isinstance(change, LinkChange):
        decisions.decide(store, change.a_id, change.a, change.b_id, change.b, change.after,
                         change.by)  # fmt: skip
        return
    if isinstance(change, ChangeGroup):
        with store.transaction():
            for each in change.changes:
                write(store, each)
        return
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
        self._done: deque[Step] = deque(maxlen=steps)
        self._undone: list[Step] = []

    def apply(self, change: Step) -> Step:
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

    def undo(self) -> Step | None:
        """Undo the newest change and return it (None when there is nothing to undo)."""
        if not self._done:
            return None
        write(self.store, self._done[-1].reversed())
        self._undone.append(self._done.pop())
        return self._undone[-1]

    def redo(self) -> Step | None:
        """Make the newest undone change again and return it."""
        if not self._undone:
            return None
        change = self._undone[-1]
        write(self.store, change)
        self._done.append(self._undone.pop())
        return change
