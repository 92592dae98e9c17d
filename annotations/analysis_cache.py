"""The analysis cache: each document is analysed once per pipeline name and version.

Reading the cache needs only the pipeline's name and version, never spaCy.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import tee
from typing import TYPE_CHECKING

from newsgloss.annotations import corrections
from newsgloss.annotations.model import utc_now
from newsgloss.corpus.analysis import (
    BATCH_SIZE,
    Analysis,
    Analyzer,
    Entity,
    PipelineInfo,
    entities_from_json,
    entities_json,
    word_count,
)

if TYPE_CHECKING:  # the store module loads sqlite-utils; Store is only a type here
    from newsgloss.annotations.store import Store

SAVE_EVERY = 64  # documents per transaction: an interrupted run keeps what it finished
Progress = Callable[[int, int, int], None]  # (documents, words, characters) done


def cached_analyses(
    store: Store, info: PipelineInfo, doc_ids: Iterable[str]
) -> dict[str, Analysis]:
    """The cached analyses of these documents, with the entity corrections laid over them
    (``corrections.py``); missing ones are simply absent."""
    rows = _cache_rows(store, info, doc_ids, "doc_id, entities, sentences")
    found = {doc_id: _decode(entities, sentences) for doc_id, entities, sentences in rows}
    fixes = corrections.overlay(store)
    if not fixes:
        return found
    return {
        doc_id: replace(
            analysis, entities=apply_corrections(store, fixes, doc_id, analysis.entities)
        )
        for doc_id, analysis in found.items()
    }


def corrected_entities(
    store: Store, info: PipelineInfo, doc_ids: Iterable[str]
) -> Iterator[tuple[str, tuple[Entity, ...]]]:
    """Each cached document's entities, corrected, without decoding its sentences: what
    the index of names reads of every article."""
    fixes = corrections.overlay(store)
    for doc_id, encoded in _cache_rows(store, info, doc_ids, "doc_id, entities"):
        entities = entities_from_json(encoded)
        yield doc_id, apply_corrections(store, fixes, doc_id, entities) if fixes else entities


def apply_corrections(store: Store, fixes: corrections.Overlay, doc_id: str, entities) -> tuple:
    """``entities`` with the corrections laid over; the text read only if a rule needs it."""
    return fixes.apply(doc_id, entities, lambda: store.document(doc_id).text)


def entity_lookup(store: Store, info: PipelineInfo | None) -> Callable[[str], list[dict]] | None:
    """Entities for the ``documents`` export, from the cache only (an export never runs
    spaCy); None when there is no pipeline to key the cache by."""
    if info is None:
        return None

    def lookup(doc_id: str) -> list[dict]:
        analysis = cached_analyses(store, info, [doc_id]).get(doc_id)
        entities = analysis.entities if analysis else ()
        return [{"start": e.start, "end": e.end, "label": e.label} for e in entities]

    return lookup


def missing_analyses(store: Store, info: PipelineInfo, doc_ids: Iterable[str]) -> list[str]:
    """Which of these documents this pipeline version has not analysed yet, in order."""
    doc_ids = list(dict.fromkeys(doc_ids))
    done = {row[0] for row in _cache_rows(store, info, doc_ids, "doc_id")}
    return [doc_id for doc_id in doc_ids if doc_id not in done]


def unanalysed(store: Store, info: PipelineInfo) -> int:
    """How many stored documents this pipeline version has not analysed yet."""
    return store.unanalysed(info.name, info.cache_version)


def _cache_rows(
    store: Store, info: PipelineInfo, doc_ids: Iterable[str], columns: str
) -> Iterator[tuple]:
    return store.analysis_rows(info.name, info.cache_version, doc_ids, columns)


def analyze_documents(
    store: Store,
    analyzer: Analyzer,
    doc_ids: Iterable[str],
    *,
    progress: Progress | None = None,
    n_process: int = 1,
    again: bool = False,
) -> int:
    """Analyse the documents the cache lacks (``again``: all of them, each replacing its
    cached analysis as it is done), loading spaCy only if there are any; returns how many
    were analysed."""
    doc_ids = list(dict.fromkeys(doc_ids))
    missing = doc_ids if again else missing_analyses(store, analyzer.info, doc_ids)
    if not missing:
        return 0
    documents = ((doc_id, store.document(doc_id).text) for doc_id in missing)
    for_pipeline, for_saving = tee(documents)  # the pipeline reads ahead by about one batch
    analyses = analyzer.analyze(
        (text for _, text in for_pipeline), batch_size=batch_size_for(len(missing)),
        n_process=n_process,
    )  # fmt: skip
    done = words = characters = 0
    batch: list[tuple[str, Analysis]] = []
    for (doc_id, text), analysis in zip(for_saving, analyses, strict=True):
        batch.append((doc_id, analysis))
        if len(batch) == SAVE_EVERY:
            save_analyses(store, analyzer.info, batch)
            batch = []
        done += 1
        words += word_count(text)
        characters += len(text)
        if progress:
            progress(done, words, characters)
    if batch:
        save_analyses(store, analyzer.info, batch)
    return done


def batch_size_for(documents: int) -> int:
    """Batches small enough for progress to move about ten times, at most BATCH_SIZE: the
    pipeline hands back a batch's documents only once the whole batch is done."""
    return max(2, min(BATCH_SIZE, documents // 10))


def save_analyses(store: Store, info: PipelineInfo, batch: list[tuple[str, Analysis]]) -> None:
    """Cache (document id, analysis) pairs for this pipeline version, and the counts of
    their names, corrected (``name_rows.py``), in one transaction."""
    analysed_at = utc_now()
    rows = [
        {
            "doc_id": doc_id,
            "pipeline": info.name,
            "version": info.cache_version,
            "entities": entities_json(analysis.entities),
            "sentences": json.dumps(analysis.sentences),
            "analysed_at": analysed_at,
        }
        for doc_id, analysis in batch
    ]
    with store.transaction():  # the rules read in it: none can change before it commits
        fixes = corrections.overlay(store)
        corrected = [(doc_id, apply_corrections(store, fixes, doc_id, analysis.entities))
                     for doc_id, analysis in batch]  # fmt: skip
        store.save_analysis_rows(rows, corrected)


def _decode(entities: str, sentences: str) -> Analysis:
    return Analysis(
        entities_from_json(entities),
        tuple((start, end) for start, end in json.loads(sentences)),
    )
