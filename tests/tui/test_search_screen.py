"""The ``F`` search screen through Pilot: hits as you type across every stored article,
a half-typed query said in the screen, enter opening the hit here and ctrl+n in a new
pane, each with the cursor at the hit."""

from __future__ import annotations

from reader_helpers import answered, reader, settle
from textual.widgets import Label, OptionList

from newsgloss.tui.screens.search import SearchScreen


async def test_f_searches_every_article_and_opens_the_hit(sample_documents, analysed_db) -> None:
    app = reader(sample_documents[:2], analysed_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("F")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*'"unclosed')
        await answered(pilot)
        status = str(screen.query_one("#search-status", Label).render())
        assert "not a query" in status and screen.hits == []
        for _ in '"unclosed':
            await pilot.press("backspace")
        await pilot.press(*"Yury Ushakov")
        await answered(pilot)
        assert screen.query_one(OptionList).option_count == len(screen.hits) >= 2
        first = screen.hits[0]
        assert first.doc_id not in {d.id for d in sample_documents[:2]}  # not an open one
        await pilot.press("enter")  # here: the current pane shows the hit
        await settle(pilot)
        assert app.screen is app.reader and len(app.reader.panes) == 2
        view = app.reader.current_pane().view
        assert view.document.id == first.doc_id
        assert view.cursor == first.start and view.document.text[view.cursor :].startswith("Yury")
        await pilot.press("F", *"Istanbul")
        await answered(pilot)
        await pilot.press("ctrl+n")  # in a new pane
        await settle(pilot)
        assert len(app.reader.panes) == 3
