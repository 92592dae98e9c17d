"""The reader screen: one to four article panes side by side, the legend and the keys.

It owns the panes, their bindings and their messages; the app owns start-up, the
store, the theme and the screens. A full-screen view pushed over it (a dialog, a
future claims list) takes the keys: the reader's cannot act behind it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Input

from newsgloss.annotations.labels import DEFAULT_LABELS, Label
from newsgloss.corpus import Document
from newsgloss.corpus.analysis import PipelineInfo
from newsgloss.tui.article.pane import ArticlePane
from newsgloss.tui.article.view import ArticleView
from newsgloss.tui.keys import READER_BINDINGS
from newsgloss.tui.palette import DISPLACY, Highlighting
from newsgloss.tui.reader import counterparts, session
from newsgloss.tui.reader.analyses import Analyses
from newsgloss.tui.reader.boilerplate import Boilerplate
from newsgloss.tui.reader.counterparts import Counterparts
from newsgloss.tui.reader.panes import MAX_PANES, Panes
from newsgloss.tui.tags.commands import TagCommands
from newsgloss.tui.tags.panel import TagsPanel
from newsgloss.tui.widgets.footer import ReaderFooter
from newsgloss.tui.widgets.legend import Legend

if TYPE_CHECKING:
    from newsgloss.annotations.store import Store


class ReaderScreen(Screen):
    BINDINGS = READER_BINDINGS

    def __init__(self, documents: list[Document], saved: dict | None = None) -> None:
        """``documents`` open one to a pane; ``saved``: a session to put them back as they were."""
        super().__init__()
        self.documents = documents[:MAX_PANES]
        self.saved = saved
        self.store: Store | None = None
        self.pipeline: PipelineInfo | None = None
        self.labels: list[Label] = list(DEFAULT_LABELS)
        self.highlighting = session.highlighting(saved)
        self.scroll_mode = session.scroll_mode(saved)
        self.analyses = Analyses(self)
        self.boilerplate = Boilerplate(self, session.boilerplate(saved))
        self.tags = TagCommands(self)
        self.counterparts = Counterparts()
        self.closing = False  # set on quit
        # Held, not queried: a query walks the whole DOM, about 0.7 ms, and every key
        # press asks for the panes.
        self.pane_row = Panes(id="panes")

    def compose(self) -> ComposeResult:
        # The body holds the panes, and the tags panel beside them when it is open.
        with Horizontal(id="body"), self.pane_row:
            for index, document in enumerate(self.documents):
                yield ArticlePane(document, session.position(self.saved, index, document.id))
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
        self.call_after_refresh(self.tags.mount_panel)  # hidden: A then only shows it

    # ---- the store, handed down by the app ----
    def store_ready(self, store: Store, pipeline: PipelineInfo | None, tagging) -> None:
        self.store, self.pipeline = store, pipeline
        self.reload_labels()
        self.tags.store_ready(tagging)
        for doc_id in {pane.document.id for pane in self.panes}:
            self.tags.show_annotations(doc_id)
        self.boilerplate.show(self.panes)
        self.analyses.load(self.panes)

    def reload_labels(self) -> None:
        """The store's label set, read again: another process may have changed it."""
        self.labels = self.store.labels()
        if self.tags.panel is not None:
            self.tags.panel.set_labels(self.labels)
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
        label = self.label_keys.get(event.character or "")
        if label is not None and event.key == event.character and not self._typing():
            event.stop()
            event.prevent_default()
            self.tags.tag(label)

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

    @property
    def tags_panel(self) -> TagsPanel | None:
        return self.tags.panel

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
        self.tags.refresh_panel()  # the focused document may have changed

    def _mark_current(self, current: ArticlePane) -> None:
        self.pane_row.update_mode(current)

    def action_open(self, new_pane: bool) -> None:
        if not self.tags.ready():
            return
        from newsgloss.tui.screens.picker import PickerScreen

        title = "Open in a new pane" if new_pane else "Open in this pane"
        if new_pane and len(self.panes) >= MAX_PANES:
            # Not a refusal that leaves the keys typed next to act on the article: the
            # picker opens all the same, for this pane, and says so.
            new_pane = False
            title = f"{MAX_PANES} panes are open (ctrl+w closes one): open in this pane instead"
        open_ids = frozenset(p.document.id for p in self.panes)
        picker = PickerScreen(self.store.documents(), title, open_ids)
        self.app.push_screen(picker, lambda doc_id: self._open(doc_id, new_pane))
        if new_pane:  # to compare with the current article: those sharing passages first
            self.suggest_related(picker, self.current_pane().document.id)

    @work(thread=True, group="similar", exclusive=True)
    def suggest_related(self, picker, doc_id: str) -> None:
        """Off the screen's thread, on a connection of its own: the first call indexes."""
        from newsgloss.annotations import api

        store, _ = api.open_store(self.store.path)
        with store:
            found = dict(api.similar_documents(store, doc_id))
        self.app.call_from_thread(picker.suggest, found)

    async def _open(self, doc_id: str | None, new_pane: bool) -> None:
        if doc_id is None or self.store is None:
            return
        pane = ArticlePane(self.store.document(doc_id))
        if new_pane:
            await self.pane_row.mount(pane)
        else:
            current = self.current_pane()
            await self.pane_row.mount(pane, after=current)
            await current.remove()  # gone before the panes are redrawn below
        self.call_after_refresh(self._panes_opened, [pane])

    async def open_passages(self, passages: list[tuple[str, int]]) -> None:
        """Replace the panes with these documents, each cursor at its offset (a claim and
        its counterparts, side by side)."""
        panes = [ArticlePane(self.store.document(d), (at, at)) for d, at in passages[:MAX_PANES]]
        await self.pane_row.remove_children()
        await self.pane_row.mount_all(panes)
        self.call_after_refresh(self._panes_opened, panes)

    def _panes_opened(self, panes: list[ArticlePane]) -> None:
        self.reload_labels()  # another process may have changed them
        for pane in panes:
            pane.view.set_highlighting(self.highlighting)
            self.tags.show_annotations(pane.document.id)
        panes[0].view.focus()
        self._focus_changed()
        self.boilerplate.show(panes)
        self.analyses.load(panes)

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

    def action_claims(self) -> None:
        if not self.tags.ready():
            return
        if self.pipeline is None:
            self.notify(
                "The claims view needs the entity model, which is not installed",
                severity="warning",
            )
            return
        from newsgloss.tui.claims.screen import ClaimsScreen

        screen = ClaimsScreen(self.store.path, self.pipeline, self.tags.tagging)
        self.app.push_screen(screen, self._claim_chosen)

    async def _claim_chosen(self, claim) -> None:
        """Back from the claims view: its copies and undos show here; a chosen claim
        opens side by side."""
        if claim is not None:
            await self.open_passages([(p.doc_id, p.start) for p in claim.passages])
        else:
            for doc_id in {pane.document.id for pane in self.panes}:
                self.tags.show_annotations(doc_id)

    def action_sync(self) -> None:
        """Apart, together (at the same relative position), level (aligned passages side by
        side, as Juxta locks them), and apart again."""
        modes = session.SCROLL_MODES
        self.scroll_mode = modes[(modes.index(self.scroll_mode) + 1) % len(modes)]
        self.notify(
            {
                "apart": "Panes scroll apart",
                "together": "Panes scroll together (S again: keep shared passages level)",
                "level": "Panes keep shared passages level (S again: apart)",
            }[self.scroll_mode]
        )
        self.refresh_legend()

    # ---- passages the articles share ----
    @on(ArticleView.Changed)
    def _light_counterparts(self, event: ArticleView.Changed | None = None) -> None:
        pane = self.current_pane()
        if event is None or event.view is pane.view:
            counterparts.light(self.views, pane.view, self.counterparts)
            pane.update_status()  # it took the message first, before the count was known

    def action_counterpart(self, step: int) -> None:
        found = counterparts.next_counterpart(
            self.views, self.current_pane().view, self.counterparts, step
        )
        if found is None:
            self.notify("No counterpart of this passage in the other panes", severity="warning")
            return
        view, offset = found
        self.set_focus(view)
        view.move_to(offset)

    @work(thread=True, group="align")
    def align_panes(self, pipeline: PipelineInfo) -> None:
        """Align the open documents not aligned yet, off the screen's thread."""
        ids = [pane.document.id for pane in self.panes]
        found = self.counterparts.align_missing(self.store.path, pipeline, ids)
        if found:
            self.app.call_from_thread(self._aligned, found)

    def _aligned(self, found: dict) -> None:
        for (a, b), links in found.items():
            self.counterparts.add(a, b, links)
        self._light_counterparts()

    @on(ArticleView.Scrolled)
    def _scrolled(self, event: ArticleView.Scrolled) -> None:
        if self.scroll_mode == "level":
            counterparts.level(self.views, event.view, self.counterparts)
        elif self.scroll_mode == "together":
            for view in self.views:
                if view is not event.view:
                    view.scroll_to_fraction(event.fraction)

    async def action_find(self) -> None:
        await self.current_pane().open_find()

    # ---- tagging: TagCommands does the work ----
    def action_delete_tag(self) -> None:
        self.tags.delete()

    def action_note(self) -> None:
        self.tags.note()

    def action_undo(self) -> None:
        self.tags.step(undo=True)

    def action_redo(self) -> None:
        self.tags.step(undo=False)

    def action_copy(self) -> None:
        self.tags.copy()

    def action_export(self) -> None:
        self.tags.export()

    async def action_toggle_panel(self) -> None:
        await self.tags.toggle_panel()

    @on(TagsPanel.Chosen)
    def _panel_chosen(self, event: TagsPanel.Chosen) -> None:
        self.tags.go_to(event.annotation)

    @on(TagsPanel.Delete)
    def _panel_delete(self, event: TagsPanel.Delete) -> None:
        if self.tags.ready():
            self.tags.delete_annotation(event.annotation)

    @on(TagsPanel.Relabel)
    def _panel_relabel(self, event: TagsPanel.Relabel) -> None:
        self.tags.relabel(event.annotation, event.label)

    @on(TagsPanel.Back)
    def _panel_back(self) -> None:
        self.tags.back_from_panel()

    def on_resize(self, event: events.Resize) -> None:
        self.tags.resized(event.size.width)

    # ---- entities and colours ----
    def action_boilerplate(self) -> None:
        self.boilerplate.toggle()

    def action_toggle_entities(self) -> None:
        self._set_highlighting(replace(self.highlighting, enabled=not self.highlighting.enabled))

    def action_labels(self) -> None:
        from newsgloss.tui.screens.labels import LabelsScreen

        labels = self._entity_labels() or list(DISPLACY)

        def chosen(hidden: frozenset[str] | None) -> None:
            if hidden is not None:
                self._set_highlighting(replace(self.highlighting, enabled=True, hidden=hidden))

        self.app.push_screen(LabelsScreen(labels, self.highlighting), chosen)

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
        self.tags.refresh_panel()  # its tag chips are coloured too

    def refresh_panes(self) -> None:
        for pane in self.panes:
            pane.view.set_highlighting(self.highlighting)
            pane.update_status()
        self.refresh_legend()

    def refresh_legend(self) -> None:
        self.query_one(Legend).show(
            self._entity_labels(),
            self.highlighting,
            self.analyses.status,
            self.scroll_mode,
            self.labels,
        )

    def session(self) -> dict:
        """What the reader would need to come back exactly as it is now."""
        return session.capture(self)
