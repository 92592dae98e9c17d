"""Word wrap by terminal cells: visual rows as offsets into the canonical text.

A ``Layout`` is the only thing the view needs to map between screen rows and text
offsets. It is rebuilt only when the width changes, so it must be fast on
multi-megabyte texts: lines whose characters are all one cell wide (nearly all
news prose) wrap with ``str.rfind`` jumps; only other lines walk graphemes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from rich.cells import split_graphemes

# Characters that are certainly one cell wide and never combine: Latin, Greek,
# Cyrillic, general punctuation (dashes, quotes, ellipsis) and currency signs.
_ONE_CELL_LINE = re.compile(
    "[\x20-\x7e\u00a0-\u02ff\u0370-\u0482\u048a-\u0590\u2010-\u2027\u2030-\u205e\u20a0-\u20c0]*"
)


@dataclass
class Layout:
    """Row ``i`` shows ``text[starts[i]:ends[i]]``; line breaks belong to no row."""

    width: int
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.starts)

    def row_of(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)


def is_one_cell(line: str) -> bool:
    return _ONE_CELL_LINE.fullmatch(line) is not None


def wrap(text: str, width: int) -> Layout:
    """Greedy word wrap of every line of ``text`` to ``width`` cells."""
    width = max(width, 2)
    layout = Layout(width)
    starts, ends = layout.starts, layout.ends
    base = 0
    for line in text.split("\n"):
        length = len(line)
        if length <= width and (line.isascii() or is_one_cell(line)):
            starts.append(base)
            ends.append(base + length)
        elif line.isascii() or is_one_cell(line):
            position = 0
            while length - position > width:
                space = line.rfind(" ", position + 1, position + width)
                end = space + 1 if space > 0 else position + width
                starts.append(base + position)
                ends.append(base + end)
                position = end
            starts.append(base + position)
            ends.append(base + length)
        else:
            _wrap_graphemes(line, base, width, starts, ends)
        base += length + 1
    return layout


def _wrap_graphemes(line: str, base: int, width: int, starts: list, ends: list) -> None:
    """The slow path for wide and combining characters: never split a grapheme."""
    spans, _ = split_graphemes(line)
    row_start = cells = 0
    break_after = -1  # offset just after the last space in this row
    cells_after_break = 0  # cells of the graphemes after that space
    for start, end, size in spans:
        while cells + size > width and start > row_start:  # twice when what follows the
            if break_after > row_start:  # space still leaves no room for this grapheme
                row_end, cells = break_after, cells_after_break
            else:
                row_end, cells = start, 0
            starts.append(base + row_start)
            ends.append(base + row_end)
            row_start, break_after = row_end, -1
        cells += size
        cells_after_break += size
        if line[start] == " ":
            break_after, cells_after_break = end, 0
    starts.append(base + row_start)
    ends.append(base + len(line))


def grapheme_bounds(row_text: str) -> list[tuple[int, int, int]]:
    """(start, end, cells) of each grapheme of a row, for cursor and mouse positions."""
    if row_text.isascii() or is_one_cell(row_text):
        return [(i, i + 1, 1) for i in range(len(row_text))]
    return split_graphemes(row_text)[0]
