"""The candidate index's writing half: each document's keys (``corpus/similar.py``),
written in the transaction that stores the document, so the first ``similar`` (or
claims in a large store) does not wait for the whole corpus to be indexed.
``similar_index.py`` reads them."""

from __future__ import annotations

from array import array
from typing import TYPE_CHECKING

from newsgloss.corpus.similar import SIMILAR_VERSION, band_keys, story_keys

if TYPE_CHECKING:
    from sqlite_utils import Database


def document_keys(text: str) -> array:
    """A document's keys as the index keeps them: (passage, band) pairs, flattened."""
    return array("q", [n for pair in band_keys(text) + story_keys(text) for n in pair])


def write(db: Database, found: list[tuple[str, array]]) -> None:
    """Add documents' keys to the index, in the caller's transaction (the store's, as it
    adds them). An index made by another version of the method is dropped whole."""
    if db.execute("SELECT 1 FROM indexed WHERE version != ?", [SIMILAR_VERSION]).fetchone():
        db.execute("DELETE FROM indexed")
        db.execute("DELETE FROM passage_bands")
    for doc_id, pairs in found:
        number = db.execute(
            "INSERT OR REPLACE INTO indexed (doc_id, version, bands) VALUES (?, ?, ?)",
            [doc_id, SIMILAR_VERSION, pairs.tobytes()],
        ).lastrowid
        db.conn.executemany(
            "INSERT OR IGNORE INTO passage_bands (band, number) VALUES (?, ?)",
            ((band, number) for band in pairs[1::2]),
        )
