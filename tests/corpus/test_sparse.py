"""The sparse half of alignment: pairs scored only through selective terms, and the
best monotone chain through them."""

import random

from newsgloss.corpus.sparse import PARTNERS, POSTINGS, chain, scored


def _unit(*terms: str) -> dict[str, float]:
    return {t: 1 / len(terms) ** 0.5 for t in terms}


def test_only_pairs_sharing_a_selective_term_are_scored() -> None:
    common = [_unit("talks", f"a{n}") for n in range(POSTINGS + 1)]  # "talks" everywhere
    b = [*common, _unit("istanbul", "ushakov")]
    a = [_unit("talks", "ushakov"), _unit("talks", "weather")]
    found = scored(a, b)
    assert set(found) == {(0, POSTINGS + 1)}  # "talks" alone finds no partner
    assert abs(found[0, POSTINGS + 1] - 0.5) < 1e-9  # the exact cosine, not the partial one


def test_each_unit_keeps_its_best_partners_only() -> None:
    b = [_unit("ushakov", f"b{n}") for n in range(PARTNERS + 5)] + [_unit("ushakov")]
    found = scored([_unit("ushakov")], b)
    assert len(found) == PARTNERS
    assert (0, PARTNERS + 5) in found  # the exact match is among them


def _best_chain_value(scores: dict, match: float) -> float:
    """Brute force: the best chain of 1:1 links, strictly increasing on both sides."""
    pairs = sorted((i, j, s - match) for (i, j), s in scores.items() if s >= match)
    best = []
    for k, (i, j, worth) in enumerate(pairs):
        before = [best[n] for n, (x, y, _) in enumerate(pairs[:k]) if x < i and y < j]
        best.append(worth + max(before, default=0.0))
    return max(best, default=0.0)


def test_the_chain_is_the_best_monotone_one() -> None:
    rng = random.Random(7)
    for _ in range(200):
        scores = {(rng.randrange(12), rng.randrange(12)): rng.random() for _ in range(30)}
        path = chain(scores, lambda i, j: 0.0, 0.2, 12)  # no 1:2 or 2:1 gain
        assert all(
            x[0][-1] < y[0][0] and x[1][-1] < y[1][0] for x, y in zip(path, path[1:], strict=False)
        )
        value = sum(score - 0.2 for _, _, score in path)
        assert abs(value - _best_chain_value(scores, 0.2)) < 1e-9


def test_two_units_taken_together_join_the_chain() -> None:
    scores = {(0, 0): 0.3, (1, 0): 0.3, (2, 1): 0.9}
    path = chain(scores, lambda i, j: 0.8 if (i, j) == ((0, 1), (0,)) else 0.0, 0.2, 2)
    assert path == [((0, 1), (0,), 0.8), ((2,), (1,), 0.9)]
