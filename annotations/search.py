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

RANKED = 2_500  # matches ranked at most: past it, the newest this many
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


class Found(list):
    """The hits, best first (a list of ``Hit``), and how many articles match in all:
    None when more than RANKED do, and only the newest RANKED of them were ranked."""

    def __init__(self, hits: list[Hit], total: int | None) -> None:
        super().__init__(hits)
        self.total = total

    def summary(self) -> str:
        """How many were found, in words: what the search screen and command say."""
        if self.total is None:
            return (f"more than {RANKED:,} articles match: the best of the newest {RANKED:,} "
                    "are listed (add words to narrow)")  # fmt: skip
        one = self.total == 1
        return f"{self.total:,} article{'' if one else 's'} match{'es' if one else ''}"


def search(store: Store, query: str, limit: int = 20) -> Found:
    """The articles ``query`` finds (FTS5 syntax: words, "phrases", prefix*, AND, OR,
    NOT), best first; UserError, in one line, when it is not a query FTS5 reads. Ranking
    weighs each match (bm25, 3 to 6 microseconds one: 0.15 s for a word in all of
    100,000 articles), so past RANKED matches only the newest RANKED are ranked. By
    ``bm25()`` called by name: the same order as FTS5's ``rank``, a third faster (0.07
    against 0.05 s for ``negotiat*`` at 100,000 articles)."""
    asked = query.translate(_QUOTES)  # “phrases” as "phrases"; FTS5 splits at apostrophes
    if not asked.strip():
        return Found([], 0)
    matching = "FROM documents_fts WHERE documents_fts MATCH ?"
    try:
        past = store.db.execute(  # the match just past the newest RANKED, if any
            f"SELECT rowid {matching} ORDER BY rowid DESC LIMIT 1 OFFSET ?", [asked, RANKED]
        ).fetchone()
        floor, total = 0, None
        if past is not None:  # more than RANKED: the newest RANKED only, and no count
            floor = past[0] + 1
        else:
            total = store.db.execute(f"SELECT count(*) {matching}", [asked]).fetchone()[0]
        rows = store.db.execute(
            "SELECT d.id, d.outlet, d.title, d.text FROM "
            f"(SELECT rowid, bm25(documents_fts) AS score {matching} AND rowid >= ? "
            "ORDER BY score LIMIT ?) AS f JOIN documents d ON d.rowid = f.rowid ORDER BY f.score",
            [asked, floor, limit],
        ).fetchall()
    except sqlite3.OperationalError as error:
        reason = str(error).removeprefix("fts5: ")
        raise UserError(f"search {query!r}: not a query newsgloss can read ({reason})") from None
    words = [w for w in _TERM.findall(fold(asked)) if w.upper() not in _OPERATORS]
    hits = [_hit(doc_id, outlet, title, text, words) for doc_id, outlet, title, text in rows]
    return Found(hits, total)


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
