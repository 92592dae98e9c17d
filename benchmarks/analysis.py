"""Benchmark the analysis path against raw spaCy, and the cache against the analysis.

    python benchmarks/analysis.py [--docs 2000] [--words 700] [--processes 1]
    python benchmarks/analysis.py --scaling [--docs 2000] [--workers 2]

In one process: (1) raw ``nlp.pipe`` with the same components and batch size,
keeping only offset tuples; (2) newsgloss's analyse-and-cache path on a fresh
store, (1) and (2) alternating over quarters of the corpus so that drift in the
machine's speed falls on both; (3) the same call again, which must hit the cache, plus reading every
cached analysis back. Prints words per second, peak memory and the ratios.
Targets: (2) >= 0.9x (1); (3) >= 50x faster than (2); peak memory <= 500 MB.

``--scaling``: the same corpus analysed three times into fresh stores, by one process,
by ``--processes 2`` (spaCy's processes) and by a 2-worker Dask ``LocalCluster``
(``analyze --dask``); prints each one's words per second and its ratio to one process
(aim >= 1.7x on a 2-core machine), checks the three caches hold the same analyses, and
extrapolates from the measured rate per worker the time for 10^6 articles.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

from newsgloss.annotations import Store
from newsgloss.annotations.analysis_cache import (
    analyze_documents,
    cached_analyses,
    missing_analyses,
)
from newsgloss.corpus import Document, load_paths, sample_paths
from newsgloss.corpus.analysis import (
    BATCH_SIZE,
    DEFAULT_MODEL,
    Analyzer,
    find_pipeline,
    word_count,
)

ROUNDS = 4


def synthetic_articles(count: int, words: int, seed: int = 7) -> list[Document]:
    """Articles of about ``words`` words, shuffled from the seed articles' sentences."""
    sentences = [
        sentence
        for document in load_paths(sample_paths()).documents
        for sentence in re.split(r"(?<=[.!?”])\s+", document.text.replace("\n", " "))
        if len(sentence.split()) > 3
    ]
    rng = random.Random(seed)
    articles = []
    for number in range(count):
        paragraphs, total = [], 0
        while total < words:
            paragraph = " ".join(rng.choice(sentences) for _ in range(rng.randint(2, 5)))
            paragraphs.append(paragraph)
            total += len(paragraph.split())
        text = f"Report {number}: peace talks\n\n" + "\n\n".join(paragraphs)
        articles.append(Document.from_text(text))
    return articles


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def scaling(documents: list[Document], workers: int) -> bool:
    """One process against ``workers`` processes and a ``workers``-worker LocalCluster."""
    from newsgloss.annotations import api

    words = sum(word_count(d.text) for d in documents)
    ids = [d.id for d in documents]
    analyzer = Analyzer(find_pipeline(DEFAULT_MODEL))
    analyzer.nlp  # noqa: B018 - loading is not timed
    seconds, results = {}, {}
    with tempfile.TemporaryDirectory() as folder:
        for way in ("one process", f"--processes {workers}", f"Dask, {workers} workers"):
            with Store.open(Path(folder) / f"{len(seconds)}.db") as store:
                store.add_documents(documents)
                if way.startswith("Dask"):
                    with api.dask_client(None, workers) as client:
                        api.analyze_on_dask(store, analyzer.info, ids[: workers * 4], client)
                        started = time.perf_counter()  # the workers' pipelines loaded
                        api.analyze_on_dask(store, analyzer.info, ids, client)
                else:
                    processes = 1 if way == "one process" else workers
                    started = time.perf_counter()
                    analyze_documents(store, analyzer, ids, n_process=processes)
                seconds[way] = time.perf_counter() - started
                results[way] = cached_analyses(store, analyzer.info, ids)
            if way.startswith("Dask"):  # as fast as if the warm-up's articles were done too
                warm = sum(word_count(d.text) for d in documents[: workers * 4])
                seconds[way] *= words / (words - warm)
            rate = words / seconds[way]
            ratio = seconds["one process"] / seconds[way]
            print(f"{way:22}{seconds[way]:8.1f} s {rate:10,.0f} words/s   {ratio:.2f}x one process")
    same = all(found == results["one process"] for found in results.values())
    print("the same analyses from all three" if same else "ANALYSES DIFFER")
    per_worker = words / seconds[f"Dask, {workers} workers"] / workers
    hours = 1_000_000 * 700 / per_worker / 3600
    print(
        f"per worker: {per_worker:,.0f} words/s; 10^6 articles of 700 words: "
        f"{hours:,.0f} worker-hours, {hours / 8:,.0f} workers for a working day of 8 hours"
    )
    best = min(seconds[f"--processes {workers}"], seconds[f"Dask, {workers} workers"])
    return same and seconds["one process"] / best >= 1.7


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--words", type=int, default=700)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--scaling", action="store_true", help="one process against two")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    documents = synthetic_articles(args.docs, args.words)
    if args.scaling:
        sys.exit(0 if scaling(documents, args.workers) else 1)
    texts = [d.text for d in documents]
    words = sum(word_count(t) for t in texts)
    print(f"{len(documents)} synthetic articles, {words:,} words, batch size {BATCH_SIZE}")

    analyzer = Analyzer(find_pipeline(DEFAULT_MODEL))
    nlp = analyzer.nlp  # the same components for both runs; loading is not timed
    list(nlp.pipe(texts[:20], batch_size=BATCH_SIZE))  # warm up

    def raw(texts: list[str]) -> None:
        for doc in nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=args.processes):
            _ = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
            _ = [(s.start_char, s.end_char) for s in doc.sents]

    raw_seconds = first_seconds = 0.0
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "b.db") as store:
        store.add_documents(documents)
        ids = [d.id for d in documents]
        # Alternate raw and newsgloss over slices (ABBA order) so machine drift cancels out.
        for round_number in range(ROUNDS):
            part = slice(round_number * len(ids) // ROUNDS, (round_number + 1) * len(ids) // ROUNDS)
            order = ("raw", "newsgloss") if round_number % 2 == 0 else ("newsgloss", "raw")
            for which in order:
                started = time.perf_counter()
                if which == "raw":
                    raw(texts[part])
                    raw_seconds += time.perf_counter() - started
                else:
                    analyze_documents(store, analyzer, ids[part], n_process=args.processes)
                    first_seconds += time.perf_counter() - started
        assert not missing_analyses(store, analyzer.info, ids)
        print(f"raw nlp.pipe:        {raw_seconds:7.2f} s  {words / raw_seconds:9,.0f} words/s")
        print(
            f"newsgloss first pass:{first_seconds:7.2f} s  {words / first_seconds:9,.0f} words/s"
            "  (analysed and cached)"
        )
        started = time.perf_counter()
        assert analyze_documents(store, Analyzer(analyzer.info), ids) == 0
        assert len(cached_analyses(store, analyzer.info, ids)) == len(ids)
        cached_seconds = time.perf_counter() - started
        print(
            f"newsgloss cached:    {cached_seconds:7.2f} s  {words / cached_seconds:9,.0f} words/s"
            "  (cache check and every analysis read back)"
        )

    first_ratio = raw_seconds / first_seconds
    cache_ratio = first_seconds / cached_seconds
    peak = peak_mb()
    print(f"peak memory:         {peak:7.0f} MB")
    print(f"first pass / raw throughput: {first_ratio:.2f}x (target >= 0.9x)")
    print(f"cached pass speed-up:        {cache_ratio:.0f}x (target >= 50x)")
    ok = first_ratio >= 0.9 and cache_ratio >= 50 and peak <= 500
    print("targets met" if ok else "TARGETS MISSED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
