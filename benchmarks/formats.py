"""Export rates (issue 22): each format's tags per second on 100,000 tags, in one process.

    python benchmarks/formats.py [--articles 2000] [--tags 100000]

A store of the samples and articles recombined from their words (``alignment.py``'s
``synthetic``), the tags spread evenly over them on random spans (notes on a third),
then ``export --format NAME`` of every format to a file, each against the ``annotations``
format (made by SQLite itself) in the same run.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from newsgloss.annotations import Annotation, Store, api
from newsgloss.annotations.formats import FORMATS
from newsgloss.corpus import load_paths, sample_paths

sys.path.insert(0, str(Path(__file__).parent))
from alignment import synthetic  # noqa: E402 - the benchmarks are scripts, not a package

LABELS = ["claim", "attribution", "disputed"]


def tag(store: Store, documents: list, count: int) -> int:
    rng = random.Random(22)
    each = -(-count // len(documents))
    tags = []
    for document in documents:
        length = len(document.text)
        for _ in range(min(each, count - len(tags))):
            start = rng.randrange(0, length - 40)
            note = "checked against the wire copy" if rng.random() < 0.33 else ""
            end = start + rng.randint(10, 40)
            label = rng.choice(LABELS)
            tags.append(Annotation.create(document, start, end, label, note=note, annotator="ana"))
    store.merge_annotations(tags)
    return len(store.annotations())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--tags", type=int, default=100_000)
    args = parser.parse_args()
    samples = load_paths(sample_paths()).documents
    documents = samples + synthetic(samples, args.articles - len(samples))
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "f.db") as store:
        store.add_documents(documents)
        tags = tag(store, documents, args.tags)
        print(f"{len(documents)} articles, {tags:,} tags")
        rates = {}
        for name in (n for n in FORMATS if n != "claimreview"):  # a verdict a line, not a tag
            started = time.perf_counter()
            api.export(store, name, Path(folder) / f"out.{name}")
            seconds = time.perf_counter() - started
            rates[name] = tags / seconds
            out = Path(folder) / f"out.{name}"
            files = list(out.iterdir()) if out.is_dir() else [out]  # brat, inception: folders
            size = sum(f.stat().st_size for f in files)
            ratio = rates[name] / rates["annotations"]
            print(f"{name:12}{seconds:8.2f} s {rates[name]:12,.0f} tags/s   "
                  f"ratio {ratio:.2f}x   {size / 1e6:7.1f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
