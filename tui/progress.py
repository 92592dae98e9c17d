"""Progress of a long analysis on stderr: a Rich bar on a terminal, plain lines otherwise,
or one JSON object per document for a program (the reader) to read."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

PLAIN_EVERY_SECONDS = 2.0


@contextmanager
def analysis_progress(total: int, jsonl: bool = False) -> Iterator:
    """Yields ``update(done, words)`` for ``analyze_documents``. Start it once the pipeline
    is loaded: words per second count the analysis only."""
    started = time.perf_counter()
    console = Console(stderr=True)

    def words_per_second(words: int) -> float:
        return words / max(time.perf_counter() - started, 1e-9)

    if jsonl:

        def report(done: int, words: int) -> None:
            record = {"done": done, "total": total, "words": words}
            record["words_per_second"] = round(words_per_second(words))
            print(json.dumps(record), file=sys.stderr, flush=True)

        report(0, 0)
        yield report
        return

    def rate(words: int) -> str:
        return f"{words_per_second(words):,.0f} words/s"

    if console.is_terminal:
        columns = (
            TextColumn("Analysing"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("documents · {task.fields[rate]} ·"),
            TimeRemainingColumn(),
        )
        with Progress(*columns, console=console, transient=False) as progress:
            task = progress.add_task("analysis", total=total, rate="")

            def update(done: int, words: int) -> None:
                progress.update(task, completed=done, rate=rate(words))

            yield update
        return

    last = 0.0

    def update(done: int, words: int) -> None:
        nonlocal last
        now = time.perf_counter()
        if done == total or now - last >= PLAIN_EVERY_SECONDS:
            last = now
            noun = "document" if total == 1 else "documents"
            left = ""
            if 0 < done < total:  # at the pace so far, document by document
                seconds = (now - started) * (total - done) / done
                left = f", about {seconds:,.0f} s left"
            line = f"Analysed {done}/{total} {noun}, {rate(words)}{left}"
            print(line, file=sys.stderr, flush=True)

    yield update
