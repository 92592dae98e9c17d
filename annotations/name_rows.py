"""The index of names' counts, kept in the store as analyses are saved, so listing the
names reads one row per name, not every mention of every article (29.6 s at 100,000
articles when it decoded them all; ``benchmarks/scale.py``).

``name_rows`` holds, per analysis (document, pipeline, version: ``name_analyses``), one
row per name it mentions: label, key (``name_key``), its spellings with their counts,
how many mentions, and for a PERSON's surname written alone, the full names in that
article that end with it (``fulls``, where ``names.py`` may place it). Triggers keep
``name_totals`` and ``name_spellings`` (the same, summed over articles) as rows come and
go: saved with the analysis in its transaction, removed with it or its document. They
count the entities as corrected; ``name_counts.py`` counts again the articles a changed
rule touched (``name_stale``).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsgloss.corpus.analysis import Entity, entities_from_json
from newsgloss.corpus.name_variants import name_key, surname

if TYPE_CHECKING:
    from sqlite_utils import Database

Part = tuple[str, str, str]  # (label, key, fulls): a name in the articles of one kind
SEP = "\n"  # between the keys of ``fulls``: a key never holds a line break
_KEY = "pipeline, version, label, key, fulls"


@dataclass
class Count:
    """A part's articles, mentions and spellings, summed."""

    articles: int = 0
    mentions: int = 0
    spellings: Counter[str] = field(default_factory=Counter)


def document_parts(entities: Iterable[Entity]) -> dict[Part, Count]:
    """One article's names, each with its mentions and spellings (every label: the index
    may be asked for dates too)."""
    by_name: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for e in entities:
        if key := name_key(e.text):
            by_name[e.label, key][e.text] += 1
    fulls: dict[str, set[str]] = defaultdict(set)
    for label, key in by_name:
        if label == "PERSON" and (last := surname(key)):
            fulls[last].add(key)
    parts = {}
    for (label, key), spellings in by_name.items():
        full = sorted(fulls.get(key, ())) if label == "PERSON" and " " not in key else ()
        parts[label, key, SEP.join(full)] = Count(1, spellings.total(), spellings)
    return parts


def create(db: Database) -> None:
    """The tables and the triggers that keep the totals (schema 17). An analysis is known
    in ``name_rows`` by a number (``name_analyses``), not by its document id and pipeline
    (120 bytes a name more): a third of the room, 73 MB, not 213, at 100,000 articles
    (``benchmarks/scale.py``'s store; dbstat)."""
    db.execute(
        "CREATE TABLE name_analyses (number INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, "
        "pipeline TEXT NOT NULL, version TEXT NOT NULL, UNIQUE (doc_id, pipeline, version))"
    )
    db.execute(
        "CREATE TABLE name_rows (analysis INTEGER NOT NULL, label TEXT NOT NULL, "
        "key TEXT NOT NULL, fulls TEXT NOT NULL, spellings TEXT NOT NULL, "
        "mentions INTEGER NOT NULL, PRIMARY KEY (analysis, label, key)) WITHOUT ROWID"
    )
    db.execute("CREATE INDEX name_rows_name ON name_rows (label, key)")
    for table, counted in (
        ("name_totals", "articles INTEGER NOT NULL, mentions INTEGER"),
        ("name_spellings", "spelling TEXT NOT NULL, mentions INTEGER"),
    ):
        extra = ", spelling" if table == "name_spellings" else ""
        db.execute(
            f"CREATE TABLE {table} (pipeline TEXT NOT NULL, version TEXT NOT NULL, "
            f"label TEXT NOT NULL, key TEXT NOT NULL, fulls TEXT NOT NULL, {counted} NOT NULL, "
            f"PRIMARY KEY ({_KEY}{extra})) WITHOUT ROWID"
        )  # fmt: skip
    run = "(SELECT pipeline, version FROM name_analyses WHERE number = old.analysis)"
    same = f"(pipeline, version) = {run} AND label = old.label AND key = old.key AND " \
        "fulls = old.fulls"  # fmt: skip
    values = "a.pipeline, a.version, new.label, new.key, new.fulls"
    db.execute(
        "CREATE TRIGGER name_rows_added AFTER INSERT ON name_rows BEGIN "
        f"INSERT INTO name_totals SELECT {values}, 1, new.mentions FROM name_analyses AS a "
        "WHERE a.number = new.analysis ON CONFLICT DO UPDATE "
        "SET articles = articles + 1, mentions = mentions + excluded.mentions; "
        f"INSERT INTO name_spellings SELECT {values}, j.key, j.value "
        "FROM name_analyses AS a, json_each(new.spellings) AS j WHERE a.number = new.analysis "
        "ON CONFLICT DO UPDATE SET mentions = mentions + excluded.mentions; END"
    )
    db.execute(
        "CREATE TRIGGER name_rows_removed AFTER DELETE ON name_rows BEGIN "
        "UPDATE name_totals SET articles = articles - 1, mentions = mentions - old.mentions "
        f"WHERE {same}; "
        f"DELETE FROM name_totals WHERE {same} AND articles <= 0; "
        "UPDATE name_spellings SET mentions = mentions - (SELECT j.value FROM "
        "json_each(old.spellings) AS j WHERE j.key = spelling) "
        f"WHERE {same} AND spelling IN (SELECT j.key FROM json_each(old.spellings) AS j); "
        f"DELETE FROM name_spellings WHERE {same} AND mentions <= 0; END"
    )
    db.execute("CREATE TABLE name_stale (doc_id TEXT PRIMARY KEY) WITHOUT ROWID")
    db.execute(  # before: the rows' triggers look up the analysis they were counted for
        "CREATE TRIGGER name_analyses_removed BEFORE DELETE ON name_analyses BEGIN "
        "DELETE FROM name_rows WHERE analysis = old.number; END"
    )


