"""The entity analysis in the background: ``newsgloss analyze --progress jsonl`` in a
subprocess (spaCy never competes with the screen), read as structured records."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Callable
from pathlib import Path


def analysis_progress_record(line: str) -> dict | None:
    """A progress record of ``analyze --progress jsonl``, or None for any other line."""
    try:
        record = json.loads(line)
    except ValueError:
        return None
    wanted = ("done", "total", "words_per_second")
    if isinstance(record, dict) and all(isinstance(record.get(k), int) for k in wanted):
        return record
    return None


class AnalysisProcess:
    """One run of the analysis for some documents; ``kill`` stops it when the reader closes."""

    def __init__(self, db_path: Path, model: str, doc_ids: list[str]) -> None:
        self.command = [
            sys.executable, "-m", "newsgloss.tui.cli", "--db", str(db_path), "--model", model,
            "analyze", "--progress", "jsonl", *doc_ids,
        ]  # fmt: skip
        self.process: asyncio.subprocess.Process | None = None

    async def run(self, progress: Callable[[dict], None]) -> str | None:
        """Run to the end, handing each progress record to ``progress``; returns None on
        success, else the last line the process wrote (its error)."""
        self.process = await asyncio.create_subprocess_exec(
            *self.command,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        last_line = ""
        async for raw in self.process.stderr:
            last_line = raw.decode("utf-8", "replace").strip()
            record = analysis_progress_record(last_line)
            if record:
                progress(record)
        await self.process.wait()
        return last_line.removeprefix("Error: ") if self.process.returncode else None

    async def kill(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.kill()  # the reader is closing; finished batches are already saved
            await self.process.wait()
