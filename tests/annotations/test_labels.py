"""The store's label set: defaults, migration, and each change in one transaction."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from newsgloss.annotations import Annotation, Store
from newsgloss.annotations.api import import_file
from newsgloss.annotations.jsonl_export import export_chunks, write_file_atomically
from newsgloss.annotations.labels import DEFAULT_LABELS, Label, LabelError
from newsgloss.annotations.schema import MIGRATIONS

READER = {"j": "Down", "u": "Undo"}  # as the reader's own keys would be passed


def names(store: Store) -> list[str]:
    return [label.name for label in store.labels()]


def test_a_new_store_has_the_three_default_labels(store: Store) -> None:
    assert store.labels() == list(DEFAULT_LABELS)
    assert [(label.key, label.colour) for label in store.labels()] == [
        ("c", "#3d7eff"), ("a", "#22b455"), ("d", "#ff3b4e"),
    ]  # fmt: skip


def test_a_version_2_store_keeps_its_labels_in_use(tmp_path, sample_documents) -> None:
    path = tmp_path / "v2.db"
    document = sample_documents[0]
    with Database(path) as db:
        for step in MIGRATIONS[:2]:
            step(db)
        db["meta"].insert({"key": "schema_version", "value": "2"})
        db["documents"].insert(
            {"id": document.id, "title": "t", "text": document.text, "added_at": "2026-01-01Z"}
        )
        db["annotations"].insert(Annotation.create(document, 0, 6, "satire").to_row())
    with Store.open(path) as store:
        assert names(store) == ["claim", "attribution", "disputed", "satire"]
        assert store.labels()[-1].key == "" and store.labels()[-1].colour.startswith("#")


def test_add_checks_name_key_and_colour(store: Store) -> None:
    added = store.labels.add(Label("  needs   source ", "n", "#F80", "Ask for it"), READER)
    assert added == Label("needs source", "n", "#f80", "Ask for it")
    assert names(store)[-1] == "needs source"
    for label, problem in [
        (Label("Claim", "z"), "there is already a label 'claim'"),
        (Label("other", "c"), "the key 'c' already tags 'claim'"),
        (Label("other", "j"), "the key 'j' is the reader's key for 'Down'"),
        (Label("other", "ab"), "the key must be one letter or digit"),
        (Label("other", "z", "red"), "the colour must be #rgb or #rrggbb"),
        (Label("x" * 65), "at most 64 characters"),
        (Label(" \t"), "a label needs a name"),
    ]:
        with pytest.raises(LabelError, match=problem):
            store.labels.add(label, READER)
    assert len(store.labels()) == 4  # nothing half-added


def test_rename_moves_every_annotation(store: Store, sample_documents) -> None:
    document = sample_documents[0]
    store.add_documents([document])
    store.add_annotation(Annotation.create(document, 0, 6, "claim"))
    renamed = store.labels.rename("CLAIM", "afirmación")
    assert renamed.name == "afirmación" and renamed.key == "c"
    assert [a.label for a in store.annotations()] == ["afirmación"]
    with pytest.raises(LabelError, match="there is already a label 'disputed'"):
        store.labels.rename("afirmación", "Disputed")


def test_merge_moves_annotations_and_keeps_a_doubly_tagged_span_once(
    store: Store, sample_documents
) -> None:
    document = sample_documents[0]
    store.add_documents([document])
    for start, end, label in [(0, 6, "claim"), (0, 6, "disputed"), (10, 20, "disputed")]:
        store.add_annotation(Annotation.create(document, start, end, label))
    assert store.labels.merge("disputed", "claim") == (1, 1)
    assert [(a.start, a.label) for a in store.annotations()] == [(0, "claim"), (10, "claim")]
    assert names(store) == ["claim", "attribution"]
    with pytest.raises(LabelError, match="cannot be merged into itself"):
        store.labels.merge("claim", "Claim")


def test_remove_is_refused_while_annotations_carry_the_label(store, sample_documents) -> None:
    document = sample_documents[0]
    store.add_documents([document])
    store.add_annotation(Annotation.create(document, 0, 6, "disputed"))
    with pytest.raises(LabelError, match="1 annotation carries it"):
        store.labels.remove("disputed")
    assert store.labels.remove("attribution") == 0
    assert store.labels.remove("disputed", force=True) == 1
    assert names(store) == ["claim"] and store.annotations() == []
    with pytest.raises(LabelError, match=r"no label 'nope' \(the labels: claim\)"):
        store.labels.remove("nope")


def test_an_import_adds_the_labels_the_store_lacks(tmp_path, sample_documents) -> None:
    with Store.open(tmp_path / "a.db") as first:
        first.add_documents(sample_documents[:1])
        first.labels.add(Label("sátira", "s", "#123456"))
        first.add_annotation(Annotation.create(sample_documents[0], 0, 6, "sátira"))
        export = tmp_path / "a.jsonl"
        write_file_atomically(export, export_chunks(first, "documents"))
    with Store.open(tmp_path / "b.db") as second:
        summary = import_file(second, export)
        assert summary.labels_added == ["sátira"]
        assert names(second)[-1] == "sátira" and second.labels()[-1].key == ""


def test_replace_sets_a_new_stores_labels_keeping_those_in_use(store, sample_documents) -> None:
    store.add_documents(sample_documents[:1])
    store.add_annotation(Annotation.create(sample_documents[0], 0, 6, "disputed"))
    store.labels.replace([Label("misleading", "m", "#ff8800"), Label("satire", "s", "#00ff00")])
    assert names(store) == ["misleading", "satire", "disputed"]
    with pytest.raises(LabelError, match="already a label"):
        store.labels.replace([Label("x"), Label("X")])
    assert names(store) == ["misleading", "satire", "disputed"]
