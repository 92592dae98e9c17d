"""Passages two articles share: sentence units aligned in document order.

Pure functions of texts and their sentence boundaries (the analysis's), no store.
Each unit (a sentence, split per line) becomes a TF-IDF vector of stemmed content-word
unigrams and bigrams (``stem`` is a crude English suffix stripper), weighted by
document frequencies over a corpus. Only pairs of units that share a selective term are scored
(``sparse.py``); the best monotone chain through them in document order links units
1:1, 1:2 and 2:1 (as Gale-Church and vecalign do); pairs off that path
whose score stands well above the pair's mean, or that are each other's best match and
stand above it, are added as ``related`` (the second finds what a loose rewrite keeps:
its units share few words). Boilerplate (a unit repeated within an article or across
many) never takes part, and neither do two articles that share no substance (rare
words, names, numbers: ``substance``), nor a link whose sides share none unless it is a
close paraphrase.
"""

from __future__ import annotations

import functools
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from newsgloss.corpus.document import is_metadata_line
from newsgloss.corpus.sparse import PARTNERS, Vector, chain, cosine, postings, scored, spread

ALIGN_VERSION = 6
SAME = 0.45  # a link at least this close is a paraphrase or the same sentence
MATCH = 0.2  # the least score the path links
RELATED_SIGMAS = 3.0  # off the path: this many standard deviations above the pair's mean
RELATED_FLOOR = 0.3  # and at least this score
MUTUAL_SIGMAS = 1.5  # a pair each other's best: this many deviations above the mean
MUTUAL_FLOOR = 0.03  # and at least this score (loose rewrites share few rare words)
BOILERPLATE_DOCUMENTS = 3  # a unit in this many documents is the site's, not the story's
# The story's substance: words rarer than this in English at large (wordfreq's Zipf scale,
# rarity = 8 - zipf), names and specific numbers; not function words, dates alone or the
# words of site chrome. Two articles must share PAIR_SUBSTANCE of it (or half of the
# shorter's) to be linked at all (unrelated stories share next to none; two on one story
# dozens of words), and the two sides of a link that is not ``same`` (a close
# paraphrase) LINK_SUBSTANCE: a rare word.
SUBSTANCE = 3.5
PAIR_SUBSTANCE = 20.0
LINK_SUBSTANCE = SUBSTANCE
_CHROME = frozenset(
    """subscribe subscribed newsletter newsletters click follow share download app apps
    copyright rights reserved sign advertisement advertise cookie cookies instagram
    facebook twitter whatsapp telegram youtube email inbox updates latest read login
    password""".split()  # noqa: SIM905 - a paragraph of words reads best
)

Span = tuple[int, int]

_PASSAGE = re.compile(r"\n+|(?<=[.!?])\s+")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# Function words carry no content; the list is short on purpose: news wording matters.
_STOP = frozenset(
    re.findall(
        r"\w+",
        """a about above after again against all also am an and any are as at be because been
        before being below between both but by can could did do does doing down during each
        few for from further had has have having he her here hers him his how i if in into is
        it its itself just me more most my no nor not now of off on once only or other our out
        over own same she should so some such than that the their them then there these they
        this those through to too under until up very was we were what when where which while
        who whom why will with would you your said says say told according""",
    )
)


@dataclass(frozen=True)
class Link:
    """``a[a_start:a_end]`` and ``b[b_start:b_end]`` carry the same passage (``same``) or
    state the same fact in other words (``related``)."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    score: float
    kind: str

    def swapped(self) -> Link:
        """The same link seen from ``b``'s side."""
        return Link(self.b_start, self.b_end, self.a_start, self.a_end, self.score, self.kind)


