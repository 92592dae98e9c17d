"""Outlet, date and authors where a fact-checker needs them in the reader: the pane's
header, the picker (shown and matched) and the ``i`` dialog that corrects them."""

from __future__ import annotations

from pathlib import Path

from reader_helpers import reader, settle
from textual.widgets import Input, OptionList, Static

from newsgloss.annotations import Store
from newsgloss.corpus import load_file
from newsgloss.tui.screens.metadata import MetadataScreen

PAGE = Path(__file__).parents[1] / "data" / "pages" / "daily.html"


async def test_the_header_and_the_picker_show_outlet_and_date_and_i_corrects_them(
    sample_documents, analysed_db
) -> None:
    (page,) = load_file(PAGE)
    app = reader([page, *sample_documents], analysed_db)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        pane = app.reader.panes[0]
        header = str(pane.query_one(".pane-source", Static).render())
        assert header.startswith("The Daily Example · 2025-02-03  by Priya Nair  https://daily")

        await pilot.press("o")
        app.screen.query_one(Input).value = "daily exam"  # the outlet, not the title
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        assert options.option_count == 1
        second_line = str(options.get_option_at_index(0).prompt).split("\n")[1].strip()
        assert second_line.startswith("2025-02-03  The Daily Example  https://daily.example")
        await pilot.press("escape")

        await pilot.press("i")
        assert isinstance(app.screen, MetadataScreen)
        app.screen.query_one("#meta-published", Input).value = "3 Feb"
        await pilot.press("ctrl+s")
        assert "not a date in ISO 8601 form" in str(
            app.screen.query_one("#metadata-error").render()
        )
        app.screen.query_one("#meta-published", Input).value = "2025-02-04"
        app.screen.query_one("#meta-outlet", Input).value = "Daily Example"
        app.screen.query_one("#meta-authors", Input).value = "Priya Nair; Sam Lee"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, MetadataScreen)
        header = str(pane.query_one(".pane-source", Static).render())
        assert header.startswith("Daily Example · 2025-02-04  by Priya Nair, Sam Lee")
    with Store.open(analysed_db) as store:  # committed, not only shown
        meta = store.document(page.id).meta
    assert (meta.outlet, meta.published, meta.authors) == (
        "Daily Example", "2025-02-04", ("Priya Nair", "Sam Lee")
    )  # fmt: skip


async def test_escape_leaves_the_details_as_they_were(sample_documents, analysed_db) -> None:
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("i")
        app.screen.query_one("#meta-outlet", Input).value = "Nobody"
        await pilot.press("escape")
        await pilot.pause()
        assert app.reader.panes[0].document.meta.outlet is None
    with Store.open(analysed_db) as store:
        assert store.document(sample_documents[0].id).meta.outlet is None
