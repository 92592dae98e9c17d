"""Benchmark memory: open and close a 1 MB article again and again in the real reader.

    python benchmarks/memory.py [--mb 1] [--rounds 20]

A store holds the sample corpus and a 1 MB article with its analysis cached (made once
with the real pipeline). The reader, on the first sample article, then opens the big one
in a new pane (its cached analysis read and shown, the pair aligned), closes it, and
does that ``--rounds`` times. After each round the garbage collector runs and the
process's resident memory is read. The baseline is the figure after the second round
(caches and the first alignment are warm by then); the target is the last round within
5% of it. Printed: resident memory after each round, and the ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import sys
import tempfile
from pathlib import Path

from newsgloss.annotations import Store
from newsgloss.annotations.analysis_cache import analyze_documents
from newsgloss.corpus import Document, load_paths, sample_paths
from newsgloss.corpus.analysis import DEFAULT_MODEL, Analyzer, find_pipeline
from newsgloss.tui.app import NewsglossApp, Start

PAGE = os.sysconf("SC_PAGE_SIZE")


def resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE / 2**20


def big_article(samples: list[Document], megabytes: float) -> Document:
    """Paragraphs of the samples, numbered so that no line repeats, to ``megabytes``."""
    paragraphs = [p for d in samples for p in d.text.split("\n") if len(p) > 80]
    lines, size, number = [], 0, 0
    while size < megabytes * 1_000_000:
        line = f"{number}. {paragraphs[number % len(paragraphs)]}"
        lines.append(line)
        size += len(line) + 1
        number += 1
    return Document.from_text("\n".join(lines), title="A 1 MB article", source="memory.py")


async def rounds(db: Path, samples: list[Document], big: Document, count: int) -> list[float]:
    app = NewsglossApp(Start(samples[:1], db_path=db, model=DEFAULT_MODEL, open_count=1))
    figures = []
    async with app.run_test(size=(160, 50)) as pilot:

        async def settle() -> None:
            for _ in range(4):
                await app.workers.wait_for_complete()
                await pilot.pause()

        await settle()
        for _ in range(count):
            await app.reader._open(big.id, new_pane=True)
            await settle()
            assert app.reader.views[-1].analysed, "the big article's analysis was not shown"
            app.reader.action_close_pane()
            await settle()
            gc.collect()
            figures.append(resident_mb())
            print(f"round {len(figures):2}: {figures[-1]:7.1f} MB resident", flush=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    samples = load_paths(sample_paths()).documents
    big = big_article(samples, args.mb)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "memory.db"
        with Store.open(db) as store:
            store.add_documents([*samples, big])
            print(f"analysing {len(big.text):,} characters once…", flush=True)
            analyzer = Analyzer(find_pipeline(DEFAULT_MODEL))
            analyze_documents(store, analyzer, [d.id for d in [*samples, big]])
        figures = asyncio.run(rounds(db, samples, big, args.rounds))
    baseline, last = figures[1], figures[-1]
    ratio = last / baseline
    print(f"after round 2: {baseline:.1f} MB; after round {len(figures)}: {last:.1f} MB")
    print(f"growth: {ratio:.3f}x the second round's (target <= 1.05x)")
    sys.exit(0 if ratio <= 1.05 else 1)


if __name__ == "__main__":
    main()
