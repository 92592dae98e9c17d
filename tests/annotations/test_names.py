"""The index of names: spelling variants merged across the corpus, a surname alone joined
to the full name only within its article, each merge explained and undoable."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgloss.annotations import Store, api
from newsgloss.annotations.analysis_cache import save_analyses
from newsgloss.corpus import Document
from newsgloss.corpus.analysis import Analysis, Entity, PipelineInfo
from newsgloss.corpus.name_variants import alike, name_key, skeleton

INFO = PipelineInfo("test", "1", Path("."))


def article(store: Store, text: str, *names: str, label: str = "PERSON") -> Document:
    """A stored article whose analysis names each of ``names`` each time it appears but
    within a name given before it."""
    document = Document.from_text(text, title=text[:20])
    store.add_documents([document])
    found = []
    for name in names:
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if all(e.end <= start or e.start >= end for e in found):
                found.append(Entity(start, end, label, name))
            start = text.find(name, start + 1)
    entities = tuple(sorted(set(found), key=lambda e: e.start))
    save_analyses(store, INFO, [(document.id, Analysis(entities, ((0, len(text)),)))])
    return document


def by_name(store: Store) -> dict[str, api.Name]:
    return {name.name: name for name in api.names_index(store, INFO)}


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Yuri Ushakov", "Yury Ushakov", True),
        ("Volodymyr Zelensky", "Volodymyr Zelenskyy", True),
        ("Zelensky", "Zelenskyy", True),
        ("Aleksey Navalny", "Alexey Navalny", True),
        ("David Arakhamia", "Davyd Arakhamia", True),
        ("Mark Johnson", "Mary Johnson", False),
        ("Boris Johnson", "Mike Johnson", False),
        ("John Smith", "Jon Smyth", False),
        ("Putin", "Patin", False),
        ("AFP", "AP", False),
    ],
)
def test_spellings_alike(a: str, b: str, same: bool) -> None:
    a, b = name_key(a), name_key(b)
    assert (skeleton(a) == skeleton(b) and alike(a, b) > 0) is same


def test_keys_fold_case_accents_the_and_possessives() -> None:
    assert name_key("the  Istanbul Communiqué") == name_key("Istanbul Communique")
    assert name_key("Putin’s") == name_key("PUTIN")


def test_variants_merge_across_articles_and_surnames_join_within_one(store: Store) -> None:
    article(store, "Yuri Ushakov spoke. Later Ushakov left.", "Yuri Ushakov", "Ushakov")
    article(store, "Kremlin aide Yury Ushakov said so.", "Yury Ushakov")
    article(store, "Zelensky spoke with Zelenskyy's aide.", "Zelenskyy", "Zelensky")
    names = by_name(store)
    ushakov = names["Yuri Ushakov"] if "Yuri Ushakov" in names else names["Yury Ushakov"]
    assert ushakov.spellings == {"Yuri Ushakov": 1, "Yury Ushakov": 1, "Ushakov": 1}
    assert ushakov.articles == 2
    whys = [merge.why for merge in ushakov.merges]
    assert any("spelled alike" in why for why in whys)
    assert "Ushakov alone, in an article that names Yuri Ushakov in full" in whys
    zelensky = next(n for n in names.values() if "Zelensky" in n.spellings)
    assert set(zelensky.spellings) == {"Zelensky", "Zelenskyy"}
    assert zelensky.articles == 1  # both spellings in one article: counted once


def test_two_people_sharing_a_surname_in_different_articles_stay_apart(store: Store) -> None:
    article(store, "Boris Johnson resigned. Johnson said little.", "Boris Johnson", "Johnson")
    article(store, "Mike Johnson, the speaker, agreed. Johnson smiled.", "Mike Johnson", "Johnson")
    article(store, "Johnson was not named in full here.", "Johnson")
    article(store, "Donald Trump and Melania Trump arrived. Trump waved.",
            "Donald Trump", "Melania Trump", "Trump")  # fmt: skip
    names = by_name(store)
    assert names["Boris Johnson"].spellings == {"Boris Johnson": 1, "Johnson": 1}
    assert names["Mike Johnson"].spellings == {"Mike Johnson": 1, "Johnson": 1}
    boris, mike = (
        api.name_mentions(store, INFO, names[n], 10) for n in ("Boris Johnson", "Mike Johnson")
    )
    assert boris[1] == mike[1] == 1
    assert {m.doc_id for m in boris[0]}.isdisjoint({m.doc_id for m in mike[0]})
    assert [m.text for m in boris[0]] == ["Boris Johnson", "Johnson"]
    assert names["Johnson"].articles == 1  # the article with no full name: on its own
    assert names["Trump"].spellings == {"Trump": 1}  # two Trumps there: which one is unknown
    assert names["Donald Trump"].spellings == {"Donald Trump": 1}


def listed(store: Store, info: PipelineInfo = INFO) -> list[tuple]:
    return [(n.name, n.label, n.mentions, n.articles, dict(n.spellings),
             sorted(m.why for m in n.merges)) for n in api.names_index(store, info)]  # fmt: skip


def recounted(store: Store, tmp_path: Path) -> list[tuple]:
    """The index of a new store holding each article's entities as corrected, with no
    rules: what the stored counts, with the rules laid over, must equal."""
    from newsgloss.annotations.analysis_cache import corrected_entities
    from newsgloss.annotations.names import kept_apart

    fresh = Store.open(tmp_path / f"recount-{len(list(tmp_path.iterdir()))}.db")
    with fresh:
        fresh.add_documents([store.document(d) for d in store.document_ids()])
        corrected = list(corrected_entities(store, INFO, store.document_ids()))
        save_analyses(fresh, INFO, [(d, Analysis(e, ())) for d, e in corrected])
        for label, a, b in kept_apart(store):
            api.keep_apart(fresh, api.Merge(label, a, b, ""), "ann")
        return listed(fresh)


def test_the_stored_counts_equal_a_recount_after_every_change(
    store: Store, tmp_path, monkeypatch
) -> None:
    from newsgloss.annotations import name_counts

    monkeypatch.setattr(name_counts, "CHUNK", 2)  # counted again over several transactions
    article(store, "Boris Johnson resigned. Johnson said little.", "Boris Johnson", "Johnson")
    kyiv = article(store, "Yury Ushakov met Zelensky in Kyiv. Ushakov left Kyiv.",
                   "Yury", "Ushakov", "Zelensky", "Kyiv")  # fmt: skip
    article(store, "Yuri Ushakov and Zelenskyy spoke. Kyiv Oblast held.", "Yuri Ushakov",
            "Zelenskyy", "Kyiv Oblast")  # fmt: skip
    assert listed(store) == recounted(store, tmp_path)
    api.correct(store, api.Rule("Yury Ushakov", "PERSON"))  # adds where the model split it
    api.correct(store, api.Rule("Kyiv", "GPE"))  # relabels, and adds beside "Kyiv Oblast"
    api.correct(store, api.Rule("Johnson", None, kyiv.id, 0, 0))  # a span rule elsewhere
    assert listed(store) == recounted(store, tmp_path)
    assert "Yury Ushakov" in {name for name, *_ in listed(store)} | {
        s for *_, spellings, _ in listed(store) for s in spellings
    }
    assert api.forget_correction(store, api.Rule("Kyiv", None))  # the model's again
    assert listed(store) == recounted(store, tmp_path)
    api.import_rules(store, [api.Rule("Kyiv", "LOC"), api.Rule("Ushakov", None)])
    assert listed(store) == recounted(store, tmp_path)
    dropped = article(store, "Zelensky again. Kyiv too.", "Zelensky")  # the rules laid over
    assert listed(store) == recounted(store, tmp_path)
    save_analyses(store, INFO, [(dropped.id, Analysis((Entity(0, 8, "ORG", "Zelensky"),), ()))])
    assert listed(store) == recounted(store, tmp_path)  # analysed again: its old rows gone
    api.remove_documents(store, [dropped.id], None)
    assert listed(store) == recounted(store, tmp_path)
    totals = store.db.execute("SELECT sum(articles), sum(mentions) FROM name_totals").fetchone()
    rows = store.db.execute("SELECT count(*), sum(mentions) FROM name_rows").fetchone()
    assert totals == rows


def test_an_older_store_gets_its_counts_with_its_corrections(tmp_path: Path) -> None:
    import json

    from conftest import older_store
    from sqlite_utils import Database

    text = "Yury Ushakov met Zelensky in Kyiv. Ushakov left."
    document = Document.from_text(text, title="Ushakov")
    path = older_store(tmp_path / "old.db", 16, [document])
    entities = [[0, 4, "ORG", "Yury"], [5, 12, "PERSON", "Ushakov"],
                [17, 25, "PERSON", "Zelensky"], [35, 42, "PERSON", "Ushakov"]]  # fmt: skip
    with Database(path) as db:
        db["analyses"].insert({"doc_id": document.id, "pipeline": INFO.name,
                               "version": INFO.cache_version,
                               "entities": json.dumps(entities), "sentences": "[]",
                               "analysed_at": "2026-01-01T00:00:00Z"})  # fmt: skip
        db["entity_rules"].insert({"text": "Yury Ushakov", "label": "PERSON", "annotator": "a",
                                   "created_at": "2026-01-01T00:00:00Z"})  # fmt: skip
    with Store.open(path) as store:
        assert store.db.execute("SELECT count(*) FROM name_stale").fetchone() == (1,)
        assert listed(store) == recounted(store, tmp_path)
        assert "Yury Ushakov" in {name for name, *_ in listed(store)}
        assert store.db.execute("SELECT count(*) FROM name_stale").fetchone() == (0,)


def test_a_merge_undone_stays_undone_and_can_be_redone(store: Store) -> None:
    article(store, "Zelensky spoke.", "Zelensky")
    article(store, "Zelenskyy spoke.", "Zelenskyy")
    (merged,) = api.names_index(store, INFO)
    (merge,) = merged.merges
    api.keep_apart(store, merge, "ann")
    assert sorted(n.name for n in api.names_index(store, INFO)) == ["Zelensky", "Zelenskyy"]
    api.merge_again(store, merge)
    assert len(api.names_index(store, INFO)) == 1


def test_labels_are_kept_apart_and_quantities_listed_only_when_asked(store: Store) -> None:
    article(store, "Georgia voted. 2024 came.", "Georgia", label="GPE")
    article(store, "Georgia sang.", "Georgia", label="PERSON")
    article(store, "In 2024 it rained.", "2024", label="DATE")
    assert sorted((n.name, n.label) for n in api.names_index(store, INFO)) == [
        ("Georgia", "GPE"), ("Georgia", "PERSON")]  # fmt: skip
    (date,) = api.names_index(store, INFO, ["DATE"])
    assert (date.name, date.articles) == ("2024", 1)


def test_the_sample_corpus_merges_what_it_should(analysed_db, sample_documents) -> None:
    from newsgloss.corpus.analysis import DEFAULT_MODEL, find_pipeline

    info = find_pipeline(DEFAULT_MODEL)
    with Store.open(analysed_db) as store:
        names = {n.name: n for n in api.names_index(store, info, ["PERSON"])}
        assert set(names["David Arakhamia"].spellings) == {"David Arakhamia", "Davyd Arakhamia"}
        putin = names["Vladimir Putin"]
        assert putin.spellings["Putin"] > 10 and putin.articles == 5
        # The model's "Yury" (ORG) "Ushakov" (PERSON): made one PERSON, he merges.
        api.correct(store, api.Rule("Yury Ushakov", "PERSON"))
        names = {n.name: n for n in api.names_index(store, info, ["PERSON"])}
        ushakov = next(n for n in names.values() if "Yury Ushakov" in n.spellings)
        assert set(ushakov.spellings) == {"Yuri Ushakov", "Yury Ushakov"}
        assert "Yury" not in {n.name for n in api.names_index(store, info)}
        found, articles = api.name_mentions(store, info, ushakov, 2)
        assert len({m.doc_id for m in found}) == 2 < articles
        mentions = api.mention_sentences(store, info, found)
        for mention, begins, sentence in mentions:
            at = mention.start - begins
            assert sentence[at : at + len(mention.text)] == mention.text


def test_names_through_the_command_line(analysed_db) -> None:
    import json

    from conftest import runner_for

    run = runner_for(analysed_db)
    lines = run("names", "--label", "person").stdout.splitlines()
    row = next(line.split("\t") for line in lines if line.startswith("David Arakhamia\t"))
    assert row[1:5] == ["PERSON", "3", "3", "Davyd Arakhamia"]
    assert "spelled alike" in row[5]
    apart = run("names", "--apart", "Davyd Arakhamia", "David Arakhamia")
    assert apart.exit_code == 0, apart.output
    names = [json.loads(line) for line in run("names", "--json").stdout.splitlines()]
    assert {"David Arakhamia", "Davyd Arakhamia"} <= {n["name"] for n in names}
    assert run("names", "--merge-again", "Davyd Arakhamia", "David Arakhamia").exit_code == 0
    names = [json.loads(line) for line in run("names", "--json").stdout.splitlines()]
    assert "Davyd Arakhamia" not in {n["name"] for n in names}
    wrong = run("names", "--apart", "Nobody", "Noone")
    assert wrong.exit_code == 1 and "not two spellings of one label" in wrong.output
