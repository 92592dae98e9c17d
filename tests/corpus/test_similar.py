"""Which stored articles share passages (corpus/similar.py, annotations/similar_index.py,
``newsgloss similar``), on the sample corpus in a real store."""

from __future__ import annotations

from conftest import runner_for

from newsgloss.annotations import Store, api, similar_index, similar_keys
from newsgloss.corpus import Document
from newsgloss.corpus.similar import BANDS, band_keys

FOOTER = "Subscribe to our daily newsletter for the latest regional news and analysis."


def test_a_passage_has_its_bands_and_a_changed_one_keeps_some() -> None:
    text = "Kremlin aide Yury Ushakov said the Istanbul talks could resume next week."
    keys = band_keys(text)
    assert len(keys) == BANDS and {passage for passage, _ in keys} == {0}
    close = band_keys(text.replace("next week", "in the coming week"))
    assert {k for _, k in keys} & {k for _, k in close}
    assert band_keys("Read more.\nShare this.") == []  # too short to say anything


def test_the_keys_of_some_passages_are_theirs_among_all(sample_documents) -> None:
    text = sample_documents[3].text
    every = band_keys(text)
    some = {n for n, _ in every[::7]}
    assert band_keys(text, some) == [(n, key) for n, key in every if n in some]
    assert band_keys(text, set()) == []


def test_similar_finds_the_paraphrase_first_and_says_how_many_passages(
    analysed_db, sample_documents
) -> None:
    run = runner_for(analysed_db)
    a, b = sample_documents[3], sample_documents[4]
    result = run("similar", a.short_id)
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[0][0] == b.short_id and rows[0][2] == b.title
    assert int(rows[0][1]) >= 10  # most of the paraphrase's passages
    assert all(int(row[1]) < 3 for row in rows[1:])  # other stories share a line at most
    assert "Indexing" not in result.stderr  # indexed as they were stored
    again = run("similar", a.short_id, "--limit", "1")
    assert again.stdout.splitlines() == result.stdout.splitlines()[:1]
    assert run("similar", "zzz").exit_code != 0


def test_a_line_in_many_articles_is_boilerplate_and_not_counted(tmp_path) -> None:
    stories = [
        "Farmers in the north report a record wheat harvest despite the drought",
        "The central bank raised interest rates for the third month running",
        "A new bridge over the river opened to traffic on Sunday morning",
        "Teachers across the country walked out demanding higher salaries",
        "Scientists found traces of water ice near the lunar south pole",
        "The football club sacked its manager after a string of defeats",
        "Heavy snowfall closed mountain passes and stranded hundreds of drivers",
        "Parliament passed a bill tightening rules on political advertising",
        "A museum returned looted bronze statues to their country of origin",
        "Electric car sales doubled compared with the same quarter last year",
        "Firefighters contained a forest blaze that threatened coastal villages",
        "The airline cancelled dozens of flights because of a pilots' strike",
    ]
    documents = [Document.from_text(f"{story}.\n{FOOTER}") for story in stories]
    store, _ = api.open_store(tmp_path / "s.db", create=True)
    with store:
        store.add_documents(documents)
        assert api.similar_documents(store, documents[0].id) == []  # the footer is everywhere
        store.add_documents([Document.from_text(documents[0].text + "\nMore on the harvest.")])
        found = api.similar_documents(store, documents[0].id)
        assert [shared for _, shared in found] == [1]  # the story's own line, not the footer
        assert similar_index.unindexed(store) == []


def test_an_index_of_another_version_is_made_again(tmp_path, monkeypatch) -> None:
    text = "Kremlin aide Yury Ushakov said the Istanbul talks could resume next week."
    documents = [Document.from_text(text), Document.from_text(f"{text}\nMore soon.")]
    with Store.open(tmp_path / "s.db") as store:
        store.add_documents(documents)
        assert len(api.similar_documents(store, documents[0].id)) == 1
        monkeypatch.setattr(similar_index, "SIMILAR_VERSION", 99)
        monkeypatch.setattr(similar_keys, "SIMILAR_VERSION", 99)
        assert len(similar_index.unindexed(store)) == 2
        assert similar_index.index_documents(store) == 2
        assert store.db.execute("SELECT DISTINCT version FROM indexed").fetchall() == [(99,)]
        assert len(similar_index.similar(store, documents[1].id)) == 1


