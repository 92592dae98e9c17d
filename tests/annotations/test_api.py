"""The API the command line and the reader share, called directly: no click, no Textual."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from newsgloss.annotations import api
from newsgloss.annotations.connection import StoreError
from newsgloss.annotations.labels import Label, LabelError
from newsgloss.corpus import UserError, load_paths, sample_paths


def test_open_store_creates_only_when_asked_and_gives_a_new_store_its_labels(tmp_path) -> None:
    path = tmp_path / "s.db"
    with pytest.raises(StoreError, match="no such store"):
        api.open_store(path)
    mine = [Label("misleading", "m", "#ff8800"), Label("needs-source", "n", "#00aaff")]
    store, new = api.open_store(path, create=True, labels=mine)
    with store:
        assert new and store.labels() == mine
    store, new = api.open_store(path, create=True, labels=[Label("other")])
    with store:
        assert not new and store.labels() == mine  # an existing store keeps its own


def test_store_documents_and_resolve_documents(tmp_path) -> None:
    store, _ = api.open_store(tmp_path / "s.db", create=True)
    with store:
        documents = load_paths(sample_paths()).documents
        stored = list(api.store_documents(store, iter(documents), batch=2))
        assert [d for d, _ in stored] == documents and all(new for _, new in stored)
        assert not any(new for _, new in api.store_documents(store, documents))
        first = documents[0]
        assert api.resolve_documents(store, [first.id[7:19]]) == [first.id]
        assert api.resolve_documents(store, [str(sample_paths()[0])]) == [first.id]
        assert api.stored_ids(store, []) == [d.id for d in documents]
        with pytest.raises(UserError, match="no such file, and no stored document id"):
            api.resolve_documents(store, ["zzzz"])


def test_tagging_relabel_note_undo_and_redo(tmp_path, sample_documents) -> None:
    store, _ = api.open_store(tmp_path / "s.db", create=True)
    with store:
        store.add_documents(sample_documents[:1])
        tagging = api.Tagging(store, "Ann")
        document = sample_documents[0]
        tag = tagging.tag(document, 0, 6, "CLAIM").after  # any case: the store's spelling
        assert (tag.label, tag.annotator) == ("claim", "Ann")
        relabelled = tagging.relabel(tag, "disputed").after
        noted = tagging.note(relabelled, "check this").after
        assert tagging.note(noted, "check this") is None  # unchanged: no step
        assert [(a.label, a.note) for a in store.annotations()] == [("disputed", "check this")]
        for _ in range(3):
            tagging.undo()
        assert store.annotations() == [] and tagging.undo() is None
        tagging.redo()
        assert [a.label for a in store.annotations()] == ["claim"]
        with pytest.raises(LabelError, match="no label 'satire'"):
            tagging.tag(document, 10, 20, "satire")
        with pytest.raises(UserError, match="already tagged claim"):
            tagging.tag(document, 0, 6, "claim")


def test_export_and_import_through_the_format_registry(tmp_path, sample_documents) -> None:
    source, _ = api.open_store(tmp_path / "a.db", create=True)
    with source:
        source.add_documents(sample_documents[:2])
        source.labels.add(Label("sátira", "s", "#123456"))
        api.Tagging(source, "Ann").tag(sample_documents[1], 0, 6, "sátira")
        stream = io.StringIO()
        assert api.export(source, "annotations", stream) == 1
        assert json.loads(stream.getvalue())["label"] == "sátira"
        path = tmp_path / "out.jsonl"
        assert api.export(source, "documents", path) == 2
        with pytest.raises(UserError, match="no export format 'xlsx'"):
            api.export(source, "xlsx", path)
    target, _ = api.open_store(tmp_path / "b.db", create=True)
    with target:
        summary = api.import_file(target, Path(path))
        assert summary.documents_added == 2 and summary.counts.added == 1
        assert summary.labels_added == ["sátira"]
        assert [a.label for a in target.annotations()] == ["sátira"]


def test_tag_all_writes_every_tag_or_none_and_each_undoes_alone(tmp_path) -> None:
    from newsgloss.annotations import api
    from newsgloss.annotations.store import AnnotationExists
    from newsgloss.corpus import Document

    document = Document.from_text("One claim. Another claim.", title="t")
    store, _ = api.open_store(tmp_path / "s.db", create=True)
    with store:
        store.add_documents([document])
        tagging = api.Tagging(store, "me")
        tagging.tag_all([(document.id, 0, 10, "claim"), (document.id, 11, 25, "Claim")])
        assert [a.label for a in store.annotations()] == ["claim", "claim"]
        tagging.undo()
        assert len(store.annotations()) == 1
        try:
            tagging.tag_all([(document.id, 0, 10, "disputed"), (document.id, 0, 10, "claim")])
        except AnnotationExists:
            pass
        else:
            raise AssertionError("a taken span was tagged again")
        assert [a.label for a in store.annotations()] == ["claim"]  # none of the two
