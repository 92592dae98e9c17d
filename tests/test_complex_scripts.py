"""Complex scripts in a real terminal: Devanagari, Bengali and Tamil vowel signs and ZWJ
emoji take the cells tmux gives them, so every row fits its pane and no word is lost
(an emoji widened only by VS16 is drawn in text presentation, as tui/cells.py explains)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from terminal import Terminal, columns

from newsgloss.tui.cells import terminal_text

NEWSGLOSS = Path(sys.executable).with_name("newsgloss")
DATA = Path(__file__).with_name("data")
BORDERS = "│╭╮╰╯"
ARTICLES = [DATA / "indic_a.txt", DATA / "indic_b.txt"]
pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def assert_intact(screen: str, articles: list[Path]) -> None:
    """Every pane row has its borders where the top row has them; every word is shown."""
    pane_rows = [row for row in screen.splitlines() if row and row[0] in BORDERS]
    assert len(pane_rows) > 10, screen
    expected = [column for column, c in columns(pane_rows[0]) if c in BORDERS]
    assert len(expected) == 2 * len(articles), pane_rows[0]
    for row in pane_rows:
        found = [column for column, c in columns(row) if c in BORDERS]
        assert found == expected, f"a row runs over a border:\n{row}\n{screen}"
    for article in articles:
        for word in terminal_text(article.read_text(encoding="utf-8")).split():
            assert word in screen, f"{word!r} is missing from the screen:\n{screen}"


def start_reader(tmp_path: Path, size: tuple[int, int]) -> Terminal:
    env = {"NEWSGLOSS_DB": str(tmp_path / "scripts.db"), "TERM": "xterm-256color"}
    return Terminal([NEWSGLOSS, *map(str, ARTICLES)], env, size=size)


def test_indic_scripts_and_zwj_emoji_side_by_side(tmp_path: Path) -> None:
    term = start_reader(tmp_path, (100, 30))
    try:
        assert_intact(term.wait_for("together."), ARTICLES)  # the second article's end
    finally:
        term.close()


def test_indic_scripts_and_zwj_emoji_one_pane_at_a_time(tmp_path: Path) -> None:
    term = start_reader(tmp_path, (72, 40))  # too narrow for two panes: one is shown
    try:
        assert_intact(term.wait_for("banners too."), ARTICLES[:1])
        term.press("Tab")
        assert_intact(term.wait_for("together."), ARTICLES[1:])
    finally:
        term.close()
