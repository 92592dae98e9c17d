"""Alignments between stored articles, cached in the store: each pair's links
(``corpus/align.py`` finds them, weighed with ``corpus_stats.py``'s frequencies). The
API re-exports these; the claims (``claims.py``) are built on them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import astuple
from typing import TYPE_CHECKING

from newsgloss.annotations import corpus_stats, decisions
from newsgloss.annotations.analysis_cache import cached_analyses
from newsgloss.corpus.align import (
    ALIGN_VERSION,
    Link,
    align,
    boilerplate,
    candidates,
    normalised,
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


def align_documents(
    store: Store,
    info: PipelineInfo,
    a_id: str,
    b_id: str,
) -> list[Link]:
    """The passages documents ``a_id`` and ``b_id`` share, from the cache, else aligned
    from their cached analyses (sentence boundaries; a document not analysed yet is split
    by lines) and cached, keyed by the method's and the pipeline's versions. Boilerplate
    (lines common in the corpus, ``corpus_stats.py``, and units repeated in either) takes
    no part. The fact-checker's decisions (``decisions.py``) are applied on the way out."""
    version = f"{ALIGN_VERSION}/{info.name}/{info.cache_version}"
    first, second = sorted((a_id, b_id))
    cached = store.alignment(first, second, version)
    if cached is None:
        inputs, analysed = _inputs(store, info, first, second)
        links = align(*inputs)
        if analysed:  # line splits are a stopgap: not kept
            store.save_alignment(first, second, version, [astuple(link) for link in links])
    else:
        links = [Link(*row) for row in cached]
    if first != a_id:
        links = [k.swapped() for k in links]
    return decisions.applied(store, a_id, b_id, links)  # the fact-checker's word first


def _inputs(store, info, first: str, second: str):
    """What ``align`` takes for two stored documents (their texts, sentence units, the
    corpus's frequencies of their words and the boilerplate to skip), and whether both
    are analysed. Only what the pair has is read from the corpus's statistics."""
    analyses = cached_analyses(store, info, [first, second])
    a, b = store.document(first), store.document(second)
    units_a = units(a.text, analyses[first].sentences if first in analyses else ())
    units_b = units(b.text, analyses[second].sentences if second in analyses else ())
    df, count = corpus_stats.frequencies(store.db, [a.text, b.text])
    pair = [(a.text, units_a), (b.text, units_b)]
    common = corpus_stats.common_lines(
        store.db, {normalised(t[s:e]) for t, us in pair for s, e in us}
    )
    analysed = first in analyses and second in analyses
    return (a.text, units_a, b.text, units_b, df, count, boilerplate(pair) | common), analysed


def link_candidates(
    store: Store,
    info: PipelineInfo,
    a_id: str,
    b_id: str,
    k: int = 3,
) -> list[Link]:
    """For each sentence unit of ``a_id``, its ``k`` best candidates in ``b_id`` (kind
    ``candidate``), those the fact-checker rejected left out."""
    inputs, _ = _inputs(store, info, a_id, b_id)
    rejected = {
        (a0, a1, b0, b1) for a0, a1, b0, b1, d in decisions.between(store, a_id, b_id)
        if d == decisions.REJECTED
    }  # fmt: skip
    return [
        link for link in candidates(*inputs, k=k)
        if (link.a_start, link.a_end, link.b_start, link.b_end) not in rejected
    ]  # fmt: skip
