"""The ``i`` dialog: an article's title and what it is cited by (outlet, date, authors,
URL, language), to read and correct."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from newsgloss.corpus import Document
from newsgloss.corpus.metadata import metadata
from newsgloss.tui.cells import terminal_text
from newsgloss.tui.tags.dialogs import DIALOG_CSS

# (field, its label, what an empty field suggests); authors are typed with "; " between.
FIELDS = [
    ("title", "Title", ""),
    ("outlet", "Outlet", "who published it"),
    ("published", "Published", "YYYY-MM-DD"),
    ("authors", "Authors", "names separated by ;"),
    ("url", "URL", "https://…"),
    ("language", "Language", "en, pt-BR…"),
]


class MetadataScreen(ModalScreen[dict | None]):
    """Returns the fields changed (title and metadata, as ``api.correct_metadata`` takes
    them), or None. A value that cannot be read is said here, and the dialog stays."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", show=False),
        Binding("ctrl+s", "save", "Save", show=False),
    ]
    DEFAULT_CSS = (
        DIALOG_CSS.format(name="MetadataScreen")
        + """
    MetadataScreen Horizontal { height: 1; margin: 0 1 0 0; }
    MetadataScreen Horizontal > Label { width: 12; }
    MetadataScreen Input { width: 1fr; }
    MetadataScreen #metadata-error { color: $error; height: auto; }
    """
    )

    def __init__(self, document: Document) -> None:
        super().__init__()
        self.document = document
        meta = document.meta
        self.given = {
            "title": document.title,
            "outlet": meta.outlet or "",
            "published": meta.published or "",
            "authors": "; ".join(meta.authors),
            "url": meta.url or "",
            "language": meta.language or "",
        }

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text("Details  enter: next  ctrl+s: save  escape: cancel"))
            for name, shown, hint in FIELDS:  # a line each: it fits a 60x15 terminal
                with Horizontal():
                    yield Label(Text(shown))
                    yield Input(
                        terminal_text(self.given[name]), placeholder=hint, id=f"meta-{name}",
                        compact=True,
                    )  # fmt: skip
            yield Label("", id="metadata-error")

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_position = 0  # the start of a long title or URL in view
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        """Enter moves to the next field; on the last one it saves."""
        inputs = list(self.query(Input))
        if event.input is inputs[-1]:
            self.action_save()
        else:
            inputs[inputs.index(event.input) + 1].focus()

    def action_save(self) -> None:
        values = {name: self.query_one(f"#meta-{name}", Input).value for name, _, _ in FIELDS}
        changed = {
            name: value.strip()
            for name, value in values.items()
            if value != terminal_text(self.given[name])
        }
        if "title" in changed and not changed["title"]:
            self._problem("An article needs a title")
            return
        if "authors" in changed:
            changed["authors"] = [a.strip() for a in changed["authors"].split(";") if a.strip()]
        try:
            metadata(**{k: v for k, v in changed.items() if k != "title"})
        except ValueError as error:
            self._problem(str(error))
            return
        self.dismiss(changed)

    def _problem(self, problem: str) -> None:
        self.query_one("#metadata-error", Label).update(Text(terminal_text(problem)))
