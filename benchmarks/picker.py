"""Benchmark the o/O picker: each key typed into its filter, over 1,000 stored articles.

    python benchmarks/picker.py [--documents 1000]

The store holds ``--documents`` articles whose titles are real-length (60 to 200
characters, sentences of the sample corpus) with sources like a news site's URLs. The
real reader opens the picker (``o``) and a query is typed a key at a time through
Pilot; each key's time runs from the key event to the end of the picker's filter (its
matching and the options listed). Beside it, in the same process, the baseline: Textual's
``FuzzySearch`` over the same titles for the same queries (what the picker ran before).
Prints the median and worst time a key; target <= 50 ms a key at 1,000 documents.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import tempfile
import time
from pathlib import Path

from textual.fuzzy import FuzzySearch

from newsgloss.annotations import Store
from newsgloss.corpus import Document, load_paths, sample_paths
from newsgloss.corpus.analysis import DEFAULT_MODEL
from newsgloss.tui.app import NewsglossApp, Start
from newsgloss.tui.screens.picker import PickerScreen

QUERIES = ["statetimes", "kremlin talks", "zzq"]  # a source, words of titles, nothing


def documents(count: int) -> list[Document]:
    samples = load_paths(sample_paths()).documents
    sentences = [s for d in samples for s in re.split(r"(?<=[.!?])\s+", d.text) if len(s) > 60]
    made = []
    for n in range(count):
        title = f"{n} " + sentences[n % len(sentences)][:200]
        site = ("statetimes.in", "themoscowtimes.com", "reuters.com", "apnews.com")[n % 4]
        source = f"https://www.{site}/2025/05/{n % 28 + 1:02}/article-{n}"
        made.append(Document.from_text(f"{title}\n\nBody {n}.", title=title, source=source))
    return made


async def typed(db: Path, docs: list[Document]) -> list[float]:
    app = NewsglossApp(Start(docs[:1], db_path=db, model=DEFAULT_MODEL, open_count=1))
    times: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("o")
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        original = picker.filter
        started = 0.0

        def timed(query: str) -> None:
            original(query)
            times.append(time.perf_counter() - started)

        picker.filter = timed
        for query in QUERIES:
            for key in query:
                started = time.perf_counter()
                await pilot.press("space" if key == " " else key)
            for _ in query:
                started = time.perf_counter()
                await pilot.press("backspace")
    return times


def baseline(docs: list[Document]) -> list[float]:
    search, times = FuzzySearch(), []
    for query in QUERIES:
        for end in range(1, len(query) + 1):
            started = time.perf_counter()
            for document in docs:
                search.match(query[:end], document.title)
            times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=1000)
    args = parser.parse_args()
    docs = documents(args.documents)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "picker.db"
        with Store.open(db) as store:
            store.add_documents(docs)
        times = asyncio.run(typed(db, docs))
    base = baseline(docs)
    median, worst = statistics.median(times), max(times)
    print(f"{args.documents} documents, {len(times)} keys")
    print(f"picker:      median {median * 1000:6.1f} ms, worst {worst * 1000:6.1f} ms a key")
    print(f"FuzzySearch: median {statistics.median(base) * 1000:6.1f} ms, "
          f"worst {max(base) * 1000:6.1f} ms a key (matching alone)")  # fmt: skip
    print(f"ratio of medians: {median / statistics.median(base):.2f}x; target <= 50 ms a key")


if __name__ == "__main__":
    main()
