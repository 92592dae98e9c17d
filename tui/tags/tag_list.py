"""The tags panel's list: one line per tag, drawn only for the rows on screen.

A virtual list in the manner of Toolong's log view: it reads the document's tags (the
list the pane keeps in text order, changed in place as tags are made) and draws the
rows in view, so 100,000 tags cost what 30 do, and a tag made while the panel is open
costs a redraw of the rows on screen, not a rebuild of the list.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newsgloss.annotations.model import Annotation
from newsgloss.tui.colours import Highlighting
from newsgloss.tui.tags.lines import tag_line

KEPT = 512  # drawn rows kept (a screenful needs a few dozen)


class TagList(ScrollView, can_focus=True):
    """The tags of one document, one a row, with one highlighted."""

    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "edge(-1)", "First", show=False),
        Binding("end", "edge(1)", "Last", show=False),
        Binding("enter", "choose", "Go to the tag", show=False),
    ]
    COMPONENT_CLASSES = {"tag-list--highlighted"}
    DEFAULT_CSS = """
    TagList { background: $surface; }
    TagList:focus { background-tint: $foreground 5%; }
    TagList > .tag-list--highlighted {
        color: $foreground; background: $block-cursor-blurred-background;
    }
    TagList:focus > .tag-list--highlighted {
        color: $block-cursor-foreground; background: $block-cursor-background;
        text-style: $block-cursor-text-style;
    }
    """

    highlighted: reactive[int | None] = reactive(None, always_update=True)

    class Highlighted(Message):
        """The highlight moved to the tag at ``index``."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Chosen(Message):
        """enter (or a click) on the tag at ``index``."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self) -> None:
        super().__init__()
        self.annotations: list[Annotation] = []
        self.anchoring: dict[str, tuple[str, str]] = {}
        self.highlighting = Highlighting()
        self._rows: dict[tuple, Strip] = {}

    @property
    def count(self) -> int:
        return len(self.annotations)

    def show(
        self,
        annotations: list[Annotation],
        highlighting: Highlighting,
        at: int | None,
        anchoring: dict[str, tuple[str, str]] | None = None,
    ) -> None:
        """List ``annotations`` (read, not copied: the pane's own list) with the one at
        index ``at`` highlighted, each carried tag marked as ``anchoring`` says; every row
        is drawn again, from the new list."""
        if highlighting is not self.highlighting or (anchoring or {}) != self.anchoring:
            self._rows.clear()
        self.annotations, self.highlighting = annotations, highlighting
        self.anchoring = anchoring or {}
        self.virtual_size = Size(self.size.width, len(annotations))
        self.highlighted = at or 0  # clamped, or None without tags, by validate_highlighted
        self.refresh()

    def prompt(self, index: int) -> Text:
        """What the row of the tag at ``index`` says."""
        annotation = self.annotations[index]
        status = self.anchoring.get(annotation.id, ("", ""))[0]
        return tag_line(annotation, self.highlighting, status)

    def validate_highlighted(self, index: int | None) -> int | None:
        if index is None or not self.annotations:
            return None
        return max(0, min(index, len(self.annotations) - 1))

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        if new is None:
            return
        top, height = self.scroll_offset.y, max(1, self.scrollable_content_region.height)
        if new < top:
            self.scroll_to(y=new, animate=False, immediate=True)
        elif new >= top + height:
            self.scroll_to(y=new - height + 1, animate=False, immediate=True)
        for row in (old, new):
            if row is not None:
                self.refresh_lines(row)  # rows of the list, not of the screen
        self.post_message(self.Highlighted(new))

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        base = self.visual_style.rich_style
        if index >= len(self.annotations):
            return Strip.blank(width, base)
        highlighted = index == self.highlighted
        key = (self.annotations[index], width, highlighted, highlighted and self.has_focus)
        strip = self._rows.get(key)
        if strip is None:
            line = self.prompt(index)
            line.truncate(width, overflow="ellipsis", pad=True)
            style = base
            if highlighted:
                style += self.get_component_rich_style("tag-list--highlighted")
            segments = [Segment(text, style + s if s else style) for text, s, _ in line.render(
                self.app.console)]  # fmt: skip
            strip = Strip(segments, width).crop_extend(0, width, style)
            if len(self._rows) >= KEPT:
                self._rows.clear()
            self._rows[key] = strip
        return strip

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._rows.clear()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.annotations))

    def on_focus(self) -> None:
        self._refresh_highlighted()

    def on_blur(self) -> None:
        self._refresh_highlighted()

    def _refresh_highlighted(self) -> None:
        if self.highlighted is not None:
            self.refresh_lines(self.highlighted)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None and self.scroll_offset.y + offset.y < len(self.annotations):
            self.highlighted = self.scroll_offset.y + offset.y
            self.action_choose()

    def action_move(self, step: int) -> None:
        if self.highlighted is not None:
            self.highlighted += step

    def action_page(self, direction: int) -> None:
        if self.highlighted is not None:
            self.highlighted += direction * max(1, self.scrollable_content_region.height - 1)

    def action_edge(self, direction: int) -> None:
        if self.annotations:
            self.highlighted = 0 if direction < 0 else len(self.annotations) - 1

    def action_choose(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Chosen(self.highlighted))
