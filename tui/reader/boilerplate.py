"""Dimming a site's boilerplate in the open articles (``B``): lines repeated within an
article or found in several stored ones (``api.boilerplate_lines``), found in a worker
on a store connection of its own and kept for the session."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsgloss.tui.article.pane import ArticlePane
    from newsgloss.tui.reader.screen import ReaderScreen


class Boilerplate:
    def __init__(self, reader: ReaderScreen, on: bool = False) -> None:
        self.reader = reader
        self.on = on
        self._found: dict[str, list[tuple[int, int]]] = {}  # document id: its lines

    def toggle(self) -> None:
        self.on = not self.on
        self.reader.notify(
            "Boilerplate dimmed: lines repeated in an article or in several"
            if self.on
            else "Boilerplate shown as the story"
        )
        self.show(self.reader.panes)

    def show(self, panes: list[ArticlePane]) -> None:
        """Dim (or undim) the boilerplate of these panes, finding what is not known yet."""
        missing = [p.document.id for p in panes if p.document.id not in self._found]
        if self.on and missing and self.reader.store is not None:
            path = self.reader.store.path
            self.reader.run_worker(lambda: self._find(path, missing), thread=True, group="cache")
        for pane in panes:
            pane.view.set_dimmed(self._found.get(pane.document.id, []) if self.on else [])

    def _find(self, path, doc_ids: list[str]) -> None:
        from newsgloss.annotations import api

        store, _ = api.open_store(path)
        with store:
            found = api.boilerplate_lines(store, doc_ids)
        self.reader.app.call_from_thread(self._found_now, found)

    def _found_now(self, found: dict[str, list[tuple[int, int]]]) -> None:
        self._found.update(found)
        self.show(self.reader.panes)
