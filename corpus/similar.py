"""Which articles share passages: MinHash signatures of each passage's content words,
cut into bands (locality-sensitive hashing), so that two passages with much the same
words share a band key with high probability and unrelated ones almost never.

Pure: a document's text in, its band keys out. The store keeps the keys in an index
(``annotations/similar_index.py``) and answers "which stored articles share passages
with this one" by looking keys up, without comparing all pairs. Passages are lines,
split after . ! or ? (as for document frequencies): no analysis is needed, so indexing
costs far less than spaCy does.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection

from newsgloss.corpus.align import content_words, passages, stem, substance

SIMILAR_VERSION = 3  # 2: Original url: lines are not passages; 3: a story's rarest words
BANDS = 8  # LSH bands of ROWS hash values each: passages whose content-word sets have a
ROWS = 3  # Jaccard similarity of 0.3 meet in a band with p = 0.20, of 0.5 0.66, of 0.7 0.97
MIN_WORDS = 4  # a shorter passage ("Read more", a byline) says nothing of a shared story
SEED = 1
SCHEME = "affine32"  # named: the keys must not change with datasketch's default
STORY_WORDS = 12  # a document's rarest words (names, numbers) keyed as its story's
STORY = -1  # the passage number of those keys: they belong to the document, not a passage
NAME_BONUS = 2.0  # names and numbers first: a rewrite keeps them, and rewords the rest
_NAME = re.compile(r"(?<=[a-z0-9,;:] )[A-Z][a-z]+(?:[’'][a-z]+)?")


def band_keys(text: str, only: Collection[int] | None = None) -> list[tuple[int, int]]:
    """``(passage number, band key)`` for each band of each passage that has at least
    MIN_WORDS content words; a key is a signed 64-bit integer, as SQLite stores it.
    ``only``: of these passages alone (a passage's keys do not depend on the others)."""
    from datasketch import MinHash  # its scipy import takes 0.3 s: only when indexing

    numbered = [
        (n, set(content_words(p)))
        for n, p in enumerate(passages(text))
        if only is None or n in only
    ]
    numbered = [(n, words) for n, words in numbered if len(words) >= MIN_WORDS]
    sets = [[w.encode() for w in sorted(words)] for _, words in numbered]
    keys = []
    for (number, _), signature in zip(
        numbered,
        MinHash.generator(sets, num_perm=BANDS * ROWS, seed=SEED, scheme=SCHEME),
        strict=True,
    ):
        values = signature.hashvalues
        for band in range(BANDS):
            digest = hashlib.blake2b(
                values[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=8,
                person=band.to_bytes(2, "little"),
            ).digest()  # fmt: skip
            keys.append((number, int.from_bytes(digest, "little", signed=True)))
    return keys


def story_keys(text: str) -> list[tuple[int, int]]:
    """``(STORY, key)`` for each of the STORY_WORDS rarest words of ``text`` (its names,
    numbers and rare words: ``corpus.align.substance``), which survive a rewrite that
    shares no passage: two outlets' write-ups of one story share several of them."""
    found = substance(text)
    named = {stem(m.lower()) for m in _NAME.findall(text)}  # capitalised mid-sentence

    def weight(word: str) -> float:
        return found[word] + (NAME_BONUS if word in named or word[:1].isdigit() else 0.0)

    rarest = sorted(found, key=lambda word: (-weight(word), word))[:STORY_WORDS]
    return [(STORY, _key(f"story:{word}")) for word in rarest]


def _key(text: str) -> int:
    digest = hashlib.blake2b(text.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)
