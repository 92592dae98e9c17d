"""When two spellings name one person or place: the index of names' rules (``names.py``).

Spellings are compared in two steps: a skeleton that transliteration does not change
(the first letter, then the consonants: Yuri and Yury are both ``yr``, Zelensky and
Zelenskyy ``zlnsk``, Aleksey and Alexey ``alx``) sorts them into small blocks, and
within a block rapidfuzz's similarity of the whole spellings must be high. Mark and Mary
Johnson differ in the skeleton (``mrk``, ``mr``) and never meet.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from newsgloss.corpus.folding import fold

# Labels of quantities and times, not names: listed only when asked for by label.
NOT_NAMES = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
SAME_WORDS = 80  # rapidfuzz ratio for names of several words
SAME_WORD = 85  # and for one word alone, where one letter weighs more
_POSSESSIVE = re.compile(r"['’]s?$")
_SOUNDS = (("ks", "x"), ("ph", "f"), ("w", "v"), ("ck", "k"))


@lru_cache(maxsize=1 << 16)  # an archive repeats its names: 0.1 of 0.7 s counting 1,000
def name_key(text: str) -> str:
    """The spelling as compared: folded (case, accents, quotes), without a leading "the"
    or a possessive, one space between words."""
    words = fold(text).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1]) or words[-1]
    return " ".join(words)


def skeleton(key: str) -> str:
    """The first letter of each word and its consonants after it, doubled ones once."""
    return " ".join(_word_skeleton(word) for word in key.split())


def _word_skeleton(word: str) -> str:
    word = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    for spelling, sound in _SOUNDS:
        word = word.replace(spelling, sound)
    if not word:
        return word
    kept = [word[0]]
    for character in word[1:]:
        if character not in "aeiouy" and character.isalnum() and character != kept[-1]:
            kept.append(character)
    return "".join(kept)


def alike(a: str, b: str) -> float:
    """How alike two keys of one skeleton are (rapidfuzz ratio, 0-100); 0 when they are
    not alike enough to be one name."""
    from rapidfuzz import fuzz  # 7 ms to import: only when names are compared

    if a.count(" ") != b.count(" ") or min(len(a), len(b)) < 4:
        return 0.0
    score = fuzz.ratio(a, b)
    return score if score >= (SAME_WORDS if " " in a else SAME_WORD) else 0.0


def surname(key: str) -> str | None:
    """The last word of a name of several words, else None."""
    words = key.split()
    return words[-1] if len(words) > 1 else None
