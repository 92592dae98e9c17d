"""Alignments between stored articles, cached in the store: the corpus-wide term
frequencies and boilerplate they use, and each pair's links (``corpus/align.py`` finds
them). The API re-exports these; the claims (``claims.py``) are built on them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import astuple
from typing import TYPE_CHECKING

from newsgloss.annotations import decisions
from newsgloss.annotations.analysis_cache import cached_analyses
from newsgloss.corpus.align import (
    ALIGN_VERSION,
    Link,
    align,
    boilerplate,
    candidates,
    document_frequencies,
    normalised,
    units,
)

if TYPE_CHECKING:
    from newsgloss.annotations.store import Store
    from newsgloss.corpus.analysis import PipelineInfo


def corpus_frequencies(store: Store) -> tuple[Counter[str], int]:
    """Document frequencies of alignment terms over every stored document: a term in
    every article (the story's own names) weighs nothing, a rare one much."""
    return document_frequencies(d.text for d in store.iter_documents())


def corpus_boilerplate(store: Store) -> frozenset[str]:
    """The normalised lines that are a site's, not a story's, over every stored document:
    repeated within one, or in BOILERPLATE_DOCUMENTS of them or more."""
    return boilerplate((d.text, units(d.text, ())) for d in store.iter_documents())


def boilerplate_lines(store: Store, doc_ids: Sequence[str]) -> dict[str, list[tuple[int, int]]]:
    """For each of ``doc_ids``, the spans of its lines that are a site's, not the story's:
    repeated within it, or found in BOILERPLATE_DOCUMENTS stored documents or more
    (the reader dims them on request)."""
    common = corpus_boilerplate(store)
    found = {}
    for doc_id in doc_ids:
        text = store.document(doc_id).text
        found[doc_id] = [(s, e) for s, e in units(text, ()) if normalised(text[s:e]) in common]
    return found


def align_documents(
    store: Store,
    info: PipelineInfo,
    a_id: str,
    b_id: str,
    frequencies: tuple[Counter[str], int] | None = None,
    common: frozenset[str] | None = None,
) -> list[Link]:
    """The passages documents ``a_id`` and ``b_id`` share, from the cache, else aligned
    from their cached analyses (sentence boundaries; a document not analysed yet is split
    by lines) and cached, keyed by the method's and the pipeline's versions. Boilerplate
    (``common``: ``corpus_boilerplate``, and units repeated in either) takes no part;
    callers aligning many pairs pass ``frequencies`` and ``common``, counted once. The
    fact-checker's decisions (``decisions.py``) are applied on the way out."""
    version = f"{ALIGN_VERSION}/{info.name}/{info.cache_version}"
    first, second = sorted((a_id, b_id))
    cached = store.alignment(first, second, version)
    if cached is None:
        inputs, analysed = _inputs(store, info, first, second, frequencies, common)
        links = align(*inputs)
        if analysed:  # line splits are a stopgap: not kept
            store.save_alignment(first, second, version, [astuple(link) for link in links])
    else:
        links = [Link(*row) for row in cached]
    if first != a_id:
        links = [k.swapped() for k in links]
    return decisions.applied(store, a_id, b_id, links)  # the fact-checker's word first


def _inputs(store, info, first: str, second: str, frequencies=None, common=None):
    """What ``align`` takes for two stored documents (their texts, sentence units, the
    corpus's frequencies and the boilerplate to skip), and whether both are analysed."""
    df, count = frequencies or corpus_frequencies(store)
    analyses = cached_analyses(store, info, [first, second])
    a, b = store.document(first), store.document(second)
    units_a = units(a.text, analyses[first].sentences if first in analyses else ())
    units_b = units(b.text, analyses[second].sentences if second in analyses else ())
    if common is None:
        common = corpus_boilerplate(store)
    skip = boilerplate([(a.text, units_a), (b.text, units_b)]) | common
    analysed = first in analyses and second in analyses
    return (a.text, units_a, b.text, units_b, df, count, skip), analysed


def link_candidates(
    store: Store,
    info: PipelineInfo,
    a_id: str,
    b_id: str,
    k: int = 3,
    frequencies: tuple[Counter[str], int] | None = None,
    common: frozenset[str] | None = None,
) -> list[Link]:
    """For each sentence unit of ``a_id``, its ``k`` best candidates in ``b_id`` (kind
    ``candidate``), those the fact-checker rejected left out. ``frequencies`` and
    ``common`` as for ``align_documents``."""
    inputs, _ = _inputs(store, info, a_id, b_id, frequencies, common)
    rejected = {
        (a0, a1, b0, b1) for a0, a1, b0, b1, d in decisions.between(store, a_id, b_id)
        if d == decisions.REJECTED
    }  # fmt: skip
    return [
        link for link in candidates(*inputs, k=k)
        if (link.a_start, link.a_end, link.b_start, link.b_end) not in rejected
    ]  # fmt: skip
