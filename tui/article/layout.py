"""Word wrap by terminal cells: visual rows as offsets into the canonical text.

A ``Layout`` is the only thing the view needs to map between screen rows and text
offsets. It is rebuilt only when the width changes, so it must be fast on
multi-megabyte texts: lines whose characters are all one cell wide (nearly all
news prose) wrap with ``str.rfind`` jumps; only other lines walk graphemes.

Row starts are kept in an ``array``: a list of 160,000 ints cost every pass of the
cyclic GC about a millisecond to walk, and 36 bytes an entry instead of 8. Row ends
are not kept at all: a row ends where the next begins, less the line break if any.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right

from newsgloss.tui.cells import graphemes

# Characters that are certainly one cell wide and never combine: Latin, Greek,
# Cyrillic, general punctuation (dashes, quotes, ellipsis) and currency signs; and
# line breaks, which take no cell of any row.
_ONE_CELL_TEXT = re.compile(
    "[\n\x20-\x7e\u00a0-\u02ff\u0370-\u0482\u048a-\u0590\u2010-\u2027\u2030-\u205e\u20a0-\u20c0]*"
)


class Layout:
    """Row ``i`` shows ``text[starts[i]:end(i)]``; line breaks belong to no row.

    ``one_cell`` says whether every character of the text is one cell wide (None:
    not known yet); a re-wrap of the same text passes it on instead of checking again.
    """

    def __init__(
        self,
        text: str = "",
        width: int = 0,
        starts: array | None = None,
        one_cell: bool | None = None,
    ) -> None:
        self.text = text
        self.width = width
        self.starts = array("q") if starts is None else starts
        self.one_cell = one_cell

    def __len__(self) -> int:
        return len(self.starts)

    def end(self, row: int) -> int:
        if row + 1 >= len(self.starts):
            return len(self.text)
        following = self.starts[row + 1]
        return following - 1 if self.text[following - 1] == "\n" else following

    def row_of(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def cells_before(self, row: int, offset: int) -> int:
        """The cells ``row`` takes before ``offset``: the column a vertical move keeps."""
        start = self.starts[row]
        return sum(size for _, _, size in grapheme_bounds(self.text[start:offset]))

    def offset_at(self, row: int, cells: int) -> int:
        """The offset shown at ``cells`` cells into ``row`` (its last grapheme if beyond)."""
        start, end = self.starts[row], self.end(row)
        total = 0
        last = start
        for g_start, _, size in grapheme_bounds(self.text[start:end]):
            if total + size > cells:
                return start + g_start
            total += size
            last = start + g_start
        line_end = end >= len(self.text) or self.text[end] == "\n"
        return end if line_end else last


def is_one_cell(text: str) -> bool:
    return text.isascii() or _ONE_CELL_TEXT.fullmatch(text) is not None


def wrap(text: str, width: int, one_cell: bool | None = None) -> Layout:
    """Greedy word wrap of every line of ``text`` to ``width`` cells.

    One-cell lines (with a one-cell text, every line) wrap by ``rfind`` on the text
    itself, with no copy of the line; the others walk graphemes."""
    width = max(width, 2)
    if one_cell is None:
        one_cell = is_one_cell(text)
    starts = array("q")
    append = starts.append
    find, rfind = text.find, text.rfind
    position, length = 0, len(text)
    while True:
        line_end = find("\n", position)
        if line_end < 0:
            line_end = length
        if one_cell or is_one_cell(text[position:line_end]):
            while line_end - position > width:
                append(position)
                space = rfind(" ", position + 1, position + width)
                position = space + 1 if space > 0 else position + width
            append(position)
        else:
            _wrap_graphemes(text[position:line_end], position, width, append)
        if line_end == length:
            return Layout(text, width, starts, one_cell)
        position = line_end + 1


def _wrap_graphemes(line: str, base: int, width: int, append) -> None:
    """The slow path for wide and combining characters: never split a grapheme."""
    spans = graphemes(line)
    row_start = cells = 0
    break_after = -1  # offset just after the last space in this row
    cells_after_break = 0  # cells of the graphemes after that space
    append(base)
    for start, end, size in spans:
        while cells + size > width and start > row_start:  # twice when what follows the
            if break_after > row_start:  # space still leaves no room for this grapheme
                row_start, cells = break_after, cells_after_break
            else:
                row_start, cells = start, 0
            append(base + row_start)
            break_after = -1
        cells += size
        cells_after_break += size
        if line[start] == " ":
            break_after, cells_after_break = end, 0


def grapheme_bounds(row_text: str) -> list[tuple[int, int, int]]:
    """(start, end, cells) of each grapheme of a row, for cursor and mouse positions."""
    if is_one_cell(row_text):
        return [(i, i + 1, 1) for i in range(len(row_text))]
    return graphemes(row_text)
