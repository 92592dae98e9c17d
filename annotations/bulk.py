"""Bulk work on the store, a stream at a time: the ``annotations`` export built by
SQLite (a million lines in seconds, never all in memory), and an import's merge, which
knows each id it has met and its line without holding the ids in memory. Work on an
open ``Store``; like store.py, this module holds SQL."""

from __future__ import annotations

import contextlib
import json
from array import array
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from newsgloss.annotations.model import MergeCounts
from newsgloss.annotations.store import ANNOTATION_COLUMNS, StoreError

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
    + ', "status": %s}\n'
)
# A tag's status: "orphaned" on a version a newer one replaced (a parameter, per
# document), else how it was carried to this version ("moved", "changed"), else null.
_STATUS = (
    "CASE WHEN ? IS NULL THEN json_quote((SELECT status FROM anchoring "
    "WHERE annotation_id = annotations.id)) ELSE json_quote(?) END"
)
_EXPORT_LINE = "printf(?, json_quote(id), ?, {}, {})".format(
    ", ".join(f"[{n}]" if n in _INTEGERS else f"json_quote([{n}])" for n in _EXPORT_NAMES),
    _STATUS,
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
        "ORDER BY start, [end], label, annotator"
    )
    documents = store.db.execute(
        "SELECT id, title, source FROM documents ORDER BY id"
    ).fetchall()  # ids, titles and sources only: small beside the tags
    replaced = {row[0] for row in store.db.execute("SELECT replaces FROM versions")}
    wanted = set(doc_ids)
    for doc_id, title, source in documents:
        if wanted and doc_id not in wanted:
            continue
        middle = (
            f", {_json_key('doc_id', doc_id)}, {_json_key('doc_title', title)}, "
            f"{_json_key('doc_source', source)}"
        )
        orphaned = "orphaned" if doc_id in replaced else None
        cursor = store.db.execute(
            query, [_EXPORT_FORMAT, middle, orphaned, orphaned, doc_id, *labels]
        )
        while block := cursor.fetchmany(_BLOCK):
            yield b"".join(row[0] for row in block), len(block)


_IMPORT_CACHE_KIB = 64 * 1024  # SQLite's page cache while importing: ids arrive at random


@contextlib.contextmanager
def import_merge(store: Store) -> Iterator[ImportMerge]:
    """An ``ImportMerge`` for the import running in ``store``'s open transaction, with a
    larger page cache while it runs (a million random ids go into the id index: with the
    default 2 MB, half the import's time is spent re-reading its pages)."""
    (cache,) = store.db.execute("PRAGMA cache_size").fetchone()
    store.db.execute(f"PRAGMA cache_size = -{_IMPORT_CACHE_KIB}")
    store.db.execute("CREATE TEMP TABLE IF NOT EXISTS import_ids (id TEXT PRIMARY KEY, line INT)")
    store.db.execute("DELETE FROM temp.import_ids")
    try:
        yield ImportMerge(store)
    finally:
        store.db.execute("DELETE FROM temp.import_ids")
        store.db.execute(f"PRAGMA cache_size = {int(cache)}")


class ImportMerge:
    """Merges an import's batches, finding an id that the import meets twice and the two
    lines it is on. Rows it inserts are known by their rowids, above the largest when it
    began, with their lines in an array (8 bytes a row); the few ids left alone or
    updated (already stored) go in a temporary table, on disk when large."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.first_rowid = store.last_annotation_rowid() + 1
        self.lines = array("q")  # the line of each row inserted, by rowid - first_rowid
        self.noted = False  # whether the temporary table holds any id

    def merge(self, rows: list[tuple], lines: list[int]) -> tuple[MergeCounts, Repeat | None]:
        """Merge ``rows`` (read from ``lines``); what it did, and the first id met before
        (then the caller rolls back: nothing of the import is kept)."""
        store, counts = self.store, MergeCounts()
        before = store.last_annotation_rowid()
        left = store.insert_rows(rows)
        counts.added = len(rows) - len(left)
        skip = set(left)
        self.lines.extend(line for position, line in enumerate(lines) if position not in skip)
        if len(self.lines) != store.last_annotation_rowid() - self.first_rowid + 1:
            raise StoreError(f"{store.path}: rowids out of order during an import")
        if self.noted:  # an id left alone earlier, now inserted under a free span
            hit = store.db.execute(
                "SELECT a.id, a.rowid, t.line FROM annotations a JOIN temp.import_ids t USING (id) "
                "WHERE a.rowid > ? ORDER BY a.rowid LIMIT 1",
                [before],
            ).fetchone()
            if hit:
                annotation_id, rowid, first = hit
                return counts, Repeat(annotation_id, first, self.lines[rowid - self.first_rowid])
        for position in left:
            row, line = rows[position], lines[position]
            first = self._first_line(row[0])
            if first is not None:  # (a later line of this batch may have gone in first)
                return counts, Repeat(row[0], min(first, line), max(first, line))
            store.db.execute("INSERT INTO temp.import_ids VALUES (?, ?)", [row[0], line])
            self.noted = True
            if store.merge_known(row):
                counts.updated += 1
            else:
                counts.unchanged += 1
        return counts, None

    def _first_line(self, annotation_id: str) -> int | None:
        """The line this import met ``annotation_id`` on, or None."""
        db = self.store.db
        found = db.execute(
            "SELECT rowid FROM annotations WHERE id = ? AND rowid >= ?",
            [annotation_id, self.first_rowid],
        ).fetchone()
        if found:
            return self.lines[found[0] - self.first_rowid]
        if self.noted:
            found = db.execute(
                "SELECT line FROM temp.import_ids WHERE id = ?", [annotation_id]
            ).fetchone()
            return found[0] if found else None
        return None


class Repeat(NamedTuple):
    """An id an import met twice: on line ``first``, then on line ``again``."""

    id: str
    first: int
    again: int
