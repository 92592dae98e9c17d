"""The claims view's ``v`` dialog: the claim's verdict, a rating of the store's scale, an
explanation and evidence (URLs or stored passages, separated by spaces); the rating
chosen with enter saves it, and where there is one, "Clear the verdict" removes it."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from newsgloss.tui.cells import terminal_text

CLEAR = "Clear the verdict"


@dataclass(frozen=True)
class Rated:
    """``rating`` None: clear the verdict."""

    rating: str | None
    explanation: str = ""
    evidence: tuple[str, ...] = ()


class VerdictScreen(ModalScreen[Rated | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", show=False)]
    DEFAULT_CSS = """
    VerdictScreen { align: center middle; }
    VerdictScreen > Vertical {
        width: 80; max-width: 95%; height: auto; max-height: 90%;
        border: thick $accent; background: $surface;
    }
    VerdictScreen Label { padding: 0 1; color: $text-muted; }
    VerdictScreen OptionList { height: auto; max-height: 12; border: none; }
    """

    def __init__(self, claim: str, scale: list[str], current=None) -> None:
        super().__init__()
        self.claim, self.current = claim, current
        self.choices = [*scale, *([CLEAR] if current else [])]

    def compose(self) -> ComposeResult:
        shown = terminal_text(" ".join(self.claim.split()))[:70]
        with Vertical():
            yield Label(Text(f"Verdict on “{shown}”: explanation, evidence, then a rating"))
            yield Input(self.current.explanation if self.current else "",
                        placeholder="why (a short explanation)", id="verdict-why")  # fmt: skip
            yield Input(" ".join(self.current.evidence) if self.current else "",
                        placeholder="evidence: URLs or DOC:START-END, spaces between",
                        id="verdict-evidence")  # fmt: skip
            yield OptionList(*(Option(choice) for choice in self.choices), id="verdict-rating")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if self.current and self.current.rating in self.choices:
            options.highlighted = self.choices.index(self.current.rating)
        self.query_one("#verdict-why", Input).focus()

    @on(Input.Submitted)
    def _next(self) -> None:
        self.focus_next()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        choice = self.choices[event.option_index]
        if choice == CLEAR:
            self.dismiss(Rated(None))
            return
        why = self.query_one("#verdict-why", Input).value.strip()
        evidence = tuple(self.query_one("#verdict-evidence", Input).value.split())
        self.dismiss(Rated(choice, why, evidence))
