"""The ``f`` chooser: which entity labels are highlighted."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, SelectionList

from newsgloss.tui.colours import Highlighting


class EntityLabelsScreen(ModalScreen[frozenset[str]]):
    """Returns the labels to hide."""

    BINDINGS = [
        Binding("escape,f", "done", "Done", show=False),
    ]
    DEFAULT_CSS = """
    EntityLabelsScreen { align: center middle; }
    EntityLabelsScreen > Vertical {
        width: 44; height: auto; max-height: 90%; border: thick $accent; background: $surface;
    }
    EntityLabelsScreen Label { padding: 0 1; color: $text-muted; }
    EntityLabelsScreen SelectionList { height: auto; max-height: 24; border: none; }
    """

    def __init__(self, labels: list[str], highlighting: Highlighting) -> None:
        super().__init__()
        self.labels = labels
        self.highlighting = highlighting

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text("Entities shown (space: on/off, escape: done)"))
            yield SelectionList[str](
                *(
                    (
                        Text(label, style=self.highlighting.style(label)),
                        label,
                        label not in self.highlighting.hidden,
                    )
                    for label in self.labels
                )
            )

    def action_done(self) -> None:
        shown = set(self.query_one(SelectionList).selected)
        self.dismiss(frozenset(label for label in self.labels if label not in shown))
