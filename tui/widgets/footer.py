"""The key bar: Textual's Footer with help and quit first.

The Footer lists the focused widget's keys before the app's and cuts what does not
fit, so below about 100 columns it dropped ``? Help`` and ``q Quit``, the two keys a
newcomer needs most. Here they lead, and the rest is cut instead.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer

FIRST_ACTIONS = ("help", "quit")


class ReaderFooter(Footer):
    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        first = sorted(
            (key for key in keys if getattr(key, "action", None) in FIRST_ACTIONS),
            key=lambda key: FIRST_ACTIONS.index(key.action),
        )
        yield from first
        yield from (key for key in keys if key not in first)
