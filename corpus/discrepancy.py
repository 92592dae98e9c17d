"""Where two aligned passages differ on a fact, and which words one has that the other
lacks.

A discrepancy is flagged only when both passages state the same kind of value (a
number with its unit, a year, a month, a speaker) and each has one the other lacks:
"Ushakov said" against "Putin said" is one; "20%" against "one-fifth" is not (only
one side states a number), nor is a detail only one side gives. Plain functions of
text, no model.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")  # fmt: skip
NUMBER_WORDS = {
    word: str(value)
    for value, word in enumerate(
        re.findall(
            r"\w+",
            "zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen twenty",
        )
    )
}
UNITS = (
    r"%|percent|per cent|million|billion|thousand|years?|months?|weeks?|days?|hours?|"
    r"km|kilometres?|kilometers?|miles?|people|troops|soldiers|drones?|missiles?|dollars?|"
    r"euros?|roubles?|rubles?"
)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b", re.IGNORECASE)
_NUMBER = re.compile(
    rf"(?<![\w.])(\d[\d,.]*|{'|'.join(NUMBER_WORDS)})[\s-]*({UNITS})(?!\w)", re.IGNORECASE
)
_NAME = r"[A-Z][\w'’-]+"
_SPEECH = r"said|says|told|stated|declared|mentioned|noted|added|claimed|announced"
_TITLES = r"spokesman|spokeswoman|spokesperson|aide|adviser|advisor|minister|president|official"
_SPEAKER = re.compile(
    rf"\b({_NAME})(?:,[^,]{{1,60}},)?\s+(?:has\s+|had\s+)?(?:{_SPEECH})\b"
    rf"|\b(?:said|says)\s+((?:(?:{_NAME}|{_TITLES})\s+){{0,4}}{_NAME})"
    rf"|\baccording to (?:\w+\s+){{0,3}}?({_NAME})\b"
)
_WORD = re.compile(r"\S+")
_NOT_SPEAKERS = frozenset(
    re.findall(r"\w+", "He She They It We I This That The Monday Tuesday Wednesday Thursday "
               "Friday Saturday Sunday")
)  # fmt: skip


@dataclass(frozen=True)
class Discrepancy:
    kind: str  # number, year, month, speaker
    a: tuple[str, ...]  # what only the first passage states
    b: tuple[str, ...]  # what only the second does

    def describe(self) -> str:
        """``differs: Ushakov / Putin``, as the status line and ``diff`` say it; numbers
        read as words do (``3 years``, not the ``3 year`` they are compared as)."""
        a, b = (", ".join(map(_as_words, side)) for side in (self.a, self.b))
        return f"differs: {a} / {b}"


@functools.lru_cache(maxsize=4096)
def values(text: str) -> dict[str, frozenset[str]]:
    """The values of each kind a passage states, normalised for comparison (kept for the
    last few thousand passages: the claims compare one passage with many). Not to be
    changed: the same dictionary is handed to every caller."""
    found: dict[str, set[str]] = {
        "year": set(_YEAR.findall(text)),
        "month": {m.title() for m in _MONTH.findall(text) if m != "May" or _is_month(text)},
        "number": {_number(n, u) for n, u in _NUMBER.findall(text)},
        "speaker": set(),
    }
    for match in _SPEAKER.finditer(text):
        name = next(group for group in match.groups() if group).split()[-1]  # a surname
        if name not in _NOT_SPEAKERS:
            found["speaker"].add(name)
    return {kind: frozenset(found_) for kind, found_ in found.items()}


def _number(number: str, unit: str) -> str:
    """``20 %``, ``three years``, ``1,000 drones`` as ``20 %``, ``3 year``, ``1000 drone``."""
    number = NUMBER_WORDS.get(number.lower(), number.replace(",", ""))
    unit = unit.lower()
    unit = "%" if unit in ("percent", "per cent") else unit.removesuffix("s")
    return f"{number} {unit}"


def _as_words(value: str) -> str:
    """A compared number as a reader writes it: ``3 year`` as ``3 years``, ``20 %`` as
    ``20%``."""
    number, _, unit = value.partition(" ")
    if unit == "%":
        return f"{number}%"
    if unit and number not in ("1", "one") and not unit.endswith("s"):
        return f"{number} {unit}s"
    return value


def _is_month(text: str) -> bool:
    """ "May" is a month before a day or a year, not the verb."""
    return bool(re.search(r"\bMay\s+(\d{1,2}\b|\d{4}\b)|\bin May\b", text))


def discrepancies(a: str, b: str) -> list[Discrepancy]:
    """The kinds of value both passages state, where each has one the other lacks."""
    left, right = values(a), values(b)
    found = []
    for kind in ("speaker", "number", "year", "month"):
        only_a, only_b = left[kind] - right[kind], right[kind] - left[kind]
        if left[kind] and right[kind] and only_a and only_b:
            found.append(Discrepancy(kind, tuple(sorted(only_a)), tuple(sorted(only_b))))
    return found


def _changes(a: str, b: str) -> list[tuple[str, list[re.Match], list[re.Match]]]:
    """The words of ``a`` and ``b`` in runs: ``("equal", a's, b's)`` or ``("change", a's
    only, b's only)``. Words compare without case or punctuation: "Talks," is "talks"."""
    left, right = list(_WORD.finditer(a)), list(_WORD.finditer(b))

    def key(word: re.Match) -> str:
        return re.sub(r"[\W_]", "", word.group().lower()) or word.group()

    matcher = difflib.SequenceMatcher(a=[key(w) for w in left], b=[key(w) for w in right])
    return [
        ("equal" if op == "equal" else "change", left[i1:i2], right[j1:j2])
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
    ]


def differing_words(a: str, b: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The spans of the words only ``a`` has, and of those only ``b`` has (the reader
    marks them in two aligned passages)."""
    changes = [(x, y) for op, x, y in _changes(a, b) if op == "change"]
    return (
        [w.span() for x, _ in changes for w in x],
        [w.span() for _, y in changes for w in y],
    )


def word_diff(a: str, b: str) -> str:
    """``a`` and ``b`` as one line of words, with ``[-only in a-]`` and ``{+only in b+}``
    (as ``git diff --word-diff=plain`` writes them); the words both have as ``a`` has
    them (they compare without case or punctuation)."""
    out = []
    for op, left, right in _changes(a, b):
        if op == "equal":
            out.extend(w.group() for w in left)
            continue
        if left:
            out.append("[-" + " ".join(w.group() for w in left) + "-]")
        if right:
            out.append("{+" + " ".join(w.group() for w in right) + "+}")
    return " ".join(out)
