"""``newsgloss rm``: documents removed with all that is kept of them, refused while they
have tags unless --with-tags, which writes them first to a backup that imports back."""

from __future__ import annotations

import json

from conftest import runner_for

from newsgloss.annotations import Annotation, Store, api, corpus_stats
from newsgloss.corpus.align import boilerplate, normalised, passages, units
from newsgloss.corpus.analysis import DEFAULT_MODEL, find_pipeline

TABLES = {"analyses": "doc_id", "alignments": "doc_a", "indexed": "doc_id",
          "link_decisions": "doc_a", "annotations": "doc_id", "entity_rules": "doc_id"}  # fmt: skip


def rows_of(store: Store, doc_id: str) -> dict[str, int]:
    """How many rows of each table name ``doc_id`` (either side of a pair)."""
    found = {}
    for table, column in TABLES.items():
        other = column.replace("_a", "_b")
        query = f"SELECT count(*) FROM {table} WHERE {column} = ? OR {other} = ?"
        found[table] = store.db.execute(query, [doc_id, doc_id]).fetchone()[0]
    return found


def test_rm_refuses_tagged_documents_and_with_tags_keeps_a_backup(
    analysed_db, sample_documents
) -> None:
    run = runner_for(analysed_db)
    a, b = sample_documents[3], sample_documents[4]
    info = find_pipeline(DEFAULT_MODEL)
    with Store.open(analysed_db) as store:
        start = a.text.index("Kremlin aide Yury Ushakov")
        store.add_annotation(Annotation.create(a, start, start + 25, "claim", note="check"))
        api.align_documents(store, info, a.id, b.id)
        api.decide_link(store, a.id, (start, start + 25), b.id, (0, 10), "confirmed", "ann")
        yury = start + len("Kremlin aide ")
        api.correct(store, api.Rule("Yury Ushakov", "PERSON", a.id, yury, yury + 12))
        before = rows_of(store, a.id)
    assert all(before.values()), before  # something of it in every table

    refused = run("rm", a.short_id)
    assert refused.exit_code != 0 and a.short_id in refused.output
    assert "1 tag would go" in refused.output and "Traceback" not in refused.output
    with Store.open(analysed_db) as store:
        assert store.document(a.id) is not None and rows_of(store, a.id) == before

    removed = run("rm", a.short_id, "--with-tags")
    assert removed.exit_code == 0, removed.output
    assert "1 document removed" in removed.stderr
    (backup,) = analysed_db.parent.glob("reader-removed-*.jsonl")
    assert str(backup) in removed.stderr
    with Store.open(analysed_db) as store:
        assert store.document(a.id) is None
        assert set(rows_of(store, a.id).values()) == {0}
        assert a.id not in {d for d, _ in api.similar_documents(store, b.id)}
        texts = [d.text for d in store.iter_documents()]
        assert corpus_stats.passages(store.db) == sum(len(passages(t)) for t in texts)
        lines = {normalised(t[s:e]) for t in texts for s, e in units(t, ())}
        common = boilerplate((t, units(t, ())) for t in texts)
        assert corpus_stats.common_lines(store.db, lines) == common
    (record,) = [json.loads(line) for line in backup.read_text(encoding="utf-8").splitlines()]
    assert record["doc_id"] == a.id and record["spans"][0]["note"] == "check"

    restored = run("import", str(backup))
    assert restored.exit_code == 0, restored.output
    with Store.open(analysed_db) as store:
        assert store.document(a.id).text == a.text
        assert [t.note for t in store.annotations([a.id])] == ["check"]
        assert api.decisions_between(store, a.id, b.id)  # the decision came back with it


def test_rm_of_an_untagged_document_needs_no_flag(analysed_db, sample_documents) -> None:
    run = runner_for(analysed_db)
    result = run("rm", sample_documents[0].short_id, sample_documents[1].short_id)
    assert result.exit_code == 0 and "2 documents removed" in result.stderr
    assert run("rm", "zzz").exit_code != 0  # no such document: one line, no traceback


def test_the_backup_holds_each_article_once_however_many_tags(analysed_db, sample_documents):
    run = runner_for(analysed_db)
    a = sample_documents[2]
    with Store.open(analysed_db) as store:
        for start in (0, 40, 80):
            store.add_annotation(Annotation.create(a, start, start + 20, "claim"))
    assert run("rm", a.short_id, "--with-tags").exit_code == 0
    (backup,) = analysed_db.parent.glob("reader-removed-*.jsonl")
    records = [json.loads(line) for line in backup.read_text(encoding="utf-8").splitlines()]
    assert [(r["doc_id"], len(r["spans"])) for r in records] == [(a.id, 3)]
