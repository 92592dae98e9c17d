"""The annotation store (SQLite via sqlite-utils) and its JSONL export and import.

The names below load their modules on first use (PEP 562): sqlite-utils pulls in
numpy, a tenth of a second the reader's first frame should not wait for.
"""

from importlib import import_module

_EXPORTS = {
    "DEFAULT_LABELS": "newsgloss.annotations.labels",
    "Label": "newsgloss.annotations.labels",
    "Annotation": "newsgloss.annotations.model",
    "utc_now": "newsgloss.annotations.model",
    "AnnotationExists": "newsgloss.annotations.store",
    "Store": "newsgloss.annotations.store",
    "StoreError": "newsgloss.annotations.connection",
    "StoredDocument": "newsgloss.annotations.model",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'newsgloss.annotations' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)
