"""Carrying tags to a new version of an article's text: orphaned, never misplaced.

As Hypothesis's client anchors a highlight (quote, prefix, suffix, a position hint,
approximate matching last), each tag is placed by what became of the lines it stood
on, from a line diff of the two texts:

1. **unchanged lines**: the diff maps its offsets, and the text there is still its
   quote: ``exact``;
2. **rewritten lines** (replaced by others where they stood): a word diff of those
   lines maps its words, trusted in runs of MIN_BLOCK words or more. Placed where at
   least KEPT_WORDS (by characters) of its words survive, and as much of the
   CONTEXT_CHARS of words before it and of those after it in its sentence (for a
   quote shorter than SHORT_QUOTE, all of its sentence), and the new span resembles
   the quote (rapidfuzz's ratio at least FUZZY_SCORE), on one line as it was:
   ``exact`` if the text there is its quote, else ``changed``;
3. **removed lines** (moved elsewhere, or deleted): its exact quote elsewhere, where
   the text around it up to the line breaks is the tag's own prefix and suffix, with
   at least EVIDENCE characters of quote and context, in exactly one place; or a long
   quote (LONG_QUOTE characters or more) found exactly once: ``moved``.

Anything else is ``orphaned``: kept, shown with its old quote, never put on text it
may not belong to. A tag is never searched for outside the lines that replaced its
own unless its own lines are gone. Pure: two texts and the tags' anchors in,
placements out.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

KEPT_WORDS = 0.7  # the share of a tag's characters in words the rewrite kept
MIN_BLOCK = 3  # words kept in a row for the diff to be trusted with them
MAX_SHIFT = 3  # words a kept word may have moved against the tag's others (words added)
SHORT_QUOTE = 20  # a shorter quote is placed in rewritten lines only in an unchanged sentence
CONTEXT_CHARS = 30  # characters of words either side of a tag that must survive with it
FUZZY_SCORE = 75.0  # rapidfuzz ratio of the old quote and the new span
EVIDENCE = 24  # characters of quote and line-local context a moved quote needs
LONG_QUOTE = 40  # a quote this long found exactly once needs no context
MAX_OCCURRENCES = 200  # a quote found more often than this is too common to place

EXACT, MOVED, CHANGED, ORPHANED = "exact", "moved", "changed", "orphaned"
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Anchor:
    """What a tag knows of where it stood: offsets, quote and context."""

    start: int
    end: int
    quote: str
    prefix: str
    suffix: str


@dataclass(frozen=True)
class Placement:
    """Where a tag lands in the new text, and how it was found (``start``/``end`` are -1
    for an orphan)."""

    kind: str
    start: int = -1
    end: int = -1


def reanchor(old: str, new: str, anchors: Sequence[Anchor]) -> list[Placement]:
    """Where each anchor lands in ``new`` (a new version of ``old``), in order."""
    lines = _LineDiff(old, new)
    return [_place(lines, old, new, anchor) for anchor in anchors]


class _LineDiff:
    """A line diff of two texts, asked about the lines holding an old span."""

    def __init__(self, old: str, new: str) -> None:
        old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
        self.old_starts, self.new_starts = _starts(old_lines), _starts(new_lines)
        matcher = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
        self.opcodes = matcher.get_opcodes() or [("equal", 0, 0, 0, 0)]
        self.op_starts = [op[1] for op in self.opcodes]

    def _op_index(self, offset: int) -> int:
        line = bisect.bisect_right(self.old_starts, offset) - 1
        return max(0, bisect.bisect_right(self.op_starts, line) - 1)

    def ops(self, start: int, end: int) -> list[tuple]:
        """The diff's operations on the lines holding ``start``-``end``."""
        first, last = self._op_index(start), self._op_index(max(start, end - 1))
        return [op for op in self.opcodes[first : last + 1] if op[1] < op[2] or op[0] != "insert"]

    def mapped(self, offset: int) -> int | None:
        """Where ``offset`` is in the new text if its line is unchanged, else None."""
        tag, i1, _, j1, _ = self.opcodes[self._op_index(offset)]
        if tag != "equal":
            return None
        line = bisect.bisect_right(self.old_starts, offset) - 1
        return self.new_starts[j1 + line - i1] + offset - self.old_starts[line]


