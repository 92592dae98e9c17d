"""Bulk work on the store, a stream at a time: the ``annotations`` export built by
SQLite (a million lines in seconds, never all in memory), and the ids an import has met,
kept in a temporary table. Plain functions of an open ``Store``; like store.py, this
module holds SQL."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from newsgloss.annotations.store import ANNOTATION_COLUMNS

if TYPE_CHECKING:
    from newsgloss.annotations.store import Store

# One export line, made by SQLite's printf (faster than joining with ||): the
# annotation's id, then (a parameter) its document's id, title and source, then its other
# columns, each as JSON between Python's separators, and a newline. The offsets are
# integers (%d, as json.dumps writes them); every string goes through json_quote.
_EXPORT_NAMES = [name for name in ANNOTATION_COLUMNS if name not in ("id", "doc_id")]
_INTEGERS = ("start", "end")
_EXPORT_FORMAT = (
    '{"id": %s%s'
    + "".join(f', "{name}": {"%d" if name in _INTEGERS else "%s"}' for name in _EXPORT_NAMES)
    + "}\n"
)
_EXPORT_LINE = "printf(?, json_quote(id), ?, {})".format(
    ", ".join(f"[{n}]" if n in _INTEGERS else f"json_quote([{n}])" for n in _EXPORT_NAMES)
)
_BLOCK = 1000  # export lines fetched at a time


def _json_key(key: str, value: str | None) -> str:
    return f'"{key}": ' + json.dumps(value, ensure_ascii=False)


def annotation_chunks(
    store: Store, doc_ids: Iterable[str] = (), labels: Iterable[str] = ()
) -> Iterator[tuple[bytes, int]]:
    """The ``annotations`` export in chunks: the UTF-8 bytes of some JSON lines (each with
    its newline) and how many, in export order, a document at a time, made by SQLite and
    never all in memory (as bytes: no decoding and encoding again on the way to the file).
    SQLite's ``json_quote`` escapes exactly as ``json.dumps(..., ensure_ascii=False)``
    does, and the separators are Python's, so the bytes are the README's format."""
    labels = list(labels)
    where = f" AND label IN ({','.join('?' * len(labels))})" if labels else ""
    query = f"SELECT CAST({_EXPORT_LINE} AS BLOB) FROM annotations WHERE doc_id = ?{where} " + (
        "ORDER BY start, [end], label"
    )
    documents = store.db.execute(
        "SELECT id, title, source FROM documents ORDER BY id"
    ).fetchall()  # ids, titles and sources only: small beside the tags
    wanted = set(doc_ids)
    for doc_id, title, source in documents:
        if wanted and doc_id not in wanted:
            continue
        middle = (
            f", {_json_key('doc_id', doc_id)}, {_json_key('doc_title', title)}, "
            f"{_json_key('doc_source', source)}"
        )
        cursor = store.db.execute(query, [_EXPORT_FORMAT, middle, doc_id, *labels])
        while block := cursor.fetchmany(_BLOCK):
            yield b"".join(row[0] for row in block), len(block)


@contextlib.contextmanager
def import_ids(store: Store) -> Iterator[None]:
    """While an import runs: the ids it has met, with their lines, in a temporary table
    (on disk when large, not in memory), for ``note_import_ids``."""
    store.db.execute("CREATE TEMP TABLE IF NOT EXISTS import_ids (id TEXT PRIMARY KEY, line INT)")
    store.db.execute("DELETE FROM temp.import_ids")
    try:
        yield
    finally:
        store.db.execute("DELETE FROM temp.import_ids")


def note_import_ids(store: Store, ids: list[tuple[str, int]]) -> tuple[str, int, int] | None:
    """Note these (id, line) pairs; the first id met before (or twice here), with the
    line it was first on and the line it is on again, or None."""
    savepoint = "import_ids_batch"
    store.db.execute(f"SAVEPOINT {savepoint}")
    try:  # all at once; only a batch holding a repeated id is gone through one by one
        store.db.conn.executemany("INSERT INTO temp.import_ids VALUES (?, ?)", ids)
        store.db.execute(f"RELEASE {savepoint}")
        return None
    except sqlite3.IntegrityError:
        store.db.execute(f"ROLLBACK TO {savepoint}")
        store.db.execute(f"RELEASE {savepoint}")
    for annotation_id, line in ids:
        first = store.db.execute(
            "SELECT line FROM temp.import_ids WHERE id = ?", [annotation_id]
        ).fetchone()
        if first is not None:
            return annotation_id, first[0], line
        store.db.execute("INSERT INTO temp.import_ids VALUES (?, ?)", [annotation_id, line])
    return None
