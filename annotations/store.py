"""The SQLite store: documents, annotations and the analysis cache, via sqlite-utils.

Every public write is one transaction, committed before the method returns, so
whatever the reader shows as done is already on disk.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path

from sqlite_utils import Database

from newsgloss.annotations.model import Annotation, utc_now
from newsgloss.annotations.schema import MIGRATIONS, SCHEMA_VERSION
from newsgloss.corpus import Document, UserError

BUSY_TIMEOUT_MS = 5000
REQUIRED_TABLES = {"meta", "documents", "annotations", "analyses"}
_CHUNK = 500  # ids per IN (...) query, well under SQLite's variable limit


_ANNOTATION_COLUMNS = [f.name for f in fields(Annotation)]
# Written as SQL, not through sqlite-utils' table methods, which look up the table's
# columns on every call: a tag is written in about 0.1 ms instead of 1.
_INSERT = "INSERT INTO annotations ({}) VALUES ({})".format(
    ", ".join(f"[{name}]" for name in _ANNOTATION_COLUMNS),
    ", ".join(f":{name}" for name in _ANNOTATION_COLUMNS),
)
_INSERT_OR_IGNORE = _INSERT.replace("INSERT", "INSERT OR IGNORE", 1)
_SELECT_BY_ID = "SELECT {} FROM annotations WHERE id = ?".format(
    ", ".join(f"[{name}]" for name in _ANNOTATION_COLUMNS)
)
_SAME_SPAN_AND_LABEL = "doc_id = ? AND start = ? AND [end] = ? AND label = ?"
_UPDATE = "UPDATE annotations SET {} WHERE id = :id".format(
    ", ".join(f"[{name}] = :{name}" for name in _ANNOTATION_COLUMNS if name != "id")
)


class StoreError(UserError):
    """The store file cannot be used, or a write it was asked for is impossible."""


class AnnotationExists(StoreError):
    """The same label on the same span is already stored."""


@dataclass(frozen=True)
class StoredDocument:
    """A line of the document list: enough to choose one without loading its text."""

    id: str
    title: str
    source: str | None
    chars: int
    annotations: int


@dataclass
class MergeCounts:
    """What a merge of annotations did: new rows, newer versions taken, and rows left alone."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0


