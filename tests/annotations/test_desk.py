"""``newsgloss tags``: every tag of the desk with its article, filtered and sorted."""

from __future__ import annotations

import json
from dataclasses import replace

from conftest import runner_for

from newsgloss.annotations import Annotation, Store
from newsgloss.corpus import Document
from newsgloss.corpus.metadata import Metadata

ONE = Document.from_text("Ushakov said the talks would resume.\nMarkets rose.\n", title="One",
                         meta=Metadata(outlet="Wire"))  # fmt: skip
TWO = Document.from_text("Le café était fermé.\nPutin said nothing.\n", title="Two")


def test_tags_lists_every_tag_with_its_article_filtered_and_sorted(tmp_path) -> None:
    db = tmp_path / "s.db"
    with Store.open(db) as store:
        store.add_documents([ONE, TWO])
        first = Annotation.create(ONE, 0, 36, "claim", note="Check\nthe date", annotator="ann")
        second = Annotation.create(TWO, 0, 20, "disputed", annotator="bo")
        third = Annotation.create(ONE, 37, 50, "claim", annotator="bo")
        for day, tag in enumerate((first, second, third), start=1):
            store.add_annotation(replace(tag, updated_at=f"2026-01-0{day}T00:00:00.000Z"))
    run = runner_for(db)
    rows = [line.split("\t") for line in run("tags").stdout.splitlines()]
    assert [(r[0], r[1], r[3]) for r in rows] == sorted(
        [
            (ONE.short_id, "0", "claim"),
            (ONE.short_id, "37", "claim"),
            (TWO.short_id, "0", "disputed"),
        ]
    )  # article order: document, then place
    mine = next(r for r in rows if r[1] == "0" and r[0] == ONE.short_id)
    assert mine[4:][:1] == ["ann"] and mine[6:8] == ["Wire", "One"]
    assert mine[-1] == "Check the date"  # a note on one line
    newest = [json.loads(x) for x in run("tags", "--sort", "date", "--json").stdout.splitlines()]
    assert [t["id"] for t in newest] == [third.id, second.id, first.id]
    assert len(run("tags", "--label", "disputed").stdout.splitlines()) == 1
    assert len(run("tags", "--by", "bo").stdout.splitlines()) == 2
    assert len(run("tags", "--doc", TWO.short_id).stdout.splitlines()) == 1
    (found,) = run("tags", "--query", "cafe FERME").stdout.splitlines()  # folded, all words
    assert found.startswith(TWO.short_id)
    assert run("tags", "--query", "date").stdout.count("\n") == 1  # the note is searched
