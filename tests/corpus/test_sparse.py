"""The sparse half of alignment: pairs scored only through selective terms, and which
of them are linked, each judged against its own scores."""

from newsgloss.corpus.sparse import PARTNERS, POSTINGS, decoded, scored


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


def _decoded(scores: dict, sigmas: float = 1.0) -> set:
    moments = [sum(scores.values()), sum(v * v for v in scores.values())]
    return decoded(scores, moments, 100, sigmas, 0.9)


def test_a_lead_links_to_each_sentence_it_sums_up() -> None:
    """A loose pair: row 0's three candidates fall gently, then sharply; all three kept."""
    scores = {(0, 1): 0.40, (0, 2): 0.37, (0, 3): 0.35, (0, 4): 0.05, (5, 6): 0.3, (7, 8): 0.04}
    assert {(0, 1), (0, 2), (0, 3)} <= _decoded(scores)
    assert (0, 4) not in _decoded(scores)  # after the largest drop


def test_in_a_close_pair_a_neighbour_is_not_a_second_partner() -> None:
    """Every sentence has one counterpart scoring 0.8; a neighbour at 0.5 shares its words
    but stays out (within CLOSE of the median best it is not), however high above the mean."""
    scores = {(i, i): 0.8 for i in range(10)}
    scores[3, 4] = 0.55
    found = _decoded(scores)
    assert {(i, i) for i in range(10)} <= found and (3, 4) not in found


def test_nothing_stands_out_nothing_is_linked() -> None:
    assert _decoded({(i, j): 0.1 for i in range(10) for j in range(10)}) == set()
    assert _decoded({}) == set()
