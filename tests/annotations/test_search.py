"""Search across the stored articles (``newsgloss search``): FTS5 over titles, outlets
and texts, accents and quote styles folded, hits placed at code points of the text, a
malformed query said in one line, and the index following every change."""

from __future__ import annotations

import json

from conftest import older_store, runner_for

from newsgloss.annotations import Store, api
from newsgloss.corpus import Document
from newsgloss.corpus.metadata import Metadata

CAFE = Document.from_text(
    "Talks at the Café Pushkin 😀\nThe Kremlin’s aide, Yury Ushakov, said “no deal yet”.\n",
    title="Moscow café diplomacy",
    meta=Metadata(outlet="Wire Service"),
)
SEOUL = Document.from_text("서울에서 회담이 열렸다.\n東京で会談が行われた。\n", title="Asia")


def test_words_phrases_prefixes_and_operators_find_articles_at_their_offsets(tmp_path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        store.add_documents([CAFE, SEOUL])
        (hit,) = api.search_documents(store, "cafe")  # the accent does not matter
        assert (hit.doc_id, hit.start) == (CAFE.id, CAFE.text.index("Café"))
        (hit,) = api.search_documents(store, "Kremlin's")  # nor the apostrophe's style
        assert hit.start == CAFE.text.index("Kremlin’s")
        (hit,) = api.search_documents(store, "“Yury Ushakov”")  # a phrase in curly quotes
        assert hit.start == CAFE.text.index("Yury")  # after an emoji: code points
        assert api.search_documents(store, '"Ushakov Yury"') == []  # a phrase, in order
        assert [h.doc_id for h in api.search_documents(store, "ush*")] == [CAFE.id]
        assert api.search_documents(store, "Ushakov NOT Pushkin") == []
        assert len(api.search_documents(store, "Ushakov OR 서울에서")) == 2
        assert [h.start for h in api.search_documents(store, "서울에서")] == [0]
        (hit,) = api.search_documents(store, "東京*")  # not segmented: a prefix finds it
        assert hit.start == SEOUL.text.index("東京")
        (hit,) = api.search_documents(store, "wire")  # the outlet is searched too
        assert hit.outlet == "Wire Service"


def test_a_malformed_query_is_one_line_and_the_index_follows_removal(tmp_path) -> None:
    db = tmp_path / "s.db"
    with Store.open(db) as store:
        store.add_documents([CAFE, SEOUL])
    run = runner_for(db)
    for query in ('"unclosed', "AND", "Ushakov NOT"):
        result = run("search", query)
        assert result.exit_code != 0 and "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) == 1 and "not a query" in result.output
    found = run("search", "ushakov", "--json")
    assert found.exit_code == 0, found.output
    (record,) = [json.loads(line) for line in found.stdout.splitlines()]
    assert record["doc_id"] == CAFE.id and "Yury Ushakov" in record["snippet"]
    assert run("rm", CAFE.short_id).exit_code == 0
    assert run("search", "ushakov").stdout == ""  # gone from the index with the article


def test_an_older_store_is_indexed_when_opened(tmp_path) -> None:
    path = older_store(tmp_path / "old.db", 9, [CAFE])  # before the search index
    with Store.open(path) as store:
        assert [h.doc_id for h in api.search_documents(store, "Ushakov")] == [CAFE.id]


def test_past_so_many_matches_the_newest_are_ranked_and_it_is_said(tmp_path, monkeypatch) -> None:
    from newsgloss.annotations import search

    monkeypatch.setattr(search, "RANKED", 3)
    made = [
        Document.from_text(f"Report {n}: Ushakov" + " Ushakov" * (9 - n) + ".\n", title=f"R{n}")
        for n in range(6)
    ]  # the first has Ushakov most often: the best hit of all, but not among the newest 3
    with Store.open(tmp_path / "s.db") as store:
        store.add_documents(made)
        found = api.search_documents(store, "ushakov", 10)
        assert found.total is None and "more than 3 articles match" in found.summary()
        assert [h.doc_id for h in found] == [d.id for d in made[3:]]  # newest, best first
        fewer = api.search_documents(store, "report", 2)
        assert fewer.total is None and len(fewer) == 2
        one = api.search_documents(store, '"report 4"')
        assert one.total == 1 and one.summary() == "1 article matches"
    result = runner_for(tmp_path / "s.db")("search", "ushakov")
    assert result.exit_code == 0 and "more than 3 articles match" in result.stderr
