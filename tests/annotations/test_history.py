"""Undo and redo against a real store file."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsgloss.annotations import AnnotationExists, Store
from newsgloss.annotations.history import Change, History
from newsgloss.annotations.model import Annotation


@pytest.fixture
def document(store, sample_documents):
    store.add_documents(sample_documents[:1])
    return sample_documents[0]


def rows(store: Store) -> list[tuple]:
    return [(a.start, a.end, a.label, a.note) for a in store.annotations()]


def test_every_kind_of_change_undoes_and_redoes(store, document) -> None:
    history = History(store)
    claim = Annotation.create(document, 0, 6, "claim")
    history.apply(Change(None, claim))
    noted = claim.changed(note="check this")
    history.apply(Change(claim, noted))
    relabelled = noted.changed(label="disputed")
    history.apply(Change(noted, relabelled))
    history.apply(Change(relabelled, None))
    assert rows(store) == []
    expected = [
        [(0, 6, "disputed", "check this")],
        [(0, 6, "claim", "check this")],
        [(0, 6, "claim", "")],
        [],
    ]
    for state in expected:
        assert history.undo() is not None
        assert rows(store) == state
    assert history.undo() is None
    for state in [*reversed(expected[:-1]), []]:
        assert history.redo() is not None
        assert rows(store) == state
    assert history.redo() is None


def test_a_hundred_and_fifty_steps_undo_to_nothing(store, document) -> None:
    history = History(store)
    for start in range(150):
        history.apply(Change(None, Annotation.create(document, start, start + 5, "claim")))
    assert len(store.annotations()) == 150
    undone = 0
    while history.undo() is not None:
        undone += 1
    assert undone == 150 and store.annotations() == []


def test_a_new_change_drops_the_redo_list(store, document) -> None:
    history = History(store)
    history.apply(Change(None, Annotation.create(document, 0, 6, "claim")))
    history.undo()
    history.apply(Change(None, Annotation.create(document, 10, 20, "claim")))
    assert history.redo() is None
    assert rows(store) == [(10, 20, "claim", "")]


def test_a_refused_change_leaves_the_history_alone(store, document) -> None:
    history = History(store)
    first = Annotation.create(document, 0, 6, "claim")
    history.apply(Change(None, first))
    with pytest.raises(AnnotationExists):
        history.apply(Change(None, Annotation.create(document, 0, 6, "claim")))
    history.undo()
    assert rows(store) == [] and history.undo() is None


def test_relabelling_onto_a_taken_label_fails_without_deleting_the_other_tag(
    store, document
) -> None:
    claim = store.add_annotation(Annotation.create(document, 0, 6, "claim"))
    store.add_annotation(Annotation.create(document, 0, 6, "disputed"))
    with pytest.raises(AnnotationExists):
        store.save_annotation(claim.changed(label="disputed"))
    assert rows(store) == [(0, 6, "claim", ""), (0, 6, "disputed", "")]


def test_an_imported_relabel_onto_a_taken_label_is_left_alone(store, document) -> None:
    claim = store.add_annotation(Annotation.create(document, 0, 6, "claim"))
    store.add_annotation(Annotation.create(document, 0, 6, "disputed"))
    newer = replace(claim.changed(label="disputed"), updated_at="2999-01-01T00:00:00.000Z")
    counts = store.merge_annotations([newer])
    assert (counts.updated, counts.unchanged) == (0, 1)
    assert rows(store) == [(0, 6, "claim", ""), (0, 6, "disputed", "")]
