"""The store's candidate index: which stored documents share passages with one.

Each indexed document has a number and its passages' band keys (``corpus/similar.py``)
in ``indexed``; ``passage_bands`` holds, for each key, the documents having it. A query
reads one document's keys and looks each up: for every other document, how many of its
passages meet one of them. A key found in very many documents (a twentieth of them, and
at most a thousand) is a site's boilerplate (a footer, a "share this" line) and is not
counted. Documents are indexed as they are stored (``similar_keys.py``); those of a
store made before that, on first use.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

from newsgloss.annotations.chunks import in_chunks
from newsgloss.annotations.connection import StoreError
from newsgloss.annotations.similar_keys import (
    COMMON_CAP,
    common,
    document_keys,
    in_more_than,
    write,
)
from newsgloss.annotations.versions import replaced_ids
from newsgloss.corpus.similar import SIMILAR_VERSION, STORY

if TYPE_CHECKING:
    from array import array

    from newsgloss.annotations.store import Store

COMMON_SHARE = 0.05  # a key in more than this share of the documents is boilerplate,
COMMON_FLOOR = 10  # and in more than this many (or than similar_keys.COMMON_CAP)
STORY_SHARED = 4  # of a document's rarest words, this many shared make one story
COMPLETE = "similar_index"  # meta: the index version every stored document is indexed at


def unindexed(store: Store) -> list[str]:
    """The documents the index lacks, in id order."""
    rows = store.db.execute(
        "SELECT id FROM documents WHERE id NOT IN "
        "(SELECT doc_id FROM indexed WHERE version = ?) ORDER BY id",
        [SIMILAR_VERSION],
    )
    return [row[0] for row in rows]


def index_documents(store: Store, progress: Callable[[int], None] | None = None) -> int:
    """Index the documents not indexed yet (a store made before articles were indexed as
    they were added); returns how many. The keys are computed first and written in one
    transaction, so the write lock is held for the writing only."""
    doc_ids = unindexed(store)
    found: list[tuple[str, array]] = []
    for done, doc_id in enumerate(doc_ids, start=1):
        found.append((doc_id, document_keys(store.document(doc_id).text)))
        if progress:
            progress(done)
    if found:
        with store.transaction() as db:
            write(db, found)
    return len(found)


def similar(
    store: Store, doc_id: str, within: Collection[int] | None = None, limit: int | None = None
) -> list[tuple[str, int]]:
    """``(document id, shared passages)`` for each indexed document sharing at least one
    passage with ``doc_id`` (a passage repeated within ``doc_id`` counts once), or
    STORY_SHARED of its rarest words (a rewrite of its story that shares no passage),
    most first: by shared passages against the other's length (a long article shares
    many common passages), then by shared words. ``within``: only these passages of
    ``doc_id`` (numbered as ``corpus.align.passage_spans`` numbers them) are looked up;
    ``limit``: at most this many, the first."""
    row = store.db.execute("SELECT number FROM indexed WHERE doc_id = ?", [doc_id]).fetchone()
    if row is None:
        return []
    number = row[0]
    # Made again (3 ms for 700 words), for the passages asked about only.
    pairs = document_keys(store.document(doc_id).text, within)
    keys_of: dict[int, set[int]] = defaultdict(set)  # passage: its band keys
    story: set[int] = set()  # the document's rarest words' keys
    for passage, band in zip(pairs[::2], pairs[1::2], strict=True):
        if passage == STORY:
            story.add(band)
        elif within is None or passage in within:
            keys_of[passage].add(band)
    passages_of: dict[int, set[frozenset[int]]] = defaultdict(set)  # band: passages having it
    for keys in map(frozenset, keys_of.values()):
        for band in keys:
            passages_of[band].add(keys)
    documents = store.db.execute("SELECT COUNT(*) FROM indexed").fetchone()[0]
    limit_common = int(min(max(COMMON_FLOOR, COMMON_SHARE * documents), COMMON_CAP))
    shared: dict[int, set[frozenset[int]]] = defaultdict(set)
    words: dict[int, int] = defaultdict(int)  # other document: rare words shared
    asked = {*passages_of, *story}
    asked -= common(store.db, asked)
    asked = {b for b in asked if not in_more_than(store.db, b, limit_common)}
    for chunk, marks in in_chunks(list(asked)):
        rows = store.db.execute(
            f"SELECT band, number FROM passage_bands WHERE band IN ({marks}) AND number != ?",
            [*chunk, number],
        )
        for band, other in rows:
            if band in story:
                words[other] += 1
            if band in passages_of:
                shared[other] |= passages_of[band]
    found = set(shared) | {n for n, count in words.items() if count >= STORY_SHARED}
    if not found:
        return []
    sizes = _passage_counts(store, set(shared))  # sharing only words: ranked by those
    keyed = {n: (-len(shared[n]) / max(1.0, sizes.get(n, 1)) ** 0.5, -words[n]) for n in found}
    order = sorted(found, key=keyed.__getitem__)
    if limit is not None and len(order) > limit:  # those tied with the last kept stay
        order = [n for n in order if keyed[n] <= keyed[order[limit - 1]]]
    ids = _doc_ids(store, order)
    ranked = sorted(order, key=lambda n: (keyed[n], ids[n]))[:limit]
    return [(ids[n], len(shared[n])) for n in ranked]


def similar_documents(
    store: Store,
    doc_id: str,
    progress: Callable[[int], Callable[[int], None]] | None = None,
) -> list[tuple[str, int]]:
    """``similar``, after indexing the documents the index lacks (``progress(total)``
    returns the callback for each document indexed), without the versions a newer one
    replaced: what ``newsgloss similar``, the picker and the claims ask."""
    ensure_indexed(store, progress)
    replaced = replaced_ids(store)
    return [(other, n) for other, n in similar(store, doc_id) if other not in replaced]


def ensure_indexed(
    store: Store, progress: Callable[[int], Callable[[int], None]] | None = None
) -> None:
    """Index what the index lacks, once per index version: documents are indexed as they
    are stored, so once every one is (the ``meta`` row says so) none can lack it, and
    the look-up over 100,000 documents (a third of a second) is not made again."""
    row = store.db.execute("SELECT value FROM meta WHERE key = ?", [COMPLETE]).fetchone()
    if row is not None and row[0] == str(SIMILAR_VERSION):
        return
    missing = unindexed(store)
    if missing:
        index_documents(store, progress(len(missing)) if progress else None)
    try:
        with store.transaction() as db:
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                       [COMPLETE, str(SIMILAR_VERSION)])  # fmt: skip
    except StoreError:
        pass  # a store opened read-only: looked up again next time


def _doc_ids(store: Store, numbers: list[int]) -> dict[int, str]:
    """The document id of each of these index numbers."""
    found: dict[int, str] = {}
    for chunk, marks in in_chunks(numbers):
        query = f"SELECT number, doc_id FROM indexed WHERE number IN ({marks})"
        found.update(store.db.execute(query, chunk))
    return found


def _passage_counts(store: Store, numbers: set[int]) -> dict[int, int]:
    """How many passages each of these indexed documents has."""
    counts: dict[int, int] = {}
    for chunk, marks in in_chunks(list(numbers)):
        query = f"SELECT number, passages FROM indexed WHERE number IN ({marks})"
        counts.update(store.db.execute(query, chunk))
    return counts
