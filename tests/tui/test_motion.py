"""``next_char`` moves by whole graphemes (UAX #29): its fast path for two ASCII
characters must agree with wcwidth's segmentation everywhere."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from wcwidth import iter_graphemes

from newsgloss.tui.article.motion import next_char

PIECES = ["a", "b", " ", "\n", ".", "e\u0301", "\u0301", "👩🏽\u200d⚕️", "क्ष", "🇺🇦", "\u200d", "東"]


@given(st.lists(st.sampled_from(PIECES), max_size=12))
def test_next_char_is_the_next_grapheme_boundary(pieces: list[str]) -> None:
    text = "".join(pieces)
    boundaries, at = [], 0
    for grapheme in iter_graphemes(text):
        at += len(grapheme)
        boundaries.append(at)
    for offset in range(len(text)):
        expected = min(b for b in boundaries if b > offset) if offset in [0, *boundaries] else None
        if expected is not None:  # from a grapheme's start, the next one's
            assert next_char(text, offset) == expected, (text, offset)
