"""Alignment speed: one article pair aligned after analysis, against building the same
units' TF-IDF vectors alone (the part no method avoids), in one process.

    python benchmarks/alignment.py [--runs 21]

The sample paraphrase pair (003/004) is analysed once with the real pipeline; then the
pair is aligned ``runs`` times. Prints the medians, the ratio, the links found and the
peak memory of one alignment. Target (issue 13): one pair in <= 50 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc

from newsgloss.corpus import load_paths, sample_paths
from newsgloss.corpus.align import _vector, align, boilerplate, document_frequencies, units
from newsgloss.corpus.analysis import DEFAULT_MODEL, Analyzer, find_pipeline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    documents = load_paths(sample_paths()).documents
    analyses = list(Analyzer(find_pipeline(DEFAULT_MODEL)).analyze(d.text for d in documents))
    df, count = document_frequencies(d.text for d in documents)
    (a, analysis_a), (b, analysis_b) = list(zip(documents, analyses, strict=True))[3:5]
    units_a, units_b = units(a.text, analysis_a.sentences), units(b.text, analysis_b.sentences)
    skip = boilerplate([(a.text, units_a), (b.text, units_b)])

    def aligned():
        return align(a.text, units_a, b.text, units_b, df, count, skip)

    def vectors_only():
        return [_vector(d.text[s:e], df, count) for d, us in ((a, units_a), (b, units_b))
                for s, e in us]  # fmt: skip

    times: dict[str, list[float]] = {"align": [], "vectors": []}
    for _ in range(args.runs):
        for name, run in (("align", aligned), ("vectors", vectors_only)):
            started = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - started)
    tracemalloc.start()
    links = aligned()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    pair, base = statistics.median(times["align"]), statistics.median(times["vectors"])
    same = sum(link.kind == "same" for link in links)
    print(f"pair 003/004: {len(units_a)} x {len(units_b)} units, {len(links)} links ({same} same)")
    print(f"align one pair        {pair * 1000:8.1f} ms (median of {args.runs})")
    print(f"vectors only          {base * 1000:8.1f} ms   ratio {pair / base:.1f}x")
    print(f"peak memory, one pair {peak / 1024:8.0f} KiB")
    met = pair <= 0.05
    print(f"{'met   ' if met else 'MISSED'} one pair aligned in <= 50 ms")
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
