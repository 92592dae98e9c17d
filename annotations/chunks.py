"""Values cut into chunks for ``IN (...)`` queries, under SQLite's limit on parameters.
A leaf module: the store and the modules it imports use it alike."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

CHUNK = 500  # values per IN (...) query, well under SQLite's variable limit


def in_chunks(values: Sequence) -> Iterator[tuple[list, str]]:
    """``values`` CHUNK at a time, each chunk with its ``?,?,…`` for an ``IN (...)``."""
    for i in range(0, len(values), CHUNK):
        chunk = list(values[i : i + CHUNK])
        yield chunk, ",".join("?" * len(chunk))
