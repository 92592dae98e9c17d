"""The ``T`` screen through Pilot: every tag of the desk, narrowed by words, label and
sort, the highlighted tag's note shown whole, enter opening the tag in the reader."""

from __future__ import annotations

from reader_helpers import answered, reader, settle
from textual.widgets import OptionList, Static

from newsgloss.annotations import Annotation, Store
from newsgloss.tui.screens.tags import TagsScreen


async def test_t_lists_every_tag_filters_them_and_opens_one(sample_documents, analysed_db):
    a, b = sample_documents[3], sample_documents[4]
    with Store.open(analysed_db) as store:
        start = b.text.index("Yury Ushakov")
        store.add_annotation(Annotation.create(
            b, start, start + 12, "attribution", note="Kremlin aide\nsecond line", annotator="ann"
        ))  # fmt: skip
        store.add_annotation(Annotation.create(a, 0, 20, "claim", annotator="bo"))
    app = reader(sample_documents[:2], analysed_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("T")
        screen = app.screen
        assert isinstance(screen, TagsScreen)
        await answered(pilot)
        assert [f.tag.doc_id for f in screen.found] == sorted([a.id, b.id])  # article order
        assert screen.query_one(OptionList).option_count == 2
        await pilot.press(*"ushakov")  # words of the quote
        await answered(pilot)
        (only,) = screen.found
        note = str(screen.query_one("#tags-note", Static).render())
        assert "second line" in note and "ann" in note  # the note whole, with its author
        for _ in "ushakov":
            await pilot.press("backspace")
        await pilot.press("ctrl+l")  # the first label: claim
        await answered(pilot)
        assert [f.tag.label for f in screen.found] == ["claim"]
        await pilot.press("ctrl+l")  # the next: attribution
        await answered(pilot)
        assert [f.tag.label for f in screen.found] == ["attribution"]
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.reader
        view = app.reader.current_pane().view
        assert (view.document.id, view.cursor) == (b.id, start)
