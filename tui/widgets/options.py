"""Moving an OptionList's highlight by keys a screen binds itself (the picker's arrows,
the claims view's j and k): stopping at either end, never going round."""

from __future__ import annotations

from textual.widgets import OptionList


def move_highlight(options: OptionList, step: int) -> None:
    if options.option_count:
        current = options.highlighted or 0
        options.highlighted = max(0, min(options.option_count - 1, current + step))