def test_a_loose_rewrite_of_the_story_is_similar_by_its_names(tmp_path) -> None:
    """000 and 001 tell one statement in other words: few passages alike, but the names
    and rare words of the story in common."""
    from newsgloss.corpus import load_paths, sample_paths
    from newsgloss.corpus.similar import STORY, story_keys

    documents = load_paths(sample_paths()).documents
    with Store.open(tmp_path / "s.db") as store:
        store.add_documents(documents[:2])  # indexes them
        assert [d for d, _ in api.similar_documents(store, documents[0].id)] == [documents[1].id]
    keys = story_keys("Officials met. Yesterday Zelensky and Ushakov spoke in Geneva about 2022.")
    assert len(keys) <= 12 and all(passage == STORY for passage, _ in keys)
    assert story_keys("Nothing rare here at all.") == []


def test_similar_looks_for_unindexed_documents_once_per_index_version(tmp_path, monkeypatch):
    """Documents are indexed as they are stored: once every one is, the meta row says
    so and the look-up over them all is not made again, until the index version changes."""
    text = "Kremlin aide Yury Ushakov said the Istanbul talks could resume next week."
    documents = [Document.from_text(text), Document.from_text(f"{text}\nMore soon.")]
    looked = []
    with Store.open(tmp_path / "s.db") as store:
        store.add_documents(documents)
        original = similar_index.unindexed
        monkeypatch.setattr(similar_index, "unindexed", lambda s: looked.append(1) or original(s))
        for _ in range(3):
            assert len(api.similar_documents(store, documents[0].id)) == 1
        assert looked == [1]
        monkeypatch.setattr(similar_index, "SIMILAR_VERSION", 99)
        monkeypatch.setattr(similar_keys, "SIMILAR_VERSION", 99)
        assert len(api.similar_documents(store, documents[0].id)) == 1  # indexed again
        assert len(looked) > 1
        assert store.db.execute("SELECT DISTINCT version FROM indexed").fetchall() == [(99,)]


def test_an_index_of_the_earlier_schema_is_made_smaller_and_still_answers(tmp_path) -> None:
    """Schema 13 kept each document's keys and every key's rows: opened, the keys go (made
    again from the text), a key in more than a thousand documents becomes boilerplate."""
    from conftest import older_store
    from sqlite_utils import Database

    from newsgloss.annotations.similar_keys import document_keys
    from newsgloss.corpus.similar import SIMILAR_VERSION

    text = "Kremlin aide Yury Ushakov said the Istanbul talks could resume next week."
    documents = [Document.from_text(text), Document.from_text(f"{text}\nMore soon.")]
    path = older_store(tmp_path / "old.db", 13, documents)
    with Database(path) as db:
        for number, document in enumerate(documents, start=1):
            keys = document_keys(document.text)
            db.execute("INSERT INTO indexed VALUES (?, ?, ?, ?)",
                       [number, document.id, SIMILAR_VERSION, keys.tobytes()])  # fmt: skip
            db.conn.executemany("INSERT INTO passage_bands VALUES (?, ?)",
                                [(band, number) for band in keys[1::2]])  # fmt: skip
        db.conn.executemany("INSERT INTO passage_bands VALUES (?, ?)",
                            [(42, n) for n in range(10, 1012)])  # fmt: skip
        db.conn.commit()
    with Store.open(path) as store:
        assert [d for d, _ in api.similar_documents(store, documents[0].id)] == [documents[1].id]
        assert store.db.execute("SELECT band FROM common_bands").fetchall() == [(42,)]
        assert store.db.execute("SELECT 1 FROM passage_bands WHERE band = 42").fetchall() == []
        passages = store.db.execute("SELECT passages FROM indexed ORDER BY number").fetchall()
        assert all(p >= 1 for (p,) in passages)  # how the old ranking counted them


def test_a_key_in_more_than_a_thousand_documents_is_boilerplate(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(similar_keys, "COMMON_CAP", 3)
    story = "Kremlin aide Yury Ushakov said the Istanbul talks could resume next week."
    footer = "Subscribe to our newsletter for the latest stories from the region today."
    documents = [Document.from_text(f"Report {n} on the harvest in the north.\n{footer}")
                 for n in range(5)] + [Document.from_text(f"{story}\n{footer}"),
                                       Document.from_text(f"{story}\nMore soon.")]  # fmt: skip
    with Store.open(tmp_path / "s.db") as store:
        store.add_documents(documents)
        commons = store.db.execute("SELECT count(*) FROM common_bands").fetchone()[0]
        assert commons >= 1  # the footer's keys, in more than 3 documents
        rows = store.db.execute(
            "SELECT count(*) FROM passage_bands WHERE band IN (SELECT band FROM common_bands)"
        ).fetchone()[0]
        assert rows == 0
        found = api.similar_documents(store, documents[5].id)
        assert found == [(documents[6].id, 1)]  # the story, not the footer
