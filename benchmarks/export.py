"""Benchmark export and import of a large desk: 1,000,000 annotations out and back in.

    python benchmarks/export.py [--annotations 1000000] [--documents 1000]

A store gets ``--documents`` articles (the samples' text, numbered) and
``--annotations`` tags spread over them, written straight with SQL (set-up, not
measured). Then, each in a process of its own, timed and with its peak resident
memory read from the kernel (``wait4``):

- the baseline: the ``sqlite3`` command line writing the same rows as JSON (each tag
  with its document's title and source, ``sqlite3 -json``, its own fastest way), in the
  same order;
- ``newsgloss export --output FILE`` (annotations format);
- ``newsgloss import FILE`` into a copy of the store without the tags.

Prints rows per second, the ratio of the export's rate to the baseline's (target
>= 0.5x), the import's time (target <= 15 s for 1M) and both peaks (target < 200 MB).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from newsgloss.annotations import Store
from newsgloss.corpus import Document, load_paths, sample_paths

COLUMNS = "id, doc_id, start, [end], label, quote, prefix, suffix, note, annotator, created_at, updated_at"  # noqa: E501
NEWSGLOSS = [sys.executable, "-m", "newsgloss.tui.cli"]


def make_store(path: Path, documents: int, annotations: int) -> None:
    samples = [d.text for d in load_paths(sample_paths()).documents]
    docs = [
        Document.from_text(f"Article {n}.\n{samples[n % len(samples)]}", title=f"Article {n}")
        for n in range(documents)
    ]
    with Store.open(path) as store:
        store.add_documents(docs)
    connection = sqlite3.connect(path)
    per_document = -(-annotations // documents)
    stamp = "2026-12-04T09:00:00.000Z"

    def rows():
        made = 0
        for document in docs:
            text = document.text
            for n in range(per_document):
                if made == annotations:
                    return
                start = (n * 37) % (len(text) - 60)
                end = start + 5 + n % 50
                label = ("claim", "attribution", "disputed")[n % 3]
                yield (str(uuid.uuid4()), document.id, start, end, label, text[start:end],
                       text[max(0, start - 32):start], text[end:end + 32], "", "bench",
                       stamp, stamp)  # fmt: skip
                made += 1

    with connection:
        connection.executemany(
            f"INSERT OR IGNORE INTO annotations ({COLUMNS}) VALUES ({', '.join('?' * 12)})",
            rows(),
        )
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def run(command: list[str], stdout=None, env=None) -> tuple[float, float]:
    """Seconds and peak resident MB of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=stdout or subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(map(str, command))}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--annotations", type=int, default=1_000_000)
    parser.add_argument("--documents", type=int, default=1000)
    args = parser.parse_args()
    if shutil.which("sqlite3") is None:
        raise SystemExit("the baseline needs the sqlite3 command line (apt-get install sqlite3)")
    folder = Path(tempfile.mkdtemp(prefix="newsgloss-export-"))
    try:
        db, copy, out = folder / "desk.db", folder / "copy.db", folder / "export.jsonl"
        print(f"making a store of {args.documents:,} documents, {args.annotations:,} tags…")
        make_store(db, args.documents, args.annotations)
        count = sqlite3.connect(db).execute("SELECT count(*) FROM annotations").fetchone()[0]
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSGLOSS_")}
        env["NEWSGLOSS_CONFIG"] = str(folder / "no-config.toml")

        # The same rows as the export's: each tag with its document's title and source.
        query = (
            "SELECT a.id, a.doc_id, d.title AS doc_title, d.source AS doc_source, a.start, "
            "a.[end], a.label, a.quote, a.prefix, a.suffix, a.note, a.annotator, "
            "a.created_at, a.updated_at FROM annotations a JOIN documents d ON d.id = a.doc_id "
            "ORDER BY a.doc_id, a.start, a.[end], a.label"
        )
        with open(folder / "baseline.json", "w") as sink:
            base_s, base_mb = run(["sqlite3", "-json", str(db), query], stdout=sink)
        out_s, out_mb = run([*NEWSGLOSS, "--db", str(db), "export", "--output", str(out)], env=env)

        shutil.copy(db, copy)
        connection = sqlite3.connect(copy)
        connection.execute("DELETE FROM annotations")
        connection.commit()
        connection.close()
        in_s, in_mb = run([*NEWSGLOSS, "--db", str(copy), "import", str(out)], env=env)
        back = sqlite3.connect(copy).execute("SELECT count(*) FROM annotations").fetchone()[0]
        assert back == count, (back, count)

        print(
            f"sqlite3 -json:     {count / base_s:10,.0f} rows/s  {base_s:6.1f} s  {base_mb:6.0f} MB"
        )
        print(f"newsgloss export:  {count / out_s:10,.0f} rows/s  {out_s:6.1f} s  {out_mb:6.0f} MB")
        print(f"newsgloss import:  {count / in_s:10,.0f} rows/s  {in_s:6.1f} s  {in_mb:6.0f} MB")
        print(f"export rate / sqlite3's: {base_s / out_s:.2f}x (target >= 0.5x)")
        print(f"import of {count:,}: {in_s:.1f} s (target <= 15 s for 1M); "
              f"peaks {out_mb:.0f} / {in_mb:.0f} MB (target < 200 MB)")  # fmt: skip
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
