"""The analysis cache in the store, with the real pipeline."""

import json

from newsgloss.annotations import Store
from newsgloss.annotations.analysis_cache import (
    analyze_documents,
    cached_analyses,
    missing_analyses,
)
from newsgloss.annotations.jsonl_export import export_lines
from newsgloss.corpus.analysis import Analyzer, PipelineInfo


def test_analysis_is_cached_per_pipeline_version(store: Store, analyzer, sample_documents) -> None:
    store.add_documents(sample_documents)
    ids = [d.id for d in sample_documents]
    progress = []
    assert analyze_documents(store, analyzer, ids, progress=lambda *a: progress.append(a)) == 5
    assert progress[-1][0] == 5 and progress[-1][1] > 2000  # documents and words done
    cached = cached_analyses(store, analyzer.info, ids)
    assert cached == dict(zip(ids, analyzer.analyze(d.text for d in sample_documents), strict=True))

    fresh = Analyzer(analyzer.info)  # a second run must not even load the pipeline
    assert analyze_documents(store, fresh, ids) == 0
    assert fresh._nlp is None

    newer = PipelineInfo(analyzer.info.name, analyzer.info.version + ".post1", analyzer.info.path)
    assert missing_analyses(store, newer, ids) == ids
    assert cached_analyses(store, newer, ids) == {}

    # A cache written before newsgloss changed its post-processing is not used.
    store.db.execute("UPDATE analyses SET version = ?", [analyzer.info.version + "+newsgloss1"])
    assert missing_analyses(store, analyzer.info, ids) == ids


def test_documents_export_fills_entities_from_the_cache(store, analyzer, sample_documents) -> None:
    store.add_documents(sample_documents[:1])
    analyze_documents(store, analyzer, [sample_documents[0].id])

    def lookup(doc_id):
        (analysis,) = cached_analyses(store, analyzer.info, [doc_id]).values()
        return [{"start": e.start, "end": e.end, "label": e.label} for e in analysis.entities]

    (line,) = export_lines(store, "documents", entities=lookup)
    record = json.loads(line)
    assert {"start": 27, "end": 41, "label": "PERSON"} in record["entities"]
