"""The annotating actions of the reader: tag, delete, note, undo, redo, copy, export.

``TagActions`` is mixed into the app (kept apart so that app.py stays about panes).
Every change goes through ``History``, which writes it to the store in its own
transaction before the panes redraw: what the screen shows as tagged is on disk.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual.binding import Binding

from newsgloss.annotations.history import Change, History
from newsgloss.annotations.model import Annotation
from newsgloss.corpus import UserError
from newsgloss.tui.tags.panel import TagsPanel

if TYPE_CHECKING:
    from collections.abc import Callable

    from newsgloss.annotations.store import Store
    from newsgloss.tui.article.view import ArticleView

TAG_BINDINGS = [
    Binding("c", "tag('claim')", "Claim", id="tag-claim"),
    Binding("a", "tag('attribution')", "Attribution", id="tag-attribution"),
    Binding("d", "tag('disputed')", "Disputed", id="tag-disputed"),
    Binding("x", "delete_tag", "Delete tag", show=False, id="tag-delete"),
    Binding("enter", "note", "Note", show=False, id="tag-note"),
    Binding("u", "undo", "Undo", id="tag-undo"),
    Binding("ctrl+r", "redo", "Redo", show=False, id="tag-redo"),
    Binding("y", "copy", "Copy", show=False, id="tag-copy"),
    Binding("A", "toggle_panel", "Tags panel", show=False, id="tag-panel"),
    Binding("ctrl+e", "export", "Export", show=False, id="tag-export"),
]


def default_export_path(now: datetime | None = None) -> Path:
    return Path(f"newsgloss-annotations-{(now or datetime.now()):%Y%m%d-%H%M}.jsonl")


def citation(quote: str, title: str, source: str | None) -> str:
    """What ``y`` copies: the quote, then where it is from."""
    return f"“{quote}”\n— {title}" + (f"\n{source}" if source else "")


class TagActions:
    """Needs from the app: ``store``, ``history``, ``annotator``, ``pipeline``,
    ``highlighting``, ``current_pane()``, ``panes``, ``pane_row`` and ``tags_panel``.
    ``history`` is set with ``store``, so ``_store_is_open`` answers for both."""

    store: Store | None
    history: History | None
    tags_panel: TagsPanel | None

    # ---- helpers ----
    def _store_is_open(self) -> bool:
        if self.history is None:
            self.notify("The store is still opening", severity="warning")
            return False
        return True

    def _view(self) -> ArticleView:
        return self.current_pane().view

    def _apply(self, change: Change) -> bool:
        """Write ``change`` (an error becomes a notification), then redraw its document."""
        try:
            self.history.apply(change)
        except UserError as error:
            self.notify(str(error), severity="error", markup=False)
            self.show_annotations(change.doc_id)  # another reader's tags explain a refusal
            return False
        self._show_change(change)
        return True

    def show_annotations(self, doc_id: str) -> None:
        """Hand the stored tags of ``doc_id`` to every pane showing it, and the panel."""
        annotations = self.store.annotations([doc_id])
        for pane in self.panes:
            if pane.document.id == doc_id:
                pane.view.set_annotations(annotations)
        self._refresh_panel()

    def _show_change(self, change: Change) -> None:
        """A change just written: every pane showing its document takes it in place."""
        for pane in self.panes:
            if pane.document.id == change.doc_id:
                pane.view.change_annotation(change.before, change.after)
        self._refresh_panel()

    def _choose(self, question: str, then: Callable[[Annotation], None]) -> None:
        """The tag under the cursor for ``then``: asks which when several overlap there."""
        view = self._view()
        found = view.annotations_at(view.cursor)
        if not found:
            self.notify("No tag under the cursor", severity="warning")
        elif len(found) == 1:
            then(found[0])
        else:
            from newsgloss.tui.tags.dialogs import ChooseTagScreen  # dialogs load on first use

            self.push_screen(
                ChooseTagScreen(found, question, self.highlighting),
                lambda a: a is not None and then(a),
            )

    # ---- actions ----
    def action_tag(self, label: str) -> None:
        if not self._store_is_open():
            return
        view = self._view()
        start, end = view.tag_span()
        if start == end:
            self.notify("Nothing to tag here: select some text with v", severity="warning")
            return
        annotation = Annotation.create(view.document, start, end, label, annotator=self.annotator)
        if self._apply(Change(None, annotation)):
            if view.selection_range():
                view.move_to(start)  # on the new tag, as vim leaves the cursor after an operator
            view.action_clear_selection()  # also a bare `v` anchor: the tag ends the selecting

    def action_delete_tag(self) -> None:
        if self._store_is_open():
            self._choose("Delete which tag?", lambda a: self._apply(Change(a, None)))

    def action_note(self) -> None:
        if self._store_is_open():
            self._choose("Write the note of which tag?", self._edit_note)

    def _edit_note(self, annotation: Annotation) -> None:
        def save(note: str | None) -> None:
            if note is not None and note != annotation.note:
                self._apply(Change(annotation, annotation.changed(note=note)))

        from newsgloss.tui.tags.dialogs import NoteScreen

        self.push_screen(NoteScreen(annotation, self.highlighting), save)

    def action_undo(self) -> None:
        self._step(undo=True)

    def action_redo(self) -> None:
        self._step(undo=False)

    def _step(self, undo: bool) -> None:
        """Undo the newest change (it is written reversed) or redo the newest undone one."""
        if not self._store_is_open():
            return
        try:
            change = self.history.undo() if undo else self.history.redo()
        except UserError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        if change is None:
            self.notify(f"Nothing to {'undo' if undo else 'redo'}", severity="warning")
            return
        self._show_change(change.reversed() if undo else change)
        where = ""
        if all(pane.document.id != change.doc_id for pane in self.panes):
            where = f" in “{self.store.document(change.doc_id).title}” (not on screen)"
        done = "Undone" if undo else "Redone"
        self.notify(f"{done}: {change.describe()}{where}", markup=False)

    def action_copy(self) -> None:
        """The selection, else the tag under the cursor, else the sentence under it."""
        view = self._view()
        tags = view.annotations_at(view.cursor)
        if view.selection_range():
            start, end = view.tag_span()
        elif tags:
            start, end = tags[0].start, tags[0].end
        else:
            start, end = view.tag_span()
        if start == end:
            self.notify("Nothing to copy here", severity="warning")
            return
        document = view.document
        self._to_clipboard(citation(view.text[start:end], document.title, document.source))

    def _to_clipboard(self, text: str) -> None:
        import pyperclip  # loaded on first use: not needed for the first frame

        what = f"{len(text)} characters"
        try:
            pyperclip.copy(text)
        except pyperclip.PyperclipException:
            # No clipboard program (a server, ssh, a container): ask the terminal instead.
            self.copy_to_clipboard(text)
            self.notify(
                f"Sent {what} to the terminal's clipboard (OSC 52). If nothing arrives, "
                "your terminal does not allow it; install xclip, xsel or wl-clipboard.",
                markup=False,
                timeout=8,
            )
            return
        self.notify(f"Copied {what} to the clipboard", markup=False)

    def action_export(self) -> None:
        from newsgloss.annotations.jsonl import FORMATS
        from newsgloss.tui.tags.dialogs import ExportScreen

        if self._store_is_open():
            self.push_screen(
                ExportScreen(default_export_path(), FORMATS, self._export),
                lambda done: done and self.notify(done, markup=False),
            )

    def _export(self, path: Path, fmt: str) -> str:
        """Write the export; UserError (the dialog shows it) when the file cannot be written."""
        from newsgloss.annotations.analysis_cache import entity_lookup
        from newsgloss.annotations.jsonl import export_lines, write_file_atomically

        entities = entity_lookup(self.store, self.pipeline)
        count = write_file_atomically(path, export_lines(self.store, fmt, entities=entities))
        noun = "annotation" if fmt == "annotations" else "document"
        return f"Wrote {count} {noun}{'s' * (count != 1)} to {path.resolve()}"

    # ---- the tags panel ----
    async def action_toggle_panel(self) -> None:
        panel = await self._tags_panel()
        if panel.display:
            panel.display = False
            self._fit_panel()
            self._view().focus()
            return
        # Filled before it is shown, so that it is laid out and drawn once.
        self._refresh_panel(panel)
        panel.highlight_from(self._view().cursor)
        panel.display = True
        self._fit_panel()
        panel.focus_list()

    async def _tags_panel(self) -> TagsPanel:
        """The panel, mounted hidden on first use (the app mounts it after its first frame)."""
        if self.tags_panel is None:
            self.tags_panel = TagsPanel()
            self.tags_panel.display = False
            await self.pane_row.parent.mount(self.tags_panel, after=self.pane_row)
        return self.tags_panel

    def _panels(self) -> list[TagsPanel]:
        return [] if self.tags_panel is None else [self.tags_panel]

    def _refresh_panel(self, opening: TagsPanel | None = None) -> None:
        """Show the focused document's tags in the panel, if it is open (or ``opening``)."""
        for panel in self._panels():
            if panel.display or panel is opening:
                view = self._view()
                panel.show(view.document.title, view.annotations, self.highlighting)

    # Handlers by name: Textual collects @on handlers only from widget classes, not mixins.
    def on_tags_panel_chosen(self, event: TagsPanel.Chosen) -> None:
        view = self._view()
        view.action_clear_selection()
        view.move_to(event.annotation.start)
        self._back_from_panel()

    def _back_from_panel(self) -> None:
        """To the article; a panel that covers the screen closes on the way."""
        for panel in self._panels():
            if panel.full:
                panel.display = False
        self._fit_panel()
        self._view().focus()

    def on_resize(self, event) -> None:
        for panel in self._panels():
            panel.fit(event.size.width)
        self._fit_panel()

    def _fit_panel(self) -> None:
        """A panel open over the whole screen hides the panes behind it."""
        full = any(panel.display and panel.full for panel in self._panels())
        self.pane_row.parent.set_class(full, "-panel-full")

    def on_tags_panel_delete(self, event: TagsPanel.Delete) -> None:
        if self._store_is_open():
            self._apply(Change(event.annotation, None))

    def on_tags_panel_relabel(self, event: TagsPanel.Relabel) -> None:
        if self._store_is_open():
            old = event.annotation
            self._apply(Change(old, old.changed(label=event.label)))

    def on_tags_panel_back(self, event: TagsPanel.Back) -> None:
        self._back_from_panel()
