"""The reader's rough edges (issue 18, item 10), each through Pilot on the real app."""

from __future__ import annotations

from reader_helpers import reader, settle

from newsgloss.annotations import Annotation, Label, Store


async def test_as_many_panes_as_fit_are_shown_and_each_says_which_it_is(
    sample_documents, analysed_db
):
    app = reader(sample_documents, analysed_db, open_count=4)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        panes = app.reader.panes
        assert [p.display for p in panes] == [True, True, True, False]
        assert [p.border_title for p in panes] == ["1/4", "2/4", "3/4", "4/4"]
        await pilot.press("tab", "tab", "tab")  # to the fourth: the run moves with it
        assert [p.display for p in panes] == [False, True, True, True]
        await pilot.resize_terminal(170, 40)
        await pilot.pause()
        assert all(p.display for p in panes) and all(not p.border_title for p in panes)


async def test_undo_brings_a_tag_off_screen_into_view(sample_documents, analysed_db):
    app = reader(sample_documents, analysed_db, open_count=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.reader.views[0]
        await pilot.press("c", "G")  # tag the first sentence, then go to the end
        assert view.scroll_offset.y > 0 and view.cursor > 1000
        await pilot.press("u")
        assert view.cursor == 0 and view.scroll_offset.y == 0
        assert not view.annotations


async def test_a_label_another_process_adds_is_offered_at_once(sample_documents, analysed_db):
    app = reader(sample_documents, analysed_db, open_count=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        with Store.open(analysed_db) as other:  # `newsgloss labels add rumour --key r`
            other.labels.add(Label("rumour", "r", "#ff8800"))
        await pilot.press("r")
        assert [a.label for a in app.reader.views[0].annotations] == ["rumour"]
        assert any(label.name == "rumour" for label in app.reader.labels)


async def test_s_pressed_three_times_leaves_one_notice(sample_documents, analysed_db):
    """In the legend, the newest mode's; another notice (a toast) stays."""
    from newsgloss.tui.widgets.legend import Legend

    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        app.notify("Another notice")
        await pilot.press("S", "S")
        legend = str(app.screen.query_one(Legend).render())
        assert "Panes keep shared passages level" in legend and "together" not in legend
        await pilot.press("S")
        await settle(pilot)
        legend = str(app.screen.query_one(Legend).render())
        assert "Panes scroll apart" in legend and "level" not in legend
        toasts = [str(toast.render()) for toast in app.screen.query("Toast")]
        assert toasts == ["Another notice"], toasts


async def test_the_tags_panel_draws_the_rows_on_screen_and_shows_the_whole_note(
    sample_documents, analysed_db
):
    document = sample_documents[0]
    note = "A long note.\nIts second line says where the figure comes from."
    with Store.open(analysed_db) as store:
        store.merge_annotations(
            Annotation.create(document, n, n + 3, "claim", note=note if n == 450 else "")
            for n in range(500)
        )
    app = reader(sample_documents, analysed_db, open_count=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("A")
        panel = app.reader.tags_panel
        tags = panel.tag_list
        assert tags.count == 500 and panel._highlighted().start == 0
        await pilot.press("end")
        assert panel._highlighted().start == 499 and tags.scroll_offset.y > 400
        last = tags.render_line(tags.highlighted - tags.scroll_offset.y).text
        assert document.text[499:502] in last  # the row on screen is the last tag's
        await pilot.press("A")  # closed; opened again at the cursor: the first tag ending after
        view = app.reader.views[0]
        view.move_to(452)
        await pilot.press("A")
        assert panel._highlighted().start == 450
        assert panel.note.display and str(panel.note.render()) == note
        await pilot.press("escape")  # to the article, the panel open beside it
        view.select(0, 2)
        await pilot.press("d")  # a tag before the highlighted one: it stays highlighted
        assert tags.count == 501 and panel._highlighted().start == 450
        assert str(tags.prompt(0)) == " disputed   “MO”"  # the new one, first in text order
