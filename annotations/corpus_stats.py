"""What the alignment needs of the whole corpus, kept in the store and updated in the
transaction that adds an article: in how many articles each line is, and whether one
repeats it (boilerplate; ``corpus_lines``), keyed by a 64-bit hash of the normalised
line (an integer key is a third of the size of the text); and how many passages the
corpus has, which changes whenever it grows. A pair reads only the lines it has, so
opening two panes or aligning one more pair never re-reads every stored article."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from newsgloss.annotations.chunks import CHUNK, in_chunks
from newsgloss.corpus.align import BOILERPLATE_DOCUMENTS, normalised, passage_spans, units

if TYPE_CHECKING:
    from sqlite_utils import Database


def create(db: Database) -> None:
    """The table, filled from the articles already stored (a store made before)."""
    db.execute(
        "CREATE TABLE corpus_lines (line INTEGER PRIMARY KEY, documents INTEGER NOT NULL, "
        "repeated INTEGER NOT NULL)"
    )
    db.execute("INSERT INTO meta (key, value) VALUES ('passages', '0')")
    rows = db.execute("SELECT text FROM documents")
    while batch := rows.fetchmany(CHUNK):  # a batch's counts in memory, not the corpus's
        record(db, (text for (text,) in batch))


def record(db: Database, texts: Iterable[str]) -> None:
    """Count ``texts`` (articles being stored) in: call it inside their transaction."""
    lines, repeated, count = _counts(texts)
    db.conn.executemany(
        "INSERT INTO corpus_lines (line, documents, repeated) VALUES (?, ?, ?) "
        "ON CONFLICT (line) DO UPDATE SET documents = documents + excluded.documents, "
        "repeated = max(repeated, excluded.repeated)",
        ((line, n, int(line in repeated)) for line, n in lines.items()),
    )
    db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + ? WHERE key = 'passages'", [count])


def forget(db: Database, texts: Iterable[str]) -> None:
    """Count ``texts`` (articles being removed) out, inside their transaction. A line
    one of them repeated stays marked so while other articles have it (which article
    repeated it is not kept): it goes on counting as boilerplate there."""
    lines, _, count = _counts(texts)
    db.conn.executemany(
        "UPDATE corpus_lines SET documents = documents - ? WHERE line = ?",
        ((n, line) for line, n in lines.items()),
    )
    db.execute("DELETE FROM corpus_lines WHERE documents <= 0")
    db.execute("UPDATE meta SET value = CAST(value AS INTEGER) - ? WHERE key = 'passages'", [count])


def _counts(texts: Iterable[str]) -> tuple[Counter[int], set[int], int]:
    """What ``texts`` add to the statistics: lines' articles, the lines one of them
    repeats, and their passages."""
    lines: Counter[int] = Counter()
    repeated: set[int] = set()
    count = 0
    for text in texts:
        count += len(passage_spans(text))
        seen = Counter(_line(text[s:e]) for s, e in units(text, ()))
        lines.update(seen.keys())
        repeated.update(line for line, times in seen.items() if times > 1)
    return lines, repeated, count


def passages(db: Database) -> int:
    """How many passages the stored articles have: it changes whenever one is added."""
    (total,) = db.execute("SELECT value FROM meta WHERE key = 'passages'").fetchone()
    return int(total)


def common_lines(db: Database, lines: Iterable[str]) -> frozenset[str]:
    """Which of ``lines`` (normalised) are a site's, not a story's: repeated within one
    stored article, or found in BOILERPLATE_DOCUMENTS of them or more."""
    hashed = {_hash(line): line for line in lines if line}
    query = "SELECT line FROM corpus_lines WHERE (documents >= ? OR repeated) AND line IN"
    rows = _rows(db, query, sorted(hashed), [BOILERPLATE_DOCUMENTS])
    return frozenset(hashed[line] for (line,) in rows)


def _rows(db: Database, query: str, values: Sequence, before: Sequence = ()) -> list[tuple]:
    found = []
    for chunk, marks in in_chunks(values):
        found += db.execute(f"{query} ({marks})", [*before, *chunk]).fetchall()
    return found


def _line(text: str) -> int:
    return _hash(normalised(text))


def _hash(line: str) -> int:
    digest = hashlib.blake2b(line.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)
