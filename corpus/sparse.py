"""The sparse half of alignment: which pairs of units are scored at all, and the best
monotone chain through them. Scoring every unit against every unit grows with the
product of two articles' lengths (two 5 MB articles: a billion pairs); through an
inverted index of selective terms it grows with what they share. Which scored pairs are
linked is decided relative to each unit's own scores (``decoded``)."""

from __future__ import annotations

import heapq
import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Mapping

POSTINGS = 64  # a term in more units of either article finds no partners by itself
PARTNERS = 8  # each unit's partners scored exactly, best first by selective terms
CLOSE = 1.5  # a second partner's least share of the best: this times the pair's median best
ALONE = 0.8  # and at most this

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
    moments: list[float] | None = None,
) -> dict[tuple[int, int], float]:
    """The cosine of each pair of units that share a selective term (one in at most
    POSTINGS units of either article), found through an inverted index of ``b``'s terms:
    the work grows with what the articles share, not with the product of their lengths.
    Each unit of ``a`` keeps its ``partners`` best by the selective terms alone.
    ``spread_a`` (in how many units of ``a`` each term is) and ``index_b`` (``b``'s
    ``postings``): when they are kept. ``moments``, when given, gains the sum and the sum
    of squares of every pair's partial score, the pairs not kept too: ``decoded`` weighs
    a link against them all."""
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
        if moments is not None:
            moments[0] += sum(partial.values())
            moments[1] += sum(v * v for v in partial.values())
        best = (
            partial
            if len(partial) <= partners
            else heapq.nlargest(partners, partial, key=partial.__getitem__)
        )  # most units have few: no need to rank them
        for j in best:
            y = vb[j]  # with nothing skipped, the partial sum is the cosine
            found[i, j] = (
                partial[j] + sum(w * y[t] for t, w in skipped if t in y) if skipped else partial[j]
            )
    return found


def decoded(
    scores: dict[tuple[int, int], float],
    moments: list[float],
    pairs: int,
    sigmas: float,
    sure: float,
) -> set[tuple]:
    """The pairs linked, each sentence judged against its own scores, not one absolute
    threshold (which, tuned on paraphrases, finds nothing in a loose rewrite): on each
    side, every unit keeps its candidates before the largest drop in its sorted scores
    that stand ``sigmas`` standard deviations above the mean of all ``pairs`` (from
    ``moments``, as ``scored`` sums them; pairs sharing no selective term count as 0),
    or score ``sure`` (a paraphrase stands out however few the sentences). A unit may
    keep several: a lead that sums up five sentences links to all five. Then a partner
    must come within ``alone`` of the best score of both its units, ``alone`` growing
    with how close the pair is (CLOSE times the median best, at most ALONE): in a close
    paraphrase each sentence has one counterpart and its neighbours, which share its
    words, are not linked."""
    if not scores:
        return set()
    mean = moments[0] / pairs
    spread = math.sqrt(max(0.0, moments[1] / pairs - mean * mean))
    bar = min(sure, mean + sigmas * spread) if spread > 1e-9 else sure  # else all alike
    rows: dict[int, list[tuple[float, int]]] = defaultdict(list)
    columns: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (i, j), score in scores.items():
        rows[i].append((score, j))
        columns[j].append((score, i))
    kept = set()
    best_row: dict[int, float] = {}
    best_column: dict[int, float] = {}
    for side, flip, bests in ((rows, False, best_row), (columns, True, best_column)):
        for x, found in side.items():
            bests[x] = top = max(found)[0]
            if top < bar:
                continue  # none of its candidates stands out: no need to sort them
            found.sort(reverse=True)
            ranked = [score for score, _ in found] + [0.0]
            drops = [a - b for a, b in zip(ranked, ranked[1:], strict=False)]
            cut = drops.index(max(drops)) + 1
            kept.update((y, x) if flip else (x, y) for score, y in found[:cut] if score >= bar)
    alone = min(ALONE, CLOSE * statistics.median([*best_row.values(), *best_column.values()]))
    return {(i, j) for i, j in kept
            if scores[i, j] >= alone * max(best_row[i], best_column[j])}  # fmt: skip
