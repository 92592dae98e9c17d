import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from newsgloss.annotations import Annotation, AnnotationExists, Store, StoreError
from newsgloss.annotations.schema import MIGRATIONS, SCHEMA_VERSION


def test_store_file_uses_wal_and_records_its_schema_version(store: Store) -> None:
    assert store.db.journal_mode == "wal"
    assert store.schema_version() == SCHEMA_VERSION
    assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_documents_are_stored_once(store: Store, sample_documents) -> None:
    assert store.add_documents(sample_documents) == [True] * 5
    assert store.add_documents(sample_documents[:2]) == [False, False]
    listed = store.documents()
    assert [d.id for d in listed] == [d.id for d in sample_documents]
    assert store.document(sample_documents[4].id) == sample_documents[4]
    assert store.find_documents(sample_documents[0].short_id[:6]) == [sample_documents[0].id]


def test_add_update_delete_and_list_annotations(store: Store, sample_documents) -> None:
    document = sample_documents[0]
    store.add_documents([document])
    start = document.text.index("Volodymyr Zelensky")
    end = start + len("Volodymyr Zelensky")
    claim = store.add_annotation(Annotation.create(document, start, end, "claim", annotator="ann"))
    assert claim.quote == "Volodymyr Zelensky"
    assert claim.prefix == "ous openness from Ukrainian President "[-32:]
    assert claim.suffix == document.text[end : end + 32]
    assert claim.created_at.endswith("Z")
    overlapping = store.add_annotation(Annotation.create(document, start, start + 30, "disputed"))
    with pytest.raises(AnnotationExists):
        store.add_annotation(Annotation.create(document, start, end, "claim", annotator="ann"))
    # Another annotator's claim on the same span is a tag of its own, to compare with.
    other = store.add_annotation(Annotation.create(document, start, end, "claim", annotator="bo"))
    assert [a.annotator for a in store.annotations(labels=["claim"])] == ["ann", "bo"]
    store.delete_annotation(other.id)
    noted = store.save_annotation(claim.changed(note='He said "no" \\ maybe'))
    assert store.annotation(claim.id).note == 'He said "no" \\ maybe'
    assert noted.updated_at >= claim.updated_at
    relabelled = store.save_annotation(noted.changed(label="attribution"))
    assert [a.label for a in store.annotations()] == ["attribution", "disputed"]
    assert store.annotations(labels=["disputed"]) == [overlapping]
    store.delete_annotation(relabelled.id)
    assert store.annotations() == [overlapping]
    assert store.documents()[0].annotations == 1


def test_annotation_for_an_unknown_document_is_refused(store: Store, sample_documents) -> None:
    with pytest.raises(StoreError, match="no document"):
        store.add_annotation(Annotation.create(sample_documents[0], 0, 6, "claim"))


def test_every_write_is_committed_at_once(db_path: Path, store: Store, sample_documents) -> None:
    store.add_documents(sample_documents[:1])
    store.add_annotation(Annotation.create(sample_documents[0], 0, 6, "claim"))
    other = sqlite3.connect(db_path)  # a second reader sees it without any close
    assert other.execute("SELECT count(*) FROM annotations").fetchone()[0] == 1
    other.close()


def test_two_open_stores_can_both_write(db_path: Path, sample_documents) -> None:
    with Store.open(db_path) as first, Store.open(db_path) as second:
        first.add_documents(sample_documents[:1])
        second.add_annotation(Annotation.create(sample_documents[0], 0, 6, "claim"))
        first.add_annotation(Annotation.create(sample_documents[0], 0, 6, "disputed"))
        assert len(second.annotations()) == 2


def test_version_1_store_is_migrated_keeping_its_data(tmp_path: Path, sample_documents) -> None:
    path = tmp_path / "old.db"
    document = sample_documents[0]
    with Database(path) as db:  # a store as the first release wrote it
        MIGRATIONS[0](db)
        db["meta"].insert({"key": "schema_version", "value": "1"})
        db["documents"].insert(
            {"id": document.id, "title": document.title, "source": document.source,
             "text": document.text, "added_at": "2026-01-01T00:00:00.000Z"}
        )  # fmt: skip
    with Store.open(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.document(document.id) == document


def test_newer_store_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    with Store.open(path) as store:
        store.db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match=r"new\.db: the store has schema version 99, newer"):
        Store.open(path)


def test_not_sqlite_and_foreign_sqlite_files_are_refused(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("just some text that is long enough to be a header " * 5)
    with pytest.raises(StoreError, match=r"notes\.txt: not a newsgloss store \(the file is not"):
        Store.open(text)
    other = tmp_path / "other.db"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE people (name TEXT)")
    connection.close()
    with pytest.raises(StoreError, match=r"other\.db: not a newsgloss store \(it holds other"):
        Store.open(other)


def test_unwritable_location_is_refused(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match=r"cannot create the store's folder"):
        Store.open(tmp_path / "file" / "newsgloss.db")
    with pytest.raises(StoreError, match=r"cannot open the store"):
        Store.open("/proc/newsgloss-test.db")


def test_opening_a_store_loads_neither_pandas_nor_numpy_and_leaves_them_importable(tmp_path):
    """sqlite-utils imports both when installed (a quarter of a second with pandas, on
    every command); the store keeps them out while it loads, and only then."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from newsgloss.annotations import Store\n"
        f"Store.open({str(tmp_path / 'a.db')!r}).close()\n"
        "print('pandas' in sys.modules, 'numpy' in sys.modules)\n"
        "import numpy\n"
        "print(numpy.__name__)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "numpy"]
