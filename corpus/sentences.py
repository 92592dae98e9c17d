"""Sentence boundaries the pipeline gets wrong on news text, joined again.

spaCy's small English models end sentences after abbreviations that do not end them
(``5 pct. | to $3.2 bln.``, ``Lt | . Gen.``, ``Vol. | 2 of the report``) and at runs of
spaces that scraped text is full of. A boundary between two spans on one line is dropped
when what follows cannot start a sentence (a lowercase letter, or punctuation such as a
comma or a full stop), when what precedes is a title or an initial (``Dr.``, ``Sen.``,
``J.``), when a number follows an abbreviation that comes before numbers (``No. 5``,
``Jan. 12``), or when what precedes has no end of sentence at all. A boundary at a line
break always stays. ``benchmarks/sentences.py`` measures the effect on a labelled set.
"""

from __future__ import annotations

import re

# Abbreviations that stand before a name: a sentence does not end with one.
TITLES = frozenset((
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Sen", "Sens", "Rep", "Reps", "Gov", "Gen",
    "Lt", "Col", "Capt", "Cmdr", "Sgt", "Adm", "Maj", "Cpl", "Pvt", "Rev", "Hon", "Pres",
    "Supt", "Insp", "Det", "St", "Mt", "Ft", "Sr", "Jr",
))  # fmt: skip
# Abbreviations that stand before a number.
BEFORE_NUMBERS = frozenset((
    "No", "Nos", "Vol", "Vols", "p", "pp", "Fig", "Art", "Sec", "Ch", "Para", "Jan", "Feb",
    "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Rs", "Ph",
))  # fmt: skip
WINDOW = 64  # characters either side of a boundary that decide it
_LAST_WORD = re.compile(r"(?:^|[\s(\[“\"'‘])([A-Za-z]+)\.$")
_ENDS_SENTENCE = re.compile(r"[.!?…:;][\"'”’)\]»]*$|[\"'”’»]$")
_CANNOT_START = re.compile(r"[a-z.,;:)\]}%…]")


def join_false_boundaries(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` (sentences in text order, as the pipeline found them) with the false
    boundaries between them joined."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined and _false_boundary(text, joined[-1], (start, end)):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _false_boundary(text: str, before: tuple[int, int], after: tuple[int, int]) -> bool:
    """Whether the boundary between ``before`` and ``after`` is false. Only the WINDOW
    characters either side of it are read: ``before`` grows as boundaries are joined,
    and reading it whole would make a long run of joins quadratic."""
    if "\n" in text[before[1] : after[0]]:
        return False  # a line break: a paragraph, a heading, a list item
    end = before[1]
    while end > before[0] and text[end - 1].isspace():
        end -= 1
    start = after[0]
    while start < after[1] and text[start].isspace():
        start += 1
    previous = text[max(before[0], end - WINDOW) : end]
    following = text[start : min(after[1], start + WINDOW)]
    if not previous or not following:
        return False
    if _CANNOT_START.match(following):
        return True
    if not _ENDS_SENTENCE.search(previous):
        return True  # nothing ended it: a run of spaces, a heading run into the text
    word = _LAST_WORD.search(previous)
    if word is None:
        return False
    word = word.group(1)
    if word in TITLES or (len(word) == 1 and word.isupper()):  # a title, an initial
        return True
    return word in BEFORE_NUMBERS and following[:1].isdigit()
