"""Alignments between stored articles, cached in the store: each pair's links
(``corpus/align.py`` finds them; ``corpus_stats.py`` says which lines are boilerplate). The
API re-exports these; the claims (``claims.py``) are built on them."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import astuple
from typing import TYPE_CHECKING

from newsgloss.annotations import corpus_stats, decisions
from newsgloss.annotations.analysis_cache import cached_analyses, missing_analyses
from newsgloss.corpus.align import (
    ALIGN_VERSION,
    Link,
    Side,
    align_sides,
    boilerplate,
    candidates,
    normalised,
    side,
    units,
)

if TYPE_CHECKING:
    from newsgloss.annotations.store import Store
    from newsgloss.corpus.analysis import PipelineInfo


def boilerplate_lines(store: Store, doc_ids: Sequence[str]) -> dict[str, list[tuple[int, int]]]:
    """For each of ``doc_ids``, the spans of its lines that are a site's, not the story's:
    repeated within it, or found in BOILERPLATE_DOCUMENTS stored documents or more
    (the reader dims them on request)."""
    found = {}
    for doc_id in doc_ids:
        text = store.document(doc_id).text
        lines = [(s, e, normalised(text[s:e])) for s, e in units(text, ())]
        common = corpus_stats.common_lines(store.db, (line for _, _, line in lines))
        found[doc_id] = [(s, e) for s, e, line in lines if line in common]
    return found


class Sides:
    """Stored documents made ready to align (``corpus.align.side``), the last ``keep``
    asked kept: claims align one article with many, and each side is read, tokenised
    and weighed once, not once a pair. Safe across threads (the reader's workers align
    on threads of their own). A side is made again once the corpus grows or the
    document is analysed."""

    def __init__(self, keep: int) -> None:
        self.keep = keep
        self.kept: OrderedDict[tuple, tuple[Side, bool]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, store: Store, info: PipelineInfo, doc_id: str) -> tuple[Side, bool]:
        """Document ``doc_id``'s side and whether it is analysed (else it is its lines)."""
        key = (id(store.db), corpus_stats.passages(store.db), doc_id, info.name, info.cache_version)
        with self.lock:
            kept = self.kept.pop(key, None)
        if kept is None or not kept[1] and missing_analyses(store, info, [doc_id]) != [doc_id]:
            kept = _side(store, info, doc_id)
        with self.lock:
            self.kept[key] = kept
            while len(self.kept) > self.keep:
                self.kept.popitem(last=False)
        return kept


def align_documents(
    store: Store, info: PipelineInfo, a_id: str, b_id: str, sides: Sides | None = None
) -> list[Link]:
    """The passages documents ``a_id`` and ``b_id`` share, from the cache, else aligned
    from their cached analyses (sentence boundaries; a document not analysed yet is split
    by lines) and cached, keyed by the method's and the pipeline's versions. Boilerplate
    (lines common in the corpus, ``corpus_stats.py``, and units repeated in either) takes
    no part. The fact-checker's decisions (``decisions.py``) are applied on the way out.
    ``sides``: where documents made ready to align are kept (a few, by default)."""
    version = f"{ALIGN_VERSION}/{info.name}/{info.cache_version}"
    first, second = sorted((a_id, b_id))
    cached = store.alignment(first, second, version)
    if cached is None:
        sides = sides or _SIDES
        (side_a, analysed_a), (side_b, analysed_b) = (
            sides.get(store, info, first),
            sides.get(store, info, second),
        )
        links = align_sides(side_a, side_b)
        if analysed_a and analysed_b:  # line splits are a stopgap: not kept
            store.save_alignment(first, second, version, [astuple(link) for link in links])
    else:
        links = [Link(*row) for row in cached]
    if first != a_id:
        links = [k.swapped() for k in links]
    return decisions.applied(store, a_id, b_id, links)  # the fact-checker's word first


def _side(store: Store, info: PipelineInfo, doc_id: str) -> tuple[Side, bool]:
    """Document ``doc_id`` made ready to align: its sentence units and entities, else its
    lines when it is not analysed yet; its boilerplate (lines repeated in it or common in
    the corpus) left out. And whether it is analysed."""
    analysis = cached_analyses(store, info, [doc_id]).get(doc_id)
    text = store.document(doc_id).text
    spans = units(text, analysis.sentences if analysis else ())
    lines = {normalised(text[s:e]) for s, e in spans}
    skip = boilerplate([(text, spans)]) | corpus_stats.common_lines(store.db, lines)
    entities = analysis.entities if analysis else ()
    return side(text, spans, entities, skip), analysis is not None


_SIDES = Sides(16)  # the reader's open panes and the pairs it aligns now and then


def link_candidates(
    store: Store,
    info: PipelineInfo,
    a_id: str,
    b_id: str,
    k: int = 3,
) -> list[Link]:
    """For each sentence unit of ``a_id``, its ``k`` best candidates in ``b_id`` (kind
    ``candidate``), those the fact-checker rejected left out."""
    (side_a, _), (side_b, _) = _SIDES.get(store, info, a_id), _SIDES.get(store, info, b_id)
    rejected = {
        (a0, a1, b0, b1) for a0, a1, b0, b1, d in decisions.between(store, a_id, b_id)
        if d == decisions.REJECTED
    }  # fmt: skip
    return [
        link for link in candidates(side_a, side_b, k=k)
        if (link.a_start, link.a_end, link.b_start, link.b_end) not in rejected
    ]  # fmt: skip
