"""The reader screen: one to four article panes side by side, the tags panel, the legend
and the keys.

It owns the panes, the panel, their bindings and their messages; the app owns start-up,
the store, the theme and the screens. Its tagging actions (``tagging.py``), its work
across articles (``across.py``), its views of the whole corpus (``corpus_views.py``)
and its background analyses (``analyses.py``) are
parts of it kept in modules of their own, which the screen inherits: none of them
imports the screen. A full-screen view pushed over it (a dialog, the claims view)
takes the keys: the reader's cannot act behind it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input

from newsgloss.annotations.labels import DEFAULT_LABELS, Label
from newsgloss.corpus import Document, UserError
from newsgloss.corpus.analysis import PipelineInfo
from newsgloss.tui.article.pane import ArticlePane
from newsgloss.tui.article.view import ArticleView
from newsgloss.tui.colours import DISPLACY, Highlighting
from newsgloss.tui.keys import READER_BINDINGS
from newsgloss.tui.reader import session
from newsgloss.tui.reader.across import AcrossArticles
from newsgloss.tui.reader.analyses import AnalysisWork
from newsgloss.tui.reader.corpus_views import CorpusViews
from newsgloss.tui.reader.counterparts import Counterparts
from newsgloss.tui.reader.panes import MAX_PANES, Panes, arrange
from newsgloss.tui.reader.tagging import TagActions
from newsgloss.tui.tags.panel import TagsPanel
from newsgloss.tui.widgets.footer import ReaderFooter
from newsgloss.tui.widgets.legend import Legend
from newsgloss.tui.workers import WorkerFailures

if TYPE_CHECKING:
    from newsgloss.annotations.api import Store, Tagging
    from newsgloss.tui.screens.picker import Source


class ReaderScreen(TagActions, AcrossArticles, CorpusViews, AnalysisWork, WorkerFailures, Screen):
    BINDINGS = READER_BINDINGS

    def __init__(self, documents: list[Document], saved: dict | None = None) -> None:
        """``documents`` open one to a pane; ``saved``: a session to put them back as they were."""
        super().__init__()
        self.documents = documents[:MAX_PANES]
        self.saved = saved
        self.store: Store | None = None
        self.pipeline: PipelineInfo | None = None
        self.tagging: Tagging | None = None  # once the store is open
        self.waiting: list = []  # tags typed before the store opened
        self.store_error: str | None = None  # why the store could not be opened
        self.labels: list[Label] = list(DEFAULT_LABELS)
        self.highlighting = session.highlighting(saved)
        self.scroll_mode = session.scroll_mode(saved)
        self.dim_boilerplate = session.boilerplate(saved)
        self.boilerplate: dict[str, list[tuple[int, int]]] = {}  # document id: its lines
        self.counterparts = Counterparts()
        self.analysis_processes = []
        self.closing = False  # set on quit
        # Held, not queried: a query walks the whole DOM, about 0.7 ms, and every key
        # press asks for the panes.
        self.pane_row = Panes(id="panes")
        self.tags_panel: TagsPanel  # made in compose, where the app is there to draw it

    def compose(self) -> ComposeResult:
        # The body holds the panes, and the tags panel beside them when it is open.
        panes = [
            ArticlePane(document, session.position(self.saved, index, document.id))
            for index, document in enumerate(self.documents)
        ]
        arrange(panes, session.current(self.saved, len(panes)), self.app.size.width)
        with Horizontal(id="body"):
            with self.pane_row:
                yield from panes
            self.tags_panel = TagsPanel()
            self.tags_panel.display = False  # A shows it
            yield self.tags_panel
        yield Legend()
        yield ReaderFooter()

    def on_mount(self) -> None:
        self.highlighting = self._themed(self.highlighting)
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self.watch(self, "focused", self._focus_changed)
        current = session.current(self.saved, len(self.documents))
        self.views[current].focus()
        self._mark_current(self.panes[current])
        self.refresh_panes()

    # ---- the store, handed down by the app ----
    def store_ready(self, store: Store, pipeline: PipelineInfo | None, tagging: Tagging) -> None:
        self.store, self.pipeline = store, pipeline
        self.reload_labels()
        self.tagging_ready(tagging)
        for doc_id in {pane.document.id for pane in self.panes}:
            self.show_annotations(doc_id)
        self.show_boilerplate(self.panes)
        self.load_analyses(self.panes)

    def reload_labels(self) -> None:
        """The store's label set, read again: another process may have changed it."""
        labels = self.store.labels()
        if labels == self.labels:
            return  # unchanged (and already drawn with): nothing to redraw
        self.labels = labels
        self.tags_panel.set_labels(self.labels)
        self._set_highlighting(self.highlighting.with_labels(self.labels))

    @property
    def label_keys(self) -> dict[str, str]:
        """Each label's key, but a key the reader binds (a keymap changed since the label
        was given it): that key keeps doing what the reader does."""
        bound = self.app.bound_keys
        return {label.key: label.name for label in self.labels if label.key not in bound}

    def label_key(self, event: events.Key) -> None:
        """A label's key tags. Labels are the store's, so their keys are not bindings:
        the app hands each key here once it has passed the focused widget, as it would
        check a binding, so a key typed right after "/" still reaches the find bar."""
        character = event.character or ""
        if event.key != character or self._typing() or not character.isalnum():
            return
        label = self.label_keys.get(character)
        if label is None and self.store is not None and character not in self.app.bound_keys:
            self.reload_labels()  # another process may have given a new label this key
            label = self.label_keys.get(character)
        if label is not None:
            event.stop()
            event.prevent_default()
            self.tag(label)

    def _typing(self) -> bool:
        # A note's text area is in a dialog, over this screen: its keys never come here.
        return isinstance(self.focused, Input)

    # ---- panes ----
    @property
    def panes(self) -> list[ArticlePane]:
        return self.pane_row.panes

    @property
    def views(self) -> list[ArticleView]:
        return [pane.view for pane in self.panes]

    def current_pane(self) -> ArticlePane:
        """The pane holding the focus, else the last one that did (the tags panel may
        have the focus), else the first."""
        panes, focused = self.panes, self.focused
        for pane in panes:
            if focused is not None and (focused is pane or pane in focused.ancestors):
                return pane
        return next((pane for pane in panes if pane.has_class("-current")), panes[0])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A "/" queued behind the one that opened the find bar is text there (App.on_key):
        # Textual keeps a text field's printable keys from bindings, but not "slash".
        return not (action == "find" and isinstance(self.focused, Input))

    def action_pane(self, step: int) -> None:
        panes = self.panes
        target = panes[(panes.index(self.current_pane()) + step) % len(panes)]
        self._mark_current(target)  # shown first: a narrow screen hides the other panes
        self.set_focus(target.view)  # at once, so keys typed next go to that pane

    def _focus_changed(self, focused=None) -> None:
        self._mark_current(self.current_pane())
        self.refresh_panel()  # the focused document may have changed

    def _mark_current(self, current: ArticlePane) -> None:
        self.pane_row.update_mode(current)

    def action_open(self, new_pane: bool) -> None:
        if not self.ready():
            return
        from newsgloss.tui.screens.picker import PickerScreen

        title = "Open in a new pane" if new_pane else "Open in this pane"
        if new_pane and len(self.panes) >= MAX_PANES:
            # Not a refusal that leaves the keys typed next to act on the article: the
            # picker opens all the same, for this pane, and says so.
            new_pane = False
            title = f"{MAX_PANES} panes are open (ctrl+w closes one): open in this pane instead"
        open_ids = frozenset(p.document.id for p in self.panes)
        # To compare with the current article: those sharing passages first.
        related = self.current_pane().document.id if new_pane else None
        from newsgloss.annotations import api

        older = frozenset(api.replaced_ids(self.store))
        picker = PickerScreen(self.store.path, title, open_ids, related, older)
        self.app.push_screen(picker, lambda doc_id: self._open(doc_id, new_pane))

    def action_details(self) -> None:
        """The current article's title and metadata, to correct (key ``i``)."""
        if not self.ready():
            return
        from newsgloss.tui.screens.metadata import MetadataScreen

        document = self.current_pane().document
        self.app.push_screen(MetadataScreen(document), lambda c: self._correct(document.id, c))

    def _correct(self, doc_id: str, changes: dict | None) -> None:
        """Store the corrections (committed before any pane shows them), then show them in
        every pane of that article."""
        if not changes:
            return
        from newsgloss.annotations import api

        title = changes.pop("title", None)
        try:
            document = api.correct_metadata(self.store, doc_id, title, **changes)
        except UserError as error:  # a StoreError too (a locked store)
            self.notify(str(error), severity="error", markup=False)
            return
        for pane in self.panes:
            if pane.document.id == doc_id:
                pane.show_document(document)
        self.notify("Article details saved")

    class SourceStored(Message):
        """A URL or file from the picker is stored: open it (``version``: what became of
        the tags of the stored article it is a newer version of)."""

        def __init__(self, doc_id: str, new_pane: bool, version: str | None = None) -> None:
            super().__init__()
            self.doc_id, self.new_pane, self.version = doc_id, new_pane, version

    @work(thread=True, exit_on_error=False, description="Fetching the article")
    def store_source(self, source: str, new_pane: bool) -> None:
        """Fetch (or read) and store it on a connection of its own; opened by the message."""
        from newsgloss.annotations import api

        doc_id, version = api.store_source(self.store.path, source)
        self.post_message(self.SourceStored(doc_id, new_pane, version))

    async def on_reader_screen_source_stored(self, event: SourceStored) -> None:
        if event.version:
            self.notify(event.version, markup=False)
        await self._open(event.doc_id, event.new_pane)

    async def _open(
        self, doc_id: str | Source | None, new_pane: bool, at: int | None = None
    ) -> None:
        if doc_id is None or self.store is None:
            return
        from newsgloss.corpus.document import is_url
        from newsgloss.tui.screens.picker import Source

        if isinstance(doc_id, Source):  # a URL or a file typed into the picker
            verb = "Fetching" if is_url(doc_id.text) else "Reading"
            self.notify(f"{verb} {doc_id.text}…")
            self.store_source(doc_id.text, new_pane)
            return
        where = None if at is None else (at, at)
        pane = ArticlePane(self.store.document(doc_id), where)
        if new_pane:
            await self.pane_row.mount(pane)
        else:
            current = self.current_pane()
            await self.pane_row.mount(pane, after=current)
            await current.remove()  # gone before the panes are redrawn below
        self.call_after_refresh(self.panes_opened, [pane])

    def panes_opened(self, panes: list[ArticlePane]) -> None:
        self.reload_labels()  # another process may have changed them
        for pane in panes:
            pane.view.set_highlighting(self.highlighting)
            self.show_annotations(pane.document.id)
        panes[0].view.focus()
        self._focus_changed()
        self.show_boilerplate(panes)
        self.load_analyses(panes)

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

    async def action_find(self) -> None:
        await self.current_pane().open_find()

    def on_resize(self, event: events.Resize) -> None:
        self.tags_panel.fit(event.size.width)
        self.fit_panel()

    # ---- entities and colours ----
    def action_toggle_entities(self) -> None:
        self._set_highlighting(replace(self.highlighting, enabled=not self.highlighting.enabled))

    def action_labels(self) -> None:
        from newsgloss.tui.screens.entity_labels import EntityLabelsScreen

        labels = self._entity_labels() or list(DISPLACY)

        def chosen(hidden: frozenset[str] | None) -> None:
            if hidden is not None:
                self._set_highlighting(replace(self.highlighting, enabled=True, hidden=hidden))

        self.app.push_screen(EntityLabelsScreen(labels, self.highlighting), chosen)

    def _entity_labels(self) -> list[str]:
        """The entity labels of the open articles, for the legend and the label chooser."""
        return sorted(set().union(*(view.entity_labels for view in self.views)))

    def _theme_changed(self, theme) -> None:
        self._set_highlighting(self._themed(self.highlighting))

    def _themed(self, highlighting: Highlighting) -> Highlighting:
        return highlighting.themed(self.app.get_css_variables(), self.app.current_theme.dark)

    def _set_highlighting(self, highlighting: Highlighting) -> None:
        self.highlighting = highlighting
        self.refresh_panes()
        self.refresh_panel()  # its tag chips are coloured too

    def refresh_panes(self) -> None:
        for pane in self.panes:
            pane.view.set_highlighting(self.highlighting)
            pane.update_status()
        self.refresh_legend()

    def refresh_legend(self) -> None:
        self.query_one(Legend).show(
            self._entity_labels(),
            self.highlighting,
            "  ".join(filter(None, (self.scroll_notice, self.analysis_status))),
            self.scroll_mode,
            self.labels,
        )

    def session(self) -> dict:
        """What the reader would need to come back exactly as it is now."""
        panes = self.panes
        return session.capture(
            [(p.document.id, p.view.cursor, p.view.top_offset()) for p in panes],
            panes.index(self.current_pane()),
            self.app.theme,
            self.highlighting,
            self.scroll_mode,
            self.dim_boilerplate,
        )
