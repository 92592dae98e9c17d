"""The newsgloss app: start-up, the store, the theme, the keymap and the screens.

The reader itself is ``ReaderScreen`` (tui/reader/screen.py), the app's default screen.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from textual import events, work
from textual.app import App
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input
from textual.worker import Worker, WorkerCancelled, WorkerFailed

from newsgloss.annotations.labels import Label
from newsgloss.annotations.model import default_annotator
from newsgloss.corpus import Document, UserError, load_paths, printable
from newsgloss.corpus.analysis import find_pipeline
from newsgloss.tui import collector
from newsgloss.tui.cells import use_terminal_cell_widths
from newsgloss.tui.commands import BindingCommands
from newsgloss.tui.keys import (
    APP_BINDINGS,
    CLAIMS_BINDINGS,
    COMPARE_BINDINGS,
    PANEL_BINDINGS,
    READER_BINDINGS,
    VIEW_BINDINGS,
    reserved_keys,
)
from newsgloss.tui.reader import session
from newsgloss.tui.reader.panes import MAX_PANES
from newsgloss.tui.reader.screen import ReaderScreen
from newsgloss.tui.workers import WorkerFailures

if TYPE_CHECKING:  # sqlite-utils loads in the store worker, after the first frame
    from newsgloss.annotations.api import Store
    from newsgloss.corpus.analysis import PipelineInfo

DEFAULT_THEME = "textual-dark"


@dataclass
class Start:
    """How the reader starts: what the command line found and the settings chose."""

    documents: list[Document]
    db_path: Path
    model: str
    open_count: int = 2
    errors: list[str] = field(default_factory=list)  # files that did not load
    unread: list[Path] = field(default_factory=list)  # loaded and stored after the first frame
    annotator: str | None = None
    announce_unopened: bool = False  # the user named the documents: say if some are not open
    session: dict | None = None  # a saved session to restore
    theme: str | None = None  # the command line's or the environment's
    config_theme: str | None = None  # below the saved session's
    keymap: dict[str, str] = field(default_factory=dict)
    labels: tuple[Label, ...] = ()  # a new store's label set


class NewsglossApp(WorkerFailures, App):
    TITLE = "newsgloss"
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses live elsewhere
    COMMANDS = App.COMMANDS | {BindingCommands}
    BINDINGS = APP_BINDINGS

    def __init__(self, start: Start) -> None:
        use_terminal_cell_widths()  # before anything is measured or drawn
        super().__init__()
        # A crash's traceback goes here, not to the terminal: the command line writes it
        # to a log and prints one line (crash_report).
        self.error_console = Console(
            file=io.StringIO(), width=100, markup=False, highlight=False, color_system=None
        )
        self.start = start
        self.model = start.model
        self.load_errors = list(start.errors)
        self.store: Store | None = None
        self._store_worker: Worker | None = None
        self.set_keymap(start.keymap)
        self.bound_keys = reserved_keys(start.keymap)  # what a label's key must not be
        theme = start.theme or session.theme(start.session) or start.config_theme or DEFAULT_THEME
        self.theme = theme if theme in self.available_themes else DEFAULT_THEME
        self.unknown_theme = theme if theme not in self.available_themes else None
        count = max(1, min(start.open_count, MAX_PANES))
        self.reader = ReaderScreen(start.documents[:count], start.session)

    def get_default_screen(self) -> Screen:
        return self.reader

    def on_mount(self) -> None:
        for error in self.load_errors:
            self._notify_load_error(error)
        if self.unknown_theme:
            themes = ", ".join(sorted(self.available_themes))
            self.notify(
                f"No theme {self.unknown_theme!r}; the themes: {themes}",
                severity="warning",
                timeout=10,
            )
        self.call_after_refresh(self.store_opening)  # its imports would hold up the first frame
        self.call_after_refresh(collector.resume)  # paused for the first frame: see collector

    def on_key(self, event: events.Key) -> None:
        """Textual hands each key to the widget focused when it arrives, so the query
        typed right after "/" queues behind it for the article, and reaches the app once
        the find bar has the focus. A text field stops the keys it takes, so a printable
        key that gets here while one has the focus was meant for it: type it there."""
        if isinstance(self.focused, Input) and event.is_printable:
            self.focused.insert_text_at_cursor(event.character)
        elif self.screen is self.reader:
            self.reader.label_key(event)

    @property
    def crash_report(self) -> str:
        """What Textual wrote about an unexpected error (a traceback), or ""."""
        return self.error_console.file.getvalue()

    def notify(self, message: str, *, title: str = "", markup: bool = False, **kwargs) -> None:
        """Every notification passes the one sanitiser and is never read as markup: file
        names, titles and passages in messages may hold escapes or bidi controls."""
        super().notify(printable(message), title=printable(title), markup=False, **kwargs)

    def store_opening(self) -> Worker:
        """The worker opening the store, started on first call (after the first frame, or
        by a quit that comes before it)."""
        if self._store_worker is None:
            self._store_worker = self.open_store()
        return self._store_worker

    class StoreOpened(Message):
        def __init__(self, store: Store, pipeline: PipelineInfo | None, tagging) -> None:
            super().__init__()
            self.store, self.pipeline, self.tagging = store, pipeline, tagging

    class LoadFailed(Message):
        """A file (or the store itself, ``store``) could not be opened."""

        def __init__(self, error: str, store: bool = False) -> None:
            super().__init__()
            self.error, self.store = error, store

    @work(thread=True, group="store", exit_on_error=False, description="Opening the store")
    def open_store(self) -> StoreOpened | None:
        """Off the first frame: load the unread files, open the store, save the
        documents, find the pipeline. The result arrives as a message, and is the
        worker's result too, for a quit that waits for it."""
        from newsgloss.annotations import api

        start = self.start
        later = load_paths(start.unread)
        for error in later.errors:
            self.post_message(self.LoadFailed(error))
        try:
            store, _ = api.open_store(start.db_path, create=True, labels=start.labels)
            every = list({d.id: d for d in [*start.documents, *later.documents]}.values())
            store.add_documents(every)
        except UserError as error:
            self.post_message(self.LoadFailed(str(error), store=True))
            return
        try:
            pipeline = find_pipeline(self.model)
        except UserError as error:
            pipeline = None
            self.notify(str(error), severity="warning", timeout=10)
        opened = self.StoreOpened(
            store, pipeline, api.Tagging(store, start.annotator or default_annotator())
        )
        self.post_message(opened)
        shown = len(self.reader.documents)
        if start.announce_unopened and len(every) > shown:
            rest = len(every) - shown
            self.notify(
                f"{len(every)} documents: {shown} open, the other {rest} stored, not opened "
                "(o opens one)",
                timeout=10,
            )
        return opened

    def on_newsgloss_app_store_opened(self, event: StoreOpened) -> None:
        self.store = event.store
        if self.reader.closing:  # a quit took it first
            return
        self.reader.store_ready(event.store, event.pipeline, event.tagging)
        for label in self.reader.labels:  # a keymap changed since the label got its key
            if label.key in self.bound_keys:
                self.notify(
                    f"The label {label.name}'s key {label.key} is the reader's key for "
                    f"{self.bound_keys[label.key]!r}, so it does not tag; newsgloss labels "
                    f"edit {label.name} --key K gives it another",
                    severity="warning",
                    timeout=10,
                )

    def on_newsgloss_app_load_failed(self, event: LoadFailed) -> None:
        """Said now, and again on exit, which then has a non-zero status. Without a store
        the reader still shows the articles, and says why a tag key does nothing."""
        self.load_errors.append(event.error)
        if event.store:
            self.reader.store_failed(event.error)
            self.notify(f"{event.error}; nothing can be tagged", severity="error", timeout=30)
        else:
            self._notify_load_error(event.error)

    def _notify_load_error(self, error: str) -> None:
        self.notify(error, title="Not opened", severity="error", timeout=10)

    def action_help(self) -> None:
        from newsgloss.tui.keys import describe_keys
        from newsgloss.tui.screens.help import HelpScreen

        bindings = [
            *APP_BINDINGS,
            *READER_BINDINGS,
            *VIEW_BINDINGS,
            *PANEL_BINDINGS,
            *(b for b in CLAIMS_BINDINGS if b.id.startswith("claims-")),
            *(b for b in COMPARE_BINDINGS if b.id.startswith("compare-")),
        ]
        keys = describe_keys(bindings, self.start.keymap)
        self.push_screen(HelpScreen(keys, self.reader.labels, self.reader.highlighting))

    async def action_quit(self) -> None:
        """Save the session first: it is read from the panes, which quitting takes down.
        A quit typed while the store is still opening waits for it (a moment)."""
        self.reader.closing = True
        if self.store is None:  # opening, or not even started: q came with the first frame
            worker = self.store_opening()
            with contextlib.suppress(WorkerFailed, WorkerCancelled):  # said already
                await worker.wait()
            if worker.result is not None:  # its message waits behind this quit
                self.store = worker.result.store
        if self.store is not None:
            try:
                self.store.save_session(self.reader.session())
            except UserError as error:  # a locked or read-only store
                self.notify(f"The session was not saved: {error}", severity="error")
        self.exit()

    async def on_unmount(self) -> None:
        await self.reader.stop_analyses()
        if self.store is not None:
            self.store.close()
