"""Progress of a long analysis on stderr: a Rich bar on a terminal, plain lines otherwise,
or one JSON object per document for a program (the reader) to read.

Progress is measured in characters of text, not documents: a 5 MB article first would
hold a count of documents at 0 for minutes. The time left is the characters left at the
pace so far, or, before any document is done, at PRIOR_PACE (so that the first line
already says about how long it will take).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TextColumn
from rich.text import Text

PLAIN_EVERY_SECONDS = 2.0
# Characters a second of en_core_web_sm on one core (about 8,000 words of news a second,
# at about 6 characters a word, measured with benchmarks/analysis.py): only until the
# first document is done, after which the pace measured takes over.
PRIOR_PACE = 45_000


def seconds_left(elapsed: float, done: int, total: int) -> float:
    """The characters left, at the pace so far (or PRIOR_PACE before any is done),
    less what the document under way has had (at least a second is left until done)."""
    if done >= total:
        return 0.0
    if done:
        return (total - done) * elapsed / done
    return max(1.0, total / PRIOR_PACE - elapsed)


def duration(seconds: float) -> str:
    """``45 s``, ``12 min``, ``3.2 h``."""
    if seconds < 90:
        return f"{seconds:,.0f} s"
    if seconds < 90 * 60:
        return f"{seconds / 60:,.0f} min"
    return f"{seconds / 3600:,.1f} h"


class _Left(ProgressColumn):
    """About how long is left, worked out at each refresh (it moves while a long
    document is under way, when nothing is reported)."""

    def render(self, task: Task) -> Text:
        left = seconds_left(task.elapsed or 0.0, int(task.completed), int(task.total or 0))
        return Text(f"about {duration(left)} left" if left else "done")


@contextmanager
def analysis_progress(documents: int, characters: int, jsonl: bool = False) -> Iterator:
    """Yields ``update(done, words, characters)`` for ``analyze_documents``. Start it
    once the pipeline is loaded: words per second count the analysis only."""
    started = time.perf_counter()
    console = Console(stderr=True)

    def words_per_second(words: int) -> float:
        return words / max(time.perf_counter() - started, 1e-9)

    def left(done: int) -> float:
        return seconds_left(time.perf_counter() - started, done, characters)

    if jsonl:

        def report(done: int, words: int, text_done: int) -> None:
            record = {"done": done, "total": documents, "words": words}
            record["words_per_second"] = round(words_per_second(words))
            record.update(characters=text_done, total_characters=characters)
            record["seconds_left"] = round(left(text_done))
            print(json.dumps(record), file=sys.stderr, flush=True)

        report(0, 0, 0)
        yield report
        return

    def rate(words: int) -> str:
        return f"{words_per_second(words):,.0f} words/s" if words else "starting"

    noun = "document" if documents == 1 else "documents"
    if console.is_terminal:
        columns = (
            TextColumn("Analysing"),
            BarColumn(),
            TextColumn("{task.fields[done]}/{task.fields[documents]} " + noun + " ·"),
            TextColumn("{task.fields[rate]} ·"),
            _Left(),
        )
        with Progress(*columns, console=console, transient=False) as progress:
            task = progress.add_task(
                "analysis", total=max(1, characters), done=0, documents=documents, rate=rate(0)
            )

            def update(done: int, words: int, text_done: int) -> None:
                progress.update(task, completed=text_done, done=done, rate=rate(words))

            yield update
        return

    size = f"{characters:,} characters"
    print(
        f"Analysing {documents} {noun} ({size}), about {duration(left(0))}",
        file=sys.stderr,
        flush=True,
    )
    last = time.perf_counter()

    def update(done: int, words: int, text_done: int) -> None:
        nonlocal last
        now = time.perf_counter()
        if done == documents or now - last >= PLAIN_EVERY_SECONDS:
            last = now
            share = f"{text_done * 100 // max(1, characters)}% of the text"
            more = f", about {duration(left(text_done))} left" if done < documents else ""
            line = f"Analysed {done}/{documents} {noun} ({share}), {rate(words)}{more}"
            print(line, file=sys.stderr, flush=True)

    yield update
