"""The reader's session: what it saves when it closes and puts back when it opens.

A session is plain JSON kept in the store (``Store.save_session``), so it travels with
the store: the open documents, each pane's cursor and first visible character (not
its scroll row, which depends on the width), the current pane, the theme, the entity
filter, the scrolling mode and the dimming of boilerplate. Whatever a saved value is,
reading it cannot fail: a value of the wrong kind is ignored.
"""

from __future__ import annotations

from newsgloss.tui.colours import Highlighting


def capture(
    positions: list[tuple[str, int, int]],
    current: int,
    theme: str,
    highlighting: Highlighting,
    scroll_mode: str,
    boilerplate: bool,
) -> dict:
    """The session to save: ``positions`` holds each pane's document id, cursor and first
    visible character; ``current`` is the index of the current pane."""
    return {
        "panes": [{"doc_id": d, "cursor": cursor, "top": top} for d, cursor, top in positions],
        "current": current,
        "theme": theme,
        "entities": highlighting.enabled,
        "hidden": sorted(highlighting.hidden),
        "sync": scroll_mode,
        "boilerplate": boilerplate,
    }


def _value(saved: dict | None, key: str, kind: type, default):
    value = (saved or {}).get(key, default)
    if isinstance(value, bool) != (kind is bool):  # JSON's true is not a count, nor 1 a flag
        return default
    return value if isinstance(value, kind) else default


def highlighting(saved: dict | None) -> Highlighting:
    hidden = [label for label in _value(saved, "hidden", list, []) if isinstance(label, str)]
    return Highlighting(enabled=_value(saved, "entities", bool, True), hidden=frozenset(hidden))


SCROLL_MODES = ("apart", "together", "level")  # what S goes round


def scroll_mode(saved: dict | None) -> str:
    """How the panes scroll: apart, together (at the same relative position) or level
    (aligned passages side by side). A session saved before levels held a flag."""
    value = (saved or {}).get("sync", "apart")
    if isinstance(value, bool):
        return "together" if value else "apart"
    return value if value in SCROLL_MODES else "apart"


def boilerplate(saved: dict | None) -> bool:
    return _value(saved, "boilerplate", bool, False)


def theme(saved: dict | None) -> str | None:
    return _value(saved, "theme", str, None)


def current(saved: dict | None, panes: int) -> int:
    index = _value(saved, "current", int, 0)
    return index if 0 <= index < panes else 0


def position(saved: dict | None, index: int, doc_id: str) -> tuple[int, int] | None:
    """The cursor and first visible character saved for pane ``index``, when it showed
    ``doc_id`` (else for another pane that did); None if no saved pane showed it."""
    panes = [p for p in _value(saved, "panes", list, []) if isinstance(p, dict)]
    mine = panes[index : index + 1] + panes  # this pane's own first
    pane = next((p for p in mine if p.get("doc_id") == doc_id), None)
    if pane is None:
        return None
    return _value(pane, "cursor", int, 0), _value(pane, "top", int, 0)
