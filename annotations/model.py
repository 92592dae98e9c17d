"""Annotations as plain data: a labelled span of a document's canonical text."""

from __future__ import annotations

import getpass
import uuid
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime
from operator import attrgetter

from newsgloss.corpus import Document
from newsgloss.corpus.canonical import canonical_text
from newsgloss.corpus.metadata import NO_METADATA, Metadata

CONTEXT_CHARS = 32
NOTE_LIMIT = 10_000  # characters in a note, typed or imported


def utc_now() -> str:
    """ISO 8601 UTC with a ``Z``, to the millisecond."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def anchored(text: str, start: int, end: int) -> tuple[str, str, str]:
    """A span's quote, prefix and suffix (CONTEXT_CHARS either side): what re-anchors it."""
    return (
        text[start:end],
        text[max(0, start - CONTEXT_CHARS) : start],
        text[end : end + CONTEXT_CHARS],
    )


def default_annotator(configured: str | None = None) -> str:
    """Who is tagging when neither ``--annotator`` nor $NEWSGLOSS_ANNOTATOR says: the
    config file's ``configured`` name, else the login name."""
    try:
        return configured or getpass.getuser()
    except (OSError, KeyError):  # no login name: a container running as an unknown uid
        return "unknown"


def stable_id(doc_id: str, start: int, end: int, label: str) -> str:
    """A UUID derived from the span, for imported spans that come without an id."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{doc_id}#{start}-{end}/{label}"))


@dataclass(frozen=True)
class Annotation:
    """A label on ``text[start:end]``; quote, prefix and suffix let it be re-anchored.

    Notes and annotator names are cleaned like canonical text: the reader shows them.
    """

    id: str
    doc_id: str
    start: int
    end: int
    label: str
    quote: str
    prefix: str
    suffix: str
    note: str
    annotator: str
    created_at: str
    updated_at: str

    @classmethod
    def create(
        cls,
        document: Document,
        start: int,
        end: int,
        label: str,
        *,
        note: str = "",
        annotator: str = "",
        id: str | None = None,
        created_at: str | None = None,
        updated_at: str | None = None,
    ) -> Annotation:
        """Anchor a new annotation in ``document``; raises ValueError for an impossible span."""
        text = document.text
        if not 0 <= start < end <= len(text):
            raise ValueError(f"span {start}-{end} is outside the text (0-{len(text)})")
        if not label:
            raise ValueError("an annotation needs a label")
        return cls(*cls.new_row(document, start, end, label, note, annotator, id, created_at,
                                updated_at))  # fmt: skip

    @staticmethod
    def new_row(
        document: Document,
        start: int,
        end: int,
        label: str,
        note: str,
        annotator: str,
        id: str | None,
        created_at: str | None,
        updated_at: str | None,
    ) -> tuple:
        """What ``create`` makes, as a row (``row()``) of a span already checked: an
        import makes a million of these without making the objects."""
        text = document.text
        created_at = created_at or utc_now()
        return (
            id or str(uuid.uuid4()),
            document.id,
            start,
            end,
            label,
            *anchored(text, start, end),
            canonical_text(note),
            canonical_text(annotator),
            created_at,
            updated_at or created_at,
        )

    def changed(self, *, note: str | None = None, label: str | None = None) -> Annotation:
        """A copy with a new note or label and a fresh ``updated_at``."""
        return replace(
            self,
            note=self.note if note is None else canonical_text(note),
            label=label or self.label,
            updated_at=utc_now(),
        )

    def to_row(self) -> dict:
        """The columns, by name (shallow: every field is a string or an integer)."""
        return {name: getattr(self, name) for name in _FIELDS}

    def row(self) -> tuple:
        """The columns in their order (``ANNOTATION_COLUMNS``), as SQL takes them fastest."""
        return _AS_ROW(self)

    def passage(self, words: int = 6) -> str:
        """The first words of the quote, in quotation marks: how a message names a tag."""
        quote = self.quote.split()
        shown = " ".join(quote[:words]) + ("…" if len(quote) > words else "")
        return f"“{shown}”"


@dataclass(frozen=True)
class StoredDocument:
    """A line of the document list: enough to choose one without loading its text."""

    id: str
    title: str
    source: str | None
    annotations: int
    meta: Metadata = NO_METADATA


@dataclass
class MergeCounts:
    """What a merge of annotations did: new rows, newer versions taken, and rows left alone."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, other: MergeCounts) -> None:
        self.added += other.added
        self.updated += other.updated
        self.unchanged += other.unchanged


_FIELDS = [field.name for field in fields(Annotation)]
_AS_ROW = attrgetter(*_FIELDS)
