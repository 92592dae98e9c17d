"""Claims across the corpus: tagged passages grouped with their aligned passages, the
alignment cache they read, and newsgloss claims in its three formats."""

from __future__ import annotations

import json

from conftest import runner_for

from newsgloss.annotations import Annotation, Store, api
from newsgloss.annotations.alignments import Sides
from newsgloss.annotations.analysis_cache import analyze_documents
from newsgloss.annotations.claims import claims
from newsgloss.corpus import Document
from newsgloss.corpus.align import ALIGN_VERSION
from newsgloss.corpus.analysis import DEFAULT_MODEL, find_pipeline
from newsgloss.corpus.metadata import Metadata

ONE = Document.from_text(
    "Ushakov said the talks would resume in Istanbul on Thursday.\n"
    "Markets in Moscow rose sharply on the news.\n",
    title="One | outlet",
)
TWO = Document.from_text(
    "Putin said the talks would resume in Istanbul on Thursday.\n"
    "Weather: rain expected over the weekend.\n",
    title="Another outlet",
    meta=Metadata(outlet="Wire", published="2025-05-12", url="https://wire.example/talks"),
)


def prepared(db, analyzer) -> None:
    with Store.open(db) as store:
        store.add_documents([ONE, TWO])
        analyze_documents(store, analyzer, [ONE.id, TWO.id])
        store.add_annotation(Annotation.create(ONE, 0, 60, "claim", note="check", annotator="Ann"))


def test_a_tag_becomes_a_claim_with_its_aligned_passages(analysed_db, analyzer) -> None:
    prepared(analysed_db, analyzer)
    with Store.open(analysed_db) as store:
        info = find_pipeline(DEFAULT_MODEL)
        (claim,) = claims(store, info, doc_ids=[ONE.id])
        first, *others = claim.passages
        assert (first.doc_id, first.tags[0].label, first.attributed_to) == (
            ONE.id,
            "claim",
            "Ushakov",
        )
        (other,) = [p for p in others if p.doc_id == TWO.id]
        assert other.text.startswith("Putin said") and other.tags == []
        assert other.attributed_to == "Putin" and other.differs == ["differs: Ushakov / Putin"]
        # a tag on the counterpart joins the same claim rather than making another
        store.add_annotation(Annotation.create(TWO, 0, 58, "disputed"))
        found = claims(store, info, doc_ids=[ONE.id, TWO.id])
        assert len(found) == 1
        assert [a.label for p in found[0].passages if p.doc_id == TWO.id for a in p.tags] == [
            "disputed"
        ]
        assert claims(store, info, annotator="Bob") == []


def test_alignments_are_cached_per_pair_and_version(analysed_db, analyzer) -> None:
    prepared(analysed_db, analyzer)
    info = find_pipeline(DEFAULT_MODEL)
    with Store.open(analysed_db) as store:
        first = api.align_documents(store, info, ONE.id, TWO.id)
        rows = store.db.execute("SELECT doc_a, doc_b, version FROM alignments").fetchall()
        assert len(rows) == 1 and rows[0][2].startswith(f"{ALIGN_VERSION}/")
        backwards = api.align_documents(store, info, TWO.id, ONE.id)  # from the cache
        assert [(k.b_start, k.a_start) for k in backwards] == [
            (k.a_start, k.b_start) for k in first
        ]
        assert store.db.execute("SELECT count(*) FROM alignments").fetchone()[0] == 1


def test_claims_command_writes_tsv_jsonl_and_a_markdown_worksheet(analysed_db, analyzer) -> None:
    prepared(analysed_db, analyzer)
    run = runner_for(analysed_db)
    tsv = run("claims", "--label", "CLAIM", "--doc", ONE.short_id).output.splitlines()
    assert tsv[0].split("\t")[:6] == ["1", ONE.short_id, "0", "60", "claim", "Ushakov"]
    assert any(line.split("\t")[6] == "differs: Ushakov / Putin" for line in tsv)
    (record,) = [
        json.loads(line)
        for line in run("claims", "--format", "jsonl", "--doc", ONE.short_id).output.splitlines()
    ]
    assert record["passages"][0]["tags"][0]["note"] == "check"
    sheet = run("claims", "--format", "markdown", "--doc", ONE.short_id).output
    assert sheet.startswith("# Claims worksheet\n\n## 1. “Ushakov said the talks")
    assert "| One \\| outlet |" in sheet  # a pipe in a title does not break the table
    # which outlet says what, and when
    assert "| Wire | 2025-05-12 | Another outlet (https://wire.example/talks) |" in sheet
    two = next(line.split("\t") for line in tsv if line.split("\t")[1] == TWO.short_id)
    assert two[7:9] == ["Wire", "2025-05-12"]
    passage = next(p for p in record["passages"] if p["doc_id"] == TWO.id)
    assert (passage["outlet"], passage["published"]) == ("Wire", "2025-05-12")
    assert run("claims", "--label", "nope").exit_code == 1


def test_a_tag_over_a_whole_article_does_not_merge_every_claim(
    analysed_db, sample_documents
) -> None:
    whole, other = sample_documents[0], sample_documents[1]
    info = find_pipeline(DEFAULT_MODEL)
    with Store.open(analysed_db) as store:
        store.add_annotation(Annotation.create(whole, 0, len(whole.text) - 1, "claim"))
        start = other.text.index("Putin explained")
        store.add_annotation(Annotation.create(other, start, start + 40, "claim"))
        found = claims(store, info)
    assert len(found) == 2  # not one claim pulling in the other tag
    huge = next(c for c in found if c.passages[0].doc_id == whole.id)
    assert len(huge.passages) == 1 and "no counterparts taken" in huge.capped
    sheet = "\n".join(api.markdown(found))
    assert "*Capped: a tag of more than 2,000 characters" in sheet


