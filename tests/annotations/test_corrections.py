"""Entity corrections: rules laid over every analysis read, surviving a new analysis and
a new version of the pipeline, exported, imported and written as spaCy patterns."""

from __future__ import annotations

import json

import pytest

from newsgloss.annotations import Store, api
from newsgloss.annotations.analysis_cache import analyze_documents, save_analyses
from newsgloss.annotations.corrections import Overlay, Rule
from newsgloss.corpus import Document, UserError
from newsgloss.corpus.analysis import Analysis, Analyzer, Entity, PipelineInfo

TEXT = "Kyiv said. Mr Kyivan met Sambit Patra in Kyiv, then Kyiv's mayor. Patra left."


def entities(*found: tuple[int, int, str]) -> tuple[Entity, ...]:
    return tuple(Entity(s, e, label, TEXT[s:e]) for s, e, label in found)


def at(text: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(text, start + 1)
    return start, start + len(text)


def test_a_rule_everywhere_relabels_removes_and_adds_only_whole_words() -> None:
    model = entities((*at("Kyiv"), "PERSON"), (*at("Sambit"), "ORG"), (*at("Patra", 1), "ORG"))
    relabel = Overlay([Rule("Kyiv", "GPE")]).apply("d", model, lambda: TEXT)
    # The model's Kyiv relabelled; the two it missed added; "Kyivan" is another word.
    assert [(e.text, e.label, e.start) for e in relabel if e.text == "Kyiv"] == [
        ("Kyiv", "GPE", s) for s in (0, at("Kyiv", 2)[0], at("Kyiv", 3)[0])
    ]
    assert all(e.text != "Kyivan" for e in relabel)
    removed = Overlay([Rule("Sambit", None)]).apply("d", model, lambda: TEXT)
    assert [e.text for e in removed] == ["Kyiv", "Patra"]


def test_a_rule_at_one_span_wins_over_one_everywhere_and_replaces_what_it_overlaps() -> None:
    model = entities((*at("Kyiv"), "PERSON"), (*at("Sambit"), "ORG"))
    start, end = at("Sambit Patra")
    rules = [Rule("Kyiv", "GPE"), Rule("Sambit Patra", "PERSON", "d", start, end),
             Rule("Kyiv", None, "d", 0, 4)]  # fmt: skip
    found = Overlay(rules).apply("d", model, lambda: TEXT)
    spans = [(e.start, e.end, e.label, e.text) for e in found]
    assert (start, end, "PERSON", "Sambit Patra") in spans
    assert all(e.text != "Sambit" for e in found)
    assert 0 not in [e.start for e in found]  # here: not an entity, despite the rule everywhere
    assert Overlay(rules).apply("other", model, lambda: TEXT)[0].label == "GPE"


def test_no_rule_reads_no_text() -> None:
    def text() -> str:
        raise AssertionError("the text is read only for a rule that may add entities")

    model = entities((*at("Kyiv"), "PERSON"))
    assert Overlay([Rule("Kyiv", None)]).apply("d", model, text) == ()
    assert Overlay([]).apply("d", model, text) == model


def test_a_new_rule_replaces_the_old_for_the_same_text(store: Store) -> None:
    assert api.correct(store, Rule("Kyiv", "GPE", annotator="a")) is None
    old = api.correct(store, Rule("Kyiv", "LOC", annotator="b"))
    assert (old.label, old.annotator) == ("GPE", "a")
    assert [(r.text, r.label) for r in api.correction_rules(store)] == [("Kyiv", "LOC")]
    assert api.forget_correction(store, Rule("Kyiv", None))
    assert api.correction_rules(store) == []


def test_corrections_survive_a_new_analysis_and_a_new_pipeline_version(
    store: Store, analyzer, sample_documents
) -> None:
    store.add_documents(sample_documents)
    ids = [d.id for d in sample_documents]
    analyze_documents(store, analyzer, ids)
    model = api.cached_analyses(store, analyzer.info, ids)
    assert any(e.text == "Kyiv" and e.label == "PERSON" for a in model.values() for e in a.entities)
    yury = next(d for d in sample_documents if "Yury Ushakov" in d.text)
    start = yury.text.index("Yury Ushakov")
    api.correct(store, Rule("Kyiv", "GPE"))
    api.correct(store, Rule("Yury Ushakov", "PERSON", yury.id, start, start + 12))

    def corrected(info) -> None:
        found = api.cached_analyses(store, info, ids)
        kyiv = [e.label for a in found.values() for e in a.entities if e.text == "Kyiv"]
        assert kyiv and set(kyiv) == {"GPE"}
        assert Entity(start, start + 12, "PERSON", "Yury Ushakov") in found[yury.id].entities

    corrected(analyzer.info)
    store.db.execute("DELETE FROM analyses")  # analysed again from nothing
    assert analyze_documents(store, analyzer, ids) == 5
    corrected(analyzer.info)
    newer = PipelineInfo(analyzer.info.name, analyzer.info.version + ".post1", analyzer.info.path)
    assert analyze_documents(store, Analyzer(newer), ids) == 5  # a new version of the model
    corrected(newer)


def test_rules_export_import_and_patterns_through_the_command_line(run, db_path, tmp_path):
    document = Document.from_text("Kyiv and Die Welt. Kyiv again.", title="t")
    with Store.open(db_path) as store:
        store.add_documents([document])
    assert run("corrections", "--set", "Kyiv", "gpe").exit_code == 0
    assert run("corrections", "--set", "Die Welt", "-").exit_code == 0
    listed = run("corrections").output.splitlines()
    assert [line.split("\t")[1:4] for line in listed] == [
        ["Kyiv", "GPE", "everywhere"], ["Die Welt", "-", "everywhere"]]  # fmt: skip
    exported = tmp_path / "rules.jsonl"
    exported.write_text(run("corrections", "--json").output)
    other = runner_for_new(tmp_path)
    result = other("corrections", "--import", str(exported))
    assert result.exit_code == 0, result.output
    assert other("corrections", "--json").output == exported.read_text()
    patterns = run("corrections", "--patterns", "-")
    assert json.loads(patterns.stdout) == {"label": "GPE", "pattern": "Kyiv"}
    assert "1 corrections are not patterns" in patterns.stderr
    assert run("corrections", "--forget", "Die Welt").exit_code == 0
    assert [line.split("\t")[1] for line in run("corrections").output.splitlines()] == ["Kyiv"]
    missing = run("corrections", "--forget", "Die Welt")
    assert missing.exit_code == 1 and "no correction everywhere" in missing.output


def runner_for_new(tmp_path):
    from conftest import runner_for

    return runner_for(tmp_path / "other.db")


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("{not json", "line 2: not a correction"),
        ('{"text": "Kyiv", "label": "G P E"}', "line 2: 'G P E': an entity label"),
        (
            '{"text": "Kyiv", "label": "GPE", "doc_id": "nope", "start": 0, "end": 4}',
            "line 2: no stored document 'nope'",
        ),  # fmt: skip
        ('{"text": "", "label": "GPE"}', "line 2: a correction needs the text"),
    ],
)
def test_a_bad_rules_file_is_one_line_naming_the_line_and_imports_nothing(
    run, db_path, tmp_path, line, said
):
    with Store.open(db_path) as store:
        store.add_documents([Document.from_text("Kyiv.", title="t")])
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "Kyiv", "label": "GPE"}\n' + line + "\n")
    result = run("corrections", "--import", str(path))
    assert result.exit_code == 1
    assert said in result.output and "Traceback" not in result.output
    assert run("corrections").output == ""


