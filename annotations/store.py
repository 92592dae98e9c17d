"""The SQLite store: documents, annotations, the reader's session and the alignment cache,
via sqlite-utils. newsgloss's SQL lives in the store's modules only: here, the
connection and migrations (connection.py, schema.py), documents as rows and the quick
reads before a store is open (rows.py), the label set (label_set.py), the streamed
export and import (bulk.py), the candidate index (similar_index.py) and versions of an
article (versions.py); nothing above ``annotations/`` talks SQL
(tests/test_architecture.py checks it).

Every public write is one transaction, committed before the method returns, so
whatever the reader shows as done is already on disk.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING

from newsgloss.annotations import corpus_stats, similar_keys
from newsgloss.annotations.chunks import in_chunks
from newsgloss.annotations.connection import (
    StoreError,
    open_database,
    schema_version,
)
from newsgloss.annotations.label_set import LabelSet
from newsgloss.annotations.model import Annotation, MergeCounts, StoredDocument, utc_now
from newsgloss.annotations.rows import (
    DOCUMENT_COLUMNS,
    document_row,
    metadata_columns,
    metadata_row,
    read_session,
)
from newsgloss.corpus import Document, short_id

if TYPE_CHECKING:
    from sqlite_utils import Database

__all__ = ["AnnotationExists", "MergeCounts", "Store", "StoreError", "StoredDocument"]

ANNOTATION_COLUMNS = [f.name for f in fields(Annotation)]
# Written as SQL, not through sqlite-utils' table methods, which look up the table's
# columns on every call: a tag is written in about 0.1 ms instead of 1.
_INSERT = "INSERT INTO annotations ({}) VALUES ({})".format(
    ", ".join(f"[{name}]" for name in ANNOTATION_COLUMNS),
    ", ".join("?" for _ in ANNOTATION_COLUMNS),
)
_INSERT_OR_IGNORE = _INSERT.replace("INSERT", "INSERT OR IGNORE", 1)
_SELECT_BY_ID = "SELECT {} FROM annotations WHERE id = ?".format(
    ", ".join(f"[{name}]" for name in ANNOTATION_COLUMNS)
)
_SAME_SPAN_AND_LABEL = (
    "doc_id = ? AND start = ? AND [end] = ? AND label = ? AND ifnull(annotator, '') = ?"
)
_UPDATE = "UPDATE annotations SET {} WHERE id = ?".format(  # takes row[1:] + row[:1]
    ", ".join(f"[{name}] = ?" for name in ANNOTATION_COLUMNS[1:])
)


class AnnotationExists(StoreError):
    """The same label on the same span is already stored."""


# What a listing of the stored documents shows (``Store.documents``, ``Store.listing``).
_LISTED = (
    "d.id, d.title, d.source, (SELECT count(*) FROM annotations a WHERE a.doc_id = d.id), "
    "d.outlet, d.authors, d.published, d.url, d.language"
)


def _listed(row: tuple) -> StoredDocument:
    return StoredDocument(*row[:4], meta=metadata_row(row[4:]))


class Store:
    """An open store file. Use ``Store.open(path)``; close it, or use it as a context manager."""

    def __init__(self, db: Database, path: Path) -> None:
        self.db = db
        self.path = path
        self.labels = LabelSet(db, self.transaction, path)

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True, readonly: bool = False) -> Store:
        """Open the store at ``path`` (creating it, and its folder, unless ``create`` is
        false), migrating an older schema; ``readonly``: only to read, changing nothing.

        Raises StoreError when the file cannot be used, or is missing and not to be made."""
        path = Path(path)
        return cls(open_database(path, create=create, readonly=readonly), path)

    def schema_version(self) -> int:
        return schema_version(self.db, self.path)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """One write transaction, committed at the end; a locked or failing database
        becomes a StoreError. It takes the write lock first (BEGIN IMMEDIATE): a
        transaction that reads before it writes cannot wait for another writer, so the
        busy timeout would never apply. Inside another, it is a savepoint of that one."""
        try:
            if self.db.conn.in_transaction:
                with self.db.atomic():
                    yield self.db
                return
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                self.db.rollback()
                raise
            self.db.commit()
        except sqlite3.OperationalError as error:
            raise StoreError(f"{self.path}: {error}") from None

    # ---- documents ----
    def add_documents(self, documents: Iterable[Document]) -> list[bool]:
        """Store documents not stored yet, their terms counted and their passages indexed
        (``corpus_stats``, ``similar_keys``); for each, whether it was new."""
        documents = list(documents)
        with self.transaction():
            existing = self._existing_ids([document.id for document in documents])
            added_at = utc_now()
            new = list({d.id: d for d in documents if d.id not in existing}.values())
            self.db["documents"].insert_all(
                (
                    {
                        "id": document.id,
                        "title": document.title,
                        "source": document.source,
                        "text": document.text,
                        "external_id": document.external_id,
                        "added_at": added_at,
                        **metadata_columns(document.meta),
                    }
                    for document in new
                ),
                ignore=True,
            )
            corpus_stats.record(self.db, (document.text for document in new))
            similar_keys.write(self.db, [(d.id, similar_keys.document_keys(d.text)) for d in new])
        return [document.id not in existing for document in documents]

    def _existing_ids(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for chunk, marks in in_chunks(ids):
            rows = self.db.execute(f"SELECT id FROM documents WHERE id IN ({marks})", chunk)
            found.update(row[0] for row in rows)
        return found

    def shared_titles(self, documents: int) -> list[str]:
        """Titles that ``documents`` stored documents or more have: a site's masthead taken
        for a headline, not a story's."""
        query = "SELECT title FROM documents GROUP BY title HAVING count(*) >= ? ORDER BY title"
        return [row[0] for row in self.db.execute(query, [documents])]

    def titled(self, titles: Sequence[str]) -> list[tuple[str, str]]:
        """(id, text) of the documents with one of these titles."""
        found: list[tuple[str, str]] = []
        for chunk, marks in in_chunks(titles):
            query = f"SELECT id, text FROM documents WHERE title IN ({marks}) ORDER BY rowid"
            found.extend(self.db.execute(query, chunk).fetchall())
        return found

    def set_title(self, doc_id: str, title: str) -> None:
        with self.transaction():
            self.db.execute("UPDATE documents SET title = ? WHERE id = ?", [title, doc_id])

    def update_metadata(self, doc_id: str, title: str | None, changes: dict) -> Document:
        """Change a document's title (unless None) and the metadata fields in ``changes``
        (cleaned values), keeping the others as stored, read inside the transaction;
        the document as it now is. StoreError if it is not stored."""
        with self.transaction():
            document = self.document(doc_id)
            if document is None:
                raise StoreError(f"{short_id(doc_id)}: no such document in the store")
            meta = dataclasses.replace(document.meta, **changes)
            columns = {"title": title or document.title, **metadata_columns(meta)}
            assignments = ", ".join(f"{name} = ?" for name in columns)
            self.db.execute(
                f"UPDATE documents SET {assignments} WHERE id = ?", [*columns.values(), doc_id]
            )
        return dataclasses.replace(document, title=columns["title"], meta=meta)

    def characters(self, doc_ids: Sequence[str]) -> int:
        """The characters of these documents' texts, counted by SQLite (no text is
        handed to Python): what progress through an analysis is measured in."""
        total = 0
        for chunk, marks in in_chunks(doc_ids):
            query = f"SELECT coalesce(sum(length(text)), 0) FROM documents WHERE id IN ({marks})"
            total += self.db.execute(query, chunk).fetchone()[0]
        return total

    def document(self, doc_id: str) -> Document | None:
        row = self.db.execute(
            f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = ?", [doc_id]
        ).fetchone()
        return document_row(row) if row else None

    def documents(self) -> list[StoredDocument]:
        """Every stored document in the order it was added, with its annotation count:
        read from the covering index ``documents_listing`` (schema 16) and put in order
        here (0.23 s at 100,000 where ``listing``'s query, which streams them in order,
        takes 0.40 s)."""
        rows = self.db.execute(
            f"SELECT d.rowid, {_LISTED} FROM documents d INDEXED BY documents_listing"
        ).fetchall()
        rows.sort()
        return [_listed(row[1:]) for row in rows]

    def listing(self) -> Iterator[StoredDocument]:
        """The same, one at a time, as SQLite reads them: no text is read (the count comes
        from the annotations' index), so a listing of 100,000 starts at once."""
        rows = self.db.execute(f"SELECT {_LISTED} FROM documents d ORDER BY d.rowid")
        yield from map(_listed, rows)

    def iter_documents(self) -> Iterator[Document]:
        """Every stored document with its text, one at a time, in the order added."""
        yield from (
            document_row(row)
            for row in self.db.execute(f"SELECT {DOCUMENT_COLUMNS} FROM documents ORDER BY rowid")
        )

    def find_documents(self, prefix: str) -> list[str]:
        """Ids of stored documents whose id (with or without ``sha256:``) starts with ``prefix``."""
        prefix = prefix.lower()
        if not prefix.startswith("sha256:"):
            prefix = "sha256:" + prefix
        rows = self.db.execute(
            "SELECT id FROM documents WHERE substr(id, 1, ?) = ? ORDER BY rowid",
            [len(prefix), prefix],
        )
        return [row[0] for row in rows]

    # ---- annotations ----
    def add_annotation(self, annotation: Annotation) -> Annotation:
        """Store a new annotation; AnnotationExists if its label already covers that span."""
        return self._write_annotation(annotation, replace=False)

    def save_annotation(self, annotation: Annotation) -> Annotation:
        """Write an annotation whole, replacing the stored one with its id (a note or relabel)."""
        return self._write_annotation(annotation, replace=True)

    def _write_annotation(self, annotation: Annotation, replace: bool) -> Annotation:
        # An UPDATE, not INSERT OR REPLACE: that would silently delete another tag
        # holding the new label on the same span instead of failing.
        row = annotation.row()
        try:
            with self.transaction():
                if not (replace and self.db.execute(_UPDATE, row[1:] + row[:1]).rowcount):
                    self.db.execute(_INSERT, row)  # new, or deleted meanwhile (an undo, a reader)
        except sqlite3.IntegrityError as error:
            if "FOREIGN KEY" in str(error):
                raise StoreError(f"{self.path}: no document {annotation.doc_id}") from None
            raise AnnotationExists(self._already_there(annotation)) from None
        return annotation

    def _already_there(self, annotation: Annotation) -> str:
        """Why a tag was refused: the passage, the label, and who had tagged it."""
        a = annotation
        row = self.db.execute(
            f"SELECT annotator FROM annotations WHERE {_SAME_SPAN_AND_LABEL}",
            [a.doc_id, a.start, a.end, a.label, a.annotator],
        ).fetchone()
        by = f" (tagged by {row[0]})" if row and row[0] else ""
        return f"{a.passage()} is already tagged {a.label}{by}"

    def delete_annotation(self, annotation_id: str) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM annotations WHERE id = ?", [annotation_id])
            self.db.execute("DELETE FROM anchoring WHERE annotation_id = ?", [annotation_id])

    def annotation(self, annotation_id: str) -> Annotation | None:
        row = self.db.execute(_SELECT_BY_ID, [annotation_id]).fetchone()
        return Annotation(*row) if row else None

    def annotations(
        self, doc_ids: Iterable[str] = (), labels: Iterable[str] = ()
    ) -> list[Annotation]:
        """Annotations in export order (document, start, end, label, annotator), optionally
        filtered."""
        where, params = [], []
        for column, values in (("doc_id", list(doc_ids)), ("label", list(labels))):
            if values:
                where.append(f"[{column}] IN ({','.join('?' * len(values))})")
                params.extend(values)
        rows = self.db["annotations"].rows_where(
            " AND ".join(where) or None,
            params,
            order_by="doc_id, start, [end], label, annotator",
        )
        return [Annotation(**row) for row in rows]

    def titles(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """The title of each of these stored documents: a few, without listing them all."""
        found: dict[str, str] = {}
        for chunk, marks in in_chunks(list(dict.fromkeys(doc_ids))):
            query = f"SELECT id, title FROM documents WHERE id IN ({marks})"
            found.update(self.db.execute(query, chunk))
        return found

    def document_ids(self) -> list[str]:
        """Every stored document's id, in id order (no text read)."""
        return [row[0] for row in self.db.execute("SELECT id FROM documents ORDER BY id")]

    def merge_annotations(self, annotations: Iterable[Annotation]) -> MergeCounts:
        """Add annotations in one transaction, keeping ids; a known id is replaced only by a
        newer ``updated_at``, and a span that already has the label (under another id) is
        left alone."""
        rows = [a.row() for a in annotations]
        counts = MergeCounts()
        with self.transaction():
            left = self.insert_rows(rows)
            counts.added = len(rows) - len(left)
            for position in left:
                if self.merge_known(rows[position]):
                    counts.updated += 1
                else:
                    counts.unchanged += 1
        return counts

    def last_annotation_rowid(self) -> int:
        """The largest rowid of the annotations: SQLite gives each new row the largest plus
        one (no AUTOINCREMENT, and far from 2**63 rows), so rows above it are newer."""
        return self.db.execute("SELECT max(rowid) FROM annotations").fetchone()[0] or 0

    def insert_rows(self, rows: list[tuple]) -> list[int]:
        """Insert rows (``Annotation.row()``) whose id and span are free, all in one go, in
        the caller's transaction; the positions of those left out, in order."""
        before = self.last_annotation_rowid()
        added = self.db.conn.executemany(_INSERT_OR_IGNORE, rows).rowcount
        if added == len(rows):
            return []
        # The rows that went in, in their order (their rowids follow it): by id and span.
        inserted = self.db.execute(
            "SELECT id, doc_id, start, [end], label FROM annotations WHERE rowid > ? "
            "ORDER BY rowid",
            [before],
        ).fetchall()
        left, matched = [], 0
        for position, row in enumerate(rows):
            if matched < len(inserted) and row[:5] == inserted[matched]:
                matched += 1
            else:
                left.append(position)
        return left

    def merge_known(self, row: tuple) -> bool:
        """Take a row that ``insert_rows`` left out if its id is stored with an older
        ``updated_at`` and no other tag holds its label on its span; whether it did."""
        annotation = Annotation(*row)
        stored = self.annotation(annotation.id)  # None: its span and label are taken
        if stored and stored.updated_at < annotation.updated_at and not self._taken(annotation):
            self.db.execute(_UPDATE, row[1:] + row[:1])
            return True
        return False

    def _taken(self, annotation: Annotation) -> bool:
        """Whether another annotation already has this label on this span."""
        where = f"{_SAME_SPAN_AND_LABEL} AND id != ?"
        a = annotation
        return bool(
            self.db["annotations"].count_where(
                where, [a.doc_id, a.start, a.end, a.label, a.annotator, a.id]
            )
        )

    # ---- the reader's session ----
    def session(self) -> dict | None:
        """The reader's saved session (what ``save_session`` stored), or None."""
        return read_session(self.db.conn)

    def save_session(self, session: dict) -> None:
        with self.transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('session', ?)",
                [json.dumps(session, ensure_ascii=False)],
            )

    # ---- the analysis cache ----
    def analysis_rows(
        self, pipeline: str, version: str, doc_ids: Iterable[str], columns: str
    ) -> Iterator[tuple]:
        """Rows of the cache for these documents: ``columns`` of doc_id, entities, sentences."""
        doc_ids = list(doc_ids)
        for chunk, marks in in_chunks(doc_ids):
            yield from self.db.execute(
                f"SELECT {columns} FROM analyses WHERE pipeline = ? AND version = ? "
                f"AND doc_id IN ({marks})",
                [pipeline, version, *chunk],
            )

    def unanalysed(self, pipeline: str, version: str) -> int:
        """How many stored documents this pipeline version has not analysed (an analysis
        goes with its document): two counts of indexes, 0.01 s at 100,000 articles."""
        return self.db.execute(
            "SELECT (SELECT count(*) FROM documents) - "
            "(SELECT count(*) FROM analyses WHERE pipeline = ? AND version = ?)",
            [pipeline, version],
        ).fetchone()[0]

    def alignment(self, doc_a: str, doc_b: str, version: str) -> list[list] | None:
        """The cached links of two documents (JSON rows), or None if not aligned yet."""
        row = self.db.execute(
            "SELECT links FROM alignments WHERE doc_a = ? AND doc_b = ? AND version = ?",
            [doc_a, doc_b, version],
        ).fetchone()
        return json.loads(row[0]) if row else None

    def save_alignment(self, doc_a: str, doc_b: str, version: str, links: list[list]) -> None:
        with self.transaction():
            self.db.execute(
                "INSERT OR REPLACE INTO alignments (doc_a, doc_b, version, links, aligned_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [doc_a, doc_b, version, json.dumps(links), utc_now()],
            )

    def save_analysis_rows(self, rows: list[dict], entities: list) -> None:
        """Cache analyses (rows of the ``analyses`` table, of one pipeline version) and
        the counts of the names they find (``entities``: (document id, entities as
        corrected) pairs) in one transaction."""
        from newsgloss.annotations import name_rows  # rapidfuzz: not before the first frame

        with self.transaction():
            self.db["analyses"].insert_all(rows, replace=True)
            if rows:
                name_rows.save(self.db, rows[0]["pipeline"], rows[0]["version"], entities)
