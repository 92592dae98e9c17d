import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgloss.annotations import Annotation, Store
from newsgloss.annotations.jsonl import ImportFormatError, import_file
from newsgloss.annotations.jsonl_export import export_lines, write_file_atomically
from newsgloss.corpus import Document
from newsgloss.corpus.canonical import canonical_text

ANNOTATION_KEYS = [
    "id", "doc_id", "doc_title", "doc_source", "start", "end", "label", "quote",
    "prefix", "suffix", "note", "annotator", "created_at", "updated_at", "status",
]  # fmt: skip


def export(store: Store, fmt: str = "annotations", **filters) -> str:
    return "".join(export_lines(store, fmt, **filters))


@pytest.fixture
def tagged(store: Store, sample_documents) -> Store:
    store.add_documents(sample_documents)
    for document in sample_documents[:2]:
        text = document.text
        putin = text.index("Putin")
        store.add_annotation(Annotation.create(document, putin, putin + 5, "attribution"))
        store.add_annotation(Annotation.create(document, 0, 40, "claim", note="ünïcode “note”"))
        store.add_annotation(Annotation.create(document, 10, 30, "disputed"))
    return store


def test_annotations_export_keys_order_and_encoding(tagged: Store) -> None:
    lines = export(tagged).splitlines(keepends=True)
    assert len(lines) == 6
    records = [json.loads(line) for line in lines]
    assert all(list(record) == ANNOTATION_KEYS for record in records)
    assert all(line.endswith("\n") for line in lines)
    assert "ünïcode “note”" in "".join(lines)  # not ASCII-escaped
    keys = [(r["doc_id"], r["start"], r["end"], r["label"]) for r in records]
    assert keys == sorted(keys)
    assert records[0]["doc_title"]
    assert lines[0].startswith('{"id": "')


def test_export_filters_by_label_and_document(tagged: Store, sample_documents) -> None:
    claims = [json.loads(line) for line in export(tagged, labels=["claim"]).splitlines()]
    assert {r["label"] for r in claims} == {"claim"} and len(claims) == 2
    one = export(tagged, doc_ids=[sample_documents[1].id]).splitlines()
    assert len(one) == 3


def test_documents_export_is_self_contained(tagged: Store, sample_documents) -> None:
    records = [json.loads(line) for line in export(tagged, "documents").splitlines()]
    assert len(records) == 5
    assert list(records[0]) == [
        "doc_id", "title", "source", "outlet", "authors", "published", "url", "language",
        "replaces", "text", "spans", "links", "entities",
    ]  # fmt: skip
    for record in records:
        for span in record["spans"]:
            assert list(span) == [
                "id", "start", "end", "label", "note", "annotator", "created_at", "updated_at",
                "status",
            ]  # fmt: skip


@pytest.mark.parametrize("fmt", ["annotations", "documents"])
def test_export_import_export_is_byte_identical_and_idempotent(
    tagged: Store, tmp_path: Path, fmt: str, sample_documents
) -> None:
    first = export(tagged, fmt)
    path = tmp_path / "export.jsonl"
    path.write_text(first, encoding="utf-8")
    with Store.open(tmp_path / "fresh.db") as fresh:
        if fmt == "annotations":
            fresh.add_documents(sample_documents)
        summary = import_file(fresh, path)
        assert summary.counts.added == 6
        assert export(fresh, fmt) == first
        again = import_file(fresh, path)
        assert (again.documents_added, again.counts.added, again.counts.unchanged) == (0, 0, 6)
        assert export(fresh, fmt) == first


def test_import_takes_a_newer_version_of_a_known_annotation(tagged: Store, tmp_path: Path) -> None:
    record = json.loads(export(tagged).splitlines()[0])
    record.update(note="revised", updated_at="2999-01-01T00:00:00.000Z")
    path = tmp_path / "newer.jsonl"
    path.write_text(json.dumps(record) + "\n")
    assert import_file(tagged, path).counts.updated == 1
    assert tagged.annotation(record["id"]).note == "revised"


def bad_line_cases(document: Document) -> dict[str, tuple[str, str]]:
    good = {
        "id": "4b0d6b43-2c9e-4c4f-9f0a-0a1e6b9d6c11", "doc_id": document.id,
        "start": 0, "end": 6, "label": "claim", "quote": document.text[0:6],
    }  # fmt: skip

    def line(**changes):
        return json.dumps({**good, **changes})

    without_quote = {k: v for k, v in good.items() if k != "quote"}
    return {
        "not json": ("{oops", "not valid JSON"),
        "missing key": (json.dumps(without_quote), 'missing key "quote"'),
        "offsets": (line(start=5, end=10**6), "offsets 5-1000000 are outside the text"),
        "quote": (line(quote="Kyiv!!"), '"quote" does not match the text at 0-6'),
        "unknown document": (line(doc_id="sha256:" + "0" * 64), "unknown document sha256:000"),
        "wrong type": (line(start="0"), '"start" must be an integer'),
        "annotator not text": (line(annotator=0), '"annotator" must be a string'),
    }


