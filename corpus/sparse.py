"""The sparse half of alignment: which pairs of units are scored at all, and the best
monotone chain through them. Scoring every unit against every unit grows with the
product of two articles' lengths (two 5 MB articles: a billion pairs); through an
inverted index of selective terms it grows with what they share."""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Mapping

POSTINGS = 64  # a term in more units of either article finds no partners by itself
PARTNERS = 8  # each unit's partners scored exactly, best first by selective terms

Vector = dict[str, float]


def cosine(a: Vector, b: Vector) -> float:
    """The cosine of two unit-length vectors."""
    return sum(a[t] * b[t] for t in a.keys() & b.keys())


def postings(vectors: list[Vector]) -> dict[str, list[int]]:
    """An inverted index: for each term, the units that have it, in order."""
    found: dict[str, list[int]] = defaultdict(list)
    for j, vector in enumerate(vectors):
        for term in vector:
            found[term].append(j)
    return found


def spread(vectors: list[Vector]) -> Counter[str]:
    """In how many units each term is."""
    return Counter(term for vector in vectors for term in vector)


def scored(
    va: list[Vector],
    vb: list[Vector],
    partners: int = PARTNERS,
    spread_a: Mapping[str, int] | None = None,
    index_b: dict[str, list[int]] | None = None,
) -> dict[tuple[int, int], float]:
    """The cosine of each pair of units that share a selective term (one in at most
    POSTINGS units of either article), found through an inverted index of ``b``'s terms:
    the work grows with what the articles share, not with the product of their lengths.
    Each unit of ``a`` keeps its ``partners`` best by the selective terms alone.
    ``spread_a`` (in how many units of ``a`` each term is) and ``index_b`` (``b``'s
    ``postings``): when they are kept."""
    spread_a = spread(va) if spread_a is None else spread_a
    index_b = postings(vb) if index_b is None else index_b
    found = {}
    for i, x in enumerate(va):
        partial: dict[int, float] = defaultdict(float)
        skipped = []  # terms too common to look partners up by: added for the best only
        for term, weight in x.items():
            js = index_b.get(term, ())
            if len(js) <= POSTINGS and spread_a[term] <= POSTINGS:
                for j in js:
                    partial[j] += weight * vb[j][term]
            elif js:
                skipped.append((term, weight))
        for j in heapq.nlargest(partners, partial, key=partial.__getitem__):
            y = vb[j]  # with nothing skipped, the partial sum is the cosine
            found[i, j] = (
                partial[j] + sum(w * y[t] for t, w in skipped if t in y) if skipped else partial[j]
            )
    return found


class _PrefixMax:
    """A Fenwick tree: the best (value, entry) over the columns before a given one."""

    def __init__(self, columns: int) -> None:
        self.best = [(0.0, -1)] * (columns + 1)

    def update(self, column: int, value: float, entry: int) -> None:
        i = column + 1
        while i < len(self.best):
            if value > self.best[i][0]:
                self.best[i] = (value, entry)
            i += i & -i

    def before(self, column: int) -> tuple[float, int]:
        i, found = column, (0.0, -1)
        while i > 0:
            if self.best[i][0] > found[0]:
                found = self.best[i]
            i -= i & -i
        return found


def chain(scores: dict[tuple[int, int], float], joined, match: float, columns: int):
    """The best monotone chain of 1:1, 1:2 and 2:1 links, each worth its score less
    ``match`` (a 1:2 or 2:1 link counts twice), over the scored pairs only (a weighted
    chain of rectangles: entries by first row, each after the best one that ends above
    and left of it). ``joined(i, j)`` scores units taken together."""
    entries = [((i,), (j,), s, s - match) for (i, j), s in scores.items() if s >= match]
    for i, j in scores:  # each merge from its first pair, when every part is scored
        for ia, jb in (((i, i + 1), (j,)), ((i,), (j, j + 1))):
            parts = [scores.get((x, y)) for x in ia for y in jb]
            if None in parts or max(parts) < match / 2:
                continue  # a part shares no selective term (or is off the edge): no gain
            two = joined(ia, jb)
            if two >= match and two > max(parts):
                entries.append((ia, jb, two, 2 * (two - match)))
    entries.sort(key=lambda entry: (entry[0][0], entry[1][0]))
    tree, waiting = _PrefixMax(columns), []
    total, back = [0.0] * len(entries), [-1] * len(entries)
    for k, (ia, jb, _, worth) in enumerate(entries):
        while waiting and waiting[0][0] < ia[0]:
            _, done = heapq.heappop(waiting)
            tree.update(entries[done][1][-1], total[done], done)
        before, back[k] = tree.before(jb[0])
        total[k] = worth + before
        heapq.heappush(waiting, (ia[-1], k))
    path = []
    k = max(range(len(entries)), key=total.__getitem__, default=-1)
    while k >= 0:
        path.append(entries[k][:3])
        k = back[k]
    return path[::-1]
