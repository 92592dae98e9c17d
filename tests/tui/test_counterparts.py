"""The same passage across open articles, in the reader (Pilot, real analyses)."""

from __future__ import annotations

from reader_helpers import reader, settle


async def test_the_cursor_lights_the_same_passage_in_the_other_pane_and_m_goes_there(
    sample_documents, analysed_db
) -> None:
    a, b = sample_documents[3], sample_documents[4]  # two paraphrases of one report
    app = reader([a, b], analysed_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)  # and aligned
        left, right = app.reader.views
        left.move_to(a.text.index("Kremlin aide Yury Ushakov"))
        await pilot.pause()
        target = b.text.index("Kremlin aide Yury Ushakov said")
        assert [start for start, _ in right.counterparts] == [target]
        shown = app.reader.panes[0].query_one(".pane-status").render().plain
        assert "1 counterpart" in shown  # on screen, not only when asked
        await pilot.press("m")
        assert app.focused is right and right.cursor == target
        assert left.counterparts  # the light follows the cursor, now in the right pane
        assert right.counterparts == []
        left.focus()
        left.move_to(0)  # the headline: the other outlet's says something else
        await pilot.pause()
        assert right.counterparts == []
        assert "no counterpart" in app.reader.panes[0].status_text().plain
        await pilot.press("M")
        assert app.focused is left and "No counterpart" in app.messages[-1]


async def test_a_single_pane_says_nothing_of_counterparts(sample_documents, analysed_db) -> None:
    app = reader(sample_documents[3:4], analysed_db, open_count=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "counterpart" not in app.reader.panes[0].status_text().plain
