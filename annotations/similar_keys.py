"""The candidate index's writing half: each document's keys (``corpus/similar.py``),
written in the transaction that stores the document, so the first ``similar`` (or
claims in a large store) does not wait for the whole corpus to be indexed.
``similar_index.py`` reads them.

A key in more than COMMON_CAP documents is a site's boilerplate (or, in a synthetic
corpus, a sentence of every article): it goes into ``common_bands`` and its rows are
deleted, which keeps the index small (a document's own keys are not kept either: they
are made again from its text when asked).
"""

from __future__ import annotations

from array import array
from collections.abc import Collection
from typing import TYPE_CHECKING

from newsgloss.annotations.chunks import in_chunks
from newsgloss.corpus.similar import SIMILAR_VERSION, STORY, band_keys, story_keys

if TYPE_CHECKING:
    from sqlite_utils import Database

COMMON_CAP = 1000  # a key in more documents than this is boilerplate whatever the store's size


def document_keys(text: str, passages: Collection[int] | None = None) -> array:
    """A document's keys: (passage, band) pairs, flattened; ``passages``: those of these
    passages alone, with the story's."""
    keys = band_keys(text, passages) + story_keys(text)
    return array("q", [n for pair in keys for n in pair])


def write(db: Database, found: list[tuple[str, array]]) -> None:
    """Add documents' keys to the index, in the caller's transaction (the store's, as it
    adds them). An index made by another version of the method is dropped whole."""
    if db.execute("SELECT 1 FROM indexed WHERE version != ?", [SIMILAR_VERSION]).fetchone():
        for table in ("indexed", "passage_bands", "common_bands"):
            db.execute(f"DELETE FROM {table}")
    for doc_id, pairs in found:
        passages = len(set(pairs[::2]) - {STORY})
        number = db.execute(
            "INSERT OR REPLACE INTO indexed (doc_id, version, passages) VALUES (?, ?, ?)",
            [doc_id, SIMILAR_VERSION, passages],
        ).lastrowid
        bands = set(pairs[1::2])
        bands -= common(db, bands)
        db.conn.executemany(
            "INSERT OR IGNORE INTO passage_bands (band, number) VALUES (?, ?)",
            ((band, number) for band in bands),
        )
        for band in bands:
            if in_more_than(db, band, COMMON_CAP):
                db.execute("INSERT OR IGNORE INTO common_bands (band) VALUES (?)", [band])
                db.execute("DELETE FROM passage_bands WHERE band = ?", [band])


def in_more_than(db: Database, band: int, count: int) -> bool:
    """Whether more than ``count`` documents have ``band``: a look at most that far along
    its rows, not a count of them all (a band in 20,000 documents took milliseconds)."""
    query = "SELECT 1 FROM passage_bands WHERE band = ? LIMIT 1 OFFSET ?"
    return db.execute(query, [band, count]).fetchone() is not None


def common(db: Database, bands: set[int]) -> set[int]:
    """Those of ``bands`` known to be boilerplate."""
    found: set[int] = set()
    for chunk, marks in in_chunks(list(bands)):
        query = f"SELECT band FROM common_bands WHERE band IN ({marks})"
        found.update(band for (band,) in db.execute(query, chunk))
    return found
