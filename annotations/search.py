"""Search across the stored articles (``newsgloss search``): SQLite FTS5 over titles,
outlets and texts (``schema.py`` ``_v10_search``), each hit placed in its text, in code
points, where the first of the query's words begins (folded as ``corpus/folding.py``
folds, so ``Russia's`` meets ``Russia’s`` and ``cafe`` meets ``Café``)."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgloss.corpus import UserError
from newsgloss.corpus.folding import APOSTROPHES, QUOTATION_MARKS, fold

if TYPE_CHECKING:
    from newsgloss.annotations.store import Store

BEFORE, AFTER = 30, 90  # characters of context before and after a hit in its snippet
_OPERATORS = {"AND", "OR", "NOT", "NEAR"}
_QUOTES = {ord(c): '"' for c in QUOTATION_MARKS} | {ord(c): " " for c in APOSTROPHES + "'"}
_TERM = re.compile(r"[^\W_]+\*?")


@dataclass
class Hit:
    """A stored article the query finds, and where in its text."""

    doc_id: str
    start: int
    outlet: str | None
    title: str
    snippet: str


def search(store: Store, query: str, limit: int = 20) -> list[Hit]:
    """The articles ``query`` finds (FTS5 syntax: words, "phrases", prefix*, AND, OR,
    NOT), best first; UserError, in one line, when it is not a query FTS5 reads."""
    asked = query.translate(_QUOTES)  # “phrases” as "phrases"; FTS5 splits at apostrophes
    if not asked.strip():
        return []
    try:
        rows = store.db.execute(
            "SELECT documents.id, documents.outlet, documents.title, documents.text "
            "FROM documents_fts JOIN documents ON documents.rowid = documents_fts.rowid "
            "WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
            [asked, limit],
        ).fetchall()
    except sqlite3.OperationalError as error:
        reason = str(error).removeprefix("fts5: ")
        raise UserError(f"search {query!r}: not a query newsgloss can read ({reason})") from None
    words = [w for w in _TERM.findall(fold(asked)) if w.upper() not in _OPERATORS]
    return [_hit(doc_id, outlet, title, text, words) for doc_id, outlet, title, text in rows]


def _hit(doc_id: str, outlet: str | None, title: str, text: str, words: list[str]) -> Hit:
    """Where in ``text`` the first of ``words`` begins (0 when only the title or outlet
    holds it), and the text around it on one line."""
    pattern = "|".join(
        re.escape(w[:-1]) if w.endswith("*") else re.escape(w) + r"(?!\w)" for w in words
    )
    found = re.search(rf"(?<!\w)(?:{pattern})", fold(text)) if pattern else None
    start = found.start() if found else 0
    left, right = max(0, start - BEFORE), min(len(text), start + AFTER)
    snippet = " ".join(text[left:right].split())
    return Hit(
        doc_id,
        start,
        outlet,
        title,
        ("…" if left else "") + snippet + ("…" if right < len(text) else ""),
    )
