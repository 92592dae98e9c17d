"""JSONL import of either shape the export writes (``jsonl_export.py``): every line is
checked, and all of it written in one transaction, or nothing.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NoReturn

from newsgloss.annotations import bulk, decisions, versions
from newsgloss.annotations.labels import LABEL_LIMIT
from newsgloss.annotations.model import NOTE_LIMIT, Annotation, MergeCounts, stable_id, utc_now
from newsgloss.corpus import CorpusError, Document, UserError, document_id
from newsgloss.corpus.canonical import canonical_text, decode
from newsgloss.corpus.loader import json_line, open_regular_file
from newsgloss.corpus.metadata import META_FIELDS, metadata

if TYPE_CHECKING:  # the store module loads sqlite-utils; these are only types here
    from newsgloss.annotations.store import Store

# What import accepts (the reader draws labels and notes, and a 10 MB note stalled it).


class ImportFormatError(UserError):
    """A line of an import file that cannot be imported; names the file and line."""


@dataclass
class ImportSummary:
    documents_added: int
    counts: MergeCounts
    labels_added: list[str]


IMPORT_LIMIT = 2 * 1024 * 1024 * 1024  # bytes: an export of millions of annotations
BATCH = 2000  # annotations written at a time, inside the import's one transaction
_READ_BLOCK = 1024 * 1024  # bytes read at a time
RECENT_DOCUMENTS = 16  # texts kept while importing: a document's lines come together


def open_import(path: str | Path) -> BinaryIO:
    """The import file, opened to read: a regular file (UserError otherwise), never a
    FIFO waited on nor a device read without end."""
    try:
        return open_regular_file(Path(path))
    except CorpusError as error:
        raise ImportFormatError(str(error)) from None


def import_lines(path: Path, data: bytes | None = None) -> Iterator[tuple[int, str]]:
    """(number, text) of each line of an import file, read as it goes, a block at a time
    (``data``: its bytes, when already read). UTF-8, its BOM allowed; a UTF-16 or UTF-32
    file (by its BOM) is decoded whole. At most IMPORT_LIMIT bytes."""
    if data is not None:
        yield from _decoded_lines(data, path)
        return
    with open_import(path) as handle:
        head = handle.read(4)
        if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
            yield from _decoded_lines(head + handle.read(IMPORT_LIMIT + 1), path)
            return
        offset = len(head) - len(head.removeprefix(b"\xef\xbb\xbf"))  # of ``lines`` below
        number, pending = 0, [head[offset:]]  # a line's start, until its end is read
        while True:
            block = handle.read(_READ_BLOCK)
            cut = block.rfind(b"\n") + 1 if block else len(block)
            if block and not cut:
                pending.append(block)
                cut = -1
            if offset + sum(map(len, pending)) + max(cut, 0) > IMPORT_LIMIT:
                limit = IMPORT_LIMIT // 1024 // 1024
                raise ImportFormatError(f"{path}: too large (the limit is {limit} MB)")
            if cut < 0:
                continue
            lines = b"".join([*pending, block[:cut]])
            pending = [block[cut:]]
            for line in _block_lines(lines, offset, path):
                number += 1
                yield number, line
            offset += len(lines)
            if not block:
                return


def _block_lines(lines: bytes, offset: int, path: Path) -> list[str]:
    """The lines of ``lines`` (whole lines of UTF-8 read at byte ``offset``)."""
    nul = lines.find(b"\x00")
    if nul >= 0:
        raise ImportFormatError(
            f"{path}: binary file (NUL byte at offset {offset + nul}), not an article"
        )
    try:
        text = lines.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ImportFormatError(
            f"{path}: not UTF-8 (byte 0x{lines[error.start]:02x} at offset "
            f"{offset + error.start} cannot be decoded)"
        ) from None
    split = text.split("\n")
    if split[-1] == "":
        split.pop()  # the end of the last line, not a line
    return split


def _decoded_lines(data: bytes, path: Path) -> Iterator[tuple[int, str]]:
    if len(data) > IMPORT_LIMIT:
        limit = IMPORT_LIMIT // 1024 // 1024
        raise ImportFormatError(f"{path}: too large (the limit is {limit} MB)")
    try:
        text = decode(data, str(path))
    except CorpusError as error:
        raise ImportFormatError(str(error)) from None
    yield from enumerate(text.split("\n"), start=1)


def import_file(
    store: Store, path: str | Path, data: bytes | None = None, annotator: str = ""
) -> ImportSummary:
    """Check and write every line of ``path`` (read as it goes, unless ``data`` holds its
    bytes) in one transaction: all of it, or, from the first bad line on, nothing. Memory
    holds a batch of lines and a few documents' texts, however long the file. ``annotator``:
    the name given to tags that come without one."""
    path = Path(path)
    summary = ImportSummary(0, MergeCounts(), [])
    recent: dict[str, Document] = {}  # the documents met last, newest at the end
    documents: dict[str, Document] = {}  # met in this batch, to be stored
    rows: list[tuple] = []  # annotations as rows (Annotation.row()) …
    lines: list[int] = []  # … and the line each came from
    links: list[tuple[str, str]] = []  # (a document, the older version it replaces)
    placed: list[tuple[str, str]] = []  # (a tag's id, how it was carried to its version)
    decided: list[tuple[str, list[dict]]] = []  # a document's links confirmed or rejected

    def write(merge: bulk.ImportMerge) -> None:
        summary.documents_added += sum(store.add_documents(documents.values()))
        summary.labels_added.extend(store.labels.add_missing(row[4] for row in rows))
        counts, repeat = merge.merge(rows, lines)
        if repeat is not None:
            raise ImportFormatError(
                f"{path}:{repeat.again}: id {repeat.id} is also on line {repeat.first}"
            )
        summary.counts.add(counts)
        documents.clear()
        rows.clear()
        lines.clear()

    with store.transaction(), bulk.import_merge(store) as merge:  # the write lock, then lines
        for number, line in import_lines(path, data):
            if not line.strip():
                continue
            record = _Record(line, path, number, annotator)
            if "spans" in record.data or "text" in record.data:
                document = record.document()
                documents.setdefault(document.id, document)
                spans = record.list("spans")
                new = [record.span(document, span) for span in spans]
                placed.extend(record.placed(r[0], s) for r, s in zip(new, spans, strict=True))
                if record.data.get("replaces") is not None:
                    links.append((document.id, record.string("replaces")))
                if record.data.get("links"):
                    decided.append((document.id, record.decisions()))
            else:
                doc_id = record.string("doc_id")
                document = recent.get(doc_id) or documents.get(doc_id) or store.document(doc_id)
                if document is None:
                    record.fail(f"unknown document {doc_id} (import its text first)")
                new = [record.annotation(document)]
                placed.append(record.placed(new[0][0], record.data))
            if next(reversed(recent), None) != document.id:  # the newest already: most lines
                recent.pop(document.id, None)
                recent[document.id] = document
                if len(recent) > RECENT_DOCUMENTS:
                    del recent[next(iter(recent))]
            rows.extend(new)
            lines.extend([number] * len(new))
            if len(rows) >= BATCH or len(documents) >= BATCH:
                write(merge)
        write(merge)
        versions.restore(store, links, [p for p in placed if p[1] in versions.CARRIED])
        for doc_id, rows in decided:
            decisions.restore(store, doc_id, rows)
    return summary


class _Record:
    """One parsed import line, with checks that fail naming the file and line."""

    def __init__(self, line: str, path: Path | str, number: int, annotator: str = "") -> None:
        self.path, self.number, self.annotator = path, number, annotator
        try:
            data = json_line(line)
        except ValueError as error:
            self.fail(str(error))
        if not isinstance(data, dict):
            self.fail("expected a JSON object")
        self.data: dict = data
        # A lone surrogate can only come from a JSON escape: a line without one has none.
        self.escapes_surrogates = "\\ud" in line or "\\uD" in line

    def fail(self, problem: str) -> NoReturn:
        raise ImportFormatError(f"{self.path}:{self.number}: {problem}")

    def value(self, key: str, kind: type, source: dict | None = None, default=None):
        source = self.data if source is None else source
        if key not in source:
            if default is None:
                self.fail(f'missing key "{key}"')
            return default
        value = source[key]
        if kind is str and value is None and default is not None:
            return default
        if not isinstance(value, kind) or isinstance(value, bool):
            self.fail(f'"{key}" must be {_KIND_NAMES[kind]}')
        if kind is str and self.escapes_surrogates and _SURROGATE.search(value):
            self.fail(f'"{key}" holds an unpaired surrogate, which is not text')
        return value

    def string(self, key: str, source: dict | None = None, default: str | None = None) -> str:
        return self.value(key, str, source, default)

    def list(self, key: str) -> list:
        return self.value(key, list)

    def document(self) -> Document:
        text = self.string("text")
        if canonical_text(text) != text:
            self.fail('"text" is not canonical (it holds \\r, tabs or control characters)')
        doc_id = self.string("doc_id")
        if doc_id != document_id(text):
            self.fail(f'"doc_id" {doc_id} is not the sha256 of its "text"')
        source = self.data.get("source")
        try:
            meta = metadata(**{name: self.data.get(name) for name in META_FIELDS})
        except ValueError as error:
            self.fail(str(error))
        document = Document.from_text(
            text,
            title=self.string("title", default=""),
            source=source if isinstance(source, str) else None,
        )
        return dataclasses.replace(document, meta=meta)  # as exported: nothing filled in

    def decisions(self) -> list[dict]:
        """The document's link decisions, as ``decisions.of_document`` exports them."""
        rows = []
        for row in self.list("links"):
            if not isinstance(row, dict):
                self.fail('every entry of "links" must be a JSON object')
            for key in ("start", "end", "other_start", "other_end"):
                self.value(key, int, row)
            for key in ("other", "annotator", "decided_at"):
                self.string(key, row)
            if row.get("decision") not in decisions.DECISIONS:
                self.fail(f'a link\'s "decision" is one of {", ".join(decisions.DECISIONS)}')
            rows.append(row)
        return rows

    def placed(self, annotation_id: str, source: dict) -> tuple[str, str | None]:
        """A tag's id and its exported status (null, moved, changed or orphaned)."""
        status = source.get("status")
        if status is not None and status not in versions.STATUSES:
            self.fail(f'"status" must be null or one of {", ".join(versions.STATUSES)}')
        return annotation_id, status

    def span(self, document: Document, span: object) -> tuple:
        if not isinstance(span, dict):
            self.fail('every entry of "spans" must be a JSON object')
        start, end, label = self._span_fields(document, span)
        annotation_id = self.string("id", span, default="") or stable_id(
            document.id, start, end, label
        )
        return self._create(document, span, start, end, label, annotation_id)

    def annotation(self, document: Document) -> tuple:
        """The line's annotation, as a row (``Annotation.row()``)."""
        return self._as_exported(document) or self._annotation(document)

    def _as_exported(self, document: Document) -> tuple | None:
        """The annotation of a line as ``export`` writes them, checked in one pass (a
        million lines go through here); None sends any other line to the full check,
        which names what is wrong. Every rule of the full check holds here too."""
        data = self.data
        get = data.get
        start, end, label, quote = get("start"), get("end"), get("label"), get("quote")
        annotation_id, note, annotator = get("id"), get("note", ""), get("annotator")
        if annotator is None or annotator == "":  # none given: the import's (a 0 is wrong)
            annotator = self.annotator
        created, updated = get("created_at"), get("updated_at")
        text = document.text
        if (
            self.escapes_surrogates
            or type(start) is not int
            or type(end) is not int
            or not 0 <= start < end <= len(text)
            or type(label) is not str
            or type(quote) is not str
            or type(annotation_id) is not str
            or type(note) is not str
            or type(annotator) is not str
            or text[start:end] != quote
            or not _clean_label(label)
            or len(note) > NOTE_LIMIT
            or not (created is None or _exported_time(created))
            or not (updated is None or updated == created or _exported_time(updated))
        ):
            return None
        return Annotation.new_row(
            document, start, end, label, note, annotator, annotation_id, created, updated
        )

    def _annotation(self, document: Document) -> tuple:
        start, end, label = self._span_fields(document, self.data)
        quote = self.string("quote")
        if document.text[start:end] != quote:
            self.fail(
                f'"quote" does not match the text at {start}-{end} '
                f"(the text there is {document.text[start:end][:60]!r})"
            )
        return self._create(document, self.data, start, end, label, self.string("id"))

    def _span_fields(self, document: Document, source: dict) -> tuple[int, int, str]:
        start, end = self.value("start", int, source), self.value("end", int, source)
        if not 0 <= start < end <= len(document.text):
            self.fail(f"offsets {start}-{end} are outside the text (0-{len(document.text)})")
        label = " ".join(canonical_text(self.string("label", source)).split())  # as titles are
        if not label:
            self.fail('"label" is empty')
        if len(label) > LABEL_LIMIT:
            self.fail(f'"label" is longer than {LABEL_LIMIT} characters')
        return start, end, label

    def note(self, source: dict) -> str:
        note = self.string("note", source, default="")
        if len(note) > NOTE_LIMIT:
            self.fail(f'"note" is longer than {NOTE_LIMIT:,} characters ({len(note):,})')
        return note

    def timestamp(self, key: str, source: dict) -> str | None:
        """An ISO 8601 UTC time with a ``Z`` (as export writes them), or None if absent:
        an unchecked ``updated_at`` such as "zzzz" would block every newer version."""
        value = self.string(key, source, default="") or None
        if value is not None and not _exported_time(value):
            self.fail(f'"{key}" {value[:40]!r} is not an ISO 8601 UTC time like {utc_now()}')
        return value

    def _create(
        self, document: Document, source: dict, start: int, end: int, label: str, annotation_id: str
    ) -> tuple:
        """The row of a span checked by ``_span_fields``."""
        return Annotation.new_row(
            document,
            start,
            end,
            label,
            self.note(source),
            self.string("annotator", source, default="") or self.annotator,
            annotation_id,
            self.timestamp("created_at", source),
            self.timestamp("updated_at", source),
        )


@functools.lru_cache(maxsize=256)  # an import holds a few labels, on every line
def _clean_label(label: str) -> bool:
    """Whether ``label`` is a label as the store keeps them (what ``_span_fields`` makes)."""
    return (
        bool(label)
        and len(label) <= LABEL_LIMIT
        and label == " ".join(canonical_text(label).split())
    )


def _exported_time(value: str) -> bool:
    """Whether ``value`` is an ISO 8601 UTC time with a ``Z``, as export writes them."""
    match = _UTC_TIME.fullmatch(value)
    if not match:
        return False
    if match[1] <= "28":
        return True  # every month has the day; the pattern checked the rest
    try:
        datetime.fromisoformat(value.removesuffix("Z") + "+00:00")
    except ValueError:
        return False
    return True


_KIND_NAMES = {str: "a string", int: "an integer", list: "a list"}
_SURROGATE = re.compile("[\ud800-\udfff]")
_UTC_TIME = re.compile(
    r"(?!0000)\d{4}-(?:0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,6})?Z"
)
