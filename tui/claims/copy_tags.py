"""``y`` in the claims view: which counterparts receive the claim's tags. A checklist,
the passages linked surely (``same``, or confirmed by the fact-checker) ticked, the
likely ones (``related``) not: a tag copied onto the wrong passage misleads."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, SelectionList

from newsgloss.annotations.api import SURE, Passage
from newsgloss.tui.cells import terminal_text
from newsgloss.tui.tags.dialogs import DIALOG_CSS


class CopyTagsScreen(ModalScreen[list[tuple[Passage, str]] | None]):
    """Returns the (passage, label) pairs to tag, or None."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", show=False),
        Binding("y,ctrl+s", "copy", "Copy the tags", show=False),
    ]
    DEFAULT_CSS = (
        DIALOG_CSS.format(name="CopyTagsScreen")
        + """
    CopyTagsScreen SelectionList { height: auto; max-height: 14; border: none; }
    """
    )

    def __init__(self, missing: list[tuple[Passage, str]]) -> None:
        super().__init__()
        self.missing = missing

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text("Copy the claim's tags to (space: tick, y: copy, escape: cancel)"))
            yield SelectionList[int](
                *(
                    (self._row(passage, label), index, passage.kind in SURE)
                    for index, (passage, label) in enumerate(self.missing)
                )
            )

    @staticmethod
    def _row(passage: Passage, label: str) -> Text:
        row = Text(no_wrap=True, overflow="ellipsis")
        row.append(f"{terminal_text(label)} ", "bold")
        row.append(f"({passage.kind}) ", "dim")
        row.append(terminal_text(passage.outlet or passage.title)[:30] + ": ", "italic")
        row.append(terminal_text(" ".join(passage.text.split())))
        return row

    def on_mount(self) -> None:
        choices = self.query_one(SelectionList)
        choices.highlighted = 0  # the cursor shows from the start: down goes to the second
        choices.focus()

    def action_copy(self) -> None:
        """Space ticks through a message the list handles in its turn, so a ``y`` typed
        right behind it gets here first: read the ticks after the list's turn."""
        choices = self.query_one(SelectionList)
        choices.call_later(self._copy, choices)

    def _copy(self, choices: SelectionList[int]) -> None:
        self.dismiss([self.missing[index] for index in sorted(choices.selected)])
