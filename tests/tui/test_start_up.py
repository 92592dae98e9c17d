"""What the reader's first frame waits for: only the modules it draws with, and no
garbage collection walking everything start-up made (``tui/collector.py``)."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from newsgloss.tui import collector
from newsgloss.tui.cli import COMMANDS, cli
from tests.tui.reader_helpers import reader

# What the reader's start imports: the command line, the store's session, the app.
START_PROBE = """
import sys
import newsgloss.tui.cli, newsgloss.tui.app
from newsgloss.annotations import api
api.peek_session
print(" ".join(sorted(sys.modules)))
"""


def test_the_reader_starts_without_the_other_commands_the_store_or_the_alignment():
    loaded = subprocess.run(
        [sys.executable, "-c", START_PROBE], capture_output=True, text=True, check=True
    ).stdout.split()
    assert "newsgloss.tui.app" in loaded  # the probe ran
    later = [f"newsgloss.tui.{where.split(':')[0]}" for where in COMMANDS.values()]
    for module in [
        *later,
        "newsgloss.annotations.store",  # the store opens in a worker, after the frame
        "sqlite_utils",
        "newsgloss.corpus.align",  # panes align once the store is open
        "newsgloss.annotations.decisions",
        "newsgloss.annotations.analysis_cache",
        "spacy",
    ]:
        assert module not in loaded, module


def test_every_later_command_is_listed_and_found(run):
    for name in COMMANDS:
        assert cli.get_command(None, name) is not None, name  # type: ignore[arg-type]
    assert run("--help").exit_code == 0


def test_a_command_collects_again_once_it_starts(db_path: Path):
    collector.pause()
    try:
        result = CliRunner().invoke(cli, ["--db", str(db_path), "docs"])
        collecting = gc.isenabled()  # CliRunner never goes through the entry point
    finally:
        gc.enable()
        gc.unfreeze()
    assert collecting
    assert result.exit_code == 1  # no store yet: the command ran all the same


async def test_the_reader_collects_again_after_its_first_frame(sample_documents, db_path):
    collector.pause()
    try:
        app = reader(sample_documents, db_path)
        async with app.run_test() as pilot:
            await pilot.pause()
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0  # what start-up made is set aside
    finally:
        gc.enable()
        gc.unfreeze()


def test_resume_does_nothing_when_the_collector_was_never_paused():
    frozen = gc.get_freeze_count()
    collector.resume()
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
