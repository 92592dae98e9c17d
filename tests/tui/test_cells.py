"""Rich's cell table adjusted for spacing marks, and a Rich without that table."""

from __future__ import annotations

import rich.cells

from newsgloss.tui import cells


def test_spacing_marks_are_measured_as_terminals_draw_them():
    assert cells.use_terminal_cell_widths() is True
    assert cells.use_terminal_cell_widths() is True  # idempotent
    assert rich.cells.cell_len("का") == 2  # KA and the vowel sign AA: a cell each in tmux


def test_a_rich_without_the_cell_table_is_left_as_it_is(monkeypatch):
    """Rich before 14.3 has no load_cell_table: the reader must start all the same."""
    monkeypatch.delattr(rich.cells, "load_cell_table")
    assert cells.use_terminal_cell_widths() is False
    assert not hasattr(rich.cells, "load_cell_table")
    assert rich.cells.cell_len("abc") == 3