@pytest.mark.parametrize(
    "case",
    [
        "not json",
        "missing key",
        "offsets",
        "quote",
        "unknown document",
        "wrong type",
        "annotator not text",
    ],  # fmt: skip
)
def test_bad_import_line_is_named_and_nothing_is_written(
    store: Store, sample_documents, tmp_path: Path, case: str
) -> None:
    document = sample_documents[0]
    store.add_documents([document])
    good = Annotation.create(document, 0, 6, "disputed", id="11111111-2c9e-4c4f-9f0a-0a1e6b9d6c11")
    first_line = json.dumps({**good.to_row()})
    bad, problem = bad_line_cases(document)[case]
    path = tmp_path / "bad.jsonl"
    path.write_text(f"{first_line}\n\n{bad}\n")
    with pytest.raises(ImportFormatError) as error:
        import_file(store, path)
    assert str(error.value).startswith(f"{path}:3: ")
    assert problem in str(error.value)
    assert store.annotations() == []  # the good first line was not written either


@pytest.mark.parametrize("batch", [2000, 2], ids=["one batch", "batches of 2"])
@pytest.mark.parametrize(
    "case, first, again",
    [
        ("new twice", 2, 5),  # inserted by this import, then met again
        ("stored twice", 1, 4),  # stored before the import (taken as newer), then again
        ("taken then free", 3, 5),  # first left alone (its span was taken), then inserted
    ],
)
def test_an_id_met_twice_names_both_lines_and_nothing_is_written(
    store: Store, sample_documents, tmp_path: Path, monkeypatch, batch, case, first, again
) -> None:
    from newsgloss.annotations import jsonl

    monkeypatch.setattr(jsonl, "BATCH", batch)
    document = sample_documents[0]
    store.add_documents([document])
    stored = store.add_annotation(Annotation.create(document, 0, 6, "claim"))
    before = store.annotations()

    def line(start: int, **changes) -> str:
        tag = Annotation.create(document, start, start + 4, "claim", id=f"id-{start}")
        return json.dumps({**tag.to_row(), **changes})

    newer = {"id": stored.id, "end": 6, "quote": document.text[:6],
             "updated_at": "2999-01-01T00:00:00.000Z"}  # fmt: skip
    lines = [line(n) for n in range(10, 60, 10)]  # ids id-10 … id-50, lines 1 to 5
    if case == "new twice":
        lines[4] = line(70, id="id-20")
    elif case == "stored twice":
        lines[0], lines[3] = line(0, **newer), line(40, id=stored.id)
    else:  # line 3 holds the stored tag's span and label under a new id
        lines[2] = line(0, id="id-x", end=6, quote=document.text[:6])
        lines[4] = line(70, id="id-x")
    path = tmp_path / "twice.jsonl"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(ImportFormatError) as error:
        import_file(store, path)
    assert str(error.value).startswith(f"{path}:{again}: id ")
    assert str(error.value).endswith(f" is also on line {first}")
    assert store.annotations() == before


def test_documents_shape_checks_its_id(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"doc_id": "sha256:abc", "text": "Hello", "spans": []}) + "\n")
    with pytest.raises(ImportFormatError, match=r"docs\.jsonl:1: \"doc_id\" sha256:abc is not"):
        import_file(store, path)


def test_write_file_atomically_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("previous\n")

    def failing_lines():
        yield b"one\n", 1
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        write_file_atomically(target, failing_lines())
    assert target.read_text() == "previous\n"
    assert list(tmp_path.iterdir()) == [target]
    assert write_file_atomically(target, [(b"a\n", 1), (b"b\n", 1)]) == 2
    assert target.read_text() == "a\nb\n"


# ---- the round trip as a property ----
ALPHABET = st.sampled_from(
    list("abc xyz.,;\"'\\\n")
    + ["🦆", "👩‍👩‍👧", "漢", "字", "ñ", "e\u0301", "\u0300", "“", "€", "\t", "\r"]
)
texts = st.lists(ALPHABET, min_size=1, max_size=80).map("".join).map(canonical_text)
# any text; the store cleans notes and titles like canonical text
notes = st.text(max_size=20)


