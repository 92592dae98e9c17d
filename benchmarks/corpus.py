"""The corpus as a whole (issue 21): search over many stored articles, in one process.

    python benchmarks/corpus.py [--articles 2000]

A store of the five samples and articles recombined from their words
(``benchmarks/alignment.py``'s ``synthetic``), then ``newsgloss search`` for words,
a phrase and a prefix (the median of five runs each), against a ``LIKE`` scan of the
same table for the same word in the same run. Target: <= 50 ms at 2,000 articles.
Then 25 tags on each article and the tags list (``newsgloss tags``, the ``T`` screen's
first 200 rows) in article order, newest first and narrowed by a word. Target: <= 200 ms
with 50,000 tags. The names index of issue 21 is not built yet: not measured here.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

from newsgloss.annotations import Annotation, Store, api
from newsgloss.corpus import load_paths, sample_paths

sys.path.insert(0, str(Path(__file__).parent))
from alignment import synthetic  # noqa: E402 - the benchmarks are scripts, not a package

LABELS = ["claim", "attribution", "disputed"]
QUERIES = ["Ushakov", '"Istanbul Communique"', "negotiat*", "Kremlin AND Zelensky"]


def timed(run, times: int = 5) -> float:
    found = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        found.append(time.perf_counter() - started)
    return statistics.median(found)


def tag_everything(store: Store, documents: list) -> int:
    """25 tags on lines of each article; how many."""
    rng = random.Random(5)
    tags = []
    for document in documents:
        starts = [0] + [i + 1 for i, c in enumerate(document.text) if c == "\n"]
        lines = [(s, s + len(x)) for s, x in zip(starts, document.text.split("\n"), strict=True)
                 if len(x) > 20]  # fmt: skip
        for start, end in rng.sample(lines, min(25, len(lines))):
            tags.append(Annotation.create(document, start, end, rng.choice(LABELS)))
    store.merge_annotations(tags)
    return len(tags)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    samples = load_paths(sample_paths()).documents
    documents = samples + synthetic(samples, args.articles - len(samples))
    words = sum(len(d.text.split()) for d in documents)
    met = True
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "c.db") as store:
        started = time.perf_counter()
        store.add_documents(documents)
        print(f"{len(documents)} articles, {words:,} words, stored (and indexed) in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        scan = "SELECT id FROM documents WHERE text LIKE ?"  # every article read: all matches
        like = timed(lambda: store.db.execute(scan, ["%Ushakov%"]).fetchall())
        print(f"{'LIKE scan, Ushakov':32}{like * 1000:8.1f} ms")
        for query in QUERIES:
            hits: list = []
            seconds = timed(
                lambda q=query, found=hits: found.append(api.search_documents(store, q))
            )
            met = met and seconds <= 0.05
            print(f"{'search ' + query:32}{seconds * 1000:8.1f} ms   ratio {seconds / like:.2f}x"
                  f"   {len(hits[-1])} hits")  # fmt: skip
        tagged = tag_everything(store, documents)
        for name, asked in (("article order", {}), ("newest first", {"order": "date"}),
                            ("a word", {"query": "Ushakov"})):  # fmt: skip
            seconds = timed(lambda a=asked: list(islice(api.desk_tags(store, **a), 200)))
            met = met and seconds <= 0.2
            print(f"{'tags, ' + name:32}{seconds * 1000:8.1f} ms   (200 of {tagged:,})")
    print(
        f"{'met   ' if met else 'MISSED'} every search over {len(documents)} in <= 50 ms, "
        "the tags list's first page in <= 200 ms"
    )
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
