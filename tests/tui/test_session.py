"""Reading a saved session never fails: a value of the wrong kind is ignored."""

from __future__ import annotations

import pytest

from newsgloss.tui.reader import session


@pytest.mark.parametrize(
    ("saved", "mode"),
    [
        (None, "apart"),
        ({"sync": True}, "together"),  # saved before the level mode: a flag
        ({"sync": False}, "apart"),
        ({"sync": "level"}, "level"),
        ({"sync": "sideways"}, "apart"),
        ({"sync": 1}, "apart"),
    ],
)
def test_the_scroll_mode_comes_back_or_falls_back_to_apart(saved, mode) -> None:
    assert session.scroll_mode(saved) == mode
