"""The row of article panes."""

from __future__ import annotations

from textual.containers import Horizontal

from newsgloss.tui.article.pane import ArticlePane

MAX_PANES = 4
MIN_PANE_WIDTH = 40


class Panes(Horizontal):
    """When the panes cannot all be MIN_PANE_WIDTH wide, only the current pane (the one
    holding the focus) is displayed."""

    def on_resize(self) -> None:
        self.update_mode()

    @property
    def panes(self) -> list[ArticlePane]:
        return list(self.query_children(ArticlePane))

    def update_mode(self, current: ArticlePane | None = None) -> None:
        panes = self.panes
        width = self.size.width or self.app.size.width  # not laid out yet: the screen's
        if not panes or not width:
            return
        narrow = width < MIN_PANE_WIDTH * len(panes)
        current = current or next((p for p in panes if p.has_class("-current")), panes[0])
        for pane in panes:
            pane.set_class(pane is current, "-current")
            pane.display = pane is current or not narrow