def units(text: str, sentences: Sequence[Span]) -> list[Span]:
    """The sentence units of ``text``: each sentence split at line breaks, trimmed, and
    kept when it holds a word and is not a scraper's ``Original url:`` note."""
    found = []
    for start, end in sentences or [(0, len(text))]:
        for line in re.finditer(r"[^\n]+", text[start:end]):
            left = start + line.start() + (len(line.group()) - len(line.group().lstrip()))
            right = start + line.start() + len(line.group().rstrip())
            wordy = left < right and _WORD.search(text, left, right)
            if wordy and not is_metadata_line(text[left:right]):
                found.append((left, right))
    return found


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude English stem, enough to meet ``talks``/``talk`` and ``proposed``/``propose``."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def passages(text: str) -> list[str]:
    """The passages of ``text`` for counting: lines, split after . ! or ?, not empty and
    not a scraper's ``Original url:`` note."""
    return [text[s:e] for s, e in passage_spans(text)]


def passage_spans(text: str) -> list[Span]:
    """Where each of ``passages`` is in ``text``: the candidate index numbers them so."""
    found, start = [], 0
    for separator in [*_PASSAGE.finditer(text), None]:
        end = separator.start() if separator else len(text)
        piece = text[start:end]
        if piece.strip() and not is_metadata_line(piece):
            found.append((start, end))
        start = separator.end() if separator else end
    return found


def words(text: str) -> list[str]:
    """The words of ``text``, lower case, apostrophes straight: what the rest read."""
    return _WORD.findall(text.lower().replace("’", "'"))


def content_words(text: str) -> list[str]:
    """The words of ``text`` that carry content, lower case and stemmed, in order."""
    return [stem(w) for w in words(text) if w not in _STOP and len(w) > 1]


def terms(text: str) -> list[str]:
    """Content words, stemmed, and the bigrams of neighbouring ones (interned: a long
    article repeats them, and each unit's vector keeps them)."""
    content = content_words(text)
    return content + [sys.intern(f"{a} {b}") for a, b in zip(content, content[1:], strict=False)]


def normalised(text: str) -> str:
    """A unit's text as boilerplate is compared: lower case, words only."""
    return " ".join(words(text))


def boilerplate(documents: Iterable[tuple[str, Sequence[Span]]]) -> frozenset[str]:
    """Normalised units that are a site's, not a story's: repeated within one article, or
    found in BOILERPLATE_DOCUMENTS articles or more."""
    spread: Counter[str] = Counter()
    repeated: set[str] = set()
    for text, spans in documents:
        seen = Counter(normalised(text[s:e]) for s, e in spans)
        repeated.update(unit for unit, count in seen.items() if count > 1)
        spread.update(seen.keys())
    common = {unit for unit, count in spread.items() if count >= BOILERPLATE_DOCUMENTS}
    return frozenset(unit for unit in repeated | common if unit)


@functools.lru_cache(maxsize=65536)
def rarity(word: str) -> float:
    """How rare ``word`` (lower case) is in English at large: 8 less its Zipf frequency
    (wordfreq), so "the" is 0.3, "Istanbul" 4.3, "Ushakov" 6.1."""
    from wordfreq import zipf_frequency  # its word lists load on first use

    return max(0.0, 8.0 - zipf_frequency(word, "en"))


def substance(text: str) -> dict[str, float]:
    """The story's substance in ``text``: each stemmed word at least SUBSTANCE rare (not a
    function word or a site-chrome word), with its rarity."""
    return _substance(words(text))


def _substance(lowered: list[str]) -> dict[str, float]:
    found: dict[str, float] = {}
    for key, weight in filter(None, map(_rare, lowered)):
        if weight > found.get(key, 0.0):
            found[key] = weight
    return found


@functools.lru_cache(maxsize=65536)
def _rare(word: str) -> tuple[str, float] | None:
    """A word's stem and rarity when it is the story's substance."""
    word = word.removesuffix("'s")
    if word in _STOP or word in _CHROME or len(word) < 2 or rarity(word) < SUBSTANCE:
        return None
    return stem(word), rarity(word)


