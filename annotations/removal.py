"""Removing stored documents, and everything kept of them: their tags (and how each was
placed), analyses and their names' counts, alignments, link decisions, versions, entries
in the candidate index, and their share of the corpus statistics. The caller holds the
write transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsgloss.annotations import corpus_stats
from newsgloss.annotations.chunks import in_chunks

if TYPE_CHECKING:
    from sqlite_utils import Database

# Each table, and the columns in which a removed document's id may be.
BY_DOCUMENT = {
    "analyses": ("doc_id",),
    "name_analyses": ("doc_id",),  # its trigger takes the article out of the names' counts
    "alignments": ("doc_a", "doc_b"),
    "link_decisions": ("doc_a", "doc_b"),
    "versions": ("doc_id", "replaces"),
    "entity_rules": ("doc_id",),  # corrections "here only"; those "everywhere" stay
    "verdicts": ("doc_id",),
}


def remove(db: Database, doc_ids: Sequence[str]) -> int:
    """Remove these documents (ids as stored) and what is kept of them; how many were."""
    removed = 0
    for chunk, marks in in_chunks(list(doc_ids)):
        texts = [text for (text,) in db.execute(
            f"SELECT text FROM documents WHERE id IN ({marks})", chunk)]  # fmt: skip
        corpus_stats.forget(db, texts)
        db.execute(
            "DELETE FROM anchoring WHERE annotation_id IN "
            f"(SELECT id FROM annotations WHERE doc_id IN ({marks}))",
            chunk,
        )
        db.execute(f"DELETE FROM annotations WHERE doc_id IN ({marks})", chunk)
        db.execute(
            "DELETE FROM passage_bands WHERE number IN "
            f"(SELECT number FROM indexed WHERE doc_id IN ({marks}))",
            chunk,
        )
        db.execute(f"DELETE FROM indexed WHERE doc_id IN ({marks})", chunk)
        for table, columns in BY_DOCUMENT.items():
            for column in columns:
                db.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", chunk)
        removed += db.execute(f"DELETE FROM documents WHERE id IN ({marks})", chunk).rowcount
    return removed
