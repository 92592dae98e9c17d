"""The ``A`` panel: the focused document's tags, in text order, and the highlighted
tag's note in full below them; below, the tags of an older version that could not be
placed in this one (orphans: kept, never misplaced).

enter jumps to a tag, j/k move, delete removes it, a label's key relabels it, ctrl+l and
ctrl+n go round the labels and the annotators it lists (to compare two annotators' tags),
escape goes back to the article. On a narrow screen it takes the whole screen while it is open.
It only shows what the screen hands it; the screen does the store work. The list
(``TagList``) draws only the rows on screen: an article may hold 100,000 tags.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from newsgloss.annotations.labels import DEFAULT_LABELS, Label
from newsgloss.annotations.model import Annotation
from newsgloss.tui.cells import terminal_text
from newsgloss.tui.colours import Highlighting
from newsgloss.tui.keys import PANEL_BINDINGS
from newsgloss.tui.tags.lines import tag_line
from newsgloss.tui.tags.tag_list import TagList

ORPHANS_SHOWN = 5  # the older version's tags that could not be placed, listed below


class TagsPanel(Vertical):
    BINDINGS = PANEL_BINDINGS
    DEFAULT_CSS = """
    TagsPanel {
        height: 1fr; border-left: solid $panel; background: $surface;
    }
    TagsPanel.-full { border-left: none; }
    TagsPanel > .panel-title {
        height: 1; padding: 0 1; background: $boost; text-style: bold;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    TagsPanel > TagList { height: 1fr; scrollbar-gutter: stable; }
    TagsPanel > .panel-note {
        height: auto; max-height: 8; padding: 0 1; border-top: solid $panel;
    }
    TagsPanel > .panel-orphans {
        height: auto; max-height: 8; padding: 0 1; border-top: solid $warning;
    }
    TagsPanel > .panel-help {
        height: 1; padding: 0 1; color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis;
    }
    """
    FULL_BELOW = 80  # columns: narrower, the panel takes the screen while it is open

    class Chosen(Message):
        """enter on a tag: the app moves the cursor there."""

        def __init__(self, annotation: Annotation) -> None:
            super().__init__()
            self.annotation = annotation

    class Delete(Message):
        def __init__(self, annotation: Annotation) -> None:
            super().__init__()
            self.annotation = annotation

    class Relabel(Message):
        def __init__(self, annotation: Annotation, label: str) -> None:
            super().__init__()
            self.annotation = annotation
            self.label = label

    class Back(Message):
        """escape: the app gives the focus back to the article."""

    def __init__(self) -> None:
        super().__init__(id="tags-panel")
        self.tag_list = TagList()
        self.highlighted_id: str | None = None  # the highlighted tag's, to keep it so
        self.shown_note = ""
        self.note = Static("", classes="panel-note")
        self.note.display = False
        self.orphans = Static("", classes="panel-orphans")
        self.orphans.display = False
        # Made here, not queried: the labels may arrive before the panel is composed.
        self.help = Static("", classes="panel-help")
        self.set_labels(DEFAULT_LABELS)
        self.only_label: str | None = None  # the filters: None lists all
        self.only_by: str | None = None
        self.shown_args: tuple | None = None  # what show() was last given, to filter again

    def compose(self) -> ComposeResult:
        yield Static("", classes="panel-title")
        yield self.tag_list
        yield self.note
        yield self.orphans
        yield self.help

    def set_labels(self, labels: Iterable[Label]) -> None:
        """The store's labels: their keys relabel the highlighted tag."""
        self.label_keys = {label.key: label.name for label in labels if label.key}
        keys = "/".join(self.label_keys)
        relabel = f"  {keys}: relabel" if keys else ""
        self.help.update(Text(f"enter: go  j/k: move  x: delete{relabel}"))

    def on_key(self, event: events.Key) -> None:
        label = self.label_keys.get(event.character or "")
        if label is not None and event.character == event.key:
            event.stop()
            event.prevent_default()
            self.action_relabel(label)

    def on_mount(self) -> None:
        self.fit(self.app.size.width)

    def fit(self, screen_width: int) -> None:
        """Beside the articles, or the whole screen when they would have no room left."""
        self.set_class(screen_width < self.FULL_BELOW, "-full")
        self.styles.width = "100%" if self.full else self.width_beside(screen_width)

    @staticmethod
    def width_beside(screen_width: int) -> int:
        """The panel's cells beside the articles: 45% of the screen, 30 to 64. Set here,
        not in CSS, so that the screen knows the panes' width before the layout."""
        return max(30, min(64, screen_width * 45 // 100))

    @property
    def full(self) -> bool:
        return self.has_class("-full")

    @property
    def annotations(self) -> list[Annotation]:
        return self.tag_list.annotations

    def show(
        self,
        title: str,
        annotations: list[Annotation],
        highlighting: Highlighting,
        at: int | None = None,
        *,
        anchoring: dict[str, tuple[str, str]] | None = None,
        orphans: list[Annotation] | None = None,
    ) -> None:
        """List ``annotations`` (in text order) that pass the filters, highlighting the
        one at index ``at`` of those given (or the next listed), else keeping the
        highlighted tag highlighted (a tag made or removed before it moves it by one);
        those carried from an older version marked as ``anchoring`` says, and the older
        version's ``orphans`` below."""
        self.shown_args = (title, annotations, highlighting, anchoring, orphans)
        total = len(annotations)
        if self.only_label is not None or self.only_by is not None:
            wanted = annotations[at].id if at is not None and at < total else None
            annotations = [a for a in annotations if self._passes(a)]
            found = (i for i, a in enumerate(annotations) if a.id == wanted)
            at = next(found, 0) if wanted is not None else None
        if at is None:
            at = self.tag_list.highlighted or 0
            for index in (at, at + 1, at - 1):
                if 0 <= index < len(annotations) and annotations[index].id == self.highlighted_id:
                    at = index
                    break
        count = f"{len(annotations)} tag{'s' * (len(annotations) != 1)}"
        if len(annotations) != total:
            by = f"by {self.only_by}" if self.only_by is not None else None
            kept = ", ".join(filter(None, (self.only_label, by)))
            count = f"{len(annotations)} of {total} tags ({terminal_text(kept)})"
        self.query_one(".panel-title", Static).update(Text(f"{count}: {terminal_text(title)}"))
        self.tag_list.show(annotations, highlighting, at, anchoring)
        self._show_orphans(orphans or [], highlighting)
        self._show_note()

    def _show_orphans(self, orphans: list[Annotation], highlighting: Highlighting) -> None:
        if not orphans and not self.orphans.display:
            return  # an update lays the panel out again
        text = Text(f"Could not place {len(orphans)} from an older version:", style="bold")
        for orphan in orphans[:ORPHANS_SHOWN]:
            text.append("\n")
            text.append_text(tag_line(orphan, highlighting))
        if len(orphans) > ORPHANS_SHOWN:
            text.append(f"\n… and {len(orphans) - ORPHANS_SHOWN} more (newsgloss versions)")
        self.orphans.update(text)
        self.orphans.display = bool(orphans)

    @on(TagList.Highlighted)
    def _moved(self, event: TagList.Highlighted) -> None:
        event.stop()
        self._show_note()

    def _show_note(self) -> None:
        annotation = self._highlighted()
        self.highlighted_id = annotation.id if annotation is not None else None
        note = annotation.note if annotation is not None else ""
        if note != self.shown_note:  # an update lays the panel out again
            self.shown_note = note
            self.note.update(Text(terminal_text(note)))
            self.note.display = bool(note)

    def focus_list(self) -> None:
        self.screen.set_focus(self.tag_list)

    def _highlighted(self) -> Annotation | None:
        index = self.tag_list.highlighted
        return self.annotations[index] if index is not None and self.annotations else None

    @on(TagList.Chosen)
    def _chosen(self, event: TagList.Chosen) -> None:
        event.stop()
        self.post_message(self.Chosen(self.annotations[event.index]))

    def action_delete(self) -> None:
        annotation = self._highlighted()
        if annotation is not None:
            self.post_message(self.Delete(annotation))

    def action_relabel(self, label: str) -> None:
        annotation = self._highlighted()
        if annotation is not None and annotation.label != label:
            self.post_message(self.Relabel(annotation, label))

    def action_back(self) -> None:
        self.post_message(self.Back())

    def action_move(self, step: int) -> None:
        self.tag_list.action_move(step)

    def _passes(self, annotation: Annotation) -> bool:
        return (self.only_label is None or annotation.label == self.only_label) and (
            self.only_by is None or annotation.annotator == self.only_by
        )

    def action_filter(self, kind: str) -> None:
        """The next label (``kind`` "label") or annotator of the article's tags, going
        round through "all"."""
        if self.shown_args is None:
            return
        title, annotations, highlighting, anchoring, orphans = self.shown_args
        field, attribute = ("label", "only_label") if kind == "label" else ("annotator", "only_by")
        values = [None, *sorted({getattr(a, field) for a in annotations})]
        current = getattr(self, attribute)
        index = values.index(current) if current in values else 0
        setattr(self, attribute, values[(index + 1) % len(values)])
        self.show(title, annotations, highlighting, anchoring=anchoring, orphans=orphans)
