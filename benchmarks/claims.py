"""Claims at scale: how long ``newsgloss claims`` takes over many tagged articles.

    python benchmarks/claims.py [--articles 2000] [--tags-per-article 25] [--limit 600]

A store of the five samples and articles made of sentences recombined from their words
(``benchmarks/alignment.py``'s ``synthetic``: one story's vocabulary throughout, a fifth
carrying two sample passages: every pair shares something, the hardest case for the
candidate index), not analysed (alignment splits them by lines), with
``--tags-per-article`` tags on random lines of each. Prints the number of claims and the
time to find them all. Target (issue 20): 50,000 tags over 2,000 articles, the first
claims within 2 s and the whole list within 60 s.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from newsgloss.annotations import Annotation, Store
from newsgloss.annotations.claims import iter_claims
from newsgloss.corpus import load_paths, sample_paths
from newsgloss.corpus.analysis import DEFAULT_MODEL, find_pipeline

sys.path.insert(0, str(Path(__file__).parent))
from alignment import synthetic  # noqa: E402 - the benchmarks are scripts, not a package


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--tags-per-article", type=int, default=25)
    parser.add_argument("--limit", type=float, default=600, help="stop after this many s")
    args = parser.parse_args()
    samples = load_paths(sample_paths()).documents
    documents = samples + synthetic(samples, args.articles - len(samples))
    rng = random.Random(3)
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "c.db") as store:
        store.add_documents(documents)
        tags = []
        for document in documents:
            text = document.text
            starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
            pieces = zip(starts, text.split("\n"), strict=True)
            lines = [(s, s + len(line)) for s, line in pieces if len(line) > 20]
            for start, end in rng.sample(lines, min(args.tags_per_article, len(lines))):
                tags.append(Annotation.create(document, start, end, "claim"))
        store.merge_annotations(tags)
        print(f"{len(tags)} tags over {len(documents)} articles")
        started = time.perf_counter()
        found, first = 0, None
        for _ in iter_claims(store, find_pipeline(DEFAULT_MODEL)):
            found += 1
            first = first or time.perf_counter() - started
            if time.perf_counter() - started > args.limit:
                break
        seconds = time.perf_counter() - started
    print(f"first claim in {first:.2f} s; {found} claims in {seconds:.1f} s"
          f"{' (stopped at the limit)' if seconds > args.limit else ''}")  # fmt: skip
    print(f"{'met   ' if first <= 2 else 'MISSED'} the first claims within 2 s")
    print(f"{'met   ' if seconds <= 60 else 'MISSED'} the whole list in <= 60 s")


if __name__ == "__main__":
    main()
