"""Cursor motions over canonical text: pure functions from an offset to an offset.

Each returns the new offset, or the same offset when there is nowhere to go.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

_WORD_START = re.compile(r"(?<!\w)\w")
# Punctuation-rule sentence starts, used until (or unless) the analysis is there.
_SENTENCE_START = re.compile(r"(?:[.!?…][\"'”’)\]]*[ ]+|\n+[ ]*)(?=\S)")
_PARAGRAPH_START = re.compile(r"(?:^|\n)[ ]*(?=\S)")
_LOOK_BACK = 4096


def next_char(text: str, offset: int) -> int:
    """The start of the next grapheme: a letter with its marks, a conjunct, an emoji
    sequence or a flag moves as one (UAX #29 extended grapheme clusters)."""
    if offset >= len(text):
        return offset
    after = offset + 1
    if text[offset] < "\x80" and (after == len(text) or text[after] < "\x80"):
        return after  # two ASCII characters always part (canonical text holds no \r)
    from wcwidth import iter_graphemes  # here: importing it is 9 ms of the first frame

    return offset + len(next(iter_graphemes(text, offset)))


def prev_char(text: str, offset: int) -> int:
    if offset <= 0:
        return 0
    from wcwidth import grapheme_boundary_before

    return grapheme_boundary_before(text, offset)


def next_word(text: str, offset: int) -> int:
    match = _WORD_START.search(text, offset + 1)
    return match.start() if match else offset


def prev_word(text: str, offset: int) -> int:
    return _last_start_before(_WORD_START, text, offset)


def next_sentence(text: str, offset: int, sentence_starts: Sequence[int] = ()) -> int:
    """The next sentence start: from the analysis's (sorted) sentence starts when there
    are any, else by punctuation rules."""
    if sentence_starts:
        index = bisect_right(sentence_starts, offset)
        return sentence_starts[index] if index < len(sentence_starts) else offset
    match = _SENTENCE_START.search(text, offset)
    while match and match.end() <= offset:
        match = _SENTENCE_START.search(text, match.end())
    return match.end() if match else offset


def prev_sentence(text: str, offset: int, sentence_starts: Sequence[int] = ()) -> int:
    if sentence_starts:
        index = bisect_left(sentence_starts, offset)
        return sentence_starts[index - 1] if index > 0 else 0
    return _last_start_before(_SENTENCE_START, text, offset, use_end=True)


def next_paragraph(text: str, offset: int) -> int:
    """The first non-blank character of the next non-blank line."""
    newline = text.find("\n", offset)
    if newline < 0:
        return offset
    match = _PARAGRAPH_START.search(text, newline)
    return match.end() if match else offset


def prev_paragraph(text: str, offset: int) -> int:
    """The start of this paragraph, or of the one before when already there."""
    return _last_start_before(_PARAGRAPH_START, text, offset, use_end=True)


def _last_start_before(pattern: re.Pattern, text: str, limit: int, use_end: bool = False) -> int:
    """The last position (a match's start, or its end) before ``limit``, else 0; it looks
    back in growing windows so a motion in a huge text stays local."""
    window = _LOOK_BACK
    while True:
        start = max(0, limit - window)
        positions = [
            m.end() if use_end else m.start() for m in pattern.finditer(text, start, limit)
        ]
        positions = [p for p in positions if p < limit]
        if positions:
            return positions[-1]
        if start == 0:
            return 0
        window *= 4


def sentence_at(
    text: str, offset: int, sentences: Sequence[tuple[int, int]] = (), starts: Sequence[int] = ()
) -> tuple[int, int]:
    """The sentence holding ``offset`` (the next one when ``offset`` is between two): from
    the analysis's sentences and their starts when there are any, else by punctuation."""
    if sentences:
        index = max(0, bisect_right(starts, offset) - 1)
        if sentences[index][1] <= offset and index + 1 < len(sentences):
            index += 1
        return sentences[index]
    start = _last_start_before(_SENTENCE_START, text, offset + 1, use_end=True)
    match = _SENTENCE_START.search(text, offset)
    while match and match.end() <= offset:
        match = _SENTENCE_START.search(text, match.end())
    return trim(text, start, match.end() if match else len(text))


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the white space (line breaks too) at either end; may be empty."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
