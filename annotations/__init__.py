"""The annotation store (SQLite via sqlite-utils) and its JSONL export and import."""

from annotations.model import DEFAULT_LABELS, Annotation, utc_now
from annotations.store import (
    AnnotationExists,
    Store,
    StoredDocument,
    StoreError,
    default_db_path,
)

__all__ = [
    "DEFAULT_LABELS",
    "Annotation",
    "AnnotationExists",
    "Store",
    "StoreError",
    "StoredDocument",
    "default_db_path",
    "utc_now",
]
