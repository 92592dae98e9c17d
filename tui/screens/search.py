"""The ``F`` search screen: every stored article searched as you type (``newsgloss
search``: words, "phrases", prefix*, AND, OR, NOT; accents and quote styles do not
matter), each hit with its outlet, title and the text around it; ``enter`` opens the
article at the hit in this pane, ``ctrl+n`` in a new pane."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from newsgloss.corpus import UserError, short_id
from newsgloss.tui.cells import terminal_text
from newsgloss.tui.widgets.options import move_highlight
from newsgloss.tui.workers import WorkerFailures

SHOWN = 50  # hits listed, best first


@dataclass(frozen=True)
class Chosen:
    """The hit chosen: its article, where in it, and whether in a new pane."""

    doc_id: str
    start: int
    new_pane: bool


class SearchScreen(WorkerFailures, ModalScreen[Chosen | None]):
    """Searches on a connection of its own, in a worker that each key replaces and that
    closes with the screen."""

    class Found(Message):
        def __init__(self, query: str, hits: list, problem: str) -> None:
            super().__init__()
            self.query, self.hits, self.problem = query, hits, problem

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", show=False),
        Binding("ctrl+n", "choose(True)", "Open in a new pane", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("up", "cursor(-1)", show=False),
    ]
    DEFAULT_CSS = """
    SearchScreen { align: center middle; }
    SearchScreen > Vertical {
        width: 90%; max-width: 110; height: 80%; border: thick $accent; background: $surface;
    }
    SearchScreen OptionList {
        height: 1fr; border: none; text-wrap: nowrap; text-overflow: ellipsis;
    }
    SearchScreen Label { padding: 0 1; color: $text-muted; }
    """

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.db_path = db_path
        self.hits: list = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text("Search every article (enter: open here, ctrl+n: in a new pane)"))
            yield Input(placeholder='words, "a phrase", prefix*, AND, OR, NOT', id="search-query")
            yield Label("", id="search-status")
            yield OptionList(id="search-hits")

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self.find(event.value)

    @work(thread=True, exclusive=True, exit_on_error=False, description="Searching")
    def find(self, query: str) -> None:
        from newsgloss.annotations import api

        hits, problem = [], ""
        if query.strip():
            with api.connection(self.db_path) as store:
                try:
                    hits = api.search_documents(store, query, SHOWN)
                except UserError as error:  # half-typed: said, not a notification a key
                    problem = str(error)
        self.post_message(self.Found(query, hits, problem))

    @on(Found)
    def _found(self, event: Found) -> None:
        if event.query != self.query_one(Input).value:
            return  # an answer to what was typed before
        self.hits = event.hits
        status = event.problem or (event.hits.summary() if event.query.strip() else "")
        self.query_one("#search-status", Label).update(Text(status))
        options = self.query_one(OptionList)
        options.clear_options()
        for hit in self.hits:
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(short_id(hit.doc_id), "dim")
            line.append(f"  {terminal_text(hit.outlet or '')}  ", "bold")
            line.append(terminal_text(hit.title))
            line.append("\n   " + terminal_text(hit.snippet), "dim")
            options.add_option(Option(line))
        if self.hits:
            options.highlighted = 0

    def action_cursor(self, delta: int) -> None:
        move_highlight(self.query_one(OptionList), delta)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_choose(False)

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self.action_choose(False)

    def action_choose(self, new_pane: bool) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None and highlighted < len(self.hits):
            hit = self.hits[highlighted]
            self.dismiss(Chosen(hit.doc_id, hit.start, new_pane))