class Store:
    """An open store file. Use ``Store.open(path)``; close it, or use it as a context manager."""

    def __init__(self, db: Database, path: Path) -> None:
        self.db = db
        self.path = path

    @classmethod
    def open(cls, path: str | Path, *, create: bool = True) -> Store:
        """Open the store at ``path`` (creating it, and its folder, unless ``create`` is
        false), migrating an older schema.

        Raises StoreError when the file cannot be used, or is missing and not to be made."""
        path = Path(path)
        if not create and not path.is_file():
            raise StoreError(
                f"{path}: no such store (check --db or $NEWSGLOSS_DB; "
                "newsgloss add or import creates one)"
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(
                f"{path}: cannot create the store's folder ({error.strerror or error})"
            ) from None
        db = None
        try:
            # The reader opens the store in a worker thread and then uses it from the UI
            # thread only; it is never used from two threads at once.
            connection = sqlite3.connect(
                path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
            )
            db = Database(connection)
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA foreign_keys = ON")
            tables = db.table_names()
            if db.journal_mode != "wal":
                db.enable_wal()
            db.execute("PRAGMA synchronous = NORMAL")
            store = cls(db, path)
            store._migrate(tables)
            return store
        except sqlite3.DatabaseError as error:
            if db is not None:
                db.close()
            message = str(error)
            if "not a database" in message:
                message = "not a newsgloss store (the file is not an SQLite database)"
            elif "malformed" in message:
                message = f"a damaged store ({message}); sqlite3 {path} .recover may save the rest"
            elif "unable to open" in message or "readonly" in message:
                message = f"cannot open the store for writing ({message})"
            raise StoreError(f"{path}: {message}") from None
        except StoreError:
            if db is not None:
                db.close()
            raise

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ---- schema ----
    def _migrate(self, tables: list[str]) -> None:
        version = self.schema_version()
        if version == 0 and tables and "meta" not in tables:
            raise StoreError(f"{self.path}: not a newsgloss store (it holds other tables)")
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: the store has schema version {version}, newer than this "
                f"newsgloss understands ({SCHEMA_VERSION}); upgrade newsgloss to open it"
            )
        if version == SCHEMA_VERSION:
            missing = sorted(REQUIRED_TABLES - set(tables))
            if missing:
                raise StoreError(
                    f"{self.path}: a damaged store (no {', '.join(missing)} table); "
                    f"sqlite3 {self.path} .recover may save what is left"
                )
            return
        with self.transaction():
            version = self.schema_version()  # another process may have migrated meanwhile
            for step in MIGRATIONS[version:]:
                step(self.db)
            self.db["meta"].upsert(
                {"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key"
            )

    def schema_version(self) -> int:
        if "meta" not in self.db.table_names():
            return 0
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        try:
            return int(row[0]) if row else 0
        except (TypeError, ValueError):
            raise StoreError(
                f"{self.path}: a damaged store (its schema version is {str(row[0])[:20]!r}); "
                f"sqlite3 {self.path} .recover may save what is left"
            ) from None

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
        """Store documents not stored yet; for each, whether it was new."""
        documents = list(documents)
        with self.transaction():
            existing = self._existing_ids([document.id for document in documents])
            added_at = utc_now()
            new = [document for document in documents if document.id not in existing]
            self.db["documents"].insert_all(
                (
                    {
                        "id": document.id,
                        "title": document.title,
                        "source": document.source,
                        "text": document.text,
                        "external_id": document.external_id,
                        "added_at": added_at,
                    }
                    for document in new
                ),
                ignore=True,
            )
        return [document.id not in existing for document in documents]

    def _existing_ids(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(f"SELECT id FROM documents WHERE id IN ({marks})", chunk)
            found.update(row[0] for row in rows)
        return found

    def document(self, doc_id: str) -> Document | None:
        row = self.db.execute(
            "SELECT id, title, source, text, external_id FROM documents WHERE id = ?", [doc_id]
        ).fetchone()
        return Document(*row) if row else None

    def documents(self) -> list[StoredDocument]:
        """Every stored document in the order it was added, with its annotation count."""
        rows = self.db.execute(
            """
            SELECT d.id, d.title, d.source, length(d.text),
                   (SELECT count(*) FROM annotations a WHERE a.doc_id = d.id)
            FROM documents d ORDER BY d.rowid
            """
        )
        return [StoredDocument(*row) for row in rows]

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
        row = annotation.to_row()
        try:
            with self.transaction():
                if not (replace and self.db.execute(_UPDATE, row).rowcount):
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
            [a.doc_id, a.start, a.end, a.label],
        ).fetchone()
        by = f" (tagged by {row[0]})" if row and row[0] else ""
        return f"{a.passage()} is already tagged {a.label}{by}"

    def delete_annotation(self, annotation_id: str) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM annotations WHERE id = ?", [annotation_id])

    def annotation(self, annotation_id: str) -> Annotation | None:
        row = self.db.execute(_SELECT_BY_ID, [annotation_id]).fetchone()
        return Annotation(*row) if row else None

    def annotations(
        self, doc_ids: Iterable[str] = (), labels: Iterable[str] = ()
    ) -> list[Annotation]:
        """Annotations in export order (document, start, end, label), optionally filtered."""
        where, params = [], []
        for column, values in (("doc_id", list(doc_ids)), ("label", list(labels))):
            if values:
                where.append(f"[{column}] IN ({','.join('?' * len(values))})")
                params.extend(values)
        rows = self.db["annotations"].rows_where(
            " AND ".join(where) or None,
            params,
            order_by="doc_id, start, [end], label",
        )
        return [Annotation(**row) for row in rows]

    def labels(self) -> list[str]:
        """Every label in use, sorted."""
        rows = self.db.execute("SELECT DISTINCT label FROM annotations ORDER BY label")
        return [row[0] for row in rows]

    def merge_annotations(self, annotations: Iterable[Annotation]) -> MergeCounts:
        """Add annotations in one transaction, keeping ids; a known id is replaced only by a
        newer ``updated_at``, and a span that already has the label (under another id) is
        left alone."""
        counts = MergeCounts()
        with self.transaction():
            for annotation in annotations:
                stored = self.annotation(annotation.id)
                if stored is None:
                    inserted = self.db.execute(_INSERT_OR_IGNORE, annotation.to_row()).rowcount
                    counts.added += inserted
                    counts.unchanged += 1 - inserted
                elif stored.updated_at < annotation.updated_at and not self._taken(annotation):
                    self.db.execute(_UPDATE, annotation.to_row())
                    counts.updated += 1
                else:
                    counts.unchanged += 1
        return counts

    def _taken(self, annotation: Annotation) -> bool:
        """Whether another annotation already has this label on this span."""
        where = f"{_SAME_SPAN_AND_LABEL} AND id != ?"
        a = annotation
        return bool(
            self.db["annotations"].count_where(where, [a.doc_id, a.start, a.end, a.label, a.id])
        )
