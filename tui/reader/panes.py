"""The row of article panes."""

from __future__ import annotations

from textual.containers import Horizontal

from newsgloss.tui.article.pane import ArticlePane

MAX_PANES = 4
MIN_PANE_WIDTH = 40


class Panes(Horizontal):
    """As many panes as fit MIN_PANE_WIDTH wide are displayed, a run of them holding the
    current one (the one holding the focus); while some are hidden, each pane shown says
    which it is in its border (``2/4``), and tab brings the others."""

    width_hint: int | None = None  # the width it is about to have, until it has it

    def on_resize(self) -> None:
        self.width_hint = None
        self.update_mode()

    @property
    def panes(self) -> list[ArticlePane]:
        return list(self.query_children(ArticlePane))

    def update_mode(self, current: ArticlePane | None = None, width: int | None = None) -> None:
        """Show the panes that fit ``width``: the row's own, unless told what it is about
        to be (then until it is: the next layout is the only one, with no pass at the
        old width)."""
        panes = self.panes
        self.width_hint = width or self.width_hint
        width = self.width_hint or self.size.width or self.app.size.width  # else the screen's
        if not panes or not width:
            return
        current = current or next((p for p in panes if p.has_class("-current")), panes[0])
        arrange(panes, panes.index(current), width)


def arrange(panes: list[ArticlePane], current: int, width: int) -> None:
    """Mark pane ``current`` and show the run of panes holding it that fits ``width``;
    also for panes not mounted yet, so the first frame is laid out once."""
    fit = max(1, min(len(panes), width // MIN_PANE_WIDTH))
    shown = range(fit) if current < fit else range(current - fit + 1, current + 1)
    for index, pane in enumerate(panes):
        pane.set_class(index == current, "-current")
        pane.display = index in shown
        pane.border_title = f"{index + 1}/{len(panes)}" if fit < len(panes) else ""
