"""Agreement between two annotators, on cases computed by hand and on the published
worked example of Krippendorff's alpha."""

from __future__ import annotations

import json

import pytest
from conftest import runner_for

from newsgloss.annotations import Annotation, Store, api
from newsgloss.annotations.agreement import nominal_alpha, unitized_alpha
from newsgloss.corpus import Document


def test_nominal_alpha_matches_krippendorffs_worked_example() -> None:
    """Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four
    observers, twelve units, missing values; nominal alpha = 0.743."""
    a = [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None]
    b = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3]
    c = [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None]
    d = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]
    assert round(nominal_alpha(zip(a, b, c, d, strict=True)), 3) == 0.743


TEXT = "x" * 100
DOC = Document.from_text(TEXT, title="hand")


def make(path, tags: list[tuple[int, int, str, str]]) -> None:
    with Store.open(path) as store:
        store.add_documents([DOC])
        for start, end, label, who in tags:
            store.add_annotation(Annotation.create(DOC, start, end, label, annotator=who))


def test_a_hand_made_case(tmp_path) -> None:
    """A: claims at 0-10 and 20-30; B: claims at 0-10, 25-35 and 50-60, on a text of 100
    characters. Exact: 1 match, P 1/3, R 1/2, F1 0.4. Overlap: 2 matches, P 2/3, R 1,
    F1 0.8. Characters: both 15, A only 5, B only 15, neither 65; coincidences o11 30,
    o00 130, o10 = o01 20; n1 50, n0 150, n 200; alpha = 1 - 199 * 40 / (2 * 50 * 150)
    = 0.469333."""
    make(tmp_path / "a.db", [(0, 10, "claim", "ana"), (20, 30, "claim", "ana"),
                             (0, 10, "claim", "bo"), (25, 35, "claim", "bo"),
                             (50, 60, "claim", "bo")])  # fmt: skip
    with Store.open(tmp_path / "a.db") as store:
        a, b, rows = api.agreement(store, annotators=["ana", "bo"])
    claim, overall = rows
    assert (a, b, claim.label, claim.a_tags, claim.b_tags) == ("ana", "bo", "claim", 2, 3)
    assert claim.exact_precision == pytest.approx(1 / 3) and claim.exact_recall == 0.5
    assert claim.exact_f1 == pytest.approx(0.4)
    assert (claim.overlap_precision, claim.overlap_recall) == (pytest.approx(2 / 3), 1.0)
    assert claim.overlap_f1 == pytest.approx(0.8)
    assert claim.alpha == pytest.approx(1 - 199 * 40 / 15000)
    covered_a = {i for s, e in ((0, 10), (20, 30)) for i in range(s, e)}
    covered_b = {i for s, e in ((0, 10), (25, 35), (50, 60)) for i in range(s, e)}
    units = [(i in covered_a, i in covered_b) for i in range(100)]
    assert claim.alpha == pytest.approx(nominal_alpha(units))  # the general form agrees
    assert overall.label == "" and overall.alpha == pytest.approx(claim.alpha)


def test_labels_are_compared_apart_and_pooled(tmp_path) -> None:
    make(tmp_path / "a.db", [(0, 10, "claim", "ana"), (0, 10, "disputed", "bo"),
                             (40, 50, "disputed", "ana"), (40, 50, "disputed", "bo")])  # fmt: skip
    with Store.open(tmp_path / "a.db") as store:
        _, _, rows = api.agreement(store)
    by_label = {row.label: row for row in rows}
    assert by_label["claim"].exact_recall == 0.0 and by_label["claim"].b_tags == 0
    assert by_label["disputed"].exact_precision == 0.5 and by_label["disputed"].exact_recall == 1
    assert by_label[""].a_tags == 2 and by_label[""].b_tags == 2
    assert by_label[""].exact_f1 == pytest.approx(0.5)


