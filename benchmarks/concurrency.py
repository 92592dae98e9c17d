"""Benchmark concurrent writers on one store: refused and lost writes, and their cost.

    python benchmarks/concurrency.py [--tags 10000] [--writers 4]

In one run: one process writing all the tags alone (the baseline), then ``--writers``
processes writing the same number between them at once, then two "readers" (processes
tagging as the reader does, one transaction a tag) while ``newsgloss import`` brings in
a file of 2,000 annotations. Prints tags refused, tags lost (written but not stored)
and the wall time against the baseline. Target: 0 refused and 0 lost in every case.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsgloss.annotations import Annotation, Store
from newsgloss.annotations.jsonl_export import export_chunks, write_file_atomically
from newsgloss.corpus import load_paths, sample_paths

WRITER = """
import json, sys
from newsgloss.annotations import Annotation, Store, StoreError
db, doc_id, worker, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
refused = 0
with Store.open(db, create=False) as store:
    document = store.document(doc_id)
    span = len(document.text) - 60
    for index in range(count):
        start = (worker * count + index) % span
        end = start + 1 + (worker * count + index) // span
        try:
            store.add_annotation(Annotation.create(document, start, end, f"w{worker}"))
        except StoreError:
            refused += 1
print(json.dumps({"refused": refused}))
"""


def new_store(folder: Path, name: str) -> tuple[Path, str]:
    documents = load_paths(sample_paths()).documents
    db = folder / f"{name}.db"
    with Store.open(db) as store:
        store.add_documents(documents)
    return db, documents[0].id


def run_writers(db: Path, doc_id: str, writers: int, count: int, also=()) -> tuple[int, float]:
    """Start ``writers`` processes (and the ``also`` commands) at once; refused, seconds."""
    started = time.perf_counter()
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), doc_id, str(worker), str(count)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for worker in range(writers)
    ]
    others = [subprocess.Popen(command, stdout=subprocess.DEVNULL) for command in also]
    refused = sum(json.loads(p.communicate()[0])["refused"] for p in processes)
    failed = sum(other.wait() != 0 for other in others)
    return refused + failed, time.perf_counter() - started


def stored(db: Path) -> int:
    with Store.open(db, create=False) as store:
        return len(store.annotations())


def import_file(folder: Path, count: int) -> Path:
    """A JSONL file of ``count`` annotations on the second sample article."""
    db, _ = new_store(folder, "source")
    with Store.open(db) as store:
        document = store.document(store.documents()[1].id)
        tags = [
            Annotation.create(document, i % 1500, i % 1500 + 1 + i // 1500, "imported")
            for i in range(count)
        ]
        store.merge_annotations(tags)
        path = folder / "import.jsonl"
        write_file_atomically(path, export_chunks(store))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tags", type=int, default=10_000)
    parser.add_argument("--writers", type=int, default=4)
    args = parser.parse_args()
    newsgloss = Path(sys.executable).with_name("newsgloss")
    results = {}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        db, doc_id = new_store(folder, "alone")
        refused, alone = run_writers(db, doc_id, 1, args.tags)
        print(f"1 process, {args.tags:,} tags: {alone:.2f} s, {refused} refused")
        db, doc_id = new_store(folder, "together")
        share = args.tags // args.writers
        refused, together = run_writers(db, doc_id, args.writers, share)
        lost = args.writers * share - refused - stored(db)
        print(
            f"{args.writers} processes, {args.writers * share:,} tags: {together:.2f} s "
            f"({together / alone:.2f}x one process), {refused} refused, {lost} lost"
        )
        results[f"{args.writers} writers: 0 refused, 0 lost"] = refused == 0 and lost == 0
        source = import_file(folder, 2000)
        db, doc_id = new_store(folder, "import")
        importing = [[str(newsgloss), "--db", str(db), "import", str(source)]]
        refused, seconds = run_writers(db, doc_id, 2, 1000, also=importing)
        lost = 2 * 1000 + 2000 - refused - stored(db)
        print(f"2 readers and an import: {seconds:.2f} s, {refused} refused, {lost} lost")
        results["2 readers and an import: 0 refused, 0 lost"] = refused == 0 and lost == 0
    for target, met in results.items():
        print(f"{'met   ' if met else 'MISSED'} {target}")
    sys.exit(0 if all(results.values()) else 1)


if __name__ == "__main__":
    main()
