"""The ``R`` dialog: correct the entity under the cursor (another label, or not an entity)
or make the selection one, here only or everywhere its text appears (``tab``); where a
correction already decides it, the model's own entity can be had back."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from newsgloss.tui.cells import terminal_text

# spaCy's English labels (OntoNotes), the names first.
LABELS = (
    "PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW",
    "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
)  # fmt: skip
NOT_AN_ENTITY = "Not an entity"
AS_THE_MODEL = "As the model has it (forget the correction)"


@dataclass(frozen=True)
class Correction:
    """``label`` None: not an entity; ``forget``: back to the model's own."""

    label: str | None
    everywhere: bool
    forget: bool = False


class CorrectionScreen(ModalScreen[Correction | None]):
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", show=False),
        Binding("tab", "scope", "Here only or everywhere", show=False),
    ]
    DEFAULT_CSS = """
    CorrectionScreen { align: center middle; }
    CorrectionScreen > Vertical {
        width: 60; max-width: 95%; height: auto; max-height: 90%;
        border: thick $accent; background: $surface;
    }
    CorrectionScreen Label { padding: 0 1; }
    CorrectionScreen #correction-scope { color: $text-muted; }
    CorrectionScreen OptionList { height: auto; max-height: 22; border: none; }
    """

    def __init__(
        self, text: str, label: str | None, corrected: bool, known: frozenset[str] = frozenset()
    ) -> None:
        super().__init__()
        self.text, self.label, self.corrected = text, label, corrected
        self.everywhere = True
        self.choices = [*LABELS, *sorted(known - set(LABELS))]
        if label is not None:
            self.choices.remove(label)
            self.choices.append(NOT_AN_ENTITY)
        if corrected:
            self.choices.append(AS_THE_MODEL)

    def compose(self) -> ComposeResult:
        shown = terminal_text(" ".join(self.text.split()))[:40]
        what = f"{shown!r} is {self.label}: correct it to" if self.label else (
            f"Make {shown!r} an entity:")  # fmt: skip
        with Vertical():
            yield Label(Text(what))
            yield Label("", id="correction-scope")
            yield OptionList(*(Option(choice) for choice in self.choices))

    def on_mount(self) -> None:
        self._show_scope()

    def _show_scope(self) -> None:
        scope = ("everywhere this text appears (tab: here only)" if self.everywhere
                 else "here only (tab: everywhere this text appears)")  # fmt: skip
        self.query_one("#correction-scope", Label).update(Text(scope))

    def action_scope(self) -> None:
        self.everywhere = not self.everywhere
        self._show_scope()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        choice = self.choices[event.option_index]
        if choice == AS_THE_MODEL:
            self.dismiss(Correction(None, self.everywhere, forget=True))
        else:
            label = None if choice == NOT_AN_ENTITY else choice
            self.dismiss(Correction(label, self.everywhere))
