"""The formats other tools read: W3C Web Annotation (expanded by pyld against the
context shipped here, no network), doccano, CSV (read back by the csv module, formulas
neutralised) and markdown; each import all or nothing, and export -> import -> export
the same bytes where the format carries everything."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import runner_for

from newsgloss.annotations import Annotation, Store
from newsgloss.corpus import Document

CONTEXT = Path(__file__).parent.parent / "data" / "jsonld" / "anno.jsonld"
HARD = Document.from_text(
    "Der Präsident sagte 👩🏽‍⚕️ nichts.\n東京で会談が行われた。\nCafe\u0301 au lait, « dit-il ».\n",
    title="Hard text",
)
NOTE = 'line one\nline two\twith a tab and "quotes"'


def desk(path: Path, sample_documents) -> list[Annotation]:
    """The samples and a text of emoji, CJK and combining marks, with overlapping tags,
    notes of newlines, tabs and quotes, two annotators, and a formula-like note."""
    documents = [*sample_documents[:2], HARD]
    a, _, hard = documents
    tags = [
        Annotation.create(a, 0, 40, "claim", note=NOTE, annotator="ana"),
        Annotation.create(a, 20, 60, "attribution", annotator="bo"),  # overlaps the claim
        Annotation.create(a, 20, 60, "disputed", note="=SUM(A1:A9)", annotator="ana"),
        Annotation.create(hard, 20, 27, "claim", note="the emoji", annotator="bo"),
        Annotation.create(hard, 34, 41, "attribution", annotator="ana"),  # CJK
        Annotation.create(hard, 46, 51, "disputed", note="-2 + 3", annotator="ana"),  # e + ◌́
    ]
    with Store.open(path) as store:
        store.add_documents(documents)
        for tag in tags:
            store.add_annotation(tag)
        return store.annotations()  # as stored: a note's tab is spaces


def expanded(record: dict) -> list:
    from pyld import jsonld

    context = json.loads(CONTEXT.read_text())

    def loader(url, options=None):
        assert url == "http://www.w3.org/ns/anno.jsonld", url  # nothing else, and no network
        return {"contentType": "application/ld+json", "contextUrl": None,
                "documentUrl": url, "document": context}  # fmt: skip

    return jsonld.expand(record, {"documentLoader": loader})


OA = "http://www.w3.org/ns/oa#"


def test_w3c_expands_as_web_annotations_and_comes_back_byte_for_byte(
    tmp_path, sample_documents
) -> None:
    tags = desk(tmp_path / "a.db", sample_documents)
    exported = runner_for(tmp_path / "a.db")("export", "--format", "w3c").stdout
    lines = exported.splitlines()
    assert len(lines) == len(tags)
    by_span = {(t.quote, t.label): t for t in tags}
    for line in lines:
        (annotation,) = expanded(json.loads(line))
        assert annotation["@type"] == [OA + "Annotation"]
        purposes = {b[OA + "hasPurpose"][0]["@id"]: b["http://www.w3.org/1999/02/22-rdf-syntax-ns#value"][0]["@value"]
                    for b in annotation[OA + "hasBody"]}  # fmt: skip
        (target,) = annotation[OA + "hasTarget"]
        selectors = {s["@type"][0]: s for s in target[OA + "hasSelector"]}
        quote = selectors[OA + "TextQuoteSelector"][OA + "exact"][0]["@value"]
        tag = by_span[quote, purposes[OA + "tagging"]]
        assert purposes.get(OA + "commenting", "") == tag.note
        position = selectors[OA + "TextPositionSelector"]
        assert (position[OA + "start"][0]["@value"], position[OA + "end"][0]["@value"]) == (
            tag.start, tag.end)  # fmt: skip
    # A colleague's store with the same articles: the import keeps every field.
    other = tmp_path / "b.db"
    with Store.open(other) as store:
        store.add_documents([*sample_documents[:2], HARD])
    path = tmp_path / "tags.jsonl"
    path.write_text(exported)
    result = runner_for(other)("import", "--format", "w3c", str(path))
    assert result.exit_code == 0, result.output
    assert runner_for(other)("export", "--format", "w3c").stdout == exported
    assert runner_for(other)("export").stdout == runner_for(tmp_path / "a.db")("export").stdout


def test_w3c_as_one_json_ld_document_imports_too(tmp_path, sample_documents) -> None:
    desk(tmp_path / "a.db", sample_documents)
    lines = runner_for(tmp_path / "a.db")("export", "--format", "w3c").stdout.splitlines()
    page = {"type": "AnnotationPage", "items": [json.loads(x) for x in lines]}
    collection = {"@context": "http://www.w3.org/ns/anno.jsonld",
                  "type": "AnnotationCollection", "first": page}  # fmt: skip
    other = tmp_path / "b.db"
    with Store.open(other) as store:
        store.add_documents([*sample_documents[:2], HARD])
    path = tmp_path / "collection.jsonld"
    path.write_text(json.dumps(collection))
    assert runner_for(other)("import", "--format", "w3c", str(path)).exit_code == 0
    with Store.open(other) as store:
        assert len(store.annotations()) == len(lines)


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (
            lambda r: r["target"]["selector"][0].update(exact="not the text"),
            "no stored article is",
        ),  # fmt: skip
        (lambda r: r["target"].update(source="https://elsewhere.example/x"), "no stored article"),
        (lambda r: r.update(body=[]), "one tagging body"),
        (lambda r: r["target"].update(selector=[]), "a TextQuoteSelector and a"),
    ],
)
def test_a_bad_w3c_annotation_is_named_and_nothing_is_imported(
    tmp_path, sample_documents, change, said
) -> None:
    desk(tmp_path / "a.db", sample_documents)
    lines = runner_for(tmp_path / "a.db")("export", "--format", "w3c").stdout.splitlines()
    records = [json.loads(x) for x in lines]
    change(records[2])
    other = tmp_path / "b.db"
    with Store.open(other) as store:
        store.add_documents([*sample_documents[:2], HARD])
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    result = runner_for(other)("import", "--format", "w3c", str(path))
    assert result.exit_code == 1 and f"{path}:3: " in result.output and said in result.output
    assert "Traceback" not in result.output
    with Store.open(other) as store:
        assert store.annotations() == []


def test_doccano_round_trip_makes_the_documents_and_keeps_spans_and_labels(
    tmp_path, sample_documents
) -> None:
    tags = desk(tmp_path / "a.db", sample_documents)
    exported = runner_for(tmp_path / "a.db")("export", "--format", "doccano").stdout
    first = json.loads(exported.splitlines()[0])
    assert set(first) >= {"text", "label"}
    path = tmp_path / "doccano.jsonl"
    path.write_text(exported)
    other = tmp_path / "b.db"
    result = runner_for(other)("import", "--format", "doccano", str(path))
    assert result.exit_code == 0, result.output
    with Store.open(other) as store:
        assert sorted((t.doc_id, t.start, t.end, t.label) for t in store.annotations()) == sorted(
            (t.doc_id, t.start, t.end, t.label) for t in tags)  # fmt: skip
    assert runner_for(other)("export", "--format", "doccano").stdout == exported


def test_csv_reads_back_with_formulas_neutralised(tmp_path, sample_documents) -> None:
    tags = desk(tmp_path / "a.db", sample_documents)
    exported = runner_for(tmp_path / "a.db")("export", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(exported, newline="")))
    assert len(rows) == len(tags)
    notes = {row["note"] for row in rows}
    assert tags[0].note in notes and "\n" in tags[0].note  # kept whole inside the cell
    assert "'=SUM(A1:A9)" in notes and "'-2 + 3" in notes
    assert "=SUM(A1:A9)" not in notes
    hard = [row["quote"] for row in rows if row["doc_id"] == HARD.id]
    assert hard == [t.quote for t in tags if t.doc_id == HARD.id]


def test_markdown_report_groups_by_article_and_escapes_markup(tmp_path, sample_documents):
    desk(tmp_path / "a.db", sample_documents)
    report = runner_for(tmp_path / "a.db")("export", "--format", "markdown").stdout
    assert report.startswith("# Tags\n")
    assert report.count("\n## ") == 2  # the two articles with tags
    assert 'line one line two with a tab and "quotes"' in report  # on one line
    assert "\\=SUM" not in report and "\\-2 \\+ 3" in report


def test_spacy_docbin_loads_back_with_spacy(tmp_path, sample_documents, analyzer) -> None:
    import spacy
    from spacy.tokens import DocBin

    from newsgloss.annotations.analysis_cache import analyze_documents

    tags = desk(tmp_path / "a.db", sample_documents)
    with Store.open(tmp_path / "a.db") as store:
        analyze_documents(store, analyzer, store.document_ids())
    run = runner_for(tmp_path / "a.db")
    refused = run("export", "--format", "spacy")
    assert refused.exit_code == 1 and "binary: give --output FILE.spacy" in refused.output
    path = tmp_path / "tags.spacy"
    assert run("export", "--format", "spacy", "--output", str(path)).exit_code == 0
    docs = list(DocBin().from_disk(path).get_docs(spacy.blank("en").vocab))
    assert len(docs) == 2
    by_id = {doc.user_data["newsgloss"]["doc_id"]: doc for doc in docs}
    hard = by_id[HARD.id]
    spans = [(s.start_char, s.end_char, s.label_) for s in hard.spans["newsgloss"]]
    wanted = [(t.start, t.end, t.label) for t in tags if t.doc_id == HARD.id]
    assert len(spans) == len(wanted)
    for (start, end, label), (s, e, wanted_label) in zip(spans, wanted, strict=True):
        assert label == wanted_label and start <= s and e <= end  # widened to tokens at most
    assert hard.user_data["newsgloss"]["expanded"] >= 1  # the emoji's tag is not on tokens
    notes = {t["note"] for t in hard.user_data["newsgloss"]["tags"]}
    assert "the emoji" in notes
    sample = by_id[sample_documents[0].id]
    assert any(e.label_ == "PERSON" for e in sample.ents)  # the cached entities


def test_a_w3c_problem_the_jsonl_import_finds_names_the_files_own_line(
    tmp_path, sample_documents
) -> None:
    desk(tmp_path / "a.db", sample_documents)
    lines = runner_for(tmp_path / "a.db")("export", "--format", "w3c").stdout.splitlines()
    bad = json.loads(lines[1])
    bad["created"] = "yesterday"  # checked by the import of newsgloss's own format
    other = tmp_path / "b.db"
    with Store.open(other) as store:
        store.add_documents([*sample_documents[:2], HARD])
    path = tmp_path / "gaps.jsonl"
    path.write_text(f"{lines[0]}\n\n\n{json.dumps(bad)}\n")  # the bad one on line 4
    result = runner_for(other)("import", "--format", "w3c", str(path))
    assert result.exit_code == 1 and f"{path}:4: " in result.output, result.output
