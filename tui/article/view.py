"""ArticleView: one article on Textual's Line API, with a cursor, entities and find.

Only visible rows are rendered (``render_line``), each cached by everything that
changes its look, so a multi-megabyte article costs no more per key press than a
short one. The text is never parsed as markup: rows are ``rich.text.Text`` objects.
"""

from __future__ import annotations

import itertools
from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict

from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newsgloss.annotations.model import Annotation
from newsgloss.corpus import Document
from newsgloss.corpus.analysis import Analysis, Entity
from newsgloss.tui.article import find, motion
from newsgloss.tui.article.layout import Layout, wrap
from newsgloss.tui.article.tags import TagIndex
from newsgloss.tui.cells import terminal_text
from newsgloss.tui.keys import VIEW_BINDINGS
from newsgloss.tui.palette import OVERLAP, Highlighting

ROW_CACHE_SIZE = 512  # rendered rows kept per view: ten screens or so


class ArticleView(ScrollView, can_focus=True):
    """A read-only, cursor-driven view of one document's canonical text."""

    ALLOW_SELECT = False  # selection is the view's own (v, mouse drag), in text offsets
    BINDINGS = VIEW_BINDINGS
    COMPONENT_CLASSES = {
        "article--cursor",
        "article--selection",
        "article--match",
    }
    DEFAULT_CSS = """
    ArticleView {
        scrollbar-gutter: stable;
        background: $surface;
    }
    ArticleView > .article--cursor { background: $foreground; color: $background; }
    ArticleView > .article--selection { background: $accent 45%; }
    ArticleView > .article--match { background: $warning 40%; }
    """

    cursor: reactive[int] = reactive(0, repaint=False, init=False)

    class Changed(Message):
        """The cursor, the analysis or the matches changed: the status line should follow."""

        def __init__(self, view: ArticleView) -> None:
            super().__init__()
            self.view = view

    class Scrolled(Message):
        """The view scrolled to a new relative position (0..1), for scrolling panes together."""

        def __init__(self, view: ArticleView, fraction: float) -> None:
            super().__init__()
            self.view = view
            self.fraction = fraction

    def __init__(self, document: Document, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document = document
        self.text = document.text
        self.shown = terminal_text(document.text)  # what is measured and drawn: same offsets
        self.analysis: Analysis | None = None
        self.entity_labels: frozenset[str] = frozenset()  # once per analysis, not per legend
        self.highlighting = Highlighting()
        self.wrapped = Layout()
        self.anchor: int | None = None
        self.tags = TagIndex()
        self.matches = find.Matches()
        # Offsets as arrays, not lists: the cyclic GC walks a list of ints on every pass.
        self._entity_starts = array("q")
        self._entity_ends = array("q")
        self._sentence_starts = array("q")
        self._goal_cells: int | None = None
        self._version = 0  # bumped whenever styles or data change, to invalidate cached rows
        # Least recently used first. Not textual.cache.LRUCache: its clear() leaves a ring of
        # links for the cyclic GC, which took 50-70 ms to free after a resize of big panes.
        self._rows: OrderedDict[tuple, Strip] = OrderedDict()
        self._dragging = False
        self._syncing = False
        self._folded: str | None = None  # the text as find compares it
        self._restore: tuple[int, int] | None = None  # (cursor, top) for the first layout

    # ---- data the app hands in ----
    def set_analysis(self, analysis: Analysis | None) -> None:
        self.analysis = analysis
        entities = analysis.entities if analysis else ()
        self._entity_starts = array("q", (e.start for e in entities))
        self._entity_ends = array("q", (e.end for e in entities))
        self.entity_labels = frozenset(e.label for e in entities)
        sentences = analysis.sentences if analysis else ()
        self._sentence_starts = array("q", (start for start, _ in sentences))
        self._restyle()
        self.post_message(self.Changed(self))

    @property
    def annotations(self) -> list[Annotation]:
        """The document's tags in text order."""
        return self.tags.items

    def set_annotations(self, annotations: list[Annotation]) -> None:
        """The document's tags, as stored; drawn under the entity colours."""
        self.tags = TagIndex(annotations)
        self._restyle()
        self.post_message(self.Changed(self))

    def change_annotation(self, before: Annotation | None, after: Annotation | None) -> None:
        """One tag added, removed or replaced (as just stored), in place."""
        self.tags.change(before, after)
        self._version += 1  # cached rows are stale; only the tag's own rows are redrawn now
        for annotation in (before, after):
            if annotation is not None:
                self.refresh_offsets(annotation.start, annotation.end)
        self.post_message(self.Changed(self))

    def refresh_offsets(self, start: int, end: int) -> None:
        """Redraw the rows showing ``text[start:end]`` (a whole refresh costs more)."""
        if len(self.wrapped):
            first, last = self.wrapped.row_of(start), self.wrapped.row_of(end)
            self.refresh_lines(first, last - first + 1)

    def set_highlighting(self, highlighting: Highlighting) -> None:
        self.highlighting = highlighting
        self._restyle()

    def set_matches(self, matches: list[tuple[int, int]]) -> None:
        self.matches = find.Matches(matches)
        self._restyle()
        self.post_message(self.Changed(self))

    def _restyle(self) -> None:
        self._version += 1
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._rows.clear()

    # ---- layout ----
    def on_resize(self, event: events.Resize) -> None:
        self._wrap_to_width()

    def render_lines(self, crop: Region) -> list[Strip]:
        # Textual draws a resized widget before its Resize event arrives: without this,
        # the first frame would show no text and the first after a resize a stale wrap.
        self._wrap_to_width()
        return super().render_lines(crop)

    def _wrap_to_width(self) -> None:
        width = max(2, self.scrollable_content_region.width)
        if width == self.wrapped.width:
            return
        top_offset = self.top_offset()
        self.wrapped = wrap(self.shown, width, one_cell=self.wrapped.one_cell)
        self._rows.clear()
        self.virtual_size = Size(width, len(self.wrapped))
        self.scroll_to(y=self.wrapped.row_of(top_offset), animate=False, immediate=True)
        self._scroll_cursor_into_view()
        if self._restore is not None:  # once the new size can be scrolled in
            self.call_after_refresh(self._restore_position, *self._restore)
            self._restore = None

    def restore_position(self, cursor: int, top: int) -> None:
        """Where a saved session left this article: the cursor, and the character at the
        top of the view. Applied at the first layout, when rows are known."""
        self._restore = (cursor, top)

    def _restore_position(self, cursor: int, top: int) -> None:
        cursor, top = (max(0, min(n, len(self.text))) for n in (cursor, top))
        self.scroll_to(y=self.wrapped.row_of(top), animate=False, immediate=True)
        self.move_to(cursor)

    def top_offset(self) -> int:
        """The offset of the first character shown."""
        return self.wrapped.starts[self.scroll_offset.y] if len(self.wrapped) else 0

    # ---- rendering ----
    def render_line(self, y: int) -> Strip:
        row = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if row >= len(self.wrapped):
            return Strip.blank(width, self.visual_style.rich_style)
        start, end = self.wrapped.starts[row], self.wrapped.end(row)
        cursor = self.cursor if self.has_focus and self.wrapped.row_of(self.cursor) == row else None
        selection = self.selection_range()
        if selection and not (selection[0] < end and selection[1] > start):
            selection = None
        key = (row, width, self._version, cursor, selection)
        strip = self._rows.get(key)
        if strip is None:
            strip = self._render_row(start, end, cursor, selection)
            self._rows[key] = strip
            if len(self._rows) > ROW_CACHE_SIZE:
                self._rows.popitem(last=False)
        else:
            self._rows.move_to_end(key)
        return strip.crop_extend(0, width, self.visual_style.rich_style)

    def _render_row(
        self, start: int, end: int, cursor: int | None, selection: tuple[int, int] | None
    ) -> Strip:
        text = Text(self.shown[start:end], end="", no_wrap=True)
        for span_start, span_end, style in self._styles_between(start, end):
            text.stylize(style, max(span_start, start) - start, min(span_end, end) - start)
        if selection:
            style = self.get_component_rich_style("article--selection")
            text.stylize(style, max(selection[0], start) - start, min(selection[1], end) - start)
        if cursor is not None:
            style = self.get_component_rich_style("article--cursor")
            if cursor >= end:
                text.append(" ", style)
            else:
                text.stylize(style, cursor - start, motion.next_char(self.text, cursor) - start)
        # The base style goes under every segment: Text.render leaves unstyled rows bare.
        return Strip(text.render(self.app.console), text.cell_len).apply_style(
            self.visual_style.rich_style
        )

    def _styles_between(self, start: int, end: int) -> list[tuple[int, int, Style]]:
        """Tag, entity and match styles that touch ``text[start:end]``, in paint order.

        Walks by index from a bisect: slicing a 100,000-entity tuple would copy it."""
        styles = self._tag_styles(start, end)
        if self.analysis and self.highlighting.enabled:
            entities = self.analysis.entities
            for index in range(bisect_right(self._entity_ends, start), len(entities)):
                entity = entities[index]
                if entity.start >= end:
                    break
                if self.highlighting.shows(entity.label):
                    styles.append((entity.start, entity.end, self.highlighting.style(entity.label)))
        if self.matches:
            # Only the background, so entity colours show through; underlined, so a match
            # never looks like the selection.
            match_style = Style(
                bgcolor=self.get_component_rich_style("article--match").bgcolor, underline=True
            )
            for match_start, match_end in self.matches.touching(start, end):
                styles.append((match_start, match_end, match_style))
        return styles

    def _tag_styles(self, start: int, end: int) -> list[tuple[int, int, Style]]:
        """Tag backgrounds, the shortest tag painted last (on top), and an underline
        wherever two or more tags overlap."""
        touching = self.tags.touching(start, end)
        touching.sort(key=lambda a: a.start - a.end)
        styles = [(a.start, a.end, self.highlighting.tag(a.label)) for a in touching]
        if len(touching) > 1:
            bounds = sorted({max(start, min(end, p)) for a in touching for p in (a.start, a.end)})
            for left, right in itertools.pairwise(bounds):
                if sum(a.start <= left < a.end for a in touching) > 1:
                    styles.append((left, right, OVERLAP))
        return styles

    # ---- the cursor ----
    def watch_cursor(self, old: int, new: int) -> None:
        self._scroll_cursor_into_view()
        if self.anchor is None:  # the rows the cursor left and reached
            self.refresh_offsets(old, old)
            self.refresh_offsets(new, new)
        else:  # and those the selection grew or shrank over
            self.refresh_offsets(min(old, new), max(old, new))
        self.post_message(self.Changed(self))

    def _scroll_cursor_into_view(self) -> None:
        if not len(self.wrapped):
            return
        row = self.wrapped.row_of(self.cursor)
        top, height = self.scroll_offset.y, max(1, self.scrollable_content_region.height)
        if row < top:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row >= top + height:
            self.scroll_to(y=row - height + 1, animate=False, immediate=True)

    def move_to(self, offset: int, keep_goal: bool = False) -> None:
        if not keep_goal:
            self._goal_cells = None
        self.cursor = max(0, min(offset, len(self.text)))

    def action_move(self, name: str) -> None:
        function = getattr(motion, name)
        if name.endswith("sentence"):
            self.move_to(function(self.text, self.cursor, self._sentence_starts))
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
        entities = self.analysis.entities if self.analysis else ()
        if direction > 0:
            indexes = range(bisect_right(self._entity_starts, self.cursor), len(entities))
        else:
            indexes = range(bisect_left(self._entity_starts, self.cursor) - 1, -1, -1)
        target = next((entities[i] for i in indexes if self._navigable(entities[i])), None)
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

    # ---- positions ----
    def offset_at(self, row: int, cells: int) -> int:
        """The offset shown at ``cells`` cells into ``row`` (its last grapheme if beyond)."""
        return self.wrapped.offset_at(row, cells)

    def selection_range(self) -> tuple[int, int] | None:
        if self.anchor is None or self.anchor == self.cursor:
            return None
        return (min(self.anchor, self.cursor), max(self.anchor, self.cursor))

    def entity_at(self, offset: int) -> Entity | None:
        if not self.analysis:
            return None
        index = bisect_right(self._entity_starts, offset) - 1
        if index >= 0:
            entity = self.analysis.entities[index]
            if entity.start <= offset < entity.end:
                return entity
        return None

    # ---- mouse ----
    def _offset_at_mouse(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None or not len(self.wrapped):
            return None
        row = min(len(self.wrapped) - 1, self.scroll_offset.y + offset.y)
        return self.offset_at(row, offset.x)

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

    def _sentences(self) -> tuple[tuple[int, int], ...]:
        return self.analysis.sentences if self.analysis else ()

    def sentence_at_cursor(self) -> tuple[int, int]:
        return motion.sentence_at(self.text, self.cursor, self._sentences(), self._sentence_starts)

    def tag_span(self) -> tuple[int, int]:
        """What ``c``/``a``/``d`` tag: the selection, else the sentence under the cursor,
        without white space at either end (the span may come out empty)."""
        start, end = self.selection_range() or self.sentence_at_cursor()
        return motion.trim(self.text, start, end)

    def annotations_at(self, offset: int) -> list[Annotation]:
        """The tags covering ``offset``, shortest first."""
        return self.tags.at(offset)

    # ---- scrolling together ----
    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if not self._syncing and self.max_scroll_y:
            self.post_message(self.Scrolled(self, new_value / self.max_scroll_y))

    def scroll_to_fraction(self, fraction: float) -> None:
        """Follow another pane; the cursor comes along onto the rows now shown."""
        self._syncing = True
        try:
            self.scroll_to(y=round(fraction * self.max_scroll_y), animate=False, immediate=True)
            self.keep_cursor_on_screen()
        finally:
            self._syncing = False

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
