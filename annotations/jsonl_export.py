"""JSONL export in the two shapes the README's Formats section describes, ``annotations``
and ``documents``: byte-stable (fixed key order, fixed line order), streamed a chunk at
a time, and written to a file through a temporary file and a rename.
"""

from __future__ import annotations

import io
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO

from newsgloss.annotations import bulk, decisions, versions
from newsgloss.corpus import UserError
from newsgloss.corpus.metadata import META_FIELDS, Metadata

if TYPE_CHECKING:  # the store module loads sqlite-utils; these are only types here
    from newsgloss.annotations.store import Store

EntityLookup = Callable[[str], list[dict]]


def _dumps(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)


Chunk = tuple[bytes, int]  # the UTF-8 bytes of whole lines, and how many


def export_lines(store: Store, fmt: str = "annotations", **filters) -> Iterator[str]:
    """The export, one JSON line (with its newline) at a time."""
    for data, _ in export_chunks(store, fmt, **filters):
        yield from data.decode("utf-8").splitlines(keepends=True)


def export_chunks(
    store: Store,
    fmt: str = "annotations",
    *,
    labels: Iterable[str] = (),
    doc_ids: Iterable[str] = (),
    entities: EntityLookup | None = None,
) -> Iterator[Chunk]:
    """The export in chunks of JSON lines (each with its newline), read and written a
    chunk at a time. ``labels`` compare without regard to case; one the store does not
    use is a UserError that lists those it does. With labels, the ``documents`` format
    holds only the documents that have such a tag."""
    doc_ids, labels = list(doc_ids), stored_labels(store, labels)
    if fmt == "annotations":
        yield from bulk.annotation_chunks(store, doc_ids, labels)
        return
    if fmt != "documents":
        raise ValueError(f"unknown export format {fmt!r}")
    # A document at a time, its tags read with it: memory holds one document, not the desk.
    replaced = versions.replaced_ids(store)
    for doc_id in sorted(doc_ids) if doc_ids else store.document_ids():
        tags = store.annotations([doc_id], labels)
        if labels and not tags:
            continue
        document = store.document(doc_id)
        placed = versions.statuses(store, doc_id)
        orphaned = "orphaned" if doc_id in replaced else None
        spans = [
            {**{key: getattr(a, key) for key in _SPAN_KEYS},
             "status": orphaned or placed.get(a.id, (None,))[0]}
            for a in tags
        ]  # fmt: skip
        line = (
            _dumps(
                {
                    "doc_id": document.id,
                    "title": document.title,
                    "source": document.source,
                    **metadata_record(document.meta),
                    "replaces": versions.replaced_by(store, doc_id),
                    "text": document.text,
                    "spans": spans,
                    "links": decisions.of_document(store, doc_id),
                    "entities": entities(doc_id) if entities else [],
                }
            )
            + "\n"
        )
        yield line.encode("utf-8"), 1


def metadata_record(meta: Metadata) -> dict:
    """The metadata fields as the ``documents`` format writes them: each one, null or an
    empty list where unknown, so a script finds every key on every line."""
    return {name: list(meta.authors) if name == "authors" else getattr(meta, name)
            for name in META_FIELDS}  # fmt: skip


_SPAN_KEYS = ("id", "start", "end", "label", "note", "annotator", "created_at", "updated_at")


def stored_labels(store: Store, wanted: Iterable[str]) -> list[str]:
    """The store's spelling of each wanted label, matched without regard to case."""
    known = {label.name.casefold(): label.name for label in store.labels()}
    found = []
    for label in wanted:
        if label.casefold() not in known:
            have = ", ".join(sorted(known.values())) or "none yet"
            raise UserError(f"no label {label!r} in the store (its labels: {have})")
        found.append(known[label.casefold()])
    return found


def write_export(out: TextIO | BinaryIO, chunks: Iterable[Chunk]) -> int:
    """Write chunks of lines to an open stream, as bytes where it has them (a text stream's
    buffer); returns how many lines."""
    if isinstance(out, io.TextIOBase):
        binary = getattr(out, "buffer", None)  # None: a text-only stream, such as StringIO
        out.flush()  # what was written as text goes first
    else:
        binary = out
    count = 0
    for data, lines in chunks:
        if binary is None:
            out.write(data.decode("utf-8"))
        else:
            binary.write(data)
        count += lines
    return count


def write_file_atomically(path: str | Path, chunks: Iterable[Chunk]) -> int:
    """Write ``chunks`` of lines to ``path``: a regular file (or none yet) through a temporary file
    beside it and a rename, so that it is never half-written; a symbolic link the same
    way at the file it points to (the link stays a link); a FIFO or a character device
    (``/dev/stdout``) straight, as a stream. A folder, or any other kind, is refused."""
    path = Path(path)
    try:
        target = path.resolve() if path.is_symlink() else path
        kind = target.stat().st_mode if target.exists() else None
        if kind is not None and (stat.S_ISFIFO(kind) or stat.S_ISCHR(kind)):
            with target.open("wb") as handle:
                return write_export(handle, chunks)
        if kind is not None and not stat.S_ISREG(kind):
            what = "a folder" if stat.S_ISDIR(kind) else "not a regular file"
            raise UserError(f"{path}: cannot write ({what})")
    except OSError as error:
        raise UserError(f"{path}: cannot write ({error.strerror or error})") from None
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("wb") as handle:
            count = write_export(handle, chunks)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except OSError as error:
        raise UserError(f"{path}: cannot write ({error.strerror or error})") from None
    finally:
        temporary.unlink(missing_ok=True)
    return count
