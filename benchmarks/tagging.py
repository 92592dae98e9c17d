"""Benchmark tagging: from the key press to the committed row, against a bare insert.

    python benchmarks/tagging.py [--tags 200]

The real reader on the sample corpus (cached analyses, a real store file) gets
``c`` through Pilot for 200 different spans of the first article. For each press,
the time runs from the key event reaching the app to the end of the tag action,
by which point the row is committed (History writes it in its own transaction
before the panes are told to redraw); each row is then checked through a second
connection. Alternating with each press, the same row goes into a second store
file through a bare sqlite-utils ``insert``. Prints median and p95 of both and
their ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from textual import events

from newsgloss.annotations import Store
from newsgloss.corpus import load_paths, sample_paths
from newsgloss.corpus.analysis import DEFAULT_MODEL
from newsgloss.tui.app import NewsglossApp
from newsgloss.tui.article import motion


class TimedApp(NewsglossApp):
    """The real app, noting when each key arrives and when each tag action ends."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.key_at = 0.0
        self.latencies: list[float] = []

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self.key_at = time.perf_counter()
        await super().on_event(event)

    def action_tag(self, label: str) -> None:
        super().action_tag(label)
        self.latencies.append(time.perf_counter() - self.key_at)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


async def measure(tags: int, folder: Path) -> tuple[list[float], list[float]]:
    documents = load_paths(sample_paths()).documents
    db, bare_db = folder / "tagging.db", folder / "bare.db"
    newsgloss = Path(sys.executable).with_name("newsgloss")
    for path in (db, bare_db):  # stores with the documents, analysed (sentences, entities)
        subprocess.run([newsgloss, "--db", path, "add"], capture_output=True, check=True)
    app = TimedApp(documents, db_path=db, model=DEFAULT_MODEL)
    bare_seconds: list[float] = []
    with Store.open(bare_db) as bare, Store.open(db) as check:
        bare_table = bare.db["annotations"]
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            view = app.views[0]
            words = [0]
            while len(words) < tags + 4:
                words.append(motion.next_word(view.text, words[-1]))
            for index in range(tags):
                view.select(words[index], words[index + 3])  # a new span each time
                await pilot.press("c")
                # A whole query (an unfinished one would pin an old snapshot of the file).
                (newest,) = check.db.query("SELECT * FROM annotations ORDER BY rowid DESC LIMIT 1")
                assert newest["start"] == words[index], "the tag was not committed"
                before = time.perf_counter()
                bare_table.insert(newest)
                bare_seconds.append(time.perf_counter() - before)
    assert len(app.latencies) == tags
    return app.latencies, bare_seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tags", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tagged, bare = asyncio.run(measure(args.tags, Path(folder)))
    print(f"{args.tags} tags through the reader, {args.tags} bare sqlite-utils inserts")
    print(f"{'':28}{'median':>10}{'p95':>10}")
    for name, values in (("key press to committed row", tagged), ("bare insert", bare)):
        print(
            f"{name:28}{statistics.median(values) * 1000:8.2f} ms"
            f"{percentile(values, 0.95) * 1000:8.2f} ms"
        )
    print(
        f"ratio: median {statistics.median(tagged) / statistics.median(bare):.1f}x, "
        f"p95 {percentile(tagged, 0.95) / percentile(bare, 0.95):.1f}x"
    )


if __name__ == "__main__":
    main()
