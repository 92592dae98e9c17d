"""Verdicts on claims, and their publication as schema.org ``ClaimReview``.

A claim is known by its first passage (document, start, end), as the claims view groups
it; its verdict is a rating from the store's scale (``ratings``, best first), a short
explanation, evidence (URLs or stored passages), the reviewer and the date, with the
articles the claim appears in, as they were when it was rated.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgloss.annotations.model import utc_now
from newsgloss.corpus import UserError

if TYPE_CHECKING:
    from newsgloss.annotations.store import Store

SCHEMA_CONTEXT = "https://schema.org"
_COLUMNS = ("doc_id, start, [end], claim, rating, explanation, evidence, appearances, "
            "reviewer, reviewed_at, url")  # fmt: skip


@dataclass(frozen=True)
class Verdict:
    doc_id: str
    start: int
    end: int
    claim: str
    rating: str
    explanation: str = ""
    evidence: tuple[str, ...] = ()
    appearances: tuple[str, ...] = ()  # the documents the claim appears in
    reviewer: str = ""
    reviewed_at: str = ""
    url: str = ""  # where the fact-check is published, if it is

    @property
    def key(self) -> tuple[str, int, int]:
        """The claim it rates, as ``Claim.key`` names it: its first passage."""
        return self.doc_id, self.start, self.end


def ratings(store: Store) -> list[str]:
    """The store's rating scale, best first."""
    return [row[0] for row in store.db.execute("SELECT name FROM ratings ORDER BY position")]


def add_rating(store: Store, name: str, position: int | None = None) -> None:
    name = " ".join(name.split())
    if not name or len(name) > 40:
        raise UserError("a rating is 1 to 40 characters")
    with store.transaction() as db:
        scale = ratings(store)
        if name in scale:
            raise UserError(f"{name!r} is already on the scale")
        scale.insert(len(scale) if position is None else max(0, position - 1), name)
        _write_scale(db, scale)


def remove_rating(store: Store, name: str) -> None:
    with store.transaction() as db:
        used = db.execute("SELECT count(*) FROM verdicts WHERE rating = ?", [name]).fetchone()[0]
        if used:
            raise UserError(f"{name!r} rates {used} claims: change those verdicts first")
        scale = ratings(store)
        if name not in scale:
            raise UserError(f"no rating {name!r} (the scale: {', '.join(scale)})")
        scale.remove(name)
        _write_scale(db, scale)


def _write_scale(db, scale: Sequence[str]) -> None:
    db.execute("DELETE FROM ratings")
    db.conn.executemany("INSERT INTO ratings (name, position) VALUES (?, ?)",
                   [(name, position) for position, name in enumerate(scale)])  # fmt: skip


def set_verdict(store: Store, verdict: Verdict) -> Verdict | None:
    """Rate a claim (replacing its verdict); the verdict it replaced, for undo."""
    with store.transaction() as db:
        if verdict.rating not in ratings(store):
            raise UserError(
                f"no rating {verdict.rating!r} (the scale: {', '.join(ratings(store))})"
            )
        before = verdict_on(store, verdict.doc_id, verdict.start, verdict.end)
        db.execute(
            f"INSERT OR REPLACE INTO verdicts ({_COLUMNS}) VALUES ({', '.join('?' * 11)})",
            [verdict.doc_id, verdict.start, verdict.end, verdict.claim, verdict.rating,
             verdict.explanation, json.dumps(list(verdict.evidence), ensure_ascii=False),
             json.dumps(list(verdict.appearances)), verdict.reviewer,
             verdict.reviewed_at or utc_now(), verdict.url],
        )  # fmt: skip
    return before


def clear_verdict(store: Store, doc_id: str, start: int, end: int) -> None:
    with store.transaction() as db:
        db.execute("DELETE FROM verdicts WHERE doc_id = ? AND start = ? AND [end] = ?",
                   [doc_id, start, end])  # fmt: skip


def verdict_on(store: Store, doc_id: str, start: int, end: int) -> Verdict | None:
    row = store.db.execute(
        f"SELECT {_COLUMNS} FROM verdicts WHERE doc_id = ? AND start = ? AND [end] = ?",
        [doc_id, start, end],
    ).fetchone()
    return _verdict(row) if row else None


def verdicts(store: Store, rating: str | None = None) -> list[Verdict]:
    where, params = ("WHERE rating = ?", [rating]) if rating else ("", [])
    rows = store.db.execute(f"SELECT {_COLUMNS} FROM verdicts {where} ORDER BY doc_id, start",
                            params)  # fmt: skip
    return [_verdict(row) for row in rows]


def _verdict(row: tuple) -> Verdict:
    doc_id, start, end, claim, rating, explanation, evidence, appearances, *rest = row
    return Verdict(doc_id, start, end, claim, rating, explanation, tuple(json.loads(evidence)),
                   tuple(json.loads(appearances)), *rest)  # fmt: skip


def claim_review(store: Store, verdict: Verdict, scale: Sequence[str]) -> dict:
    """The verdict as schema.org ClaimReview JSON-LD: the rating counted from 1 (the scale's
    last) to the scale's length (its first, the best), with its name as alternateName."""
    appearances = []
    for doc_id in verdict.appearances or (verdict.doc_id,):
        document = store.document(doc_id)
        if document is None:
            continue
        meta = document.meta
        work = {"@type": "CreativeWork", "headline": document.title}
        if meta.url:
            work["url"] = meta.url
        if meta.published:
            work["datePublished"] = meta.published
        if meta.outlet:
            work["publisher"] = {"@type": "Organization", "name": meta.outlet}
        appearances.append(work)
    review = {
        "@context": SCHEMA_CONTEXT,
        "@type": "ClaimReview",
        "claimReviewed": verdict.claim,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": len(scale) - scale.index(verdict.rating),
            "bestRating": len(scale),
            "worstRating": 1,
            "alternateName": verdict.rating,
        },
        "itemReviewed": {"@type": "Claim", "appearance": appearances},
        "author": {"@type": "Person", "name": verdict.reviewer or "unknown"},
        "datePublished": verdict.reviewed_at[:10],
    }
    if appearances:
        review["itemReviewed"]["firstAppearance"] = appearances[0]
    if verdict.explanation:
        review["reviewBody"] = verdict.explanation
    if verdict.evidence:
        review["citation"] = list(verdict.evidence)
    if verdict.url:
        review["url"] = verdict.url
    return review


def claimreview_chunks(store: Store, *, labels=(), doc_ids=(), entities=None) -> Iterator:
    """One ClaimReview a line, a reviewed claim each (of the documents asked for)."""
    scale, wanted = ratings(store), set(doc_ids)
    for verdict in verdicts(store):
        if wanted and verdict.doc_id not in wanted:
            continue
        line = json.dumps(claim_review(store, verdict, scale), ensure_ascii=False) + "\n"
        yield line.encode("utf-8"), 1
