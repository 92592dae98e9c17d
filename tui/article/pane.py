"""ArticlePane: a header (title; outlet, date, authors and source), the ArticleView, a
find bar and a status line."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from newsgloss.corpus import Document
from newsgloss.tui.article.view import ArticleView
from newsgloss.tui.cells import terminal_text
from newsgloss.tui.tags.lines import shortened


class FindBar(Input):
    """The ``/`` prompt; enter searches, escape closes."""

    BINDINGS = [Binding("escape", "close", "Close find", show=False)]

    def action_close(self) -> None:
        self.display = False
        self.parent.query_one(ArticleView).focus()


class ArticlePane(Vertical):
    DEFAULT_CSS = """
    ArticlePane { width: 1fr; height: 1fr; border: round $panel; }
    /* The current pane, not :focus-within: that restyles a pane at every focus move. */
    ArticlePane.-current { border: round $accent; }
    ArticlePane > .pane-title, ArticlePane > .pane-source {
        height: 1; padding: 0 1; background: $boost; text-wrap: nowrap; text-overflow: ellipsis;
    }
    ArticlePane > .pane-title { text-style: bold; }
    ArticlePane > .pane-source { color: $text-muted; }
    /* No left padding: the view draws its gutter there. */
    ArticlePane > ArticleView { height: 1fr; padding: 0 1 0 0; }
    ArticlePane > FindBar { display: none; height: 3; }
    ArticlePane > .pane-status { height: 1; padding: 0 1; background: $boost; color: $text-muted; }
    """

    def __init__(self, document: Document, position: tuple[int, int] | None = None) -> None:
        """``position``: a saved (cursor, first visible character) to come back to."""
        super().__init__()
        self.document = document
        self.analysing = False
        # Made here, not queried: a pane being mounted has no children yet, and the
        # reader asks every pane for its view.
        self.view = ArticleView(document)
        if position is not None:
            self.view.restore_position(*position)

    def on_unmount(self) -> None:
        self.refresh()  # drops the lines it drew: see ArticleCanvas.on_unmount

    def compose(self) -> ComposeResult:
        yield Static(Text(terminal_text(self.document.title)), classes="pane-title")
        yield Static(self.byline(), classes="pane-source")
        yield self.view
        yield Static("", classes="pane-status")

    def byline(self) -> Text:
        """Outlet and date first (a narrow pane cuts the end), then authors and where the
        text came from."""
        document, meta = self.document, self.document.meta
        byline = Text(end="")
        if meta.byline:
            byline.append(terminal_text(meta.byline), style="bold")
        parts = [f"by {', '.join(meta.authors)}"] if meta.authors else []
        parts.append(meta.url or document.source or "")
        for part in filter(None, parts):
            byline.append(("  " if byline else "") + terminal_text(part))
        return byline

    def show_document(self, document: Document) -> None:
        """The same text with a corrected title or metadata (the ``i`` dialog)."""
        self.document = self.view.document = document
        self.query_one(".pane-title", Static).update(Text(terminal_text(document.title)))
        self.query_one(".pane-source", Static).update(self.byline())

    async def open_find(self) -> None:
        """The find bar is mounted on first use, which keeps it off the first frame."""
        bars = self.query(FindBar)
        if bars:
            bar = bars.first()
        else:
            bar = FindBar(placeholder="Find (enter; escape closes)")
            await self.mount(bar, before=self.query_one(".pane-status"))
        bar.value = ""  # a new query, as in less and vim
        bar.display = True
        self.screen.set_focus(bar)  # at once: the query typed right after "/" must land here

    @on(Input.Submitted)
    def _find(self, event: Input.Submitted) -> None:
        event.stop()
        bar = self.query_one(FindBar)
        bar.display = False
        self.view.focus()
        query = event.value
        if query and not self.view.find(query):
            self.notify(f"Not found: {query}", severity="warning", markup=False)

    @on(ArticleView.Changed)
    def update_status(self, event: ArticleView.Changed | None = None) -> None:
        self.query_one(".pane-status", Static).update(self.status_text())

    def status_text(self) -> Text:
        view = self.view
        text_length = max(1, len(view.text))
        status = Text(no_wrap=True, overflow="ellipsis", end="")
        status.append(f"{round(100 * view.cursor / text_length)}%")
        # What the outlets disagree on first: a narrow pane cuts the end of the line.
        for difference in view.counterpart_differences:
            status.append(f"  {terminal_text(difference)}", style="bold")
        status.append(f"  {view.cursor}/{len(view.text)}")
        selection = view.selection_range()
        if view.anchor is not None:
            size = selection[1] - selection[0] if selection else 0
            status.append(f"  selecting {size}", style="bold")
        for annotation in view.annotations_at(view.cursor):
            status.append("  ")
            label = terminal_text(annotation.label)
            status.append(f" {label} ", view.highlighting.tag(annotation.label))
            if annotation.note:
                status.append(" ✎", style="italic")
            placed, was = view.anchoring.get(annotation.id, ("", ""))
            if placed == "moved":
                status.append(" moved", style="bold italic")
            elif placed == "changed":
                shown = terminal_text(" ".join(was.split()))
                status.append(f" text changed, was “{shortened(shown, 40)}”", style="bold italic")
        if view.matches:
            number, count = view.matches.number_at(view.cursor), len(view.matches)
            status.append(
                f"  match {number} of {count}" if number else f"  {count} match{'es' * (count > 1)}"
            )
        if view.counterpart_count is not None:
            count = view.counterpart_count
            status.append(
                f"  {count} counterpart{'s' * (count != 1)}" if count else "  no counterpart"
            )
        entity = view.entity_at(view.cursor)
        if entity:
            status.append("  ")
            status.append(
                f" {entity.label} ",
                style=view.highlighting.style(entity.label) + Style(reverse=True),
            )
            status.append(f" {terminal_text(entity.text)}")
        elif self.analysing:
            status.append("  analysing entities…", style="italic")
        return status
