"""ArticleCanvas: one article on Textual's Line API, drawn with its entities, tags,
matches, selection and cursor.

What is drawn, kept apart from what keys and the mouse do (``ArticleView``, its
subclass). Only visible rows are rendered (``render_line``), each cached by everything
that changes its look, so a multi-megabyte article costs no more per key press than a
short one. The text is never parsed as markup: rows are ``rich.text.Text`` objects.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import OrderedDict

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newsgloss.annotations.model import Annotation
from newsgloss.corpus import Document
from newsgloss.corpus.analysis import Analysis, Entity
from newsgloss.tui.article import find, motion, paint
from newsgloss.tui.article.entities import AnalysisIndex
from newsgloss.tui.article.layout import Layout, wrap
from newsgloss.tui.article.tags import TagIndex
from newsgloss.tui.cells import terminal_text
from newsgloss.tui.colours import Highlighting

ROW_CACHE_SIZE = 512  # rendered rows kept per view: ten screens or so
GUTTER = 1  # cells left of the text, for the mark of a passage that differs
GUTTER_MARK = "!"  # ASCII: every terminal gives it one cell


class ArticleCanvas(ScrollView):
    """The drawing of one document's canonical text; the reader hands it data."""

    COMPONENT_CLASSES = {
        "article--cursor",
        "article--selection",
        "article--match",
        "article--counterpart",
        "article--differing",
        "article--gutter",
    }
    DEFAULT_CSS = """
    ArticleCanvas {
        scrollbar-gutter: stable;
        background: $surface;
    }
    ArticleCanvas > .article--cursor { background: $foreground; color: $background; }
    ArticleCanvas > .article--selection { background: $accent 45%; }
    ArticleCanvas > .article--match { background: $warning 40%; }
    ArticleCanvas > .article--counterpart { background: $secondary 35%; text-style: italic; }
    ArticleCanvas > .article--differing { text-style: bold underline; }
    ArticleCanvas > .article--gutter { color: $error; text-style: bold; }
    """

    cursor: reactive[int] = reactive(0, repaint=False, init=False)

    class Changed(Message):
        """The cursor, the analysis or the matches changed: the status line should follow."""

        def __init__(self, view: ArticleCanvas) -> None:
            super().__init__()
            self.view = view

    def __init__(self, document: Document, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document = document
        self.text = document.text
        self.shown = terminal_text(document.text)  # what is measured and drawn: same offsets
        self.entities = AnalysisIndex()
        self.highlighting = Highlighting()
        self.wrapped = Layout()
        self.anchor: int | None = None  # where the selection started, if one is being made
        self.tags = TagIndex()
        self.anchoring: dict[str, tuple[str, str]] = {}
        self.orphans: list[Annotation] = []
        self.matches = find.Matches()
        self._version = 0  # bumped whenever styles or data change, to invalidate cached rows
        # Least recently used first. Not textual.cache.LRUCache: its clear() leaves a ring of
        # links for the cyclic GC, which took 50-70 ms to free after a resize of big panes.
        self._rows: OrderedDict[tuple, Strip] = OrderedDict()
        self._restore: tuple[int, int] | None = None  # (cursor, top) for the first layout
        self._looks: tuple = ()  # the styles the cached rows were drawn with
        self._restyled = True  # the styles may have changed since: check before drawing
        self.counterparts: list[tuple[int, int]] = []  # lit: opposite another pane's cursor
        self.counterpart_count: int | None = None  # for the status line; None: not known
        self.counterpart_differences: list[str] = []  # "differs: Ushakov / Putin"
        self.differing: list[tuple[int, int]] = []  # words the counterpart lacks: marked
        self.discrepant: list[tuple[int, int]] = []  # passages stating another value: "!"
        self.dimmed: list[tuple[int, int]] = []  # boilerplate lines, when the reader dims them
        self._dimmed_starts: list[int] = []

    # ---- data the app hands in ----
    def set_analysis(self, analysis: Analysis | None) -> None:
        self.entities = AnalysisIndex(analysis, self.text)
        self._restyle()
        self.post_message(self.Changed(self))

    @property
    def analysed(self) -> bool:
        return self.entities.analysed

    @property
    def entity_labels(self) -> frozenset[str]:
        return self.entities.labels

    @property
    def annotations(self) -> list[Annotation]:
        """The document's tags in text order."""
        return self.tags.items

    def set_annotations(
        self,
        annotations: list[Annotation],
        anchoring: dict[str, tuple[str, str]] | None = None,
        orphans: list[Annotation] | None = None,
    ) -> None:
        """The document's tags, as stored; drawn under the entity colours. ``anchoring``:
        how the tags carried from an older version were placed (id to ``moved`` or
        ``changed`` and the quote it had); ``orphans``: the older versions' tags that
        could not be placed here."""
        self.anchoring = anchoring or {}
        self.orphans = orphans or []
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

    def set_counterparts(
        self, spans: list[tuple[int, int]], differing: list[tuple[int, int]] = ()
    ) -> None:
        """Light the passages that carry the one under another pane's cursor, and mark the
        words ``differing`` from it."""
        new = (spans, list(differing))
        old = (self.counterparts, self.differing)
        if new != old:
            for start, end in {*old[0], *old[1], *new[0], *new[1]}:
                self.refresh_offsets(start, end)
            self.counterparts, self.differing = new
            self._version += 1

    def set_discrepant(self, spans: list[tuple[int, int]]) -> None:
        """Put the gutter's mark by these passages: their counterparts state another value."""
        if spans != self.discrepant:
            for start, end in {*self.discrepant, *spans}:
                self.refresh_offsets(start, end)
            self.discrepant = spans
            self._version += 1

    def set_dimmed(self, spans: list[tuple[int, int]]) -> None:
        """Dim these lines (a site's boilerplate), or none."""
        if spans != self.dimmed:
            self.dimmed = sorted(spans)
            self._dimmed_starts = [start for start, _ in self.dimmed]
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
        self._restyled = True

    def _check_looks(self) -> None:
        """Drop the cached rows if the styles they were drawn with changed (a theme), not
        on every restyle: a focus change restyles the pane but draws it the same. Checked
        when drawing, once the styles are worked out."""
        self._restyled = False
        looks = (
            self.visual_style.rich_style,
            *(self.get_component_rich_style(name) for name in sorted(self.COMPONENT_CLASSES)),
        )
        if looks != self._looks:
            self._looks = looks
            self._rows.clear()

    def on_unmount(self) -> None:
        """Drop what this pane has drawn: Textual keeps a widget's style cache, and the
        lines it drew, in an lru_cache of 1,024 entries after the widget is gone
        (``StylesCache.get_inner_outer``), and a closed article's lines would stay."""
        self._rows.clear()
        self.refresh()

    # ---- layout ----
    def on_resize(self, event: events.Resize) -> None:
        self._wrap_to_width()

    def render_lines(self, crop: Region) -> list[Strip]:
        # Textual draws a resized widget before its Resize event arrives: without this,
        # the first frame would show no text and the first after a resize a stale wrap.
        self._wrap_to_width()
        if self._restyled:
            self._check_looks()
        return super().render_lines(crop)

    def wrap_width(self) -> int:
        """The cells a row of text gets: the pane's width less the gutter."""
        return max(2, self.scrollable_content_region.width - GUTTER)

    def _wrap_to_width(self) -> None:
        width = self.wrap_width()
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
        width = self.scrollable_content_region.width - GUTTER
        if row >= len(self.wrapped):
            return Strip.blank(width + GUTTER, self.visual_style.rich_style)
        start, end = self.wrapped.starts[row], self.wrapped.end(row)
        cursor = self.cursor if self.has_focus and self.wrapped.row_of(self.cursor) == row else None
        selection = self.selection_range()
        if selection and not (selection[0] < end and selection[1] > start):
            selection = None
        base = self.visual_style.rich_style
        key = (row, width, self._version, cursor, selection)
        strip = self._rows.get(key)
        if strip is None:
            strip = self._render_row(start, end, cursor, selection)
            self._rows[key] = strip
            if len(self._rows) > ROW_CACHE_SIZE:
                self._rows.popitem(last=False)
        else:
            self._rows.move_to_end(key)
        return Strip.join([self._gutter(start, end, base), strip.crop_extend(0, width, base)])

    def _gutter(self, start: int, end: int, base: Style) -> Strip:
        """The mark of a passage that states another value than its counterpart."""
        if any(a < end and b > start for a, b in self.discrepant):
            style = base + self.get_component_rich_style("article--gutter")
            return Strip([Segment(GUTTER_MARK.ljust(GUTTER), style)], GUTTER)
        return Strip.blank(GUTTER, base)

    def _render_row(
        self, start: int, end: int, cursor: int | None, selection: tuple[int, int] | None
    ) -> Strip:
        match = self.get_component_rich_style("article--match").bgcolor
        styles = paint.styles_between(
            start, end, self.tags, self.entities, self.highlighting, self.matches, match
        )
        if self.dimmed:  # lines, in order and apart: those starting before the row's end
            last = bisect_left(self._dimmed_starts, end)
            touching = self.dimmed[max(0, last - 64) : last]  # a row spans a few lines at most
            styles.extend((a, b, Style(dim=True)) for a, b in touching if b > start)
        if self.counterparts:
            # The background and italics only, so entity colours show through.
            lit = self.get_component_rich_style("article--counterpart")
            style = Style(bgcolor=lit.bgcolor, italic=True)
            styles.extend((a, b, style) for a, b in self.counterparts if a < end and b > start)
        if self.differing:  # bold and underlined only: entity colours show through
            lit = self.get_component_rich_style("article--differing")
            style = Style(bold=lit.bold, underline=lit.underline)
            styles.extend((a, b, style) for a, b in self.differing if a < end and b > start)
        if selection:
            styles.append((*selection, self.get_component_rich_style("article--selection")))
        if cursor is not None:
            style = self.get_component_rich_style("article--cursor")
            styles.append((cursor, motion.next_char(self.text, cursor), style))
        text = paint.row(self.shown, start, end, styles)
        # The base style goes under every segment: Text.render leaves unstyled rows bare.
        return Strip(text.render(self.app.console), text.cell_len).apply_style(
            self.visual_style.rich_style
        )

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

    # ---- positions ----
    def offset_at(self, row: int, cells: int) -> int:
        """The offset shown at ``cells`` cells into ``row`` (its last grapheme if beyond)."""
        return self.wrapped.offset_at(row, cells)

    def selection_range(self) -> tuple[int, int] | None:
        if self.anchor is None or self.anchor == self.cursor:
            return None
        return (min(self.anchor, self.cursor), max(self.anchor, self.cursor))

    def entity_at(self, offset: int) -> Entity | None:
        return self.entities.at(offset)

    def annotations_at(self, offset: int) -> list[Annotation]:
        """The tags covering ``offset``, shortest first."""
        return self.tags.at(offset)
