"""Terminal cells: Rich measures text as terminals draw it, and graphemes stay whole.

Rich 15 measures spacing combining marks (Unicode category Mc: the vowel signs of
Devanagari, Bengali, Tamil and the other Indic scripts) as 0 cells, while terminals
(tmux, xterm, VTE; glibc's ``wcwidth``) advance the cursor one cell for each. A Hindi
row that Rich thinks fits then runs over its pane's border into the next pane, and
what it overwrites vanishes. Textual places every segment by Rich's measure, and no
character is 1 cell to Rich but 0 to a terminal (which could balance a row), so the
one fix that keeps every character is to make Rich measure as the terminal does:
``use_terminal_cell_widths`` gives every spacing mark in Rich's cell table the width a
terminal gives it. It touches only those code points, once, before anything is drawn.

Emoji are measured as Rich does, which is what tmux does for ZWJ sequences and flags
(two cells). The exception is an emoji that is narrow unless a VS16 (U+FE0F) asks for
emoji presentation (❤️, ☺️, the white flag of 🏳️‍🌈): Rich counts two cells, tmux 3.3 one,
newer terminals two. ``terminal_text`` shows those in text presentation (VS15), one cell
everywhere, without changing the length of the text, so offsets still hold. It also
shows bidirectional controls as visible markers.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import rich.cells

_PATCHED = "newsgloss_terminal_widths"


def spacing_mark_width(character: str) -> int:
    """The cells a terminal gives a spacing mark: 2 where East Asian Width says wide."""
    return 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1


def _with_spacing_marks(widths) -> list[tuple[int, int, int]]:
    """Rich's (start, end, width) ranges with every spacing mark given its terminal width.

    Code points absent from the table are 1 cell to Rich, so marks only need taking out
    of the ranges that give them 0 (some 7,000 code points in all, a few milliseconds);
    a mark whose width is not 1 goes back in as a range of its own."""
    ranges: list[tuple[int, int, int]] = []
    for start, end, width in widths:
        if width != 0:
            ranges.append((start, end, width))
            continue
        run_start = start
        for code in range(start, end + 1):
            if unicodedata.category(chr(code)) == "Mc":
                if run_start < code:
                    ranges.append((run_start, code - 1, 0))
                if (cells := spacing_mark_width(chr(code))) != 1:
                    ranges.append((code, code, cells))
                run_start = code + 1
        if run_start <= end:
            ranges.append((run_start, end, 0))
    return ranges


def use_terminal_cell_widths() -> bool:
    """Make Rich (and so Textual) measure spacing marks as terminals draw them.

    Idempotent; clears Rich's caches of widths measured before. A Rich without the cell
    table this adjusts (``load_cell_table`` came in 14.3) is left as it is: Indic rows may
    then overflow, but the reader runs. Returns whether Rich measures as terminals do."""
    original = getattr(rich.cells, "load_cell_table", None)
    if original is None:
        return False
    if getattr(original, _PATCHED, False):
        return True

    @cache
    def load_cell_table(unicode_version: str = "auto"):
        table = original(unicode_version)
        return table._replace(widths=_with_spacing_marks(table.widths))

    setattr(load_cell_table, _PATCHED, True)
    rich.cells.load_cell_table = load_cell_table
    for cached in ("get_character_cell_size", "cached_cell_len"):
        clear = getattr(getattr(rich.cells, cached, None), "cache_clear", None)
        if clear is not None:
            clear()
    return True


# Bidirectional controls (embeddings, overrides, isolates, marks): sent to a terminal they
# reorder what follows, so a quote can read differently from what is stored ("Trojan
# Source"). The reader shows each as a visible broken bar instead.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
BIDI_MARKER = "¦"
# Control characters never reach the terminal either, whatever a store holds (canonical
# text has none, but a label written by an older version or through the API might):
# each is drawn as U+FFFD. Line breaks stay; they are never inside a drawn row.
CONTROLS = "".join(chr(c) for c in [*range(0x00, 0x0A), *range(0x0B, 0x20), *range(0x7F, 0xA0)])
_SHOWN = str.maketrans(
    {
        "\ufe0f": "\ufe0e",
        **dict.fromkeys(map(ord, BIDI_CONTROLS), BIDI_MARKER),
        **dict.fromkeys(map(ord, CONTROLS), "\ufffd"),
    }
)
_NEEDS_CHANGE = re.compile(f"[\ufe0f{BIDI_CONTROLS}{re.escape(CONTROLS)}]")


def terminal_text(text: str) -> str:
    """``text`` as the reader draws it: the same length, offset for offset, with no width
    terminals disagree on, no control that would reorder the line, no control character."""
    return text.translate(_SHOWN) if _NEEDS_CHANGE.search(text) else text


def graphemes(text: str) -> list[tuple[int, int, int]]:
    """(start, end, cells) of each extended grapheme cluster (UAX #29) of ``text``: a
    letter with its marks, a conjunct, an emoji sequence, a flag."""
    from wcwidth import iter_graphemes  # here: importing it is 9 ms of the first frame

    spans = []
    start = 0
    for cluster in iter_graphemes(text):
        end = start + len(cluster)
        spans.append((start, end, rich.cells.cell_len(cluster)))
        start = end
    return spans
