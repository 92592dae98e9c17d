"""ArticleView: what keys and the mouse do in an article: motions, selection, find,
and scrolling together. What is drawn is its base, ``ArticleCanvas``."""

from __future__ import annotations

from textual import events
from textual.message import Message

from newsgloss.corpus import Document
from newsgloss.corpus.analysis import Entity
from newsgloss.tui.article import find, motion
from newsgloss.tui.article.canvas import GUTTER, ArticleCanvas
from newsgloss.tui.keys import VIEW_BINDINGS


class ArticleView(ArticleCanvas, can_focus=True):
    """A read-only, cursor-driven view of one document's canonical text."""

    ALLOW_SELECT = False  # selection is the view's own (v, mouse drag), in text offsets
    BINDINGS = VIEW_BINDINGS

    class Scrolled(Message):
        """The view scrolled to a new relative position (0..1), for scrolling panes together."""

        def __init__(self, view: ArticleView, fraction: float) -> None:
            super().__init__()
            self.view = view
            self.fraction = fraction

    def __init__(self, document: Document, *, id: str | None = None) -> None:
        super().__init__(document, id=id)
        self._goal_cells: int | None = None  # the column a vertical move keeps
        self._dragging = False
        self._syncing = False
        self._folded: str | None = None  # the text as find compares it

    def move_to(self, offset: int, keep_goal: bool = False) -> None:
        if not keep_goal:
            self._goal_cells = None
        self.cursor = max(0, min(offset, len(self.text)))

    def action_move(self, name: str) -> None:
        function = getattr(motion, name)
        if name.endswith("sentence"):
            self.move_to(function(self.text, self.cursor, self.entities.sentence_starts))
        else:
            self.move_to(function(self.text, self.cursor))

    def action_rows(self, delta: int) -> None:
        if not len(self.wrapped):
            return
        row = self.wrapped.row_of(self.cursor)
        self._move_to_row(row, max(0, min(len(self.wrapped) - 1, row + delta)))

    def _move_to_row(self, row: int, target: int) -> None:
        """From the cursor's ``row`` to row ``target``, in the column a vertical move keeps."""
        if self._goal_cells is None:
            self._goal_cells = self.wrapped.cells_before(row, self.cursor)
        self.move_to(self.offset_at(target, self._goal_cells), keep_goal=True)

    def action_page(self, direction: int) -> None:
        height = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_offset.y + direction * height, animate=False, immediate=True)
        self.action_rows(direction * height)

    def action_top(self) -> None:
        self.move_to(0)

    def action_bottom(self) -> None:
        self.move_to(self.wrapped.starts[-1] if len(self.wrapped) else len(self.text))

    def action_entity(self, direction: int) -> None:
        """Go to the next or previous entity whose label is shown."""
        target = self.entities.next(self.cursor, direction, self._navigable)
        if target is None:
            self.app.bell()
        else:
            self.move_to(target.start)

    def action_annotation(self, direction: int) -> None:
        """Go to the start of the next or previous tag."""
        target = self.tags.next_start(self.cursor, direction)
        if target is None:
            self.app.bell()
        else:
            self.move_to(target)

    def _navigable(self, entity: Entity) -> bool:
        return not self.highlighting.enabled or self.highlighting.shows(entity.label)

    def action_match(self, direction: int) -> None:
        if not self.matches:
            self.notify("No search: press / to find", severity="warning")
            return
        self.move_to(self.matches.next_start(self.cursor, direction))

    def find(self, query: str) -> int:
        """Highlight every match (case, accents and quote styles aside) and go to the first
        at or after the cursor."""
        if self._folded is None:  # folded on the first search only: a big text takes a while
            self._folded = find.fold(self.text)
        self.set_matches(find.find_all(self._folded, query))
        if self.matches:
            self.move_to(self.matches.first_from(self.cursor))
        return len(self.matches)

    # ---- mouse ----
    def _offset_at_mouse(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None or not len(self.wrapped):
            return None
        row = min(len(self.wrapped) - 1, self.scroll_offset.y + offset.y)
        return self.offset_at(row, max(0, offset.x - GUTTER))

    def on_mouse_down(self, event: events.MouseDown) -> None:
        offset = self._offset_at_mouse(event)
        if offset is None:
            return
        self.focus()
        self.anchor = offset
        self.move_to(offset)
        self._dragging = True
        self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._dragging:
            offset = self._offset_at_mouse(event)
            if offset is not None:
                self.move_to(offset)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging:
            self._dragging = False
            self.release_mouse()
            if self.anchor == self.cursor:
                self.anchor = None  # a click places the cursor; only a drag selects
            self.refresh()
            self.post_message(self.Changed(self))

    # ---- selecting ----
    def action_anchor(self) -> None:
        """``v``: anchor a selection at the cursor, or drop the one there is (as vim does)."""
        if self.anchor is None:
            self.anchor = self.cursor
            self.post_message(self.Changed(self))
        else:
            self.action_clear_selection()

    def action_select_sentence(self) -> None:
        self.select(*self.sentence_at_cursor())

    def action_select_entity(self) -> None:
        entity = self.entity_at(self.cursor)
        if entity is None:
            self.notify("No entity under the cursor", severity="warning")
        else:
            self.select(entity.start, entity.end)

    def action_clear_selection(self) -> None:
        selection = self.selection_range()
        self.anchor = None
        if selection:
            self.refresh_offsets(*selection)
        self.post_message(self.Changed(self))

    def action_clear(self) -> None:
        """``escape``: drop the selection and the search's highlights."""
        if self.matches:
            self.set_matches([])
        self.action_clear_selection()

    def select(self, start: int, end: int) -> None:
        """Select ``text[start:end]``, the cursor at its end (where motions extend it)."""
        self.anchor = start
        self.move_to(end)
        self.refresh()

    def sentence_at_cursor(self) -> tuple[int, int]:
        index = self.entities
        return motion.sentence_at(self.text, self.cursor, index.sentences, index.sentence_starts)

    def tag_span(self) -> tuple[int, int]:
        """What ``c``/``a``/``d`` tag: the selection, else the sentence under the cursor,
        without white space at either end (the span may come out empty)."""
        start, end = self.selection_range() or self.sentence_at_cursor()
        return motion.trim(self.text, start, end)

    # ---- scrolling together ----
    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if not self._syncing and self.max_scroll_y:
            self.post_message(self.Scrolled(self, new_value / self.max_scroll_y))

    def scroll_to_fraction(self, fraction: float) -> None:
        """Follow another pane to the same relative position."""
        self.follow(round(fraction * self.max_scroll_y))

    def follow(self, row: int) -> None:
        """Follow another pane to ``row`` at the top; the cursor comes along onto the rows
        now shown, and this scroll does not make the other panes follow in turn."""
        self._syncing = True
        try:
            self.scroll_to(y=max(0, row), animate=False, immediate=True)
            self.keep_cursor_on_screen()
        finally:
            self._syncing = False

    def centre(self, start: int, end: int) -> None:
        """Scroll so that ``start``-``end`` is on screen whole, centred where it fits (a
        counterpart gone to with ``m``), else from its first row."""
        if not len(self.wrapped):
            return
        first, last = self.wrapped.row_of(start), self.wrapped.row_of(max(start, end - 1))
        height = max(1, self.scrollable_content_region.height)
        top = first - (height - (last - first + 1)) // 2 if last - first < height else first
        self.scroll_to(y=max(0, top), animate=False, immediate=True)

    def keep_cursor_on_screen(self) -> None:
        """After a scroll the cursor did not ask for (another pane's, the wheel), move the
        cursor onto the rows shown, in its column: else its next motion would scroll the
        view back to it, and panes that scroll together would all follow."""
        if not len(self.wrapped):
            return
        top = self.scroll_offset.y
        bottom = min(len(self.wrapped), top + max(1, self.scrollable_content_region.height)) - 1
        row = self.wrapped.row_of(self.cursor)
        if not top <= row <= bottom:
            self._move_to_row(row, top if row < top else bottom)

    def on_mouse_scroll_down(self) -> None:
        self.call_after_refresh(self.keep_cursor_on_screen)

    def on_mouse_scroll_up(self) -> None:
        self.call_after_refresh(self.keep_cursor_on_screen)
