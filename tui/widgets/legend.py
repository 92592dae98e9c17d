"""The legend under the panes: the tag labels with their keys and colours, entity
colours, the analysis's progress and the scrolling mode (when not apart).

It is rebuilt for its width: labels that do not fit become ``+N more``, and the
progress and the scrolling mode are never the part that is cut.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from newsgloss.annotations.labels import Label
from newsgloss.tui.cells import terminal_text
from newsgloss.tui.colours import Highlighting

SEPARATOR = "  "


class Legend(Static):
    def __init__(self) -> None:
        super().__init__("", id="legend")
        self.labels: list[str] = []
        self.highlighting = Highlighting()
        self.status = ""
        self.scrolling = "apart"
        self.tag_labels: list[Label] = []

    def show(
        self,
        labels: list[str],
        highlighting: Highlighting,
        status: str,
        scrolling: str,
        tag_labels: list[Label] = (),
    ) -> None:
        self.labels, self.highlighting = labels, highlighting
        self.status, self.scrolling = status, scrolling
        self.tag_labels = list(tag_labels)
        self.update(self.legend(self.content_size.width or self.app.size.width))

    def on_resize(self) -> None:
        self.update(self.legend(self.content_size.width))

    def legend(self, width: int) -> Text:
        """The legend for ``width`` cells."""
        tail = Text(no_wrap=True, end="")
        if self.status:
            tail.append(self.status, style="italic")
        if self.scrolling != "apart":
            tail.append(SEPARATOR + f"[scrolling {self.scrolling}]", style="dim")
        legend = Text(no_wrap=True, overflow="ellipsis", end="")
        h = self.highlighting
        chips = [(f"{label.key} " if label.key else "", label.name) for label in self.tag_labels]
        if sum(len(key) + len(name) + 3 for key, name in chips) > width * 0.5:
            chips = [(key, "" if key else name) for key, name in chips]  # keys alone
        for (key, name), label in zip(chips, self.tag_labels, strict=True):
            # "c claim" on the label's colour: the key that tags with it, and its name
            legend.append(f" {key}{terminal_text(name)}".rstrip() + " ", h.tag(label.name))
            legend.append(" ")
        if not h.enabled:
            legend.append("Entities off (t)", style="dim")
            legend.append(SEPARATOR)
        labels = self.labels if h.enabled else []
        for index, label in enumerate(labels):
            item = f"■ {label}"
            left = len(labels) - index - 1
            more = len(f"+{left} more (f)") + len(SEPARATOR) if left else 0
            if legend.cell_len + len(item) + len(SEPARATOR) + more + tail.cell_len > width:
                legend.append(f"+{len(labels) - index} more (f)", style="dim")
                legend.append(SEPARATOR)
                break
            legend.append(item, h.style(label) if h.shows(label) else "dim strike")
            legend.append(SEPARATOR)
        legend.append_text(tail)
        return legend
