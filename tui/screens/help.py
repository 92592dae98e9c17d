"""The ``?`` help screen: every key of the reader, the tags panel and the mouse, grouped."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from newsgloss.annotations.labels import Label
from newsgloss.tui.cells import terminal_text
from newsgloss.tui.colours import Highlighting
from newsgloss.tui.keys import PALETTE

# Binding ids start with their group's key.
GROUPS = {
    "pane": "Panes",
    "move": "Move",
    "find": "Find",
    "select": "Select",
    "tag": "Annotate",
    "panel": "Tags panel (A)",
    "view": "View",
    "claims": "Claims view (C)",
    "compare": "Compare annotators (K)",
    "app": "App",
}
# Keys that are not the reader's own bindings, and the mouse.
EXTRA = [PALETTE]
MOUSE = [
    ("click", "place the cursor"),
    ("drag", "select"),
    ("wheel", "scroll (the cursor stays on screen)"),
]


def key_names(binding: Binding, app) -> str:
    return ", ".join(app.get_key_display(Binding(key, "")) for key in binding.key.split(","))


def grouped(bindings: list[Binding]) -> dict[str, list[Binding]]:
    groups: dict[str, list[Binding]] = {name: [] for name in GROUPS.values()}
    for binding in bindings:
        if binding.id and binding.description:
            groups[GROUPS.get(binding.id.split("-")[0], "App")].append(binding)
    return {name: items for name, items in groups.items() if items}


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close help", show=False)]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 100; height: 90%; border: thick $accent; background: $surface;
        padding: 0 1;
    }
    """

    def __init__(
        self, bindings: list[Binding], labels: list[Label], highlighting: Highlighting
    ) -> None:
        """``bindings`` with the keys they are bound to; ``labels``: the store's."""
        super().__init__()
        self.bindings = [*bindings, *EXTRA]
        self.labels = labels
        self.highlighting = highlighting

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text("newsgloss keys  (escape closes)", style="bold"))
            yield Static(self.label_table())
            for group, bindings in grouped(self.bindings).items():
                table = Table(title=group, title_justify="left", show_header=False, box=None)
                table.add_column("keys", style="bold", min_width=22)
                table.add_column("action")
                for binding in bindings:
                    table.add_row(Text(key_names(binding, self.app)), Text(binding.description))
                yield Static(table)
            mouse = Table(title="Mouse", title_justify="left", show_header=False, box=None)
            mouse.add_column("keys", style="bold", min_width=22)
            mouse.add_column("action")
            for what, does in MOUSE:
                mouse.add_row(Text(what), Text(does))
            yield Static(mouse)

    def label_table(self) -> Table:
        """The store's labels: each key tags the sentence or selection (and relabels in
        the tags panel)."""
        table = Table(
            title="Tag (the store's labels; newsgloss labels changes them)",
            title_justify="left",
            show_header=False,
            box=None,
        )
        table.add_column("keys", style="bold", min_width=22)
        table.add_column("action")
        highlighting = self.highlighting
        for label in self.labels:
            name = Text()
            name.append(f" {terminal_text(label.name)} ", highlighting.tag(label.name))
            if label.description:
                name.append(f"  {terminal_text(label.description)}")
            table.add_row(Text(label.key or "(no key)"), name)
        return table
