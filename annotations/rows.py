"""Documents as the store's rows (a ``Document`` to columns and back), and the quick
reads of a store file that the reader's first frame needs before a ``Store`` is open:
its saved session, its newest articles. Like store.py, this module holds SQL.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

from newsgloss.annotations.connection import BUSY_TIMEOUT_MS
from newsgloss.corpus import Document
from newsgloss.corpus.metadata import META_FIELDS, Metadata

DOCUMENT_COLUMNS = "id, title, source, text, external_id, " + ", ".join(META_FIELDS)


def document_row(row: Sequence) -> Document:
    """A Document from a row of DOCUMENT_COLUMNS (authors are a JSON list)."""
    return Document(*row[:5], meta=metadata_row(row[5:]))


def metadata_row(row: Sequence) -> Metadata:
    """Metadata from a row of META_FIELDS as stored."""
    outlet, authors, published, url, language = row
    return Metadata(outlet, tuple(json.loads(authors)) if authors else (), published, url, language)


def metadata_columns(meta: Metadata) -> dict:
    columns = {name: getattr(meta, name) for name in META_FIELDS}
    columns["authors"] = (
        json.dumps(list(meta.authors), ensure_ascii=False) if meta.authors else None
    )
    return columns


def read_session(connection: sqlite3.Connection) -> dict | None:
    row = connection.execute("SELECT value FROM meta WHERE key = 'session'").fetchone()
    try:
        session = json.loads(row[0]) if row else None
    except ValueError:
        return None  # written by hand or damaged: the reader starts afresh
    return session if isinstance(session, dict) else None


@contextlib.contextmanager
def _peek(path: Path) -> Iterator[sqlite3.Connection | None]:
    """The store at ``path`` opened read-only without sqlite-utils (the reader's first
    frame waits for what is read through it), or None: no store, or not readable. Read-only,
    so that no file is made; the busy timeout, so that a writer's moment (an analysis
    saving its results) does not pass for an empty store."""
    try:
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
        )
    except (sqlite3.Error, OSError, ValueError):
        yield None
        return
    try:
        yield connection
    finally:
        connection.close()


def peek_session(path: Path) -> tuple[dict, list[Document]] | None:
    """The saved session of the store at ``path`` and its documents that are still stored;
    None if there is no store, no session or no document left, or the store cannot be
    read."""
    with _peek(path) as connection:
        if connection is None:
            return None
        try:
            session = read_session(connection)
            ids = [p.get("doc_id") for p in session.get("panes", []) if isinstance(p, dict)]
            documents = []
            for doc_id in ids:
                row = connection.execute(
                    f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = ?", [doc_id]
                ).fetchone()
                if row:
                    documents.append(document_row(row))
        except (sqlite3.Error, AttributeError):
            return None
    return (session, documents) if documents else None


def peek_newest(path: Path, limit: int) -> list[Document]:
    """The ``limit`` documents last added to the store at ``path``, oldest of them first
    (what the reader opens on a store without a session); none if there is no store or
    it cannot be read."""
    with _peek(path) as connection:
        if connection is None:
            return []
        try:
            rows = connection.execute(
                f"SELECT {DOCUMENT_COLUMNS} FROM documents ORDER BY rowid DESC LIMIT ?", [limit]
            ).fetchall()
        except sqlite3.Error:
            return []
    return [document_row(row) for row in reversed(rows)]
