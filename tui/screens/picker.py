"""The ``o`` / ``O`` picker: stored documents, fuzzy-filtered by title, each with its source
and a mark on those already open; for ``O``, those sharing the most passages with the
current article first, once the index has answered (``suggest``)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.fuzzy import FuzzySearch
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from newsgloss.annotations import StoredDocument
from newsgloss.corpus import short_id
from newsgloss.tui.cells import terminal_text
from newsgloss.tui.widgets.options import move_highlight


def highlighted(search: FuzzySearch, query: str, title: str) -> tuple[float, Content]:
    """The fuzzy score of ``title`` for ``query`` and the title with the matched letters
    highlighted. Never markup: Textual's ``Matcher.highlight`` parses its candidate as
    Textual markup, so a title holding ``[/]`` crashed the picker, ``[@click=app.quit]``
    quit on a click, and ``[UPDATE]`` vanished with the highlights misplaced."""
    content = Content(title)
    if not query:
        return 1.0, content
    score, offsets = search.match(query, title)
    for offset in offsets:
        if not title[offset].isspace():
            content = content.stylize("reverse", offset, offset + 1)
    return score, content


class PickerScreen(ModalScreen[str | None]):
    """Returns the chosen document id, or None."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("up", "cursor(-1)", show=False),
    ]
    DEFAULT_CSS = """
    PickerScreen { align: center middle; }
    PickerScreen > Vertical {
        width: 90%; max-width: 110; height: 80%; border: thick $accent; background: $surface;
    }
    PickerScreen OptionList {
        height: 1fr; border: none; text-wrap: nowrap; text-overflow: ellipsis;
    }
    PickerScreen Label { padding: 0 1; color: $text-muted; }
    """

    def __init__(
        self, documents: list[StoredDocument], title: str, open_ids: frozenset[str] = frozenset()
    ) -> None:
        super().__init__()
        self.documents = documents
        self.heading = title
        self.open_ids = open_ids
        self.search = FuzzySearch()
        self.shared: dict[str, int] = {}  # document id: passages shared with the current one

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.heading))
            yield Input(placeholder="Type to filter by title", id="picker-filter")
            yield OptionList(id="picker-options")

    def on_mount(self) -> None:
        self.filter("")

    def suggest(self, shared: dict[str, int]) -> None:
        """Put the documents sharing passages first, most first. A highlight the user moved
        stays on its document; an untouched one goes to the new first."""
        options = self.query_one(OptionList)
        moved = options.highlighted and options.get_option_at_index(options.highlighted).id
        self.shared = shared
        self.filter(self.query_one(Input).value)
        if moved:
            options.highlighted = options.get_option_index(moved)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self.filter(event.value)

    def filter(self, query: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        scored = []
        for position, document in enumerate(self.documents):
            score, title = highlighted(self.search, query, terminal_text(document.title))
            if score > 0:
                shared = self.shared.get(document.id, 0)
                scored.append((-score, -shared, position, document, title))
        for _, shared, _, document, title in sorted(scored, key=lambda row: row[:3]):
            tags = f"  {document.annotations} tags" if document.annotations else ""
            # Before the title, which a narrow picker cuts: why this article comes first.
            shares = (f"shares {-shared}  ", "bold") if shared else ""
            shown = ("● open  ", "bold") if document.id in self.open_ids else ""
            prompt = Content.assemble(
                (short_id(document.id), "dim"), "  ", shown, shares, title, (tags, "dim"),
                ("\n" + " " * 14 + (document.source or ""), "dim italic"),
            )  # fmt: skip
            options.add_option(Option(prompt, id=document.id))
        if options.option_count:
            options.highlighted = 0

    def action_cursor(self, delta: int) -> None:
        move_highlight(self.query_one(OptionList), delta)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