def test_the_patterns_teach_a_spacy_pipeline(run, db_path, tmp_path, analyzer) -> None:
    import spacy

    with Store.open(db_path) as store:
        store.add_documents([Document.from_text("Kyiv.", title="t")])
    run("corrections", "--set", "Kyiv", "GPE")
    path = tmp_path / "patterns.jsonl"
    assert run("corrections", "--patterns", str(path)).exit_code == 0
    nlp = spacy.load(analyzer.info.path)
    nlp.add_pipe("entity_ruler", before="ner").from_disk(path)
    doc = nlp("Officials in Kyiv said the talks would resume.")
    assert [(e.text, e.label_) for e in doc.ents if e.text == "Kyiv"] == [("Kyiv", "GPE")]


def test_the_documents_export_and_entities_carry_corrected_entities(store, db_path) -> None:
    document = Document.from_text("Kyiv is far. Kyiv again.", title="t")
    store.add_documents([document])
    info = PipelineInfo("test", "1", db_path)
    save_analyses(store, info, [(document.id, Analysis(
        (Entity(0, 4, "PERSON", "Kyiv"),), ((0, 12), (13, 24))))])  # fmt: skip
    api.correct(store, Rule("Kyiv", "GPE"))
    lookup = api.entity_lookup(store, info)
    assert lookup(document.id) == [
        {"start": 0, "end": 4, "label": "GPE"},
        {"start": 13, "end": 17, "label": "GPE"},
    ]


def test_an_unknown_label_is_refused() -> None:
    with pytest.raises(UserError, match="an entity label"):
        api.check_label("two words")


def test_kyiv_fixed_everywhere_stays_fixed_after_newsgloss_analyze_again(analysed_db) -> None:
    from conftest import runner_for

    run = runner_for(analysed_db)

    def kyiv_labels() -> set[str]:
        rows = [line.split("\t") for line in run("entities").stdout.splitlines()]
        return {label for _, _, _, label, text in rows if text == "Kyiv"}

    assert "PERSON" in kyiv_labels()
    assert run("corrections", "--set", "Kyiv", "GPE").exit_code == 0
    assert kyiv_labels() == {"GPE"}
    again = run("analyze", "--again")
    assert again.exit_code == 0 and "Analysed 5 documents" in again.stdout
    assert kyiv_labels() == {"GPE"}


def test_a_name_the_model_cut_in_two_is_made_whole_everywhere_but_not_inside_a_bigger_one():
    text = "Yury Ushakov spoke in Kyiv Oblast. Yury Ushakov left Kyiv."
    yury = [i for i in range(len(text)) if text.startswith("Yury Ushakov", i)]
    model = (
        Entity(yury[0], yury[0] + 4, "ORG", "Yury"),
        Entity(yury[0] + 5, yury[0] + 12, "PERSON", "Ushakov"),
        Entity(22, 33, "GPE", "Kyiv Oblast"),
        Entity(yury[1] + 5, yury[1] + 12, "PERSON", "Ushakov"),
    )
    rules = [Rule("Yury Ushakov", "PERSON"), Rule("Kyiv", "GPE")]
    found = [(e.text, e.label) for e in Overlay(rules).apply("d", model, lambda: text)]
    assert found == [("Yury Ushakov", "PERSON"), ("Kyiv Oblast", "GPE"),
                     ("Yury Ushakov", "PERSON"), ("Kyiv", "GPE")]  # fmt: skip
