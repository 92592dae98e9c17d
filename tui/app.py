"""The newsgloss reader: one to four article panes side by side."""

from __future__ import annotations

import asyncio
import gc
import io
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from textual import events, on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.color import Color as ThemeColor
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Input

from newsgloss.annotations.analysis_cache import cached_analyses, missing_analyses
from newsgloss.annotations.history import History
from newsgloss.annotations.model import default_annotator
from newsgloss.corpus import Document, UserError, load_paths, printable
from newsgloss.corpus.analysis import Analysis, PipelineInfo, find_pipeline
from newsgloss.tui.article.pane import ArticlePane
from newsgloss.tui.article.view import ArticleView
from newsgloss.tui.cells import use_terminal_cell_widths
from newsgloss.tui.commands import BindingCommands
from newsgloss.tui.palette import DISPLACY, Highlighting
from newsgloss.tui.tags.actions import TAG_BINDINGS, TagActions
from newsgloss.tui.tags.panel import TagsPanel
from newsgloss.tui.widgets.footer import ReaderFooter
from newsgloss.tui.widgets.legend import Legend

if TYPE_CHECKING:  # sqlite-utils loads in the store worker, after the first frame
    from newsgloss.annotations.store import Store

MAX_PANES = 4
MIN_PANE_WIDTH = 40


class Panes(Horizontal):
    """The row of article panes. When they cannot all be MIN_PANE_WIDTH wide, only the
    current pane (the one holding the focus) is displayed."""

    def on_resize(self) -> None:
        self.update_mode()

    def update_mode(self, current: ArticlePane | None = None) -> None:
        panes = list(self.query_children(ArticlePane))
        width = self.size.width or self.app.size.width  # not laid out yet: the screen's
        if not panes or not width:
            return
        narrow = width < MIN_PANE_WIDTH * len(panes)
        current = current or next((p for p in panes if p.has_class("-current")), panes[0])
        for pane in panes:
            pane.set_class(pane is current, "-current")
            pane.display = pane is current or not narrow


