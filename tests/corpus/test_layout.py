"""Word wrap by terminal cells."""

from hypothesis import example, given
from hypothesis import strategies as st
from rich.cells import cell_len, get_character_cell_size

from newsgloss.tui.article.layout import _ONE_CELL_TEXT, wrap

pieces = st.sampled_from(list("ab cd efg\n—“”") + ["漢", "字", "🦆", "e\u0301", "👩\u200d👧"])
texts = st.lists(pieces, max_size=120).map("".join)


@example(text=" aa漢", width=3)  # after a break at the space, "aa" still left no room
@given(text=texts, width=st.integers(2, 30))
def test_rows_cover_the_text_in_order_and_fit_the_width(text: str, width: int) -> None:
    layout = wrap(text, width)
    rebuilt = ""
    for index, start in enumerate(layout.starts):
        row = text[start : layout.end(index)]
        assert "\n" not in row and cell_len(row) <= width
        if index:
            gap = text[layout.end(index - 1) : start]
            assert gap in ("", "\n")
            rebuilt += gap
        rebuilt += row
    assert rebuilt == text


def test_wraps_at_spaces_and_breaks_long_words() -> None:
    text = "aaa bbb ccccccccccccccc dd e"
    layout = wrap(text, 5)
    assert [text[start : layout.end(row)] for row, start in enumerate(layout.starts)] == [
        "aaa ", "bbb ", "ccccc", "ccccc", "ccccc", " dd e"
    ]  # fmt: skip
    assert layout.row_of(text.index("dd")) == 5


def test_the_one_cell_fast_path_is_only_for_one_cell_characters() -> None:
    pattern_chars = [chr(c) for c in range(0x20, 0x2100) if _ONE_CELL_TEXT.fullmatch(chr(c))]
    assert len(pattern_chars) > 700
    assert all(get_character_cell_size(c) == 1 for c in pattern_chars)
