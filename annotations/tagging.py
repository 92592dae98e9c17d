"""Tagging in the reader: each change written in its own transaction, undoable (the
API's ``Tagging``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsgloss.annotations import adjudication, decisions
from newsgloss.annotations.history import Change, ChangeGroup, History, LinkChange, Step
from newsgloss.annotations.model import Annotation
from newsgloss.corpus import Document

if TYPE_CHECKING:
    from newsgloss.annotations.store import Store


class Tagging:
    """Tag, delete, relabel and annotate with undo: every change is written in its own
    transaction before the method returns, so what a reader shows as done is on disk.
    Raises UserError (a refused duplicate, an unknown label, a locked store)."""

    def __init__(self, store: Store, annotator: str) -> None:
        self.store = store
        self.annotator = annotator
        self.history = History(store)

    def tag(self, document: Document, start: int, end: int, label: str) -> Change:
        with self.store.transaction():  # the label is read under the write lock
            return self.history.apply(self._new_tag(document, start, end, label))

    def tag_all(self, spans: Sequence[tuple[str, int, int, str]]) -> list[Change]:
        """Tag each ``(doc_id, start, end, label)`` in one transaction, all or none; each
        tag is undone on its own (copying a claim's tag to its counterparts)."""
        with self.store.transaction():
            documents = {doc_id: self.store.document(doc_id) for doc_id, *_ in spans}
            changes = [self._new_tag(documents[d], s, e, label) for d, s, e, label in spans]
            return self.history.apply_all(changes)

    def _new_tag(self, document: Document, start: int, end: int, label: str) -> Change:
        """The change adding a tag: its label looked up in the store's set, in any case
        (inside the caller's transaction, so that the set cannot change before the write)."""
        name = self.store.labels.get(label).name
        return Change(None, Annotation.create(document, start, end, name, annotator=self.annotator))

    def delete(self, annotation: Annotation) -> Change:
        return self.history.apply(Change(annotation, None))

    def relabel(self, annotation: Annotation, label: str) -> Change:
        with self.store.transaction():
            name = self.store.labels.get(label).name
            return self.history.apply(Change(annotation, annotation.changed(label=name)))

    def note(self, annotation: Annotation, note: str) -> Change | None:
        """None when the note is unchanged."""
        if note == annotation.note:
            return None
        return self.history.apply(Change(annotation, annotation.changed(note=note)))

    def decide_link(
        self, a_id: str, a: tuple[int, int], b_id: str, b: tuple[int, int], decision: str | None
    ) -> LinkChange:
        """Confirm (or link by hand), reject, or forget (None) the link between two
        passages: one undo step, like a tag."""
        with self.store.transaction():  # what it replaces, read under the write lock
            before = decisions.decision_on(self.store, a_id, a, b_id, b)
            change = LinkChange(a_id, a, b_id, b, before, decision, self.annotator)
            return self.history.apply(change)

    def accept(self, doc_id: str, annotator: str, region: tuple[int, int]) -> ChangeGroup | None:
        """Make the adjudicated tags of ``region`` ``annotator``'s: one undo step; None when
        they are already."""
        with self.store.transaction():  # the tags read under the write lock
            changes = adjudication.accept(self.store, doc_id, annotator, region)
            if not changes:
                return None
            what = f"accepted {annotator or 'no annotator'}'s version at {region[0]}-{region[1]}"
            return self.history.apply(ChangeGroup(changes, what))

    def accept_agreed(self, doc_id: str, a: str, b: str) -> ChangeGroup | None:
        """Every tag ``a`` and ``b`` agree on into the adjudicated set: one undo step."""
        with self.store.transaction():
            changes = adjudication.accept_agreed(self.store, doc_id, a, b)
            if not changes:
                return None
            what = f"accepted {len(changes)} agreed tag{'s' * (len(changes) != 1)}"
            return self.history.apply(ChangeGroup(changes, what))

    def undo(self) -> Step | None:
        return self.history.undo()

    def redo(self) -> Step | None:
        return self.history.redo()
