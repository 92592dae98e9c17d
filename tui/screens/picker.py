"""The ``o`` / ``O`` picker: stored documents, fuzzy-filtered by title, outlet, date, source
or id, each with its date, outlet and source and a mark on those already open; for
``O``, those sharing the most passages with the current article first, once the index
has answered (``suggest``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from newsgloss.annotations.model import StoredDocument
from newsgloss.corpus import short_id
from newsgloss.corpus.document import is_url
from newsgloss.tui.cells import terminal_text
from newsgloss.tui.matching import Catalogue, highlighted, match
from newsgloss.tui.widgets.options import move_highlight
from newsgloss.tui.workers import WorkerFailures

SHOWN = 60  # documents listed at once: the others wait for a narrower query
INDENT = " " * 14  # the source under the title, past the short id


@dataclass(frozen=True)
class Source:
    """A URL or a file typed or pasted into the picker: the reader fetches or reads it."""

    text: str


class PickerScreen(WorkerFailures, ModalScreen[str | Source | None]):
    """Returns the chosen document id, a ``Source`` (a URL or an existing file typed in),
    or None. Lists the stored documents in a worker (a second at 100,000 articles: the
    picker is on screen at once, and typing waits for nothing). Given ``related`` (a
    document), it asks the candidate index for the articles sharing passages with it, in
    a worker of its own. Both close with the picker."""

    class Listed(Message):
        """The stored documents, their rows as the filter reads them, and its catalogue."""

        def __init__(self, documents: list[StoredDocument], rows: list, catalogue) -> None:
            super().__init__()
            self.documents, self.rows, self.catalogue = documents, rows, catalogue

    class Related(Message):
        """The documents sharing passages with the current one, and how many."""

        def __init__(self, shared: dict[str, int]) -> None:
            super().__init__()
            self.shared = shared

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
        self,
        db_path: Path,
        title: str,
        open_ids: frozenset[str] = frozenset(),
        related: str | None = None,
        older: frozenset[str] = frozenset(),
    ) -> None:
        """``older``: versions a newer one replaced, marked as such (still readable)."""
        super().__init__()
        self.db_path = db_path
        self.older = older
        self.documents: list[StoredDocument] = []
        self.rows: list = []
        self.catalogue: Catalogue | None = None  # once listed
        self.positions: dict[str, int] = {}
        self.related = related
        self.heading = title
        self.open_ids = open_ids
        self.shared: dict[str, int] = {}  # document id: passages shared with the current one

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(self.heading))
            yield Input(placeholder="Filter: title, outlet, date, source or id", id="picker-filter")
            yield OptionList(id="picker-options")

    def on_mount(self) -> None:
        self.filter("")
        self.list_documents()
        if self.related is not None:
            self.find_related(self.related)

    @work(thread=True, group="listing", exit_on_error=False, description="Listing articles")
    def list_documents(self) -> None:
        """On a connection of its own: the documents, and the catalogue every key typed
        searches (made once)."""
        from newsgloss.annotations import api

        with api.connection(self.db_path) as store:
            documents = store.documents()
        rows = [
            (d.title, d.source or "", short_id(d.id), d.meta.published or "", d.meta.outlet or "")
            for d in documents
        ]
        self.post_message(self.Listed(documents, rows, Catalogue(rows)))

    @on(Listed)
    def _listed(self, event: Listed) -> None:
        self.documents, self.rows, self.catalogue = event.documents, event.rows, event.catalogue
        self.positions = {d.id: p for p, d in enumerate(self.documents)}
        self.filter(self.query_one(Input).value)

    @work(thread=True, group="related", exit_on_error=False, description="Finding related articles")
    def find_related(self, doc_id: str) -> None:
        """On a connection of its own; the first call indexes what the index lacks."""
        from newsgloss.annotations import api

        with api.connection(self.db_path) as store:
            self.post_message(self.Related(dict(api.similar_documents(store, doc_id))))

    @on(Related)
    def suggest(self, event: Related) -> None:
        """Put the documents sharing passages first, most first. A highlight the user moved
        stays on its document; an untouched one goes to the new first."""
        options = self.query_one(OptionList)
        moved = options.highlighted and options.get_option_at_index(options.highlighted).id
        self.shared = event.shared
        self.filter(self.query_one(Input).value)
        if moved:
            options.highlighted = options.get_option_index(moved)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self.filter(event.value)

    def filter(self, query: str) -> None:
        """List the documents whose title, source, id, date or outlet matches ``query``, best
        first; at most SHOWN of them, so that a key is answered at once over thousands."""
        shared = {self.positions[i]: n for i, n in self.shared.items() if i in self.positions}
        best, total = self.catalogue.ranked(query, shared, SHOWN) if self.catalogue else ([], 0)
        options = self.query_one(OptionList)
        options.clear_options()
        source = source_in(query)
        if source is not None:  # first: what was typed is what is wanted
            what = "Fetch and open" if is_url(source) else "Read and open"
            shown = terminal_text(source)  # typed or pasted: escapes and controls made visible
            options.add_option(Option(Content.assemble((f"{what} ", "bold"), shown), id=FETCH))
        options.add_options(self._option(query, p, shared.get(p, 0)) for p in best)
        if self.catalogue is None:
            options.add_option(Option(Content.styled("Listing the stored articles…", "dim"),
                                      disabled=True))  # fmt: skip
        if total is None or total > SHOWN:
            more = "more" if total is None else f"{total - SHOWN:,} more"
            more = Content.styled(f"… and {more}: type to narrow", "dim")
            options.add_option(Option(more, disabled=True))
        if best or source is not None:
            options.highlighted = 0

    def _option(self, query: str, position: int, shared: int) -> Option:
        document = self.documents[position]
        found = (match(query, text) for text in self.rows[position])
        title, source, _, published, outlet = (f[1] if f is not None else [] for f in found)
        tags = f"  {document.annotations} tags" if document.annotations else ""
        # Before the title, which a narrow picker cuts: why this article comes first.
        shares = (f"shares {shared}  ", "bold") if shared else ""
        shown = ("● open  ", "bold") if document.id in self.open_ids else ""
        older = ("older version  ", "italic") if document.id in self.older else ""
        prompt = Content.assemble(
            (short_id(document.id), "dim"), "  ", shown, older, shares,
            highlighted(document.title, title), (tags, "dim"), "\n", INDENT,
            second_line(
                (document.meta.published, published, ""), (document.meta.outlet, outlet, "bold"),
                (document.source, source, "dim italic"),
            ),
        )  # fmt: skip
        return Option(prompt, id=document.id)

    def action_cursor(self, delta: int) -> None:
        move_highlight(self.query_one(OptionList), delta)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self._choose(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id)

    def _choose(self, option_id: str | None) -> None:
        if option_id == FETCH:
            self.dismiss(Source(source_in(self.query_one(Input).value) or ""))
        else:
            self.dismiss(option_id)


def second_line(*parts: tuple[str | None, list[int], str]) -> Content:
    """Date, outlet and source under a title: each part shown (text, matched offsets,
    style) with two spaces between, the unknown ones left out."""
    shown = [highlighted(text, found).stylize(style) for text, found, style in parts if text]
    return Content("  ").join(shown).stylize("dim") if shown else Content("")


FETCH = "fetch:"  # the option id of "Fetch and open" (a document id starts with sha256:)


def source_in(query: str) -> str | None:
    """``query`` if it is an http(s) URL or names an existing file, else None."""
    query = query.strip()
    if is_url(query):
        return query
    if query and ("/" in query or query.startswith("~")):
        try:
            if Path(query).expanduser().is_file():
                return query
        except OSError:
            return None
    return None
