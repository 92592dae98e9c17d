"""The newsgloss reader (a plain document list until the reader issue lands)."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, OptionList

from corpus import Document


class NewsglossApp(App):
    TITLE = "newsgloss"
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, documents: list[Document]) -> None:
        super().__init__()
        self.documents = documents

    def compose(self) -> ComposeResult:
        yield Header()
        yield OptionList(*(Text(document.title) for document in self.documents))
        yield Footer()