def test_a_large_store_aligns_a_tag_only_with_the_articles_the_index_finds(
    analysed_db, sample_documents, monkeypatch
) -> None:
    from newsgloss.annotations import claims as claims_module

    monkeypatch.setattr(claims_module, "EXHAUSTIVE_UP_TO", 2)  # a "large" store
    unrelated = Document.from_text("Council votes to close the old town to cars.\n" * 3)
    a, b = sample_documents[3], sample_documents[4]
    info = find_pipeline(DEFAULT_MODEL)
    with Store.open(analysed_db) as store:
        store.add_documents([unrelated])
        start = a.text.index("Kremlin aide Yury Ushakov")
        store.add_annotation(Annotation.create(a, start, start + 60, "claim"))
        (claim,) = claims(store, info)
        aligned = {row[0] for row in store.db.execute("SELECT doc_b FROM alignments")} | {
            row[0] for row in store.db.execute("SELECT doc_a FROM alignments")
        }
    assert b.id in {p.doc_id for p in claim.passages}  # the paraphrase, found by the index
    assert unrelated.id not in aligned  # never aligned: nothing in common


def test_claims_come_one_at_a_time_and_stop_when_asked(analysed_db, sample_documents) -> None:
    with Store.open(analysed_db) as store:
        for document in sample_documents:
            for start in (0, 40, 80):
                store.add_annotation(Annotation.create(document, start, start + 20, "claim"))
        info = find_pipeline(DEFAULT_MODEL)
        every = claims(store, info)
        asked = []

        def cancelled() -> bool:
            asked.append(True)
            return len(asked) > 2  # asked before each claim: two found, then stop

        found = list(api.iter_claims(store, info, cancelled=cancelled))
    assert len(every) > 2
    assert [c.passages[0].start for c in found] == [c.passages[0].start for c in every[:2]]


def test_a_passages_tags_are_found_by_position(store: Store) -> None:
    store.add_documents([ONE])
    long = Annotation.create(ONE, 0, 100, "disputed")  # starts well before the passage
    for tag in (Annotation.create(ONE, 0, 7, "claim"), long,
                Annotation.create(ONE, 61, 67, "claim")):  # fmt: skip
        store.add_annotation(tag)
    found = claims(store, find_pipeline(DEFAULT_MODEL), labels=["claim"])
    assert [[a.label for a in p.tags] for c in found for p in c.passages] == [
        ["claim", "disputed"],
        ["disputed", "claim"],
    ]


def test_a_document_analysed_since_it_was_first_aligned_is_aligned_by_sentences(
    tmp_path, analyzer
) -> None:
    """Documents made ready to align are kept (``Sides``): one split by lines while it
    was not analysed is made again once it is, and its pair is then cached."""
    one = Document.from_text("Ushakov said the talks would resume. In Istanbul, on Thursday.")
    two = Document.from_text("Putin said the talks would resume. In Istanbul, on Thursday.")
    info = find_pipeline(DEFAULT_MODEL)
    sides = Sides(4)
    with Store.open(tmp_path / "s.db") as store:
        store.add_documents([one, two])
        by_lines = api.align_documents(store, info, one.id, two.id, sides)
        assert [(k.a_start, k.a_end) for k in by_lines] == [(0, len(one.text))]  # one line
        version = f"{ALIGN_VERSION}/{info.name}/{info.cache_version}"
        assert store.alignment(*sorted((one.id, two.id)), version) is None  # not kept
        analyze_documents(store, analyzer, [one.id, two.id])
        by_sentences = api.align_documents(store, info, one.id, two.id, sides)
        assert len(by_sentences) == 2  # each sentence its own unit now
        assert store.db.execute("SELECT count(*) FROM alignments").fetchone()[0] == 1


def test_a_large_store_aligns_a_tagged_article_with_those_sharing_a_tagged_passage(
    analysed_db, sample_documents, monkeypatch
) -> None:
    """Partners come from the passages tagged: an article sharing only an untagged
    passage is not aligned for them."""
    from newsgloss.annotations import claims as claims_module

    monkeypatch.setattr(claims_module, "EXHAUSTIVE_UP_TO", 2)
    monkeypatch.setattr(claims_module, "STORY_PARTNERS", 0)
    a = sample_documents[3]
    tagged, other = "Kremlin aide Yury Ushakov", "President Volodymyr Zelensky intensified"
    sentence = lambda start: a.text[a.text.index(start) :].split("\n")[0]  # noqa: E731
    quoting = [Document.from_text(f"Elsewhere.\n{sentence(s)}\nMore news on other things.")
               for s in (tagged, other)]  # fmt: skip
    aligned = []  # the pairs aligned, as they are
    align = claims_module.align_documents
    monkeypatch.setattr(claims_module, "align_documents",
                        lambda *args: aligned.append(args[2:4]) or align(*args))  # fmt: skip
    info = find_pipeline(DEFAULT_MODEL)
    with Store.open(analysed_db) as store:
        store.add_documents(quoting)
        start = a.text.index(tagged)
        store.add_annotation(Annotation.create(a, start, start + 60, "claim"))
        (claim,) = claims(store, info, doc_ids=[a.id])
    assert quoting[0].id in {p.doc_id for p in claim.passages}
    pairs = {frozenset(pair) for pair in aligned}
    assert {a.id, quoting[0].id} in pairs and {a.id, quoting[1].id} not in pairs
