"""The reader's annotating actions: tag, delete, note, undo, redo, copy, export, and the
tags panel beside the panes.

A part of ``ReaderScreen``, kept in a module of its own (the screen inherits it): these
are the screen's own actions on its own widgets, not a helper reaching into it. Every
change goes through the store's ``Tagging`` service, which writes it in its own
transaction before the panes redraw: what the screen shows as tagged is on disk. Here is
only what the user sees: dialogs, notifications, the panel.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from newsgloss.annotations.model import Annotation
from newsgloss.corpus import UserError
from newsgloss.tui.tags.panel import TagsPanel

if TYPE_CHECKING:
    from newsgloss.annotations.api import Change, Tagging
    from newsgloss.tui.article.view import ArticleView


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


def stepped(change, undo: bool) -> str:
    """What an undo or redo did, for its notification."""
    return f"{'Undone' if undo else 'Redone'}: {change.describe()}"


class UndoKeys:
    """``u`` and ``ctrl+r`` on a view pushed over the reader (the claims view, the compare
    view): the reader's ``tagging`` undoes or redoes, a notification says what, and the
    view's ``after_step`` shows the change."""

    def action_undo(self) -> None:
        self._step(undo=True)

    def action_redo(self) -> None:
        self._step(undo=False)

    def _step(self, undo: bool) -> None:
        change = undo_or_redo(self.tagging, undo, self.notify)
        if change is not None:
            self.notify(stepped(change, undo), markup=False)
            self.after_step()


