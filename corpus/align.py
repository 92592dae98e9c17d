"""Passages two articles share: sentence units linked where they state the same thing.

Pure functions of texts, their sentence boundaries and entities (the analysis's), no
store. Each unit becomes a vector of weighted terms (``terms.py``: names, places,
numbers and rare words keyed so rewordings meet, weighed by their rarity in English),
with a share of the sentence before it in its paragraph; headings are compared with
headings only. Only pairs of units that share a selective term are scored
(``sparse.py``), and which are linked is decided relative to each unit's own scores
(``sparse.decoded``): a loose rewrite's links score far lower than a paraphrase's.
Boilerplate (a unit repeated within an article or across many) never takes part, and
neither do two articles that share no substance (rare words, names, numbers:
``substance``).
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from newsgloss.corpus.document import is_metadata_line
from newsgloss.corpus.positions import ByPosition
from newsgloss.corpus.sparse import PARTNERS, Vector, cosine, decoded, postings, scored, spread
from newsgloss.corpus.terms import rarity, sentence_terms, unit_length, with_context

ALIGN_VERSION = 8
# A link at least this close is a paraphrase or the same sentence, if the two units are
# that close on their own words too: "In person." after a sentence on a summit takes its
# closeness from that sentence, and states nothing of its own.
SAME = 0.5
SIGMAS = 2.0  # a link stands this many standard deviations above the pair's mean score
CONTEXT = 0.25  # the share of the sentence before that a unit's vector takes
HEADING_WORDS = 14  # a line of at most this many words not ending a sentence: a heading
BOILERPLATE_DOCUMENTS = 3  # a unit in this many documents is the site's, not the story's
# The story's substance: words rarer than this in English at large (wordfreq's Zipf scale,
# rarity = 8 - zipf), names and specific numbers; not function words, dates alone or the
# words of site chrome. Two articles must share PAIR_SUBSTANCE of it (or half of the
# shorter's) to be linked at all (unrelated stories share next to none; two on one story
# dozens of words).
SUBSTANCE = 3.5
PAIR_SUBSTANCE = 20.0
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
_IGNORED = _STOP | _CHROME  # words that say nothing of the story


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

    def a_span(self) -> Span:
        """Where the link is in ``a``: what ``positions.ByPosition`` finds it by."""
        return self.a_start, self.a_end

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
    if word in _IGNORED or len(word) < 2 or rarity(word) < SUBSTANCE:
        return None
    return stem(word), rarity(word)


def shared_substance(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """How much substance two texts share: the rarity of each word both have."""
    if len(a) > len(b):
        a, b = b, a
    return sum(min(weight, b[key]) for key, weight in a.items() if key in b)


@dataclass
class Side:
    """One article as alignment reads it: its units that are not boilerplate, the
    substance and the term vector of each (with its share of the unit before), and which
    are headings; its entities, by position. Alike whatever it is aligned with, so one made
    for an article serves all its pairs."""

    text: str
    spans: list[Span]
    substance: list[dict[str, float]]
    vectors: list[Vector]
    headings: list[bool]
    entities: ByPosition = field(default_factory=lambda: ByPosition(()))
    _alone: dict[int, Vector] = field(default_factory=dict, repr=False)

    def alone(self, k: int) -> Vector:
        """Unit ``k``'s vector of its own words, without the unit before: made when first
        asked for (for a close link), kept for the side's other pairs, not made for
        every unit."""
        if k not in self._alone:
            start, end = self.spans[k]
            own = sentence_terms(self.text, start, end, self.entities, _IGNORED)
            self._alone[k] = unit_length(own)
        return self._alone[k]

    @functools.cached_property
    def postings(self) -> dict[str, list[int]]:
        """Which units have each term (``sparse.postings``): made once, for every pair."""
        return postings(self.vectors)

    @functools.cached_property
    def whole(self) -> dict[str, float]:
        """The article's substance, all its units' together: made once, for every pair."""
        return _merged(self.substance)

    @functools.cached_property
    def spread(self) -> Counter[str]:
        """In how many units each term is (``sparse.spread``; smaller than ``postings``)."""
        return spread(self.vectors)


def side(
    text: str, spans: Sequence[Span], entities: Sequence = (), skip: frozenset[str] = frozenset()
) -> Side:
    """``text`` with its sentence units ``spans`` made ready to align. ``entities``: the
    analysis's (each with ``start``, ``end`` and ``label``); ``skip``: boilerplate
    (``normalised``)."""
    kept, found = _kept(text, spans, skip)
    entities = ByPosition(entities)
    own = [sentence_terms(text, s, e, entities, _IGNORED) for s, e in kept]
    headings = [heading(text, s, e) for s, e in kept]
    follows = [k > 0 and "\n" not in text[kept[k - 1][1] : s] and not headings[k - 1]
               for k, (s, _) in enumerate(kept)]  # fmt: skip
    return Side(text, kept, found, with_context(own, follows, CONTEXT), headings, entities)


def heading(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a heading: a whole line of a few words that does not
    end as a sentence does (a question may be one)."""
    line = (start == 0 or text[start - 1] == "\n") and (end == len(text) or text[end] == "\n")
    return (
        line
        and len(text[start:end].split()) <= HEADING_WORDS
        and not _ENDS.search(text, start, end)
    )


