"""The same passage across open articles, in the reader (Pilot, real analyses)."""

from __future__ import annotations

from reader_helpers import reader, settle

from newsgloss.annotations import Store
from newsgloss.annotations.analysis_cache import analyze_documents
from newsgloss.corpus import Document


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
        # a heading the other outlet words with none of the same words: no counterpart
        left.move_to(a.text.index("Ukraine’s Position on Negotiations"))
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


USHAKOV = Document.from_text(
    "Ushakov said the talks would resume in Istanbul on Thursday.\n"
    "The Kremlin welcomed a ceasefire after three years of war.\n",
    title="One outlet",
)
PUTIN = Document.from_text(
    "Putin said the talks would resume in Istanbul on Thursday.\n"
    "The Kremlin welcomed a ceasefire after four years of war.\n",
    title="Another outlet",
)


def store_analysed(db, analyzer, documents) -> None:
    with Store.open(db) as store:
        store.add_documents(documents)
        analyze_documents(store, analyzer, [d.id for d in documents])


async def test_the_status_line_says_where_the_outlets_differ(analyzer, analysed_db) -> None:
    store_analysed(analysed_db, analyzer, [USHAKOV, PUTIN])
    app = reader([USHAKOV, PUTIN], analysed_db)
    async with app.run_test(size=(140, 20)) as pilot:
        await settle(pilot)
        status = app.reader.panes[0].query_one(".pane-status")
        shown = status.render().plain
        assert shown.startswith("0%  differs: Ushakov / Putin  0/") and "1 counterpart" in shown
        await pilot.press("right_parenthesis")
        assert "differs: 3 years / 4 years" in status.render().plain


async def test_differing_words_are_marked_and_a_discrepancy_has_a_gutter_mark(
    analyzer, analysed_db
) -> None:
    from reader_helpers import style_at, text_row

    from newsgloss.tui.article.canvas import GUTTER_MARK

    store_analysed(analysed_db, analyzer, [USHAKOV, PUTIN])
    app = reader([USHAKOV, PUTIN], analysed_db)
    async with app.run_test(size=(140, 20)) as pilot:
        await settle(pilot)
        left, right = app.reader.views
        putin = PUTIN.text.index("Putin")
        assert right.differing == [(putin, putin + len("Putin"))]
        assert left.differing == [(0, len("Ushakov"))]
        for view, name in ((left, "Ushakov"), (right, "Putin")):
            row = view.render_line(0)
            assert row.text.startswith(GUTTER_MARK)  # the passage states another speaker
            assert style_at(text_row(view, 0), name).bold
            assert not style_at(text_row(view, 0), "talks").bold  # both have it
        # Every passage stating another value keeps its mark, wherever the cursor is: the
        # second sentences differ too (3 years / 4 years).
        for view in (left, right):
            assert view.render_line(1).text.startswith(GUTTER_MARK)
        second = USHAKOV.text.index("\n") + 1
        assert left.discrepant == [(0, second - 1), (second, len(USHAKOV.text) - 1)]
        await pilot.press("exclamation_mark")  # the next passage stating another value
        assert (app.focused, left.cursor) == (left, second)
        await pilot.press("exclamation_mark")  # none left here: the next pane's first
        assert (app.focused, right.cursor) == (right, 0)
        await pilot.press("at")  # and back
        assert (app.focused, left.cursor) == (left, second)


def test_diff_prints_word_differences_and_discrepancies(analyzer, analysed_db) -> None:
    from conftest import runner_for

    store_analysed(analysed_db, analyzer, [USHAKOV, PUTIN])
    result = runner_for(analysed_db)("diff", USHAKOV.short_id, PUTIN.short_id)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].endswith("\tsame\t" + lines[0].split("\t")[-1])
    assert lines[1] == (
        "  [-Ushakov-] {+Putin+} said the talks would resume in Istanbul on Thursday."
    )
    assert "  ! speaker differs: Ushakov / Putin" in lines
    assert "  ! number differs: 3 years / 4 years" in lines


async def test_b_dims_lines_repeated_across_articles_or_within_one(tmp_path) -> None:
    from reader_helpers import style_at, text_row

    footer = "Subscribe to our newsletter for more news."
    documents = [
        Document.from_text(f"Story {n}: the harvest came early this year.\n{footer}")
        for n in range(3)
    ] + [Document.from_text("Share this\nA story of its own.\nShare this")]
    app = reader(documents[2:], tmp_path / "s.db")
    async with app.run_test(size=(120, 20)) as pilot:
        await settle(pilot)
        with Store.open(tmp_path / "s.db") as store:
            store.add_documents(documents)
        left, right = app.reader.views
        await pilot.press("B")
        await settle(pilot)
        footer_at = documents[2].text.index(footer)
        assert left.dimmed == [(footer_at, footer_at + len(footer))]  # in three articles
        assert right.dimmed == [(0, 10), (len(right.text) - 10, len(right.text))]  # twice here
        assert style_at(text_row(left, 1), "Subscribe").dim
        assert not style_at(text_row(left, 0), "harvest").dim
        assert app.reader.session()["boilerplate"] is True
        await pilot.press("B")
        assert left.dimmed == [] and not style_at(text_row(left, 1), "Subscribe").dim


