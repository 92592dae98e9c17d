"""The reader's corpus views on a store of 10,000 articles, through Pilot: the picker
narrows and opens, search (F) finds and opens, the tags list (T) shows its first page
and narrows, each listing only what a screen can use. The benchmarks, not these tests,
say how fast (``benchmarks/corpus.py``, ``benchmarks/picker.py``)."""

from __future__ import annotations

import dataclasses
import random
import shutil

import pytest
from reader_helpers import answered, reader, settle
from textual.widgets import OptionList

from newsgloss.annotations import Annotation, Store
from newsgloss.corpus import Document
from newsgloss.corpus.metadata import metadata
from newsgloss.tui.screens.picker import PickerScreen
from newsgloss.tui.screens.search import SearchScreen
from newsgloss.tui.screens.tags import TagsScreen

COUNT = 10_000
WORDS = [
    *[
        "peace",
        "talks",
        "ceasefire",
        "Istanbul",
        "Kremlin",
        "Ukraine",
        "Russia",
        "minister",
        "said",
        "envoy",
    ],
    *[
        "summit",
        "drone",
        "strike",
        "border",
        "grain",
        "harbour",
        "election",
        "vote",
        "parliament",
        "court",
        "ruling",
    ],
]


@pytest.fixture(scope="session")
def ten_thousand(tmp_path_factory) -> tuple:
    """10,000 articles of 120 words from 40 outlets, a tag on every tenth (deterministic)."""
    rng = random.Random(1)
    documents = []
    for number in range(COUNT):
        body = " ".join(rng.choice(WORDS) for _ in range(120))
        document = Document.from_text(f"Report {number}: {rng.choice(WORDS)}\n\n{body}.")
        meta = metadata(outlet=f"outlet{number % 40}.example",
                        published=f"2025-{1 + number % 12:02d}-{1 + number % 28:02d}")  # fmt: skip
        documents.append(dataclasses.replace(document, meta=meta))
    documents[4321] = Document.from_text("Report 4321: the lighthouse keeper\n\nA rare word.")
    path = tmp_path_factory.mktemp("ten-thousand") / "newsgloss.db"
    with Store.open(path) as store:
        store.add_documents(documents)
        for number in range(0, COUNT, 10):
            tag = Annotation.create(documents[number], 0, 6, "claim", note=f"checked {number}")
            store.add_annotation(tag)
    return path, documents


@pytest.fixture
def big_db(ten_thousand, tmp_path):
    path, documents = ten_thousand
    copy = tmp_path / "big.db"
    shutil.copy(path, copy)
    return copy, documents


async def test_the_picker_narrows_ten_thousand_and_opens_one(big_db) -> None:
    db, documents = big_db
    app = reader(documents[:2], db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        assert isinstance(app.screen, PickerScreen)
        options = app.screen.query_one(OptionList)
        assert options.option_count == 61  # 60 and "… and 9,938 more: type to narrow"
        assert "more: type to narrow" in str(options.get_option_at_index(60).prompt)
        await pilot.press(*"lighthouse")
        await answered(pilot)
        assert options.get_option_at_index(0).id == documents[4321].id
        for _ in "lighthouse":  # a shorter query: every article is matched again
            await pilot.press("backspace")
        await pilot.press(*"report 12")
        await answered(pilot)
        assert options.get_option_at_index(0).id == documents[12].id
        await pilot.press("backspace", "backspace", *"4321")  # "report 4321"
        await answered(pilot)
        assert options.get_option_at_index(0).id == documents[4321].id
        await pilot.press("enter")
        await settle(pilot)
        assert app.reader.current_pane().document.id == documents[4321].id


async def test_search_finds_one_article_among_ten_thousand_and_a_common_word_pages(big_db):
    db, documents = big_db
    app = reader(documents[:2], db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("F", *"lighthouse")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await answered(pilot)
        assert [hit.doc_id for hit in screen.hits] == [documents[4321].id]
        for _ in "lighthouse":
            await pilot.press("backspace")
        await pilot.press(*"ceasefire")  # in nearly every article
        await answered(pilot)
        shown = screen.query_one(OptionList).option_count
        assert 0 < shown == len(screen.hits) < COUNT  # a page, not every article
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.reader
        view = app.reader.current_pane().view
        assert view.document.text[view.cursor :].lower().startswith("ceasefire")


async def test_the_tags_list_shows_its_first_page_of_a_thousand_and_narrows(big_db):
    db, documents = big_db
    app = reader(documents[:2], db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("T")
        screen = app.screen
        assert isinstance(screen, TagsScreen)
        await answered(pilot)
        options = screen.query_one(OptionList)
        assert options.option_count == 201  # the first 200 of 1,000 tags, and a line
        assert "narrow the filter" in str(options.get_option_at_index(200).prompt)
        await pilot.press(*"checked 9990")  # words of a note: one tag
        await answered(pilot)
        assert [f.tag.doc_id for f in screen.found] == [documents[9990].id]
