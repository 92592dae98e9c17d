"""The ``T`` screen: every tag of the desk in one list (``newsgloss tags``), narrowed as
you type (words of the quote or note), by label (``ctrl+l`` steps through them) and
sorted by article or newest first (``ctrl+s``); the highlighted tag's note is shown
whole below; ``enter`` opens the tag's article at the tag in this pane."""

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
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from newsgloss.annotations.api import TAG_ORDERS
from newsgloss.corpus import short_id
from newsgloss.tui.cells import terminal_text
from newsgloss.tui.widgets.options import move_highlight
from newsgloss.tui.workers import WorkerFailures

SHOWN = 200  # tags listed at once: the others wait for a narrower filter
SORTS = tuple(TAG_ORDERS)  # article order, newest first


@dataclass(frozen=True)
class TagChosen:
    """The tag chosen: its article and where it begins."""

    doc_id: str
    start: int


class TagsScreen(WorkerFailures, ModalScreen[TagChosen | None]):
    """Reads the tags on a connection of its own, in a worker each change replaces and
    that closes with the screen."""

    class Found(Message):
        def __init__(self, asked: tuple, found: list, more: bool) -> None:
            super().__init__()
            self.asked, self.found, self.more = asked, found, more

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Back to the reader", show=False),
        Binding("ctrl+l", "next_label", "Filter by label", show=False),
        Binding("ctrl+s", "next_sort", "Sort by article or date", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("up", "cursor(-1)", show=False),
    ]
    DEFAULT_CSS = """
    TagsScreen { align: center middle; }
    TagsScreen > Vertical {
        width: 95%; max-width: 140; height: 90%; border: thick $accent; background: $surface;
    }
    TagsScreen OptionList {
        height: 1fr; border: none; text-wrap: nowrap; text-overflow: ellipsis;
    }
    TagsScreen Label { padding: 0 1; color: $text-muted; }
    TagsScreen #tags-note { height: auto; max-height: 8; padding: 0 1; }
    """

    def __init__(self, db_path: Path, labels: list[str]) -> None:
        super().__init__()
        self.db_path, self.labels = db_path, labels
        self.label: str | None = None
        self.sort = SORTS[0]
        self.found: list = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("", id="tags-heading")
            yield Input(placeholder="words of the quote or the note", id="tags-query")
            yield OptionList(id="tags-list")
            yield Static("", id="tags-note")

    def on_mount(self) -> None:
        self.reload()

    def asked(self) -> tuple:
        return (self.query_one(Input).value, self.label, self.sort)

    def reload(self) -> None:
        label = self.label or "any"
        self.query_one("#tags-heading", Label).update(Text(
            f"Tags · label: {label} (ctrl+l) · sorted by {self.sort} (ctrl+s) · enter opens"
        ))  # fmt: skip
        self.find(self.asked())

    @on(Input.Changed)
    def _changed(self) -> None:
        self.reload()

    @work(thread=True, exclusive=True, exit_on_error=False, description="Reading the tags")
    def find(self, asked: tuple) -> None:
        from newsgloss.annotations import api

        query, label, sort = asked
        found, more = [], False
        with api.connection(self.db_path) as store:
            labels = [label] if label else []
            for item in api.desk_tags(store, labels=labels, query=query, order=sort):
                if len(found) == SHOWN:
                    more = True
                    break
                found.append(item)
        self.post_message(self.Found(asked, found, more))

    @on(Found)
    def _found(self, event: Found) -> None:
        if event.asked != self.asked():
            return  # an answer to an earlier filter
        self.found = event.found
        options = self.query_one(OptionList)
        options.clear_options()
        for item in self.found:
            tag, line = item.tag, Text(no_wrap=True, overflow="ellipsis")
            line.append(f"{short_id(tag.doc_id)}  ", "dim")
            line.append(f"{tag.label:10} ", "bold")
            line.append(f"{terminal_text(item.outlet or '')}  {terminal_text(item.title)}", "dim")
            line.append("\n   " + terminal_text(" ".join(tag.quote.split())))
            options.add_option(Option(line))
        if event.more:
            options.add_option(Option(Text(f"… more than {SHOWN}: narrow the filter", "dim"),
                                      disabled=True))  # fmt: skip
        if self.found:
            options.highlighted = 0
        self._show_note()

    @on(OptionList.OptionHighlighted)
    def _show_note(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        note = Text()
        if highlighted is not None and highlighted < len(self.found):
            tag = self.found[highlighted].tag
            note.append(f"{terminal_text(tag.annotator)} · {tag.updated_at[:16]}\n", "dim")
            note.append(terminal_text(tag.note) if tag.note else "(no note)")
        self.query_one("#tags-note", Static).update(note)

    def action_next_label(self) -> None:
        order = [None, *self.labels]
        self.label = order[(order.index(self.label) + 1) % len(order)]
        self.reload()

    def action_next_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.reload()

    def action_cursor(self, delta: int) -> None:
        move_highlight(self.query_one(OptionList), delta)

    @on(Input.Submitted)
    @on(OptionList.OptionSelected)
    def _chosen(self) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None and highlighted < len(self.found):
            tag = self.found[highlighted].tag
            self.dismiss(TagChosen(tag.doc_id, tag.start))