class TagActions:
    """The tagging half of ``ReaderScreen``: it needs the screen's ``tagging`` (set when
    the store is open), ``waiting`` (tags typed before that), ``store_error``, ``panes``,
    ``current_pane()``, ``highlighting``, ``labels`` and ``tags_panel``."""

    def tagging_ready(self, tagging: Tagging) -> None:
        """The store is open: tag what was tagged while it opened."""
        self.tagging = tagging
        waiting, self.waiting = self.waiting, []
        for tag in waiting:
            tag()

    def store_failed(self, error: str) -> None:
        """The store could not be opened: tag keys say so rather than wait for it."""
        self.store_error = error
        self.waiting.clear()

    def ready(self) -> bool:
        if self.tagging is None:
            if self.store_error:
                self.notify(f"Nothing can be tagged: {self.store_error}", severity="error")
            else:
                self.notify("The store is still opening", severity="warning")
            return False
        return True

    def _view(self) -> ArticleView:
        return self.current_pane().view

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
        """Hand the stored tags of ``doc_id`` to every pane showing it, and the panel, with
        how those carried from an older version were placed and those that were not."""
        from newsgloss.annotations import api

        store = self.tagging.store
        annotations = store.annotations([doc_id])
        anchoring, orphans = api.anchor_statuses(store, doc_id), api.orphans(store, doc_id)
        for pane in self.panes:
            if pane.document.id == doc_id:
                pane.view.set_annotations(annotations, anchoring, orphans)
        self.refresh_panel()

    def show_change(self, change: Change) -> None:
        """A change just written: every pane showing its document takes it in place."""
        for pane in self.panes:
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

            self.app.push_screen(
                ChooseTagScreen(found, question, self.highlighting),
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
        elif self.tagging is None and not self.store_error:
            self.waiting.append(lambda: self._tag(view, start, end, label))
        elif self.ready():
            self._tag(view, start, end, label)

    def _tag(self, view: ArticleView, start: int, end: int, label: str) -> None:
        document = view.document
        if self._apply(lambda: self.tagging.tag(document, start, end, label), document.id):
            if view.selection_range():
                view.move_to(start)  # on the new tag, as vim leaves the cursor after an operator
            view.action_clear_selection()  # also a bare `v` anchor: the tag ends the selecting

    def action_delete_tag(self) -> None:
        if self.ready():
            self._choose("Delete which tag?", self.delete_annotation)

    def delete_annotation(self, annotation: Annotation) -> None:
        self._apply(lambda: self.tagging.delete(annotation), annotation.doc_id)

    def relabel(self, annotation: Annotation, label: str) -> None:
        if self.ready():
            self._apply(lambda: self.tagging.relabel(annotation, label), annotation.doc_id)

    def action_note(self) -> None:
        if self.ready():
            self._choose("Write the note of which tag?", self._edit_note)

    def _edit_note(self, annotation: Annotation) -> None:
        def save(note: str | None) -> None:
            if note is not None:
                self._apply(lambda: self.tagging.note(annotation, note), annotation.doc_id)

        from newsgloss.tui.tags.dialogs import NoteScreen

        self.app.push_screen(NoteScreen(annotation, self.highlighting), save)

    def action_undo(self) -> None:
        self.step(undo=True)

    def action_redo(self) -> None:
        self.step(undo=False)

    def step(self, undo: bool) -> None:
        """Undo the newest change (it is written reversed) or redo the newest undone one."""
        if not self.ready():
            return
        change = undo_or_redo(self.tagging, undo, self.notify)
        if change is None:
            return
        from newsgloss.annotations.api import ChangeGroup, LinkChange  # not before the frame

        if isinstance(change, LinkChange):  # the panes align again, the decision undone
            self.notify(stepped(change, undo))
            self._decided(True)
            return
        if isinstance(change, ChangeGroup):  # several tags of one article: read it again
            self.show_annotations(change.doc_id)
            self.notify(stepped(change, undo))
            return
        shown = change.reversed() if undo else change
        self.show_change(shown)
        self._bring_into_view(change)
        where = ""
        if all(pane.document.id != change.doc_id for pane in self.panes):
            title = self.tagging.store.document(change.doc_id).title
            where = f" in “{title}” (not on screen)"
        self.notify(stepped(change, undo) + where)

    def _bring_into_view(self, change: Change) -> None:
        """The cursor onto what an undo or redo changed, in the current pane if it shows
        that article, else the first that does: a change off screen is seen."""
        where = change.before or change.after
        panes = [p for p in self.panes if p.document.id == where.doc_id]
        if panes:
            pane = self.current_pane() if self.current_pane() in panes else panes[0]
            pane.view.action_clear_selection()
            pane.view.move_to(where.start)

    def action_copy(self) -> None:
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
            self.app.copy_to_clipboard(text)
            self.notify(
                f"Sent {what} to the terminal's clipboard (OSC 52). If nothing arrives, "
                "your terminal does not allow it; install xclip, xsel or wl-clipboard.",
                timeout=8,
            )
            return
        self.notify(f"Copied {what} to the clipboard")

    def action_export(self) -> None:
        from newsgloss.annotations.formats import FORMATS
        from newsgloss.tui.tags.dialogs import ExportScreen

        if self.ready():
            self.app.push_screen(
                ExportScreen(default_export_path(), FORMATS, self.store.path, self.pipeline),
                lambda done: done and self.notify(done),
            )

    # ---- the tags panel ----
    def action_toggle_panel(self) -> None:
        panel = self.tags_panel
        if panel.display:
            panel.display = False
            self.fit_panel()
            self._view().focus()
            return
        # Filled before it is shown, so that it is laid out and drawn once.
        self.refresh_panel(opening=True)
        panel.display = True
        self.fit_panel()
        panel.focus_list()

    def refresh_panel(self, opening: bool = False) -> None:
        """Show the focused document's tags in the panel, if it is open (or ``opening``:
        then with the tag at the cursor highlighted)."""
        panel = self.tags_panel
        if panel.display or opening:
            view = self._view()
            at = view.tags.first_ending_after(view.cursor) if opening else None
            panel.show(
                view.document.title, view.annotations, self.highlighting, at,
                anchoring=view.anchoring, orphans=view.orphans,
            )  # fmt: skip

    def on_tags_panel_chosen(self, event: TagsPanel.Chosen) -> None:
        view = self._view()
        view.action_clear_selection()
        view.move_to(event.annotation.start)
        self.on_tags_panel_back()

    def on_tags_panel_delete(self, event: TagsPanel.Delete) -> None:
        if self.ready():
            self.delete_annotation(event.annotation)

    def on_tags_panel_relabel(self, event: TagsPanel.Relabel) -> None:
        self.relabel(event.annotation, event.label)

    def on_tags_panel_back(self, event: TagsPanel.Back | None = None) -> None:
        """To the article; a panel that covers the screen closes on the way."""
        if self.tags_panel.full:
            self.tags_panel.display = False
        self.fit_panel()
        self._view().focus()

    def fit_panel(self) -> None:
        """A panel open over the whole screen hides the panes behind it; beside them, the
        panes shown are those that fit beside it."""
        panel = self.tags_panel
        self.pane_row.parent.set_class(panel.display and panel.full, "-panel-full")
        width = self.size.width or self.app.size.width
        if panel.display and not panel.full:
            width -= panel.width_beside(width)
        self.pane_row.update_mode(self.current_pane(), width)
