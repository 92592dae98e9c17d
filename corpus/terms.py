"""What a sentence says, as alignment compares it: weighted terms keyed so that two
outlets' wordings of one fact meet.

Each word becomes a key: a number by its value ("20", "2,000" and "2000" alike), a month
as a month, a PERSON's name by its skeleton (``name_variants``: Yuri and Yury meet), a
place or organisation by its first letters (Russia and Russian meet), any other content
word by its Snowball stem (readiness and ready meet). Function words, speech verbs (say,
stress, affirm, note…) and site chrome say nothing of the story and are dropped. A key
weighs (1 + ln count) times its rarity in English at large (wordfreq), so "Istanbul"
outweighs "talks" whatever the two articles are: the weights do not depend on the
corpus, and a pair reads nothing but its two articles.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections import Counter
from collections.abc import Sequence

from newsgloss.corpus.positions import ByPosition

Vector = dict[str, float]

NUMBER_WEIGHT = 4.0  # a specific number is about as telling as a rare word
MONTH_WEIGHT = 3.0
NAME_WEIGHT = 3.0  # at least: a common word that is someone's name still names them
PLACES = frozenset({"GPE", "NORP", "ORG", "LOC", "FAC"})
PREFIX = 5  # letters a place or organisation is keyed by: ukraine/ukrainian, russia/russian
_MONTHS = {
    word: f"month {n}"
    for n, words in enumerate(
        (
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        ),
        1,
    )  # fmt: skip
    for word in words.split()
}
_SPEECH = frozenset(
    """say says said saying state states stated stating stress stresses stressed affirm
    affirms affirmed note notes noted announce announces announced tell tells told add adds
    added explain explains explained insist insists insisted declare declares declared
    remark remarked comment commented according""".split()  # noqa: SIM905 - reads best so
)
_TOKEN = re.compile(r"\d[\d,.]*\d|\d|[^\W\d_]+(?:['’][^\W\d_]+)*")


@functools.lru_cache(maxsize=65536)
def rarity(word: str) -> float:
    """How rare ``word`` (lower case) is in English at large: 8 less its Zipf frequency
    (wordfreq), so "the" is 0.3, "Istanbul" 4.3, "Ushakov" 6.1."""
    from wordfreq import zipf_frequency  # its word lists load on first use

    return max(0.0, 8.0 - zipf_frequency(word, "en"))


@functools.lru_cache(maxsize=131072)
def key(token: str, label: str | None, ignored: frozenset[str]) -> tuple[str, float] | None:
    """A token's key and weight, given the entity label it is inside (None outside any);
    None for a word that says nothing of the story (``ignored``: function words, chrome)."""
    from newsgloss.corpus.name_variants import skeleton

    word = token.lower().replace("’", "'").removesuffix("'s")
    if word[0].isdigit():
        return "#" + word.replace(",", "").rstrip("."), NUMBER_WEIGHT
    if word in _MONTHS and label in (None, "DATE"):
        return _MONTHS[word], MONTH_WEIGHT
    if label == "PERSON":
        return "person " + skeleton(word), max(rarity(word), NAME_WEIGHT)
    if word in ignored or word in _SPEECH or len(word) < 2 or not (weight := rarity(word)):
        return None
    if label in PLACES:
        return "place " + word[:PREFIX], weight
    return _stemmer().stemWord(word), weight


@functools.cache
def _stemmer():
    """Snowball's English stemmer, loaded when first needed: the package loads all its
    36 stemmers (15 ms), which the reader's first frame should not wait for."""
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def sentence_terms(
    text: str, start: int, end: int, entities: ByPosition, ignored: frozenset[str]
) -> Vector:
    """The weighted terms of ``text[start:end]``; ``entities``: the article's (each with
    ``start``, ``end`` and ``label``), arranged once for all its sentences: sorting them
    for each sentence made a 500 KB article's sentences take 2.8 s, a 5 MB one's hours."""
    counts: Counter[str] = Counter()
    weights: dict[str, float] = {}
    starts, items = entities.starts, entities.items
    for match in _TOKEN.finditer(text, start, end):
        at = bisect.bisect_right(starts, match.start()) - 1
        inside = at >= 0 and items[at].end > match.start()
        found = key(match.group(), items[at].label if inside else None, ignored)
        if found:
            counts[found[0]] += 1
            weights[found[0]] = max(weights.get(found[0], 0.0), found[1])
    return {term: (1 + math.log(n)) * weights[term] for term, n in counts.items()}


def with_context(vectors: list[Vector], follows: Sequence[bool], share: float) -> list[Vector]:
    """Each vector with ``share`` of the one before added where ``follows[i]`` (it is in
    the same paragraph: "he" and "the talks" refer back), made unit length."""
    found = []
    for i, own in enumerate(vectors):
        vector = dict(own)
        if i and follows[i]:
            for term, weight in vectors[i - 1].items():
                vector[term] = vector.get(term, 0.0) + share * weight
        found.append(unit_length(vector))
    return found


def unit_length(vector: Vector) -> Vector:
    norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
    return {term: w / norm for term, w in vector.items()}
