"""The key bar: Textual's Footer with help and quit first, redrawn only when it changes.

The Footer lists the focused widget's keys before the app's and cuts what does not
fit, so below about 100 columns it dropped ``? Help`` and ``q Quit``, the two keys a
newcomer needs most. Here they lead, and the rest is cut instead.

The Footer also recomposes (new widgets, styles, a layout) whenever the focus moves,
even when it would show the same keys: about 40 ms of the tags panel's opening. Here
it recomposes only when the keys it shows change.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

FIRST_ACTIONS = ("help", "quit")


class ReaderFooter(Footer):
    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple | None = None

    def bindings_changed(self, screen: Screen) -> None:
        shown = tuple(
            (binding.key, binding.description, enabled)
            for _, binding, enabled, _ in screen.active_bindings.values()
            if binding.show
        )
        if shown != self._shown:
            self._shown = shown
            super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        first = sorted(
            (key for key in keys if getattr(key, "action", None) in FIRST_ACTIONS),
            key=lambda key: FIRST_ACTIONS.index(key.action),
        )
        yield from first
        yield from (key for key in keys if key not in first)