def shared_substance(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """How much substance two texts share: the rarity of each word both have."""
    if len(a) > len(b):
        a, b = b, a
    return sum(min(weight, b[key]) for key, weight in a.items() if key in b)


def document_frequencies(documents: Iterable[str]) -> tuple[Counter[str], int]:
    """In how many passages of ``documents`` each term is, and how many passages there
    are. Passages (lines, split after . ! or ?), not whole articles: in a small corpus on
    one story nearly every word is in every article, but not in every sentence. Bigrams
    counted as they are (a collocation such as "peace talks" is far commoner than its two
    words taken apart would say; estimating it from them loses links)."""
    frequencies: Counter[str] = Counter()
    count = 0
    for text in documents:
        for passage in passages(text):
            frequencies.update(set(terms(passage)))
            count += 1
    return frequencies, count


class _Idf(dict):
    """Each term's inverse document frequency, worked out once per term asked."""

    def __init__(self, df: Mapping[str, int], documents: int) -> None:
        super().__init__()
        self.df, self.documents = df, documents

    def __missing__(self, term: str) -> float:
        self[term] = found = math.log((1 + self.documents) / (1 + self.df.get(term, 0)))
        return found


def _vector(text: str, df: Mapping[str, int], documents: int) -> Vector:
    return _weighted(Counter(terms(text)), _Idf(df, documents))


def _weighted(counts: Mapping[str, int], idf: _Idf) -> Vector:
    vector = {t: (1 + math.log(c) if c > 1 else 1.0) * idf[t] + 1e-9 for t, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {t: v / norm for t, v in vector.items()}


@dataclass
class Side:
    """One article as alignment reads it: its units that are not boilerplate, the
    substance and the TF-IDF vector of each. Alike whatever it is aligned with (the
    frequencies are the corpus's), so one made for an article serves all its pairs."""

    text: str
    spans: list[Span]
    substance: list[dict[str, float]]
    vectors: list[Vector]
    idf: _Idf

    @functools.cached_property
    def postings(self) -> dict[str, list[int]]:
        """Which units have each term (``sparse.postings``): made once, for every pair."""
        return postings(self.vectors)

    @functools.cached_property
    def spread(self) -> Counter[str]:
        """In how many units each term is (``sparse.spread``; smaller than ``postings``)."""
        return spread(self.vectors)


def side(
    text: str,
    spans: Sequence[Span],
    df: Mapping[str, int],
    documents: int,
    skip: frozenset[str] = frozenset(),
    idf: _Idf | None = None,
) -> Side:
    """``text`` with its sentence units ``spans`` made ready to align. ``df`` and
    ``documents``: ``document_frequencies`` of the corpus (its terms at least);
    ``skip``: boilerplate (``normalised``); ``idf``: weights worked out already, to
    share (two 5 MB articles have a million terms)."""
    kept, found = _kept(text, spans, skip)
    idf = _Idf(df, documents) if idf is None else idf
    vectors = [_weighted(Counter(terms(text[s:e])), idf) for s, e in kept]
    return Side(text, kept, found, vectors, idf)


def align(
    text_a: str,
    units_a: Sequence[Span],
    text_b: str,
    units_b: Sequence[Span],
    df: Mapping[str, int],
    documents: int,
    skip: frozenset[str] = frozenset(),
    **thresholds: float,
) -> list[Link]:
    """The links between two articles' units, in ``a``'s order (``side`` says what the
    arguments are; ``thresholds`` as ``align_sides`` takes them)."""
    idf = _Idf(df, documents)
    a = side(text_a, units_a, df, documents, skip, idf)
    b = side(text_b, units_b, df, documents, skip, idf)
    return align_sides(a, b, **thresholds)


def align_sides(
    a: Side,
    b: Side,
    *,
    match: float = MATCH,
    sigmas: float = RELATED_SIGMAS,
    mutual: float = MUTUAL_SIGMAS,
) -> list[Link]:
    """The links between two articles' units, in ``a``'s order. ``match``, ``sigmas`` and
    ``mutual``: the thresholds (MATCH, RELATED_SIGMAS, MUTUAL_SIGMAS), for tuning."""
    if not a.spans or not b.spans:
        return []
    whole_a, whole_b = _merged(a.substance), _merged(b.substance)
    own = min(sum(whole_a.values()), sum(whole_b.values()))  # a short article has less
    if shared_substance(whole_a, whole_b) < min(PAIR_SUBSTANCE, own / 2):
        return []  # two stories: no passage of one is the other's
    scores = scored(a.vectors, b.vectors, PARTNERS, a.spread, b.postings)

    def joined(i: tuple[int, ...], j: tuple[int, ...]) -> float:
        """The score of units ``i`` of a, taken together, against units ``j`` of b."""
        left = Counter(terms(" ".join(a.text[s:e] for s, e in (a.spans[k] for k in i))))
        right = Counter(terms(" ".join(b.text[s:e] for s, e in (b.spans[k] for k in j))))
        return cosine(_weighted(left, a.idf), _weighted(right, b.idf))

    path = chain(scores, joined, match, len(b.spans))
    on_path = {(i, j) for i0, j0, _ in path for i in i0 for j in j0}
    pairs = len(a.spans) * len(b.spans)  # pairs not scored share no selective term: 0
    mean = sum(scores.values()) / pairs
    spread = math.sqrt(max(0.0, sum(s * s for s in scores.values()) / pairs - mean * mean))
    bar = max(RELATED_FLOOR, mean + sigmas * spread)
    mutual_bar = max(MUTUAL_FLOOR, mean + mutual * spread)
    best_in_row: dict[int, tuple[float, int]] = {}
    best_in_column: dict[int, tuple[float, int]] = {}
    for (i, j), score in scores.items():
        best_in_row[i] = max(best_in_row.get(i, (0.0, -1)), (score, -j))
        best_in_column[j] = max(best_in_column.get(j, (0.0, -1)), (score, -i))
    found = list(path)
    for (i, j), score in scores.items():
        each_others = best_in_row[i][1] == -j and best_in_column[j][1] == -i
        if (score >= bar or (each_others and score >= mutual_bar)) and (i, j) not in on_path:
            found.append(((i,), (j,), score))

    def substantial(i: tuple[int, ...], j: tuple[int, ...], score: float) -> bool:
        if score >= SAME:
            return True
        left, right = _merged(a.substance[k] for k in i), _merged(b.substance[k] for k in j)
        return shared_substance(left, right) >= LINK_SUBSTANCE

    links = [_link(a.spans, b.spans, i, j, s) for i, j, s in found if substantial(i, j, s)]
    return sorted(links, key=lambda link: (link.a_start, link.b_start))


def _merged(found: Iterable[dict[str, float]]) -> dict[str, float]:
    merged: dict[str, float] = {}
    for one in found:
        merged.update(one)
    return merged


def _kept(text: str, spans: Sequence[Span], skip: frozenset[str]):
    """The units that are not boilerplate, and the substance of each."""
    kept, found = [], []
    for start, end in spans:
        lowered = words(text[start:end])
        if " ".join(lowered) not in skip:
            kept.append((start, end))
            found.append(_substance(lowered))
    return kept, found


def candidates(a: Side, b: Side, k: int = 3) -> list[Link]:
    """For each unit of ``a``, its ``k`` best-scoring units of ``b`` that share a content
    term (kind ``candidate``): suggestions for the fact-checker to confirm or reject,
    whatever the method decided."""
    best: dict[int, list[tuple[float, int]]] = defaultdict(list)
    found = scored(a.vectors, b.vectors, max(k, PARTNERS), a.spread, b.postings)
    for (i, j), score in found.items():
        best[i].append((score, -j))
    return [
        Link(*a.spans[i], *b.spans[-j], round(score, 3), "candidate")
        for i in sorted(best) for score, j in sorted(best[i], reverse=True)[:k] if score > 0.01
    ]  # fmt: skip


def _link(a: list[Span], b: list[Span], i: tuple[int, ...], j: tuple[int, ...], score: float):
    kind = "same" if score >= SAME else "related"
    return Link(a[i[0]][0], a[i[-1]][1], b[j[0]][0], b[j[-1]][1], round(score, 3), kind)
