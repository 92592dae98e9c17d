"""The fact-checker's decisions on links between passages: a suggestion confirmed, a link
rejected, a link made by hand. They win over what the alignment method says, and live
apart from its cache (they outlive a new version of the method) and travel in the
``documents`` export. Works on an open ``Store``; like store.py, this module holds SQL."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from newsgloss.annotations.model import utc_now
from newsgloss.corpus.align import Link

if TYPE_CHECKING:
    from newsgloss.annotations.store import Store

CONFIRMED, REJECTED = "confirmed", "rejected"
DECISIONS = (CONFIRMED, REJECTED)
Span = tuple[int, int]


_KEY = "doc_a = ? AND a_start = ? AND a_end = ? AND doc_b = ? AND b_start = ? AND b_end = ?"


def _ordered(a_id: str, a: Span, b_id: str, b: Span) -> tuple:
    """The row's key: the lower document id first, its span with it."""
    return (a_id, *a, b_id, *b) if a_id < b_id else (b_id, *b, a_id, *a)


def decide(
    store: Store, a_id: str, a: Span, b_id: str, b: Span, decision: str | None, by: str
) -> str | None:
    """Record ``decision`` (confirmed, rejected, or None to forget one) on the link between
    ``a`` in ``a_id`` and ``b`` in ``b_id``, in one transaction; the decision it replaced."""
    if decision is not None and decision not in DECISIONS:
        raise ValueError(f"a decision is one of {', '.join(DECISIONS)}")
    key = _ordered(a_id, a, b_id, b)
    with store.transaction():
        before = decision_on(store, a_id, a, b_id, b)
        store.db.execute(f"DELETE FROM link_decisions WHERE {_KEY}", key)
        if decision is not None:
            store.db.execute(
                "INSERT INTO link_decisions (doc_a, a_start, a_end, doc_b, b_start, b_end, "
                "decision, annotator, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [*key, decision, by, utc_now()],
            )
    return before


def decision_on(store: Store, a_id: str, a: Span, b_id: str, b: Span) -> str | None:
    """The decision on the link between ``a`` in ``a_id`` and ``b`` in ``b_id``, if any."""
    row = store.db.execute(f"SELECT decision FROM link_decisions WHERE {_KEY}",
                           _ordered(a_id, a, b_id, b)).fetchone()  # fmt: skip
    return row[0] if row else None


def between(store: Store, a_id: str, b_id: str) -> list[tuple[int, int, int, int, str]]:
    """The decisions on links between two documents, as (a_start, a_end, b_start, b_end,
    decision) seen from ``a_id``."""
    first, second = sorted((a_id, b_id))
    rows = store.db.execute(
        "SELECT a_start, a_end, b_start, b_end, decision FROM link_decisions "
        "WHERE doc_a = ? AND doc_b = ? ORDER BY a_start, b_start",
        [first, second],
    ).fetchall()
    if first == a_id:
        return [tuple(row) for row in rows]
    return sorted((b0, b1, a0, a1, d) for a0, a1, b0, b1, d in rows)


def applied(store: Store, a_id: str, b_id: str, links: Iterable[Link]) -> list[Link]:
    """The method's links with the decisions applied: a rejected one gone, a confirmed one
    (or one made by hand) in as ``confirmed``, in ``a``'s order."""
    decided = {(a0, a1, b0, b1): d for a0, a1, b0, b1, d in between(store, a_id, b_id)}
    kept = [
        link for link in links
        if (link.a_start, link.a_end, link.b_start, link.b_end) not in decided
    ]  # fmt: skip
    kept += [Link(*span, 1.0, CONFIRMED) for span, d in decided.items() if d == CONFIRMED]
    return sorted(kept, key=lambda link: (link.a_start, link.b_start))


def of_document(store: Store, doc_id: str) -> list[dict]:
    """The decisions on ``doc_id``'s links, seen from it (``start``/``end`` its side), as
    the ``documents`` export writes them: each line carries all of its document's, so an
    export of some documents (a backup before ``rm``) loses none of theirs."""
    rows = store.db.execute(
        "SELECT a_start, a_end, doc_b, b_start, b_end, decision, annotator, decided_at "
        "FROM link_decisions WHERE doc_a = ? UNION ALL "
        "SELECT b_start, b_end, doc_a, a_start, a_end, decision, annotator, decided_at "
        "FROM link_decisions WHERE doc_b = ? ORDER BY 3, 1, 4",
        [doc_id, doc_id],
    )
    names = ("start", "end", "other", "other_start", "other_end", "decision", "annotator",
             "decided_at")  # fmt: skip
    return [dict(zip(names, row, strict=True)) for row in rows]


def restore(store: Store, doc_id: str, rows: list[dict]) -> None:
    """An import's decisions of ``doc_id`` (``of_document``'s shape), inside its
    transaction, stored as decisions are (the lower document id first); one naming a
    document not stored is left out (a partial export)."""
    for row in rows:
        key = _ordered(doc_id, (row["start"], row["end"]),
                       row["other"], (row["other_start"], row["other_end"]))  # fmt: skip
        store.db.execute(
            "INSERT OR REPLACE INTO link_decisions (doc_a, a_start, a_end, doc_b, b_start, "
            "b_end, decision, annotator, decided_at) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? "
            "WHERE (SELECT count(*) FROM documents WHERE id IN (?, ?)) = 2",
            [*key, row["decision"], row["annotator"], row["decided_at"],
             doc_id, row["other"]],
        )  # fmt: skip


def partners(store: Store, doc_id: str) -> set[str]:
    """The documents ``doc_id`` has a decided link with."""
    rows = store.db.execute(
        "SELECT doc_b FROM link_decisions WHERE doc_a = ? "
        "UNION SELECT doc_a FROM link_decisions WHERE doc_b = ?",
        [doc_id, doc_id],
    )
    return {row[0] for row in rows}