class NewsglossApp(TagActions, App):
    TITLE = "newsgloss"
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses live elsewhere
    COMMANDS = App.COMMANDS | {BindingCommands}
    BINDINGS = [
        Binding("o", "open(False)", "Open", id="pane-open"),
        Binding("O", "open(True)", "Open in new pane", show=False, id="pane-open-new"),
        Binding("ctrl+w", "close_pane", "Close pane", show=False, id="pane-close"),
        Binding("S", "sync", "Scroll panes together", show=False, id="pane-sync"),
        Binding("slash", "find", "Find", show=False, id="find-open"),
        Binding("t", "toggle_entities", "Entities on/off", show=False, id="view-entities"),
        Binding("f", "labels", "Choose entity labels", show=False, id="view-labels"),
        *TAG_BINDINGS,
        Binding("question_mark", "help", "Help", id="app-help"),
        Binding("q", "quit", "Quit", id="app-quit"),
    ]

    def __init__(
        self,
        documents: list[Document],
        *,
        db_path: Path,
        model: str,
        open_count: int = 2,
        errors: list[str] | None = None,
        unread: list[Path] | None = None,
        annotator: str | None = None,
        announce_unopened: bool = False,
    ) -> None:
        """``unread`` files are loaded and stored after the first frame; their errors
        join ``load_errors``. ``announce_unopened``: the user named the documents, so say
        when some were stored but not opened."""
        use_terminal_cell_widths()  # before anything is measured or drawn
        super().__init__()
        # A crash's traceback goes here, not to the terminal: the command line writes it
        # to a log and prints one line (crash_report).
        self.error_console = Console(
            file=io.StringIO(), width=100, markup=False, highlight=False, color_system=None
        )
        self.documents = documents
        self.unread = unread or []
        self.db_path = db_path
        self.model = model
        self.open_count = max(1, min(open_count, MAX_PANES))
        self.load_errors = errors or []
        self.annotator = annotator or default_annotator()
        self.announce_unopened = announce_unopened
        self.store: Store | None = None
        self.history: History | None = None
        self.pipeline: PipelineInfo | None = None
        self.highlighting = Highlighting()
        self.sync_scroll = False
        self.analysis_status = ""
        self._analysis_process: asyncio.subprocess.Process | None = None
        # Held, not queried: a query walks the whole DOM, about 0.7 ms, and every key
        # press asks for the panes.
        self.pane_row = Panes(id="panes")
        self.tags_panel: TagsPanel | None = None  # mounted hidden after the first frame

    def compose(self) -> ComposeResult:
        # The body holds the panes, and the tags panel beside them when it is open.
        with Horizontal(id="body"), self.pane_row:
            for document in self.documents[: self.open_count]:
                yield ArticlePane(document)
        yield Legend()
        yield ReaderFooter()

    def on_mount(self) -> None:
        self.highlighting = self._themed(Highlighting(), self.current_theme)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.watch(self.screen, "focused", self._focus_changed)
        self.views[0].focus()
        for error in self.load_errors:
            self._notify_load_error(error)
        self._focus_changed()
        self._refresh_legend()
        self.call_after_refresh(self.open_store)  # its imports would hold up the first frame
        self.call_after_refresh(self._tags_panel)  # mounted hidden: A then only shows it

    @property
    def crash_report(self) -> str:
        """What Textual wrote about an unexpected error (a traceback), or ""."""
        return self.error_console.file.getvalue()

    def notify(self, message: str, *, title: str = "", markup: bool = False, **kwargs) -> None:
        """Every notification passes the one sanitiser and is never read as markup: file
        names, titles and passages in messages may hold escapes or bidi controls."""
        super().notify(printable(message), title=printable(title), markup=False, **kwargs)

    # ---- panes ----
    @property
    def panes(self) -> list[ArticlePane]:
        return list(self.pane_row.query_children(ArticlePane))

    @property
    def views(self) -> list[ArticleView]:
        return [pane.view for pane in self.panes]

    def current_pane(self) -> ArticlePane:
        """The pane holding the focus, else the last one that did (the tags panel may
        have the focus), else the first."""
        panes = self.panes
        focused = self.focused
        for pane in panes:
            if focused is not None and (focused is pane or pane in focused.ancestors):
                return pane
        return next((pane for pane in panes if pane.has_class("-current")), panes[0])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A dialog takes the keys: the reader's own keys (but quit and help) must not act
        behind it. Textual's own app actions, such as focus_next for tab, still do."""
        if isinstance(self.screen, ModalScreen):
            return action not in READER_ACTIONS
        # A "/" queued for the article behind the one that opened the find bar reaches
        # the bindings once the bar has the focus: there it is text (see on_key). Textual
        # keeps a text field's printable keys from the bindings, but finds no character
        # for the key named "slash" (textual.keys.key_to_character), so it misses this one.
        return not (action == "find" and isinstance(self.focused, Input))

    def on_key(self, event: events.Key) -> None:
        """Textual hands each key to the widget focused when it arrives, so the query
        typed right after "/" queues behind it for the article, and reaches the app once
        the find bar has the focus. A text field stops the keys it takes, so a printable
        key that gets here while one has the focus was meant for it: type it there."""
        if isinstance(self.focused, Input) and event.is_printable:
            self.focused.insert_text_at_cursor(event.character)

    def action_pane(self, step: int) -> None:
        panes = self.panes
        target = panes[(panes.index(self.current_pane()) + step) % len(panes)]
        self._mark_current(target)  # shown first: a narrow screen hides the other panes
        self.screen.set_focus(target.view)  # at once, so keys typed next go to that pane

    def _focus_changed(self, focused=None) -> None:
        self._mark_current(self.current_pane())
        self._refresh_panel()  # the focused document may have changed

    def _mark_current(self, current: ArticlePane) -> None:
        self.pane_row.update_mode(current)

    def action_open(self, new_pane: bool) -> None:
        if not self._store_is_open():
            return
        from newsgloss.tui.screens.picker import PickerScreen

        title = "Open in a new pane" if new_pane else "Open in this pane"
        if new_pane and len(self.panes) >= MAX_PANES:
            # Not a refusal that leaves the keys typed next to act on the article: the
            # picker opens all the same, for this pane, and says so.
            new_pane = False
            title = f"{MAX_PANES} panes are open (ctrl+w closes one): open in this pane instead"
        self.push_screen(
            PickerScreen(
                self.store.documents(), title, frozenset(p.document.id for p in self.panes)
            ),
            lambda doc_id: self._open(doc_id, new_pane),
        )

    def _open(self, doc_id: str | None, new_pane: bool) -> None:
        if doc_id is None or self.store is None:
            return
        document = self.store.document(doc_id)
        pane = ArticlePane(document)
        container = self.pane_row
        if new_pane:
            container.mount(pane)
        else:
            current = self.current_pane()
            container.mount(pane, after=current)
            current.remove()
        self.call_after_refresh(self._pane_opened, pane)

    def _pane_opened(self, pane: ArticlePane) -> None:
        pane.view.set_highlighting(self.highlighting)
        self.show_annotations(pane.document.id)
        pane.view.focus()
        self._focus_changed()
        self.load_analyses([pane])

    def action_close_pane(self) -> None:
        panes = self.panes
        if len(panes) == 1:
            self.notify("The last pane stays open (q quits)", severity="warning")
            return
        current = self.current_pane()
        neighbour = panes[panes.index(current) - 1] if panes.index(current) else panes[1]
        current.remove()
        neighbour.view.focus()
        self.call_after_refresh(self._focus_changed)

    def action_sync(self) -> None:
        self.sync_scroll = not self.sync_scroll
        self.notify("Panes scroll together" if self.sync_scroll else "Panes scroll apart")
        self._refresh_legend()

    @on(ArticleView.Scrolled)
    def _scrolled(self, event: ArticleView.Scrolled) -> None:
        if self.sync_scroll:
            for view in self.views:
                if view is not event.view:
                    view.scroll_to_fraction(event.fraction)

    async def action_find(self) -> None:
        await self.current_pane().open_find()

    # ---- entities ----
    def action_toggle_entities(self) -> None:
        self._set_highlighting(replace(self.highlighting, enabled=not self.highlighting.enabled))

    def action_labels(self) -> None:
        from newsgloss.tui.screens.labels import LabelsScreen

        labels = self._entity_labels() or list(DISPLACY)

        def chosen(hidden: frozenset[str] | None) -> None:
            if hidden is not None:
                self._set_highlighting(replace(self.highlighting, enabled=True, hidden=hidden))

        self.push_screen(LabelsScreen(labels, self.highlighting), chosen)

    def _entity_labels(self) -> list[str]:
        """The entity labels of the open articles, for the legend and the label chooser."""
        return sorted(set().union(*(view.entity_labels for view in self.views)))

    def _theme_changed(self, theme) -> None:
        self._set_highlighting(self._themed(self.highlighting, theme))

    def _themed(self, highlighting: Highlighting, theme) -> Highlighting:
        """Entity and tag colours for ``theme``: tags blend into its surface colour."""
        variables = self.get_css_variables()
        # A surface may be translucent: it is seen over the background.
        background = ThemeColor.parse(variables.get("background", "#000000"))
        surface = background + ThemeColor.parse(variables.get("surface", highlighting.surface))
        return replace(highlighting, dark=theme.dark, surface=surface.hex)

    def _set_highlighting(self, highlighting: Highlighting) -> None:
        self.highlighting = highlighting
        for pane in self.panes:
            pane.view.set_highlighting(highlighting)
            pane.update_status()
        self._refresh_legend()
        self._refresh_panel()  # its tag chips are coloured too

    def _refresh_legend(self) -> None:
        self.query_one(Legend).show(
            self._entity_labels(), self.highlighting, self.analysis_status, self.sync_scroll
        )

    # ---- the store and the analysis ----
    @work(thread=True, exclusive=True, group="store")
    def open_store(self) -> None:
        """Off the first frame: load the unread files, open the store, save the
        documents, read cached analyses."""
        from newsgloss.annotations.store import Store

        later = load_paths(self.unread)
        for error in later.errors:
            self.call_from_thread(self._load_failed, error)
        try:
            store = Store.open(self.db_path)
            every = list({d.id: d for d in [*self.documents, *later.documents]}.values())
            store.add_documents(every)
        except UserError as error:
            self.call_from_thread(
                self.notify, str(error), severity="error", markup=False, timeout=15
            )
            return
        try:
            pipeline = find_pipeline(self.model)
        except UserError as error:
            pipeline = None
            self.call_from_thread(
                self.notify, str(error), severity="warning", markup=False, timeout=10
            )
        self.call_from_thread(self._store_ready, store, pipeline)
        if self.announce_unopened and len(every) > self.open_count:
            shown, rest = self.open_count, len(every) - self.open_count
            self.call_from_thread(
                self.notify,
                f"{len(every)} documents: {shown} open, the other {rest} stored, not opened "
                "(o opens one)",
                timeout=10,
            )

    def _load_failed(self, error: str) -> None:
        self.load_errors.append(error)
        self._notify_load_error(error)

    def _notify_load_error(self, error: str) -> None:
        self.notify(error, title="Not opened", severity="error", timeout=10)

    def _store_ready(self, store: Store, pipeline: PipelineInfo | None) -> None:
        self.store = store
        self.history = History(store)
        self.pipeline = pipeline
        for doc_id in {pane.document.id for pane in self.panes}:
            self.show_annotations(doc_id)
        self.load_analyses(self.panes)

    def load_analyses(self, panes: list[ArticlePane]) -> None:
        if self.store is not None and self.pipeline is not None:
            self.read_analyses(panes, self.pipeline)

    @work(thread=True, group="cache")
    def read_analyses(self, panes: list[ArticlePane], pipeline: PipelineInfo) -> None:
        """Read cached analyses off the UI thread (a big article's decode takes a while),
        on a connection of its own; start the analysis of the documents the cache lacks."""
        from newsgloss.annotations.store import Store

        ids = [pane.document.id for pane in panes]
        with Store.open(self.db_path) as store:
            cached = cached_analyses(store, pipeline, ids)
            missing = missing_analyses(store, pipeline, ids)
        self.call_from_thread(self._show_analyses, panes, cached, missing)

    def _show_analyses(
        self, panes: list[ArticlePane], cached: dict[str, Analysis], missing: list[str]
    ) -> None:
        for pane in panes:
            if pane.document.id in cached:
                pane.view.set_analysis(cached[pane.document.id])
            pane.analysing = pane.document.id in missing
            pane.update_status()
        # Analyses live as long as their panes: without this, every full pass of the
        # cyclic GC rescans their entities (about 0.2 s for four 5 MB articles, a stall
        # at whatever key press set it off). Refcounting still frees a closed pane's.
        gc.freeze()
        self._refresh_legend()
        if missing:
            self.analyse(missing)

    @work(group="analysis")
    async def analyse(self, doc_ids: list[str]) -> None:
        """Analyse in a subprocess (``newsgloss analyze``): spaCy never competes with the UI."""
        command = [
            sys.executable,
            "-m",
            "newsgloss.tui.cli",
            "--db",
            str(self.db_path),
            "--model",
            self.model,
        ]
        process = await asyncio.create_subprocess_exec(
            *command, "analyze", "--progress", "jsonl", *doc_ids,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        last_line = ""
        self.analysis_status = f"Loading the entity model for {len(doc_ids)} documents…"
        self._refresh_legend()
        self._analysis_process = process
        async for raw in process.stderr:
            last_line = raw.decode("utf-8", "replace").strip()
            progress = analysis_progress_record(last_line)
            if progress:
                self.analysis_status = (
                    f"Analysing entities {progress['done']}/{progress['total']}, "
                    f"{progress['words_per_second']:,} words/s…"
                )
                self._refresh_legend()
        await process.wait()
        if not self.is_running:
            return
        self.analysis_status = ""
        waiting = [pane for pane in self.panes if pane.document.id in doc_ids]
        for pane in waiting:
            pane.analysing = False
        if process.returncode:
            self.notify(
                last_line.removeprefix("Error: "), severity="warning", markup=False, timeout=10
            )
            self._refresh_legend()
            for pane in waiting:
                pane.update_status()
            return
        self.load_analyses(waiting)

    def action_help(self) -> None:
        from newsgloss.tui.screens.help import HelpScreen
        from newsgloss.tui.tags.panel import TagsPanel

        self.push_screen(HelpScreen([*self.BINDINGS, *ArticleView.BINDINGS, *TagsPanel.BINDINGS]))

    async def on_unmount(self) -> None:
        process = self._analysis_process
        if process is not None and process.returncode is None:
            process.kill()  # the reader is closing; finished batches are already saved
            await process.wait()
        if self.store is not None:
            self.store.close()


def analysis_progress_record(line: str) -> dict | None:
    """A progress record of ``analyze --progress jsonl``, or None for any other line."""
    try:
        record = json.loads(line)
    except ValueError:
        return None
    wanted = ("done", "total", "words_per_second")
    if isinstance(record, dict) and all(isinstance(record.get(k), int) for k in wanted):
        return record
    return None


# What check_action holds back while a dialog is open.
READER_ACTIONS = {binding.action.split("(")[0] for binding in NewsglossApp.BINDINGS} - {
    "quit",
    "help",
}
