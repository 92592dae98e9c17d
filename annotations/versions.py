"""Versions of an article: a newer text that replaces a stored one, the tags carried to
it (corpus/anchoring.py), and those that could not be placed, which stay on the older
version, orphaned, to be shown and exported, never lost. Works on an open ``Store``;
like store.py, this module holds SQL."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsgloss.annotations.model import Annotation, anchored, utc_now
from newsgloss.annotations.store import ANNOTATION_COLUMNS, StoreError
from newsgloss.corpus import Document, short_id
from newsgloss.corpus.anchoring import ORPHANED, Anchor, reanchor

if TYPE_CHECKING:
    from newsgloss.annotations.store import Store

CARRIED = ("moved", "changed")  # how a tag carried to a newer version may have been placed
STATUSES = (*CARRIED, "orphaned")  # a tag's status in an export (null: where it was made)
_JSONL_LINE = re.compile(r":\d+$")  # a JSONL corpus's source, path:line: not the article's
_SELECT = "SELECT {} FROM annotations".format(", ".join(f"a.[{c}]" for c in ANNOTATION_COLUMNS))


@dataclass
class VersionReport:
    """What adding a version did: the two documents, how many tags were placed each way
    (exact, moved, changed) and the tags left orphaned on the older one."""

    old_id: str
    new_id: str
    placed: Counter = field(default_factory=Counter)
    orphaned: list[Annotation] = field(default_factory=list)

    def describe(self) -> str:
        placed = sum(self.placed.values())
        how = ", ".join(f"{n} {kind}" for kind, n in sorted(self.placed.items()) if kind != "exact")
        line = f"{short_id(self.new_id)} is a new version of {short_id(self.old_id)}: "
        line += f"{placed} tag{'s' * (placed != 1)} carried" + (f" ({how})" if how else "")
        if self.orphaned:
            line += f", {len(self.orphaned)} could not be placed (kept on the old version)"
        return line


def latest(store: Store, doc_id: str) -> str:
    """The newest version of ``doc_id`` (itself when nothing replaces it)."""
    seen = {doc_id}
    while True:
        row = store.db.execute(
            "SELECT doc_id FROM versions WHERE replaces = ?", [doc_id]
        ).fetchone()
        if row is None or row[0] in seen:
            return doc_id
        doc_id = row[0]
        seen.add(doc_id)


def chain(store: Store, doc_id: str) -> list[tuple[str, str | None]]:
    """Every version of the article ``doc_id`` is a version of, oldest first, each with
    when it was added as a version (None for the first)."""
    doc_id, found = latest(store, doc_id), []
    while doc_id is not None and all(doc_id != d for d, _ in found):
        row = store.db.execute(
            "SELECT replaces, added_at FROM versions WHERE doc_id = ?", [doc_id]
        ).fetchone()
        found.append((doc_id, row[1] if row else None))
        doc_id = row[0] if row else None
    return found[::-1]


def replaced_ids(store: Store) -> set[str]:
    """The documents a newer version replaces: read, never compared or suggested."""
    return {row[0] for row in store.db.execute("SELECT replaces FROM versions")}


def predecessor(store: Store, document: Document) -> str | None:
    """The stored article ``document`` is a newer version of: the newest version of one
    with the same URL, or the same source (a URL or a file; not a line of a JSONL corpus),
    and another text."""
    keys = [key for key in (document.meta.url, document.source) if key]
    keys = [key for key in keys if not _JSONL_LINE.search(key)]
    if not keys:
        return None
    marks = ",".join("?" * len(keys))
    row = store.db.execute(
        f"SELECT id FROM documents WHERE (url IN ({marks}) OR source IN ({marks})) "
        "AND id != ? AND id NOT IN (SELECT replaces FROM versions) ORDER BY rowid DESC LIMIT 1",
        [*keys, *keys, document.id],
    ).fetchone()
    return row[0] if row else None


def add_version(store: Store, old_id: str, document: Document) -> VersionReport:
    """Store ``document`` as the newer version of ``old_id`` and carry its tags to it, in
    one transaction (the write lock first): placed tags move to the new version, marked
    ``moved`` or ``changed`` when they were not found where they were; the others stay
    on the old version, orphaned. StoreError if ``old_id`` already has a newer version."""
    with store.transaction():
        if document.id == old_id:
            raise StoreError(f"{short_id(old_id)}: the new version has the same text")
        newer = store.db.execute("SELECT doc_id FROM versions WHERE replaces = ?", [old_id])
        if (row := newer.fetchone()) is not None:
            raise StoreError(
                f"{short_id(old_id)} already has a newer version, {short_id(row[0])}: "
                "replace that one"
            )
        old = store.document(old_id)
        if old is None:
            raise StoreError(f"{short_id(old_id)}: no such document in the store")
        store.add_documents([document])
        store.db.execute(
            "INSERT INTO versions (doc_id, replaces, added_at) VALUES (?, ?, ?)",
            [document.id, old_id, utc_now()],
        )
        report = VersionReport(old_id, document.id)
        tags = store.annotations([old_id])
        anchors = [Anchor(a.start, a.end, a.quote, a.prefix, a.suffix) for a in tags]
        for tag, placement in zip(tags, reanchor(old.text, document.text, anchors), strict=True):
            if placement.kind != ORPHANED and _carry(store, tag, document, placement):
                report.placed[placement.kind] += 1
            else:
                report.orphaned.append(tag)
    return report


def _carry(store: Store, tag: Annotation, document: Document, placement) -> bool:
    """Move ``tag`` onto ``document`` at the placement; False if its label is on that
    span already (it then stays behind, orphaned)."""
    text, start, end = document.text, placement.start, placement.end
    taken = store.db.execute(
        "SELECT 1 FROM annotations WHERE doc_id = ? AND start = ? AND [end] = ? AND label = ?",
        [document.id, start, end, tag.label],
    ).fetchone()
    if taken:
        return False
    store.db.execute(
        "UPDATE annotations SET doc_id = ?, start = ?, [end] = ?, quote = ?, prefix = ?, "
        "suffix = ?, updated_at = ? WHERE id = ?",
        [document.id, start, end, *anchored(text, start, end), utc_now(), tag.id],
    )  # fmt: skip
    # How it was placed this time: an earlier version's mark is about an earlier text.
    store.db.execute("DELETE FROM anchoring WHERE annotation_id = ?", [tag.id])
    if placement.kind != "exact" or text[start:end] != tag.quote:
        store.db.execute(
            "INSERT INTO anchoring (annotation_id, status, was_quote) VALUES (?, ?, ?)",
            [tag.id, placement.kind, tag.quote],
        )
    return True


def orphans(store: Store, doc_id: str) -> list[Annotation]:
    """The tags of the older versions of ``doc_id`` that could not be carried to it."""
    older = [d for d, _ in chain(store, doc_id)]
    older = older[: older.index(doc_id)] if doc_id in older else []
    if not older:
        return []
    marks = ",".join("?" * len(older))
    rows = store.db.execute(
        f"{_SELECT} a WHERE a.doc_id IN ({marks}) ORDER BY a.start, a.[end], a.label, a.annotator",
        older,
    )
    return [Annotation(*row) for row in rows]


def statuses(store: Store, doc_id: str) -> dict[str, tuple[str, str]]:
    """How each of the document's carried tags was placed: id to (``moved`` or
    ``changed``, the quote it had before)."""
    rows = store.db.execute(
        "SELECT n.annotation_id, n.status, n.was_quote FROM anchoring n "
        "JOIN annotations a ON a.id = n.annotation_id WHERE a.doc_id = ?",
        [doc_id],
    )
    return {annotation_id: (status, was) for annotation_id, status, was in rows}


def replaced_by(store: Store, doc_id: str) -> str | None:
    """The older version ``doc_id`` replaces, if any."""
    row = store.db.execute("SELECT replaces FROM versions WHERE doc_id = ?", [doc_id]).fetchone()
    return row[0] if row else None


def restore(store: Store, links: list[tuple[str, str]], placed: list[tuple[str, str]]) -> None:
    """An import's versions (document, the one it replaces) and carried tags' statuses,
    inside its transaction; a link to a document not stored, or one already made, is
    left out (a partial export), as is a status whose tag is not stored."""
    for doc_id, replaces in links:
        store.db.execute(
            "INSERT OR IGNORE INTO versions (doc_id, replaces, added_at) "
            "SELECT ?, ?, ? WHERE (SELECT count(*) FROM documents WHERE id IN (?, ?)) = 2",
            [doc_id, replaces, utc_now(), doc_id, replaces],
        )
    for annotation_id, status in placed:
        store.db.execute(
            "INSERT OR REPLACE INTO anchoring (annotation_id, status, was_quote) "
            "SELECT ?, ?, '' WHERE EXISTS (SELECT 1 FROM annotations WHERE id = ?)",
            [annotation_id, status, annotation_id],
        )