def _starts(lines: Sequence[str]) -> list[int]:
    starts, at = [], 0
    for line in lines:
        starts.append(at)
        at += len(line)
    starts.append(at)  # the end, as the start of a line past the last
    return starts


def _place(lines: _LineDiff, old: str, new: str, anchor: Anchor) -> Placement:
    start, end = lines.mapped(anchor.start), lines.mapped(max(anchor.end - 1, anchor.start))
    quote = anchor.quote
    if start is not None and end is not None and new[start : start + len(quote)] == quote:
        return Placement(EXACT, start, start + len(quote))
    ops = lines.ops(anchor.start, anchor.end)
    if any(op[0] == "replace" for op in ops):  # rewritten where it stood
        old_span = (lines.old_starts[ops[0][1]], lines.old_starts[ops[-1][2]])
        new_span = (lines.new_starts[ops[0][3]], lines.new_starts[ops[-1][4]])
        return _within_rewrite(old, new, anchor, old_span, new_span) or Placement(ORPHANED)
    if all(op[0] == "delete" for op in ops):  # moved elsewhere, or deleted
        found = _by_quote(new, anchor)
        if found is not None:
            return Placement(MOVED, found, found + len(quote))
    return Placement(ORPHANED)


def _within_rewrite(old: str, new: str, anchor: Anchor, old_span, new_span) -> Placement | None:
    """The tag's words mapped through a word diff of the rewritten lines."""
    from rapidfuzz import fuzz  # only when a tag's lines were rewritten

    old_words = [(m.start(), m.end()) for m in _WORD.finditer(old, *old_span)]
    new_words = [(m.start(), m.end()) for m in _WORD.finditer(new, *new_span)]
    matcher = SequenceMatcher(
        None, [old[s:e] for s, e in old_words], [new[s:e] for s, e in new_words], autojunk=False
    )
    mine = [i for i, (s, e) in enumerate(old_words) if s < anchor.end and e > anchor.start]
    if not mine or not new_words:
        return None
    # What must have survived: the tag's words and the CONTEXT_CHARS either side in its
    # sentence, each (a short tag, "in", is only as sure as the words around it).
    short = len(anchor.quote) < SHORT_QUOTE  # it says little of itself: its sentence must
    around = _on_its_line(old, old_words, mine[0], mine[-1], len(old) if short else CONTEXT_CHARS)
    trusted = {}  # old word: new word, in runs of MIN_BLOCK or more
    for i1, j1, size in matcher.get_matching_blocks():
        if size >= MIN_BLOCK:  # a word or two of the same in both ("in", a name) is chance
            trusted.update((i1 + k, j1 + k) for k in range(size))
    shifts = sorted(trusted[i] - i for i in mine if i in trusted)
    if not shifts:
        return None
    shift = shifts[len(shifts) // 2]  # where the tag's words went, as most of them did

    def kept(i: int) -> bool:  # kept, and beside the tag's other words still
        return i in trusted and abs(trusted[i] - i - shift) <= MAX_SHIFT

    # Before it, itself and after it, each; all of a short quote's sentence.
    context_share = 1.0 if short else KEPT_WORDS
    parts = (around[: around.index(mine[0])], mine, around[around.index(mine[-1]) + 1 :])
    for part, share in zip(parts, (context_share, KEPT_WORDS, context_share), strict=True):
        size = sum(old_words[i][1] - old_words[i][0] for i in part)
        if sum(old_words[i][1] - old_words[i][0] for i in part if kept(i)) < share * size:
            return None
    placed = [(i, trusted[i]) for i in mine if kept(i)]
    (first_old, first_new), (last_old, last_new) = placed[0], placed[-1]
    # The tag's edges inside the words it kept; words before or after them that the
    # rewrite changed are taken whole when they are the tag's.
    start = new_words[first_new][0] + max(0, anchor.start - old_words[first_old][0])
    end = new_words[last_new][1] - max(0, old_words[last_old][1] - anchor.end)
    if first_old != mine[0] and first_new > 0:
        start = new_words[_replaced_before(matcher, first_new)][0]
    if last_old != mine[-1]:
        end = new_words[_replaced_after(matcher, last_new)][1]
    if start >= end:
        return None
    # The quote itself where the words landed: the words around it may have moved.
    at = new.find(anchor.quote, max(new_span[0], start - len(anchor.quote)), new_span[1])
    if at >= 0 and at < end and at + len(anchor.quote) > start:
        return Placement(EXACT, at, at + len(anchor.quote))
    text = new[start:end]
    if "\n" in text and "\n" not in anchor.quote:
        return None
    if fuzz.ratio(anchor.quote, text) < FUZZY_SCORE:
        return None
    return Placement(CHANGED, start, end)


def _on_its_line(text: str, words, first: int, last: int, reach: int) -> list[int]:
    """Word indices ``first``..``last`` and, either side, the words that make up
    ``reach`` characters, within its sentence (not past a line break or a word ending
    in . ! or ?)."""

    def ends_sentence(i: int) -> bool:
        return text[words[i][1] - 1] in ".!?" or "\n" in text[words[i][1] : words[i + 1][0]]

    start, end = first, last
    while start > 0 and words[first][0] - words[start][0] < reach:
        if ends_sentence(start - 1):
            break
        start -= 1
    while end < len(words) - 1 and words[end][1] - words[last][1] < reach:
        if ends_sentence(end):
            break
        end += 1
    return list(range(start, end + 1))


def _replaced_before(matcher: SequenceMatcher, j: int) -> int:
    """The first new word of a run the diff put in place of old words before word ``j``."""
    for tag, _, _, j1, j2 in matcher.get_opcodes():
        if tag == "replace" and j2 == j:
            return j1
    return j


def _replaced_after(matcher: SequenceMatcher, j: int) -> int:
    """The last new word of a run the diff put in place of old words after word ``j``."""
    for tag, _, _, j1, j2 in matcher.get_opcodes():
        if tag == "replace" and j1 == j + 1:
            return j2 - 1
    return j


def _by_quote(new: str, anchor: Anchor) -> int | None:
    """The one occurrence of the quote whose line-local context is the tag's."""
    quote = anchor.quote
    occurrences, at = [], new.find(quote)
    while at >= 0 and len(occurrences) <= MAX_OCCURRENCES:
        occurrences.append(at)
        at = new.find(quote, at + 1)
    if not occurrences or len(occurrences) > MAX_OCCURRENCES:
        return None
    if len(occurrences) == 1 and len(quote) >= LONG_QUOTE:
        return occurrences[0]
    before, after = _line_local(anchor)
    if len(before) + len(quote) + len(after) < EVIDENCE:
        return None
    fitting = [at for at in occurrences if _context_fits(new, at, at + len(quote), anchor)]
    return fitting[0] if len(fitting) == 1 else None


def _line_local(anchor: Anchor) -> tuple[str, str]:
    """The prefix after its last line break and the suffix before its first."""
    return anchor.prefix.rsplit("\n", 1)[-1], anchor.suffix.split("\n", 1)[0]


def _context_fits(new: str, start: int, end: int, anchor: Anchor) -> bool:
    """Whether the text around ``start``-``end`` is the tag's line-local context, with a
    line break (or the text's edge) where the stored context had one."""
    before, after = _line_local(anchor)
    left, right = start - len(before), end + len(after)
    if left < 0 or new[left:start] != before or new[end:right] != after:
        return False
    line_starts = len(before) < len(anchor.prefix)
    line_ends = len(after) < len(anchor.suffix)
    return not (
        (line_starts and left > 0 and new[left - 1] != "\n")
        or (line_ends and right < len(new) and new[right] != "\n")
    )
