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

from newsgloss.corpus.align import content_words, passages

SIMILAR_VERSION = 2  # 2: Original url: lines are not passages
BANDS = 8  # LSH bands of ROWS hash values each: passages whose content-word sets have a
ROWS = 3  # Jaccard similarity of 0.3 meet in a band with p = 0.20, of 0.5 0.66, of 0.7 0.97
MIN_WORDS = 4  # a shorter passage ("Read more", a byline) says nothing of a shared story
SEED = 1
SCHEME = "affine32"  # named: the keys must not change with datasketch's default


def band_keys(text: str) -> list[tuple[int, int]]:
    """``(passage number, band key)`` for each band of each passage that has at least
    MIN_WORDS content words; a key is a signed 64-bit integer, as SQLite stores it."""
    from datasketch import MinHash  # its scipy import takes 0.3 s: only when indexing

    numbered = [(n, set(content_words(p))) for n, p in enumerate(passages(text))]
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
