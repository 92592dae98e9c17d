"""The reader's annotating commands: tag, delete, note, undo, redo, copy, export, and
the tags panel.

``TagCommands`` is held by the reader screen, which hands it the store's ``Tagging``
service once the store is open. Every change goes through that service, which writes
it in its own transaction before the panes redraw: what the screen shows as tagged is
on disk. Here is only what the user sees: dialogs, notifications, the panel.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from newsgloss.annotations.history import Change
from newsgloss.annotations.model import Annotation
from newsgloss.corpus import UserError
from newsgloss.tui.tags.panel import TagsPanel

if TYPE_CHECKING:
    from newsgloss.annotations.api import Tagging
    from newsgloss.tui.article.view import ArticleView
    from newsgloss.tui.reader.screen import ReaderScreen


def default_export_path(now: datetime | None = None) -> Path:
    return Path(f"newsgloss-annotations-{(now or datetime.now()):%Y%m%d-%H%M}.jsonl")


def citation(quote: str, title: str, source: str | None) -> str:
    """What ``y`` copies: the quote, then where it is from."""
    return f"“{quote}”\n— {title}" + (f"\n{source}" if source else "")


def undo_or_redo(tagging: Tagging, undo: bool, notify: Callable[..., None]) -> Change | None:
    """Undo the newest change or redo the newest undone one, and return it; None, said
    through ``notify``, when the store refuses or there is nothing to do."""
    try:
        change = tagging.undo() if undo else tagging.redo()
    except UserError as error:
        notify(str(error), severity="error")
        return None
    if change is None:
        notify(f"Nothing to {'undo' if undo else 'redo'}", severity="warning")
    return change


class TagCommands:
    def __init__(self, reader: ReaderScreen) -> None:
        self.reader = reader
        self.tagging: Tagging | None = None  # set once the store is open
        self.panel: TagsPanel | None = None  # mounted hidden after the first frame
        self.waiting: list[Callable[[], None]] = []  # tags typed before the store opened

    def store_ready(self, tagging: Tagging) -> None:
        """The store is open: tag what was tagged while it opened."""
        self.tagging = tagging
        waiting, self.waiting = self.waiting, []
        for tag in waiting:
            tag()

    def notify(self, message: str, severity: str = "information", timeout: float = 5) -> None:
        self.reader.app.notify(message, severity=severity, timeout=timeout)

    def ready(self) -> bool:
        if self.tagging is None:
            self.notify("The store is still opening", severity="warning")
            return False
        return True

    def _view(self) -> ArticleView:
        return self.reader.current_pane().view

    def _apply(self, write: Callable[[], Change | None], doc_id: str) -> bool:
        """Write a change (an error becomes a notification), then redraw its document."""
        try:
            change = write()
        except UserError as error:
            self.notify(str(error), severity="error")
            self.show_annotations(doc_id)  # another reader's tags explain a refusal
            return False
        if change is not None:
            self.show_change(change)
        return True

    def show_annotations(self, doc_id: str) -> None:
        """Hand the stored tags of ``doc_id`` to every pane showing it, and the panel."""
        annotations = self.tagging.store.annotations([doc_id])
        for pane in self.reader.panes:
            if pane.document.id == doc_id:
                pane.view.set_annotations(annotations)
        self.refresh_panel()

    def show_change(self, change: Change) -> None:
        """A change just written: every pane showing its document takes it in place."""
        for pane in self.reader.panes:
            if pane.document.id == change.doc_id:
                pane.view.change_annotation(change.before, change.after)
        self.refresh_panel()

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

            self.reader.app.push_screen(
                ChooseTagScreen(found, question, self.reader.highlighting),
                lambda a: a is not None and then(a),
            )

    # ---- commands ----
    def tag(self, label: str) -> None:
        """Tag the selection, else the sentence under the cursor. Typed in the moment
        before the store is open (a fast typist at start-up), it waits for the store."""
        view = self._view()
        start, end = view.tag_span()
        if start == end:
            self.notify("Nothing to tag here: select some text with v", severity="warning")
        elif self.tagging is None:
            self.waiting.append(lambda: self._tag(view, start, end, label))
        else:
            self._tag(view, start, end, label)

    def _tag(self, view: ArticleView, start: int, end: int, label: str) -> None:
        document = view.document
        if self._apply(lambda: self.tagging.tag(document, start, end, label), document.id):
            if view.selection_range():
                view.move_to(start)  # on the new tag, as vim leaves the cursor after an operator
            view.action_clear_selection()  # also a bare `v` anchor: the tag ends the selecting

    def delete(self) -> None:
        if self.ready():
            self._choose("Delete which tag?", self.delete_annotation)

    def delete_annotation(self, annotation: Annotation) -> None:
        self._apply(lambda: self.tagging.delete(annotation), annotation.doc_id)

    def relabel(self, annotation: Annotation, label: str) -> None:
        if self.ready():
            self._apply(lambda: self.tagging.relabel(annotation, label), annotation.doc_id)

    def note(self) -> None:
        if self.ready():
            self._choose("Write the note of which tag?", self._edit_note)

    def _edit_note(self, annotation: Annotation) -> None:
        def save(note: str | None) -> None:
            if note is not None:
                self._apply(lambda: self.tagging.note(annotation, note), annotation.doc_id)

        from newsgloss.tui.tags.dialogs import NoteScreen

        self.reader.app.push_screen(NoteScreen(annotation, self.reader.highlighting), save)

    def step(self, undo: bool) -> None:
        """Undo the newest change (it is written reversed) or redo the newest undone one."""
        if not self.ready():
            return
        change = undo_or_redo(self.tagging, undo, self.notify)
        if change is None:
            return
        self.show_change(change.reversed() if undo else change)
        where = ""
        if all(pane.document.id != change.doc_id for pane in self.reader.panes):
            title = self.tagging.store.document(change.doc_id).title
            where = f" in “{title}” (not on screen)"
        self.notify(f"{'Undone' if undo else 'Redone'}: {change.describe()}{where}")

    def copy(self) -> None:
        """The selection, else the tag under the cursor, else the sentence under it."""
        view = self._view()
        tags = view.annotations_at(view.cursor)
        if view.selection_range() or not tags:
            start, end = view.tag_span()
        else:
            start, end = tags[0].start, tags[0].end
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
            self.reader.app.copy_to_clipboard(text)
            self.notify(
                f"Sent {what} to the terminal's clipboard (OSC 52). If nothing arrives, "
                "your terminal does not allow it; install xclip, xsel or wl-clipboard.",
                timeout=8,
            )
            return
        self.notify(f"Copied {what} to the clipboard")

    def export(self) -> None:
        from newsgloss.annotations.formats import FORMATS
        from newsgloss.tui.tags.dialogs import ExportScreen

        if self.ready():
            self.reader.app.push_screen(
                ExportScreen(default_export_path(), FORMATS, self._export),
                lambda done: done and self.notify(done),
            )

    def _export(self, path: Path, fmt: str) -> str:
        """Write the export, in the dialog's thread, on a store connection of its own;
        UserError (the dialog shows it) when the file cannot be written."""
        from newsgloss.annotations import api
        from newsgloss.annotations.formats import FORMATS

        store, _ = api.open_store(self.tagging.store.path)
        with store:
            entities = api.cached_entities(store, lambda: self.reader.pipeline)
            count = api.export(store, fmt, path, entities=entities)
        noun = FORMATS[fmt].counts
        return f"Wrote {count} {noun}{'s' * (count != 1)} to {path.resolve()}"

    # ---- the tags panel ----
    async def toggle_panel(self) -> None:
        panel = await self.mount_panel()
        if panel.display:
            panel.display = False
            self.fit_panel()
            self._view().focus()
            return
        # Filled before it is shown, so that it is laid out and drawn once.
        self.refresh_panel(panel)
        panel.highlight_from(self._view().cursor)
        panel.display = True
        self.fit_panel()
        panel.focus_list()

    async def mount_panel(self) -> TagsPanel:
        """The panel, mounted hidden on first use (the reader mounts it after its first frame)."""
        if self.panel is None:
            self.panel = TagsPanel()
            self.panel.display = False
            row = self.reader.pane_row
            await row.parent.mount(self.panel, after=row)
            self.panel.set_labels(self.reader.labels)
        return self.panel

    def _panels(self) -> list[TagsPanel]:
        return [] if self.panel is None else [self.panel]

    def refresh_panel(self, opening: TagsPanel | None = None) -> None:
        """Show the focused document's tags in the panel, if it is open (or ``opening``)."""
        for panel in self._panels():
            if panel.display or panel is opening:
                view = self._view()
                panel.show(view.document.title, view.annotations, self.reader.highlighting)

    def go_to(self, annotation: Annotation) -> None:
        view = self._view()
        view.action_clear_selection()
        view.move_to(annotation.start)
        self.back_from_panel()

    def back_from_panel(self) -> None:
        """To the article; a panel that covers the screen closes on the way."""
        for panel in self._panels():
            if panel.full:
                panel.display = False
        self.fit_panel()
        self._view().focus()

    def resized(self, width: int) -> None:
        for panel in self._panels():
            panel.fit(width)
        self.fit_panel()

    def fit_panel(self) -> None:
        """A panel open over the whole screen hides the panes behind it."""
        full = any(panel.display and panel.full for panel in self._panels())
        self.reader.pane_row.parent.set_class(full, "-panel-full")