_ENDS = re.compile(r"[.!:;,\"”’)]\s*$")


def align(
    text_a: str,
    units_a: Sequence[Span],
    text_b: str,
    units_b: Sequence[Span],
    entities_a: Sequence = (),
    entities_b: Sequence = (),
    skip: frozenset[str] = frozenset(),
    **thresholds: float,
) -> list[Link]:
    """The links between two articles' units, in ``a``'s order (``side`` says what the
    arguments are; ``thresholds`` as ``align_sides`` takes them)."""
    a, b = side(text_a, units_a, entities_a, skip), side(text_b, units_b, entities_b, skip)
    return align_sides(a, b, **thresholds)


def align_sides(a: Side, b: Side, *, sigmas: float = SIGMAS) -> list[Link]:
    """The links between two articles' units, in ``a``'s order. ``sigmas``: SIGMAS, for
    tuning."""
    if not a.spans or not b.spans:
        return []
    whole_a, whole_b = a.whole, b.whole
    own = min(sum(whole_a.values()), sum(whole_b.values()))  # a short article has less
    if shared_substance(whole_a, whole_b) < min(PAIR_SUBSTANCE, own / 2):
        return []  # two stories: no passage of one is the other's
    moments = [0.0, 0.0]
    scores = _scored(a, b, PARTNERS, moments)
    found = decoded(scores, moments, len(a.spans) * len(b.spans), sigmas, SAME)
    links = [_link(a, b, i, j, scores[i, j]) for i, j in found]
    return sorted(links, key=lambda link: (link.a_start, link.b_start))


def _scored(a: Side, b: Side, partners: int, moments: list[float] | None = None) -> dict:
    """``sparse.scored`` over the two sides, a heading paired with a heading only."""
    found = scored(a.vectors, b.vectors, partners, a.spread, b.postings, moments)
    return {(i, j): s for (i, j), s in found.items() if a.headings[i] == b.headings[j]}


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
    for (i, j), score in _scored(a, b, max(k, PARTNERS)).items():
        best[i].append((score, -j))
    return [
        Link(*a.spans[i], *b.spans[-j], round(score, 3), "candidate")
        for i in sorted(best) for score, j in sorted(best[i], reverse=True)[:k] if score > 0.01
    ]  # fmt: skip


def _link(a: Side, b: Side, i: int, j: int, score: float) -> Link:
    same = score >= SAME and cosine(a.alone(i), b.alone(j)) >= SAME
    return Link(*a.spans[i], *b.spans[j], round(score, 3), "same" if same else "related")
