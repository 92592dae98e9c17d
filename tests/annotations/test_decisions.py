"""The fact-checker's word on links: candidates suggested, confirmed, rejected or made by
hand, winning over the method, outliving its cache and travelling in the export."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import runner_for

from newsgloss.annotations import Store, api
from newsgloss.corpus.analysis import DEFAULT_MODEL, find_pipeline


def test_candidates_confirm_reject_and_by_hand_win_over_the_method(
    analysed_db: Path, sample_documents, tmp_path: Path
) -> None:
    a, b = sample_documents[0], sample_documents[1]  # the loose rewrite pair
    info = find_pipeline(DEFAULT_MODEL)
    with Store.open(analysed_db) as store:
        links = api.align_documents(store, info, a.id, b.id)
        suggested = api.link_candidates(store, info, a.id, b.id, 2)
        assert suggested and all(k.kind == "candidate" for k in suggested)
        assert len({k.a_start for k in suggested}) * 2 >= len(suggested)  # at most 2 a unit
        unlinked = next(
            k for k in suggested
            if (k.a_start, k.b_start) not in {(x.a_start, x.b_start) for x in links}
        )  # fmt: skip
        spans = ((unlinked.a_start, unlinked.a_end), (unlinked.b_start, unlinked.b_end))
        assert api.decide_link(store, a.id, spans[0], b.id, spans[1], "confirmed", "Ann") is None
        confirmed = [k for k in api.align_documents(store, info, a.id, b.id)
                     if k.kind == "confirmed"]  # fmt: skip
        assert [(k.a_start, k.b_start) for k in confirmed] == [(unlinked.a_start, unlinked.b_start)]
        seen_from_b = api.align_documents(store, info, b.id, a.id)
        assert (unlinked.b_start, unlinked.a_start, "confirmed") in {
            (k.a_start, k.b_start, k.kind) for k in seen_from_b
        }
        rejected = links[0]
        api.decide_link(store, a.id, (rejected.a_start, rejected.a_end), b.id,
                        (rejected.b_start, rejected.b_end), "rejected", "Ann")  # fmt: skip
        after = api.align_documents(store, info, a.id, b.id)
        assert (rejected.a_start, rejected.b_start) not in {(k.a_start, k.b_start) for k in after}
        assert (rejected.a_start, rejected.b_start) not in {
            (k.a_start, k.b_start) for k in api.link_candidates(store, info, a.id, b.id, 5)
        }
        # a new version of the method: its cache is gone, the decisions are not
        store.db.execute("DELETE FROM alignments")
        again = api.align_documents(store, info, a.id, b.id)
        assert {(k.a_start, k.kind) for k in again} >= {(unlinked.a_start, "confirmed")}
        assert (rejected.a_start, rejected.b_start) not in {(k.a_start, k.b_start) for k in again}
    run = runner_for(analysed_db)
    out = tmp_path / "documents.jsonl"
    assert run("export", "--format", "documents", "-o", str(out)).exit_code == 0
    other = runner_for(tmp_path / "other.db")
    assert other("import", str(out)).exit_code == 0
    with Store.open(tmp_path / "other.db") as store:
        moved = api.align_documents(store, info, a.id, b.id)
        assert (unlinked.a_start, "confirmed") in {(k.a_start, k.kind) for k in moved}
    second = tmp_path / "again.jsonl"
    other("export", "--format", "documents", "-o", str(second))

    def decided(path: Path) -> list:
        return [json.loads(line)["links"] for line in path.read_text().splitlines()]

    assert decided(second) == decided(out) and any(decided(out))


def test_the_command_line_suggests_and_decides(analysed_db: Path, sample_documents) -> None:
    a, b = sample_documents[3], sample_documents[4]
    run = runner_for(analysed_db)
    listed = run("align", a.short_id, b.short_id, "--candidates", "2").stdout.splitlines()
    kinds = {line.split("\t")[-1] for line in listed}
    assert {"candidate", "same"} <= kinds
    a_start, a_end, b_start, b_end = listed[0].split("\t")[:4]
    made = run("link", a.short_id, a_start, a_end, b.short_id, b_start, b_end, "--reject")
    assert made.exit_code == 0 and made.stdout == "rejected (was undecided)\n"
    assert run("link", a.short_id, a_start, a_end, b.short_id, b_start, b_end,
               "--forget").stdout == "forgotten (was rejected)\n"  # fmt: skip
    bad = run("link", a.short_id, "0", str(len(a.text) + 5), b.short_id, "0", "5")
    assert bad.exit_code == 1 and "is not a span of its text" in bad.stderr