@st.composite
def corpora(draw):
    docs = {}
    for text in draw(st.lists(texts.filter(str.strip), min_size=1, max_size=3)):
        document = Document.from_text(
            text, title=draw(notes) or None, source=draw(st.none() | notes)
        )
        docs[document.id] = document
    spans = []
    for document in docs.values():
        length = len(document.text)
        for _ in range(draw(st.integers(0, 6))):
            start = draw(st.integers(0, length - 1))
            end = draw(st.integers(start + 1, length))
            label = draw(st.sampled_from(["claim", "attribution", "disputed"]))
            spans.append((document, start, end, label, draw(notes)))
    return list(docs.values()), spans


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(corpus=corpora(), fmt=st.sampled_from(["annotations", "documents"]))
def test_round_trip_property(tmp_path_factory, corpus, fmt) -> None:
    documents, spans = corpus
    folder = tmp_path_factory.mktemp("roundtrip")
    with Store.open(folder / "a.db") as source:
        source.add_documents(documents)
        seen = set()
        for document, start, end, label, note in spans:
            if (document.id, start, end, label) not in seen:
                seen.add((document.id, start, end, label))
                source.add_annotation(Annotation.create(document, start, end, label, note=note))
        first = export(source, fmt)
    path = folder / "export.jsonl"
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(first)
    with Store.open(folder / "b.db") as target:
        if fmt == "annotations":
            target.add_documents(documents)
        import_file(target, path)
        buffer = io.StringIO()
        buffer.writelines(export_lines(target, fmt))
        assert buffer.getvalue() == first
        for record in map(json.loads, first.split("\n")[:-1]):
            if fmt == "annotations":
                text = target.document(record["doc_id"]).text
                assert text[record["start"] : record["end"]] == record["quote"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    note=st.text(st.characters(codec="utf-8"), max_size=40),
    title=st.text(st.characters(codec="utf-8"), max_size=20),
)
def test_sqlite_writes_each_export_line_as_json_dumps_would(tmp_path: Path, note, title) -> None:
    """The annotations export is made by SQLite (printf and json_quote) for speed: its bytes
    must be those of json.dumps(..., ensure_ascii=False) with Python's separators."""
    document = Document.from_text("Some text to tag here.\n", title=title or "t")
    with Store.open(tmp_path / f"{abs(hash((note, title)))}.db") as store:
        store.add_documents([document])
        tag = Annotation.create(document, 0, 9, "claim", note=note, annotator=note[:5])
        store.add_annotation(tag)
        row = tag.to_row()
        expected = json.dumps(
            {
                "id": row.pop("id"),
                "doc_id": row.pop("doc_id"),
                "doc_title": document.title,
                "doc_source": document.source,
                **row,
                "status": None,
            },
            ensure_ascii=False,
        )
        assert "".join(export_lines(store)) == expected + "\n"


_TEXT = "The minister said the talks would resume on Monday.\n"
_DOC = Document.from_text(_TEXT)


@settings(max_examples=300, deadline=None)
@given(
    start=st.one_of(st.integers(-2, 60), st.just("3"), st.booleans()),
    length=st.integers(0, 12),
    label=st.one_of(st.sampled_from(["claim", " claim", "cl  aim", "a\x1bb", "", "x" * 70])),
    note=st.one_of(st.text(max_size=5), st.none(), st.just("n" * 10_001)),
    created=st.one_of(
        st.none(),
        st.sampled_from(
            ["2026-12-04T09:00:00.000Z", "2026-13-04T09:00:00Z", "", "zz", "2026"]
            + ["2026-02-29T09:00:00Z", "2024-02-29T09:00:00Z", "2026-04-31T00:00:00Z"]
            + ["0000-01-01T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-31T23:59:59.5Z"]
        ),
    ),
    quoted=st.booleans(),
)
def test_a_line_as_export_writes_it_passes_the_quick_check_as_the_full_one(
    start, length, label, note, created, quoted
) -> None:
    """The import's one-pass check of a line shaped as export writes it accepts exactly
    what the full check accepts, and makes the same annotation."""
    from newsgloss.annotations.jsonl import ImportFormatError, _Record

    end = start + length if type(start) is int else 5
    quote = _TEXT[start:end] if quoted and type(start) is int and start >= 0 else "nope"
    line = {"id": "6f1c2a8e-0000-4000-8000-000000000001", "doc_id": _DOC.id}
    line.update(start=start, end=end, label=label, quote=quote, note=note, created_at=created)
    record = _Record(json.dumps(line), "f.jsonl", 1)
    quick = record._as_exported(_DOC)
    try:
        full = record._annotation(_DOC)
    except ImportFormatError:
        assert quick is None
        return
    if quick is not None:
        made_now = slice(None if created else -2)  # without a time, both are made now
        assert quick[made_now] == full[made_now]


def test_the_quick_check_takes_a_line_as_export_writes_it() -> None:
    from newsgloss.annotations.jsonl import _Record

    line = {"id": "x", "doc_id": _DOC.id, "start": 4, "end": 12, "label": "claim",
            "quote": _TEXT[4:12], "note": "", "created_at": "2026-12-04T09:00:00.000Z"}  # fmt: skip
    assert _Record(json.dumps(line), "f.jsonl", 1)._as_exported(_DOC) is not None
