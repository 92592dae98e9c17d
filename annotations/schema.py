"""The store's schema as a list of migrations; the store's version is how many have run.

A new version appends a step; a step never changes once it has shipped.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database


def _v1_documents_and_annotations(db: Database) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["documents"].create(
        {
            "id": str,
            "title": str,
            "source": str,
            "text": str,
            "external_id": str,
            "added_at": str,
        },
        pk="id",
        not_null={"title", "text", "added_at"},
    )
    db["annotations"].create(
        {
            "id": str,
            "doc_id": str,
            "start": int,
            "end": int,
            "label": str,
            "quote": str,
            "prefix": str,
            "suffix": str,
            "note": str,
            "annotator": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"doc_id", "start", "end", "label", "quote", "created_at", "updated_at"},
        foreign_keys=[("doc_id", "documents", "id")],
    )
    db["annotations"].create_index(
        ["doc_id", "start", "end", "label"], index_name="annotations_span", unique=True
    )


def _v2_analysis_cache(db: Database) -> None:
    db["analyses"].create(
        {
            "doc_id": str,
            "pipeline": str,
            "version": str,
            "entities": str,  # JSON [[start, end, label, text], ...]
            "sentences": str,  # JSON [[start, end], ...]
            "analysed_at": str,
        },
        pk=("doc_id", "pipeline", "version"),
        not_null={"entities", "sentences", "analysed_at"},
        foreign_keys=[("doc_id", "documents", "id")],
    )


MIGRATIONS: list[Callable[[Database], None]] = [
    _v1_documents_and_annotations,
    _v2_analysis_cache,
]
SCHEMA_VERSION = len(MIGRATIONS)