def test_agreement_through_the_command_line(tmp_path) -> None:
    make(tmp_path / "a.db", [(0, 10, "claim", "ana"), (0, 10, "claim", "bo")])
    run = runner_for(tmp_path / "a.db")
    table = run("agreement").stdout.splitlines()
    assert table[0] == "A: ana   B: bo"
    assert table[2].split("\t") == ["claim", "1", "1", *["1.000"] * 6, "1.000", "1.000"]
    rows = [json.loads(line) for line in run("agreement", "--json").stdout.splitlines()]
    assert rows[0]["a"] == "ana" and rows[0]["exact_f1"] == 1.0
    alone = runner_for(tmp_path / "b.db")
    make(tmp_path / "b.db", [(0, 10, "claim", "ana")])
    refused = alone("agreement")
    assert refused.exit_code == 1 and "needs the tags of two annotators" in refused.output
    wrong = run("agreement", "--annotators", "ana", "cy")
    assert wrong.exit_code == 1 and "no tags by 'cy'" in wrong.output


def test_unitized_alpha_by_hand_and_against_its_special_cases() -> None:
    """A continuum of 10: A's unit 2-6, B's 3-6. Intersections (both orders): gap/gap 12,
    unit/gap 2, unit/unit 6; l.. 20, l_gap 13, l_unit 7; weights: gaps 2+4+3+4 = 13, units
    16+9 = 25; e_gap,gap = 20 (169 - 13) / (400 - 38), e_unit,unit = 20 (49 - 25) / 362;
    u-alpha = 1 - (20 - 18) / (20 - 3600 / 362) = 0.801099."""
    a = [(0, 2, None), (2, 6, 1), (6, 10, None)]
    b = [(0, 3, None), (3, 6, 1), (6, 10, None)]
    assert unitized_alpha([a, b]) == pytest.approx(1 - 2 / (20 - 3600 / 362))
    assert unitized_alpha([a, a]) == 1.0
    # Units one character long, every position coded: nominal alpha of the positions.
    rows = ["abcabcaabbccabca", "abccbcaabacca" + "bba", "bbcabcaabbccaaca"]
    units = [[(i, i + 1, v) for i, v in enumerate(row)] for row in rows]
    assert unitized_alpha(units) == pytest.approx(nominal_alpha(zip(*rows, strict=True)))
    # The example of krippendorff_unitized_alpha (an independent implementation of the
    # 2016 paper; its tests expect 0.56 within 0.01), three coders, keyphrases and gaps.
    coders = [
        [(0, 2, None), (3, 14, "k"), (15, 21, None), (22, 52, "k"), (53, 55, None)],
        [(0, 2, None), (3, 9, "k"), (10, 21, None), (22, 52, "k"), (53, 55, None)],
        [(0, 21, None), (22, 45, "k"), (46, 55, None)],
    ]
    assert unitized_alpha(coders) == pytest.approx(0.56, abs=0.01)


def test_u_alpha_in_the_scores_weighs_boundaries(tmp_path) -> None:
    """The hand-made case's u-alpha: A's units 0-10 and 20-30, B's 0-10, 25-35 and 50-60
    on a text of 100. Intersections (both orders) o11 30, o00 130, o10 = o01 20; l.. 200,
    l_1 50, l_0 150; weights: units 2 * 100 + 3 * 100 = 500, gaps 10 + 70 + 15 + 15 + 40
    = 150; e11 = 200 (2500 - 500) / 39350, e00 = 200 (22500 - 150) / 39350; u-alpha =
    1 - 40 / (200 - e11 - e00) = 0.475333."""
    make(tmp_path / "a.db", [(0, 10, "claim", "ana"), (20, 30, "claim", "ana"),
                             (0, 10, "claim", "bo"), (25, 35, "claim", "bo"),
                             (50, 60, "claim", "bo")])  # fmt: skip
    with Store.open(tmp_path / "a.db") as store:
        _, _, (claim, overall) = api.agreement(store, annotators=["ana", "bo"])
    a = [(0, 10, 1), (10, 20, None), (20, 30, 1), (30, 100, None)]
    b = [(0, 10, 1), (10, 25, None), (25, 35, 1), (35, 50, None), (50, 60, 1), (60, 100, None)]
    assert claim.u_alpha == pytest.approx(unitized_alpha([a, b]))
    expected = 200 * (2500 - 500) / 39350 + 200 * (22500 - 150) / 39350
    assert claim.u_alpha == pytest.approx(1 - 40 / (200 - expected))
    assert overall.u_alpha == pytest.approx(claim.u_alpha)
