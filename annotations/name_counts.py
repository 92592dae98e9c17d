"""The index of names' counts as read (``name_rows.py`` keeps them), and kept true to the
corrections (``corrections.py``): the articles a new or removed rule can touch are
marked stale when it is stored, and counted again, in one transaction, the next time the
counts are read. Counting them at once would keep the reader waiting on ``R``: "Kyiv is a
GPE everywhere" touches most of a Ukraine archive.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from newsgloss.annotations import corrections, name_rows
from newsgloss.annotations.chunks import CHUNK
from newsgloss.annotations.name_rows import Count, Part
from newsgloss.corpus.analysis import PipelineInfo, entities_from_json

if TYPE_CHECKING:
    from newsgloss.annotations.store import Store

SAID = 1000  # articles to count again past which the names screen and command say so


def refresh(store: Store) -> int:
    """Count the stale articles again, for every pipeline version that analysed them, with
    the rules as they are now; how many there were. CHUNK articles a transaction, so that
    another writer waits for one chunk (a quarter of a second), never for all of them (a
    minute at 100,000); a rule changed meanwhile marks its articles stale again."""
    done = 0
    while True:
        with store.transaction() as db:
            stale = [doc_id for (doc_id,) in db.execute(
                "SELECT doc_id FROM name_stale LIMIT ?", [CHUNK])]  # fmt: skip
            if not stale:
                return done
            _count_again(store, stale)
            db.conn.executemany("DELETE FROM name_stale WHERE doc_id = ?",
                                [(doc_id,) for doc_id in stale])  # fmt: skip
        done += len(stale)


def _count_again(store: Store, doc_ids: list[str]) -> None:
    fixes = corrections.overlay(store)
    text = "d.text" if fixes.reads_text else "NULL"  # read with the rows, if needed
    marks = ",".join("?" * len(doc_ids))
    rows = store.db.execute(  # streamed: the articles' texts are never all held at once
        f"SELECT a.doc_id, a.pipeline, a.version, a.entities, {text} FROM analyses "
        f"AS a JOIN documents AS d ON d.id = a.doc_id WHERE a.doc_id IN ({marks})",
        doc_ids,
    )
    for doc_id, pipeline, version, encoded, body in rows:
        entities = entities_from_json(encoded)
        corrected = fixes.apply(doc_id, entities, lambda body=body: body)
        name_rows.save(store.db, pipeline, version, [(doc_id, corrected)])


def stale(store: Store) -> int:
    """How many articles' counts wait to be made again (``refresh``)."""
    return store.db.execute("SELECT count(*) FROM name_stale").fetchone()[0]


def totals(store: Store, info: PipelineInfo) -> dict[Part, Count]:
    """Every part over the corpus (its articles, mentions and spellings), as counted:
    ``refresh`` first."""
    found: dict[Part, Count] = defaultdict(Count)
    params = [info.name, info.cache_version]
    where = "WHERE pipeline = ? AND version = ?"
    for label, key, fulls, articles, mentions in store.db.execute(
        f"SELECT label, key, fulls, articles, mentions FROM name_totals {where}", params
    ):
        found[label, key, fulls] = Count(articles, mentions)
    for label, key, fulls, spelling, mentions in store.db.execute(
        f"SELECT label, key, fulls, spelling, mentions FROM name_spellings {where}", params
    ):
        found[label, key, fulls].spellings[spelling] = mentions
    return dict(found)


def stored_articles(
    store: Store, info: PipelineInfo, names: Iterable[tuple[str, str]]
) -> Iterator[tuple[str, Part]]:
    """The articles (document id, part) where these (label, key) names are counted:
    ``refresh`` first."""
    for label, key in names:
        for doc_id, fulls in store.db.execute(
            "SELECT a.doc_id, r.fulls FROM name_rows AS r JOIN name_analyses AS a "
            "ON a.number = r.analysis WHERE r.label = ? AND r.key = ? "
            "AND a.pipeline = ? AND a.version = ?",
            [label, key, info.name, info.cache_version],
        ):
            yield doc_id, (label, key, fulls)
