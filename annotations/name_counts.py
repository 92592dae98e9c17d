"""The index of names' counts as read: the stored totals (``name_rows.py``) with the
corrections (``corrections.py``) laid over. Only the articles a rule can touch are
counted again, found by the rule's document or by the search index (an article where a
rule's text appears as whole words is always among those a phrase search for it finds).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from newsgloss.annotations import corrections
from newsgloss.annotations.analysis_cache import corrected_entities
from newsgloss.annotations.chunks import in_chunks
from newsgloss.annotations.name_rows import Count, Part, document_parts
from newsgloss.corpus.analysis import PipelineInfo

if TYPE_CHECKING:
    from newsgloss.annotations.store import Store


class Corrected:
    """The articles the corrections touch, with their parts as corrected: what is read
    of them in place of their stored rows."""

    def __init__(self, store: Store, info: PipelineInfo) -> None:
        fixes = corrections.overlay(store)
        self.doc_ids = _touched(store, fixes) if fixes else set()
        self.parts = {
            doc_id: document_parts(entities)
            for doc_id, entities in corrected_entities(store, info, sorted(self.doc_ids))
        }


def _touched(store: Store, fixes: corrections.Overlay) -> set[str]:
    """Every article a rule can change: a span rule's, and those the search index finds
    for a rule's text as a phrase (a superset of where it appears as whole words)."""
    found = set(fixes.here)
    for text in fixes.everywhere:
        phrase = '"' + text.replace('"', '""') + '"'
        if not any(c.isalnum() for c in text):  # no word to search by: read them all
            return found | set(store.document_ids())
        found.update(doc_id for (doc_id,) in store.db.execute(
            "SELECT id FROM documents WHERE rowid IN "
            "(SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)", [phrase]))  # fmt: skip
    return found


def totals(store: Store, info: PipelineInfo, corrected: Corrected) -> dict[Part, Count]:
    """Every part over the corpus, with the corrections laid over."""
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
    if corrected.doc_ids:
        for _, part, count in stored_parts(store, info, corrected.doc_ids):
            found[part].add(count, -1)
        for parts in corrected.parts.values():
            for part, count in parts.items():
                found[part].add(count)
    return {part: count for part, count in found.items() if count.articles > 0}


def stored_parts(
    store: Store, info: PipelineInfo, doc_ids: Iterable[str]
) -> Iterator[tuple[str, Part, Count]]:
    """The stored rows (document id, part, count) of these documents, as the model found
    them."""
    for chunk, marks in in_chunks(sorted(doc_ids)):
        for doc_id, label, key, fulls, spellings, mentions in store.db.execute(
            "SELECT a.doc_id, r.label, r.key, r.fulls, r.spellings, r.mentions "
            "FROM name_analyses AS a JOIN name_rows AS r ON r.analysis = a.number "
            f"WHERE a.pipeline = ? AND a.version = ? AND a.doc_id IN ({marks})",
            [info.name, info.cache_version, *chunk],
        ):
            yield doc_id, (label, key, fulls), Count(1, mentions, Counter(json.loads(spellings)))


def stored_articles(
    store: Store, info: PipelineInfo, names: Iterable[tuple[str, str]]
) -> Iterator[tuple[str, Part]]:
    """The articles (document id, part) where these (label, key) names are stored."""
    for label, key in names:
        for doc_id, fulls in store.db.execute(
            "SELECT a.doc_id, r.fulls FROM name_rows AS r JOIN name_analyses AS a "
            "ON a.number = r.analysis WHERE r.label = ? AND r.key = ? "
            "AND a.pipeline = ? AND a.version = ?",
            [label, key, info.name, info.cache_version],
        ):
            yield doc_id, (label, key, fulls)