def fill(db: Database) -> None:
    """Rows for the analyses stored before schema 17, from the model's entities; with
    corrections stored, every analysed article is stale until the counts are next read."""
    last = 0
    while rows := db.execute(  # a thousand at a time: 155 MB of entities at 100,000
        "SELECT rowid, doc_id, pipeline, version, entities FROM analyses WHERE rowid > ? "
        "ORDER BY rowid LIMIT 1000",
        [last],
    ).fetchall():
        for _, doc_id, pipeline, version, encoded in rows:
            save(db, pipeline, version, [(doc_id, entities_from_json(encoded))])
        last = rows[-1][0]
    if db.execute("SELECT 1 FROM entity_rules LIMIT 1").fetchone():
        db.execute("INSERT OR IGNORE INTO name_stale SELECT doc_id FROM analyses")


def mark_stale(db: Database, doc_ids: Iterable[str]) -> None:
    """These articles' counts are to be made again (``name_counts.refresh``)."""
    db.conn.executemany("INSERT OR IGNORE INTO name_stale (doc_id) VALUES (?)",
                        ((doc_id,) for doc_id in doc_ids))  # fmt: skip


def save(db: Database, pipeline: str, version: str, analysed) -> None:
    """Rows for (document id, entities as corrected) pairs, in place of what they had;
    the caller holds the write transaction."""
    for doc_id, entities in analysed:
        run = [doc_id, pipeline, version]
        db.execute("INSERT OR IGNORE INTO name_analyses (doc_id, pipeline, version) "
                   "VALUES (?, ?, ?)", run)  # fmt: skip
        (number,) = db.execute(
            "SELECT number FROM name_analyses WHERE doc_id = ? AND pipeline = ? AND version = ?",
            run,
        ).fetchone()
        rows = {(label, key): (fulls, json.dumps(count.spellings, ensure_ascii=False,
                                                 sort_keys=True), count.mentions)
                for (label, key, fulls), count in document_parts(entities).items()}  # fmt: skip
        had = {(label, key): (fulls, spellings, mentions) for label, key, fulls, spellings,
               mentions in db.execute("SELECT label, key, fulls, spellings, mentions FROM "
                                      "name_rows WHERE analysis = ?", [number])}  # fmt: skip
        # Only the rows that changed: each costs its triggers (a correction changes a few).
        db.conn.executemany(
            "DELETE FROM name_rows WHERE analysis = ? AND label = ? AND key = ?",
            [(number, *name) for name, row in had.items() if rows.get(name) != row],
        )
        db.conn.executemany(
            "INSERT INTO name_rows (analysis, label, key, fulls, spellings, mentions) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(number, *name, *row) for name, row in rows.items() if had.get(name) != row],
        )
