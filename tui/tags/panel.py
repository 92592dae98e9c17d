"""The ``A`` panel: the focused document's tags, in text order, and the highlighted
tag's note in full below them.

enter jumps to a tag, j/k move, delete removes it, a label's key relabels it, escape
goes back to the article. On a narrow screen it takes the whole screen while it is open.
It only shows what the screen hands it; the screen does the store work. Only a window of
tags around the highlighted one is listed (an article may hold 100,000), WINDOW or the
panel's height and 20 more: moving past its edge moves the window.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from newsgloss.annotations.labels import DEFAULT_LABELS, Label
from newsgloss.annotations.model import Annotation
from newsgloss.tui.cells import terminal_text
from newsgloss.tui.colours import Highlighting
from newsgloss.tui.keys import PANEL_BINDINGS
from newsgloss.tui.tags.lines import tag_line


class TagsPanel(Vertical):
    BINDINGS = PANEL_BINDINGS
    DEFAULT_CSS = """
    TagsPanel {
        width: 45%; min-width: 30; max-width: 64; height: 1fr;
        border-left: solid $panel; background: $surface;
    }
    TagsPanel.-full { width: 100%; max-width: 100%; border-left: none; }
    TagsPanel > .panel-title {
        height: 1; padding: 0 1; background: $boost; text-style: bold;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    TagsPanel > OptionList {
        height: 1fr; border: none; scrollbar-gutter: stable;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    TagsPanel > .panel-note {
        height: auto; max-height: 8; padding: 0 1; border-top: solid $panel;
    }
    TagsPanel > .panel-help {
        height: 1; padding: 0 1; color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis;
    }
    """
    FULL_BELOW = 80  # columns: narrower, the panel takes the screen while it is open
    WINDOW = 40  # tags listed at least (listing costs ~0.03 ms a tag), or a screenful and 20

    class Chosen(Message):
        """enter on a tag: the app moves the cursor there."""

        def __init__(self, annotation: Annotation) -> None:
            super().__init__()
            self.annotation = annotation

    class Delete(Message):
        def __init__(self, annotation: Annotation) -> None:
            super().__init__()
            self.annotation = annotation

    class Relabel(Message):
        def __init__(self, annotation: Annotation, label: str) -> None:
            super().__init__()
            self.annotation = annotation
            self.label = label

    class Back(Message):
        """escape: the app gives the focus back to the article."""

    def __init__(self) -> None:
        super().__init__(id="tags-panel")
        self.annotations: list[Annotation] = []
        self.first = 0  # the index of the first tag listed
        self.highlighting = Highlighting()
        self.note = Static("", classes="panel-note")
        self.note.display = False
        # Made here, not queried: the labels may arrive before the panel is composed.
        self.help = Static("", classes="panel-help")
        self.set_labels(DEFAULT_LABELS)

    def compose(self) -> ComposeResult:
        yield Static("", classes="panel-title")
        yield OptionList()
        yield self.note
        yield self.help

    def set_labels(self, labels: Iterable[Label]) -> None:
        """The store's labels: their keys relabel the highlighted tag."""
        self.label_keys = {label.key: label.name for label in labels if label.key}
        keys = "/".join(self.label_keys)
        relabel = f"  {keys}: relabel" if keys else ""
        self.help.update(Text(f"enter: go  j/k: move  x: delete{relabel}"))

    def on_key(self, event: events.Key) -> None:
        label = self.label_keys.get(event.character or "")
        if label is not None and event.character == event.key:
            event.stop()
            event.prevent_default()
            self.action_relabel(label)

    def on_mount(self) -> None:
        self.fit(self.app.size.width)

    def fit(self, screen_width: int) -> None:
        """Beside the articles, or the whole screen when they would have no room left."""
        self.set_class(screen_width < self.FULL_BELOW, "-full")

    @property
    def full(self) -> bool:
        return self.has_class("-full")

    def show(self, title: str, annotations: list[Annotation], highlighting: Highlighting) -> None:
        """List ``annotations`` (in text order), keeping the highlighted one where it was."""
        at = self._index()
        self.annotations, self.highlighting = annotations, highlighting
        count = f"{len(annotations)} tag{'s' * (len(annotations) != 1)}"
        self.query_one(".panel-title", Static).update(Text(f"{count}: {terminal_text(title)}"))
        self._list_around(min(at or 0, max(0, len(annotations) - 1)))

    def _list_around(self, index: int) -> None:
        """List the window of tags around ``index`` and highlight it."""
        options = self.query_one(OptionList)
        window = max(self.WINDOW, self.size.height + 20)
        last_first = max(0, len(self.annotations) - window)
        self.first = min(max(0, index - window // 2), last_first)
        shown = self.annotations[self.first : self.first + window]
        options.clear_options()
        options.add_options(Option(tag_line(a, self.highlighting), id=a.id) for a in shown)
        if shown:
            options.highlighted = index - self.first
        self._show_note()

    def _index(self) -> int | None:
        """The highlighted tag's index in the whole list."""
        highlighted = self.query_one(OptionList).highlighted
        return None if highlighted is None else self.first + highlighted

    def highlight_from(self, offset: int) -> None:
        """Highlight the first tag that ends after ``offset`` (the one under the cursor)."""
        index = next((i for i, a in enumerate(self.annotations) if a.end > offset), None)
        if index is not None:
            self._list_around(index)

    @on(OptionList.OptionHighlighted)
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        """At the window's edge with more beyond it, the window moves on."""
        event.stop()
        shown = self.query_one(OptionList).option_count
        at_edge = event.option_index in (0, shown - 1)
        beyond = (
            self.first > 0
            if event.option_index == 0
            else self.first + shown < len(self.annotations)
        )
        if at_edge and beyond:
            self._list_around(self.first + event.option_index)
        else:
            self._show_note()

    def _show_note(self) -> None:
        annotation = self._highlighted()
        note = annotation.note if annotation is not None else ""
        self.note.update(Text(terminal_text(note)))
        self.note.display = bool(note)

    def focus_list(self) -> None:
        self.screen.set_focus(self.query_one(OptionList))

    def _highlighted(self) -> Annotation | None:
        index = self._index()
        return self.annotations[index] if index is not None and self.annotations else None

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(self.annotations[self.first + event.option_index]))

    def action_delete(self) -> None:
        annotation = self._highlighted()
        if annotation is not None:
            self.post_message(self.Delete(annotation))

    def action_relabel(self, label: str) -> None:
        annotation = self._highlighted()
        if annotation is not None and annotation.label != label:
            self.post_message(self.Relabel(annotation, label))

    def action_back(self) -> None:
        self.post_message(self.Back())

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()
