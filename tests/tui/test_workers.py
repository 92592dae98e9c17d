"""Workers that cannot end the session: each belongs to the screen that shows its result,
a result for a screen that has closed is dropped, and a failure is a notification."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from contextlib import contextmanager, suppress

from reader_helpers import reader, settle
from textual.widgets import Input
from textual.worker import WorkerCancelled, WorkerFailed

from newsgloss.tui.claims.screen import ClaimsScreen
from newsgloss.tui.screens.picker import PickerScreen
from newsgloss.tui.tags.dialogs import ExportScreen


async def finished(pilot) -> None:
    """Every worker done, failed or not."""
    for worker in list(pilot.app.workers):
        with suppress(WorkerFailed, WorkerCancelled):
            await worker.wait()
    await pilot.pause()


async def until(pilot, condition, timeout: float = 30) -> None:
    """Wait for ``condition``: a closed screen cannot stop its worker's thread, which runs
    on to its end (its answer is then dropped); what it wrote shows it has ended."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the worker's thread never finished"
        await asyncio.sleep(0.05)
    await pilot.pause()


def count(db, table: str) -> int:
    connection = sqlite3.connect(db)
    try:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        connection.close()


def unindexed(db) -> None:
    """The store as one made before documents were indexed as they were stored: the
    picker's worker indexes them first, and so needs the write lock."""
    connection = sqlite3.connect(db, isolation_level=None)
    try:
        connection.execute("DELETE FROM indexed")
        connection.execute("DELETE FROM passage_bands")
        connection.execute("DELETE FROM meta WHERE key = 'similar_index'")
    finally:
        connection.close()


@contextmanager
def write_lock(db):
    """Another process's writer, holding the store's write lock."""
    connection = sqlite3.connect(db, isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        connection.execute("ROLLBACK")
        connection.close()


async def test_o_then_enter_before_the_suggestions_arrive(sample_documents, analysed_db):
    """The related articles are still being found (the index waits for the write lock)
    when enter chooses one: the picker is gone, and its worker's answer with it."""
    unindexed(analysed_db)
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        with write_lock(analysed_db):
            await pilot.press("O")
            picker = app.screen
            assert isinstance(picker, PickerScreen)
            workers = [w for w in app.workers if w.node is picker]
            assert workers and not workers[0].is_finished  # still waiting for the lock
            await pilot.press("enter")
            assert app.screen is app.reader and len(app.reader.panes) == 3
        await until(pilot, lambda: count(analysed_db, "indexed") == len(sample_documents))
        assert app.is_running and app.screen is app.reader
        assert not [m for m in app.messages if "failed" in m]


async def test_o_while_another_process_holds_the_write_lock_is_a_notice(
    sample_documents, analysed_db
):
    unindexed(analysed_db)
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        with write_lock(analysed_db):
            await pilot.press("O")
            await finished(pilot)  # the busy timeout runs out
        assert app.is_running and isinstance(app.screen, PickerScreen)
        assert any("database is locked" in m for m in app.messages), app.messages
        await pilot.press("enter")  # the picker still works
        await settle(pilot)
        assert len(app.reader.panes) == 3


async def test_every_dialog_closes_while_its_worker_runs(sample_documents, analysed_db, tmp_path):
    unindexed(analysed_db)
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        with write_lock(analysed_db):
            for key, dialog in (("O", PickerScreen), ("C", ClaimsScreen)):
                await pilot.press(key)  # its worker waits for the lock
                assert isinstance(app.screen, dialog)
                assert [w for w in app.workers if w.node is app.screen and not w.is_finished]
                await pilot.press("escape")
            await pilot.press("ctrl+e")
            assert isinstance(app.screen, ExportScreen)
            app.screen.query_one(Input).value = str(tmp_path / "out.jsonl")
            await pilot.press("enter", "escape")  # the export runs on
        target = tmp_path / "out.jsonl"
        # Indexed, the tagged article aligned with the four others, exported.
        await until(pilot, lambda: count(analysed_db, "indexed") == 5 and target.exists())
        await until(pilot, lambda: count(analysed_db, "alignments") >= 4)
        assert app.is_running and app.screen is app.reader
        await pilot.press("right_parenthesis", "c")  # the reader still answers
        assert len(app.reader.views[0].annotations) == 2


async def test_a_store_that_cannot_be_opened_is_said_on_tag_keys_and_on_exit(
    sample_documents, tmp_path
):
    db = tmp_path / "not-a-store.db"
    db.write_bytes(b"this is not SQLite" * 100)
    app = reader(sample_documents, db)
    async with app.run_test(size=(120, 40)) as pilot:
        await finished(pilot)
        assert any("not a newsgloss store" in m for m in app.messages), app.messages
        app.messages.clear()
        await pilot.press("c")
        assert app.messages and app.messages[0].startswith("Nothing can be tagged: ")
        await pilot.press("q")
    # What the command line prints on exit, with status 1.
    assert any("not a newsgloss store" in error for error in app.load_errors)
    assert db.read_bytes() == b"this is not SQLite" * 100