async def test_the_loose_rewrites_differ_on_how_long_the_war_has_lasted(
    sample_documents, analysed_db
) -> None:
    """The two sentences share too little for the method to link them; the fact-checker
    confirmed the link (as ``L`` does), and the discrepancy shows."""
    from newsgloss.annotations import api

    a, b = sample_documents[0], sample_documents[1]  # two rewrites of one Kremlin statement
    here = a.text.index("With both sides publicly signaling")
    there = b.text.index("Putin’s statements come")
    with Store.open(analysed_db) as store:
        spans = [
            (start, text.index(".", start) + 1) for text, start in ((a.text, here), (b.text, there))
        ]
        api.decide_link(store, a.id, spans[0], b.id, spans[1], "confirmed", "tester")
    app = reader([a, b], analysed_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        left, right = app.reader.views
        left.move_to(here)
        await pilot.pause()
        assert there in [s for s, _ in right.counterparts]
        status = app.reader.panes[0].status_text().plain
        assert "differs: 3 years / 4 years" in status


async def test_a_passage_gone_to_is_centred_where_it_fits(tmp_path) -> None:
    from newsgloss.corpus import Document

    lines = [f"Line {n} of a long article about the harbour dredging works." for n in range(80)]
    document = Document.from_text("\n".join(lines) + "\n")
    app = reader([document], tmp_path / "c.db", open_count=1)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        view = app.reader.views[0]
        start = document.text.index("Line 50 ")
        view.move_to(start)
        view.centre(start, start + len(lines[50]))
        await pilot.pause()
        row, height = view.wrapped.row_of(start), view.scrollable_content_region.height
        assert view.scroll_offset.y == row - (height - 1) // 2  # centred, not on the last row


async def test_l_lists_candidates_to_confirm_and_reject(sample_documents, analysed_db) -> None:
    from textual.widgets import OptionList

    from newsgloss.annotations import Store, api
    from newsgloss.tui.screens.candidates import CandidatesScreen

    a, b = sample_documents[0], sample_documents[1]  # the loose rewrite pair
    app = reader([a, b], analysed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("L")
        screen = app.screen
        assert isinstance(screen, CandidatesScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        options = screen.query_one(OptionList)
        assert options.option_count >= 2
        rows = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert all(row[:1] in "✓✗=~?" for row in rows)  # how each is linked, with its score
        first, second = screen.choices[0], screen.choices[1]
        await pilot.press("enter")  # confirm the best
        await pilot.press("down", "x")  # reject the next
        assert (first.kind, second.kind) == ("confirmed", "rejected")
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, CandidatesScreen)
        links = app.reader.counterparts.at(a.id, first.span[0], b.id)
        assert (first.start, "confirmed") in {(k.b_start, k.kind) for k in links}
        assert second.start not in {k.b_start for k in links}
    with Store.open(analysed_db) as store:  # kept after quitting
        decided = {d for *_, d in api.decisions_between(store, a.id, b.id)}
    assert decided == {"confirmed", "rejected"}


async def test_a_loose_rewrite_is_lit_but_not_underlined_end_to_end(
    sample_documents, analysed_db
) -> None:
    a, b = sample_documents[0], sample_documents[1]  # related, not same: a loose rewrite
    app = reader([a, b], analysed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        left, right = app.reader.views
        links = app.reader.counterparts.at(a.id, 0, b.id)
        assert links and all(k.kind == "related" for k in links)
        assert right.counterparts  # lit
        assert right.differing == [] and left.differing == []  # but not underlined


async def test_l_links_a_selection_in_each_pane_by_hand(sample_documents, analysed_db) -> None:
    from newsgloss.annotations import Store, api

    a, b = sample_documents[2], sample_documents[4]
    app = reader([a, b], analysed_db)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        left, right = app.reader.views
        await pilot.press("v", "w", "w")  # a selection in the left pane
        await pilot.press("tab", "v", "w")  # and one in the right
        here, there = left.selection_range(), right.selection_range()
        await pilot.press("L")
        await settle(pilot)
        assert "Linked the two selections" in app.messages[-1]

        def linked() -> bool:
            links = app.reader.counterparts.at(a.id, here[0], b.id)
            spans = {((k.a_start, k.a_end), (k.b_start, k.b_end), k.kind) for k in links}
            return (here, there, "confirmed") in spans

        assert linked()
        await pilot.press("u")  # undone like a tag: the panes align again without it
        await settle(pilot)
        assert "Undone: confirmed the link" in app.messages[-1] and not linked()
        with Store.open(analysed_db) as store:
            assert api.decisions_between(store, a.id, b.id) == []
        await pilot.press("ctrl+r")  # and redone
        await settle(pilot)
        assert linked()
    with Store.open(analysed_db) as store:
        assert [d for *_, d in api.decisions_between(store, a.id, b.id)] == ["confirmed"]


async def test_d_lists_what_the_article_states_differently(analyzer, analysed_db) -> None:
    store_analysed(analysed_db, analyzer, [USHAKOV, PUTIN])
    app = reader([USHAKOV, PUTIN], analysed_db)
    async with app.run_test(size=(140, 20), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("D")
        listed = app.messages[-1]
        assert "Ushakov said the talks would resume…: differs: Ushakov / Putin" in listed
        assert "differs: 3 years / 4 years" in listed
