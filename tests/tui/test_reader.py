"""The reader, driven through Pilot on the seed articles with their cached analysis."""

from __future__ import annotations

from pathlib import Path

import pytest
from reader_helpers import (
    RecordingApp,
    palette,
    reader,
    settle,
    stable,
    style_at,
    text_row,
    type_at_once,
)
from textual import events
from textual.geometry import Region
from textual.widgets import Input, Label, OptionList, SelectionList, Static

from newsgloss.annotations import Store
from newsgloss.corpus import Document
from newsgloss.corpus.analysis import DEFAULT_MODEL
from newsgloss.corpus.canonical import canonical_text
from newsgloss.tui.app import Start
from newsgloss.tui.article.canvas import GUTTER
from newsgloss.tui.article.find import Matches
from newsgloss.tui.article.layout import wrap
from newsgloss.tui.article.view import ArticleView
from newsgloss.tui.reader.analysis_process import analysis_progress_record
from newsgloss.tui.screens.entity_labels import EntityLabelsScreen
from newsgloss.tui.screens.help import HelpScreen
from newsgloss.tui.screens.picker import PickerScreen
from newsgloss.tui.tags.panel import TagsPanel
from newsgloss.tui.widgets.footer import ReaderFooter
from newsgloss.tui.widgets.legend import Legend


async def test_opens_two_panes_with_focus_and_entities(sample_documents, analysed_db) -> None:
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        views = app.reader.views
        assert [v.document.id for v in views] == [d.id for d in sample_documents[:2]]
        assert app.focused is views[0] and views[0].cursor == 0
        assert views[0].analysed
        assert any(e.text == "Vladimir Putin" for e in views[0].entities)
        first_row = text_row(views[0], 0)
        assert first_row.text.startswith("MOSCOW — Russian President Vladimir Putin")
        assert style_at(first_row, "Vladimir Putin").color is not None  # entity colour
        assert style_at(first_row, "President").color == views[0].rich_style.color
        status = app.reader.panes[0].status_text().plain
        assert status.startswith("0%") and "0/2110" in status
        assert "GPE MOSCOW" in " ".join(status.split())


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (["l", "l", "right"], 3),
        (["l", "l", "h", "left"], 0),
        (["w"], 9),  # "MOSCOW — Russian": the dash is not a word
        (["w", "w", "b"], 9),
        (["right_parenthesis"], 334),  # the analysis's second sentence
        (["right_parenthesis", "right_parenthesis", "left_parenthesis"], 334),
        (["right_curly_bracket"], 334),  # every line of this article is a paragraph
        (["right_curly_bracket", "right_curly_bracket", "left_curly_bracket"], 334),
        (["greater_than_sign"], 9),  # MOSCOW is at 0: the next entity is "Russian"
        (["greater_than_sign", "greater_than_sign", "less_than_sign"], 9),
        (["G"], None),
        (["end", "g"], 0),
        (["end", "home"], 0),
    ],
)
async def test_motion_keys(sample_documents, analysed_db, keys, expected) -> None:
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.reader.views[0]
        await pilot.press(*keys)
        if expected is None:  # G: the start of the last row
            assert view.cursor == view.wrapped.starts[-1] > 1900
        else:
            assert view.cursor == expected


async def test_line_and_page_motion_keep_the_column(sample_documents, analysed_db) -> None:
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.reader.views[0]
        width = view.wrapped.width
        await pilot.press("l", "l", "l", "j")
        assert view.wrapped.row_of(view.cursor) == 1
        assert view.cursor - view.wrapped.starts[1] == 3
        await pilot.press("down", "k", "up")
        assert view.cursor == 3
        await pilot.press("pagedown")
        page_row = view.wrapped.row_of(view.cursor)
        assert page_row >= view.scrollable_content_region.height - 1
        assert view.scroll_offset.y > 0
        await pilot.press("pageup")
        assert view.wrapped.row_of(view.cursor) == 0
        await pilot.press("space")
        assert view.wrapped.row_of(view.cursor) == page_row
        assert width > 10


async def test_find_next_and_previous(sample_documents, analysed_db) -> None:
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.reader.views[0]
        await pilot.press("slash", *"putin", "enter")
        text = sample_documents[0].text
        positions = [i for i in range(len(text)) if text.lower().startswith("putin", i)]
        assert [start for start, _ in view.matches] == positions
        assert view.cursor == positions[0] and app.focused is view
        await pilot.press("n")
        assert view.cursor == positions[1]
        await pilot.press("N", "N")
        assert view.cursor == positions[-1]  # wraps around
        assert "match" in app.reader.panes[0].status_text().plain
        await pilot.press("slash", *"zzzqqq", "enter")
        assert not view.matches and app.focused is view


async def test_a_query_typed_in_one_burst_after_slash_lands_in_the_find_bar(
    sample_documents, analysed_db
) -> None:
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.reader.views[0]
        type_at_once(app, "/a/b")
        await pilot.pause()
        assert app.focused.value == "a/b"  # and the "/" typed in the bar is text
        await pilot.press("escape")
        type_at_once(app, "/putin\r")
        await pilot.pause()
        assert view.matches and app.focused is view


def stored_tags(db) -> list:
    with Store.open(db) as store:
        return store.annotations()


async def test_panes_tab_open_close_and_limit(sample_documents, analysed_db) -> None:
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        assert app.focused is app.reader.views[1]
        await pilot.press("shift+tab")
        assert app.focused is app.reader.views[0]
        await pilot.press("O")
        assert isinstance(app.screen, PickerScreen)
        await pilot.press(*"istanbul talks")
        options = app.screen.query_one(OptionList)
        assert options.get_option_at_index(0).id == sample_documents[3].id
        await pilot.press("enter")
        await settle(pilot)
        assert [v.document.id for v in app.reader.views][-1] == sample_documents[3].id
        assert app.focused is app.reader.views[-1] and app.reader.views[-1].analysed
        await pilot.press("O", "enter")  # the fourth pane
        await settle(pilot)
        assert len(app.reader.views) == 4
        before = stored_tags(analysed_db)
        await pilot.press("shift+tab", "O")  # a fifth: the picker opens for this pane
        assert isinstance(app.screen, PickerScreen)
        assert "4 panes are open" in str(app.screen.query_one(Label).render())
        await pilot.press(*"prospects", "enter")  # typed into the picker, not run as keys
        await settle(pilot)
        assert (
            len(app.reader.views) == 4 and app.reader.views[2].document.id == sample_documents[4].id
        )
        assert app.focused is app.reader.views[2] and stored_tags(analysed_db) == before
        for _ in range(3):
            await pilot.press("ctrl+w")
            await pilot.pause()
        assert len(app.reader.views) == 1
        await pilot.press("ctrl+w")
        await pilot.pause()
        assert len(app.reader.views) == 1  # the last pane stays


async def test_files_past_the_shown_ones_load_after_the_first_frame(
    sample_documents, analysed_db, tmp_path
) -> None:
    (tmp_path / "later.txt").write_text("A later article\nIts body")
    (tmp_path / "bad.txt").write_bytes(b"\x00")
    unread = [tmp_path / "later.txt", tmp_path / "bad.txt"]
    app = reader(sample_documents[:2], analysed_db, unread=unread)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        error = f"{tmp_path / 'bad.txt'}: binary file (NUL byte at offset 0), not an article"
        assert app.load_errors == [error] and app.messages == [error]
        await pilot.press("o", *"later")
        options = app.screen.query_one(OptionList)
        assert "A later article" in str(options.get_option_at_index(0).prompt)


async def test_the_picker_shows_sources_and_marks_open_articles(
    sample_documents, analysed_db
) -> None:
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(5)]
        assert ["● open" in prompt for prompt in prompts] == [True, True, False, False, False]
        for prompt, document in zip(prompts, stable(sample_documents), strict=True):
            assert document.source in prompt


async def test_documents_past_four_are_said_to_be_stored_not_opened(tmp_path) -> None:
    documents = [Document.from_text(f"Article {n}\nIts body, number {n}.") for n in range(6)]
    app = reader(documents, tmp_path / "six.db", open_count=4, announce_unopened=True)
    async with app.run_test(size=(170, 30)) as pilot:
        await settle(pilot)
        assert len(app.reader.views) == 4
        assert "6 documents: 4 open, the other 2 stored, not opened (o opens one)" in app.messages


async def test_picker_escape_changes_nothing(sample_documents, analysed_db) -> None:
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o", "x", "escape")
        assert [v.document.id for v in app.reader.views] == [d.id for d in sample_documents[:2]]


async def test_scroll_together(sample_documents, analysed_db) -> None:
    app = reader(sample_documents[2:4], analysed_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        first, second = app.reader.views
        await pilot.press("S", "G")
        await pilot.pause()
        assert first.scroll_offset.y == first.max_scroll_y > 0
        assert second.scroll_offset.y == second.max_scroll_y > 0
        await pilot.press("S", "S", "g")  # level, then apart
        await pilot.pause()
        assert first.scroll_offset.y == 0 and second.scroll_offset.y == second.max_scroll_y
        assert app.reader.scroll_notice == "Panes scroll apart"


async def test_scrolling_level_keeps_the_shared_passages_side_by_side(
    sample_documents, analysed_db
) -> None:
    a, b = sample_documents[3], sample_documents[4]  # two paraphrases of one report
    app = reader([a, b], analysed_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        first, second = app.reader.views
        await pilot.press("S", "S")
        assert "[scrolling level]" in app.query_one(Legend).legend(200).plain
        for passage, other in (
            ("Kremlin aide Yury Ushakov", "Kremlin aide Yury Ushakov said"),
            ("In a November 2023 interview", "In a November 2023 interview"),
        ):
            row = first.wrapped.row_of(a.text.index(passage))
            first.scroll_to(y=row - 2, animate=False, immediate=True)
            await pilot.pause()
            on_screen = row - first.scroll_offset.y
            assert on_screen == 2
            assert second.wrapped.row_of(b.text.index(other)) - second.scroll_offset.y == 2
        await pilot.press("S")
        await pilot.pause()
        assert app.reader.session()["sync"] == "apart"


def on_screen(view: ArticleView) -> bool:
    top, height = view.scroll_offset.y, view.scrollable_content_region.height
    return top <= view.wrapped.row_of(view.cursor) < top + height


async def test_panes_scrolled_together_keep_their_place_and_cursors(
    sample_documents, analysed_db
) -> None:
    app = reader(sample_documents[2:4], analysed_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        first, second = app.reader.views
        await pilot.press("S", "pagedown", "pagedown", "pagedown")
        await pilot.pause()
        first_top, second_top = first.scroll_offset.y, second.scroll_offset.y
        assert first_top > 0 and second_top > 0
        assert on_screen(first) and on_screen(second)  # the other pane's cursor came along
        await pilot.press("tab", "j")
        await pilot.pause()
        assert on_screen(second) and second.scroll_offset.y >= second_top
        assert first.scroll_offset.y >= first_top  # nothing went back to the top
        for _ in range(3):  # the wheel carries the cursor too
            second.post_message(events.MouseScrollDown(second, 5, 5, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert on_screen(second)


async def test_entity_toggle_and_label_filter(sample_documents, analysed_db) -> None:
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.reader.views[0]

        def putin_style():
            return style_at(text_row(view, 0), "Vladimir Putin")

        assert putin_style().color is not None
        await pilot.press("t")
        assert not view.highlighting.enabled and putin_style().color == view.rich_style.color
        await pilot.press("t", "f")
        assert isinstance(app.screen, EntityLabelsScreen)
        labels = app.screen.query_one(SelectionList)
        labels.deselect("PERSON")
        await pilot.press("escape")
        assert view.highlighting.hidden == {"PERSON"}
        assert putin_style().color == view.rich_style.color
        assert "GPE" not in view.highlighting.hidden
        await pilot.press("greater_than_sign", "greater_than_sign")
        assert view.entity_at(view.cursor).label != "PERSON"  # hidden labels are skipped


async def test_help_lists_every_binding_grouped(sample_documents, analysed_db) -> None:
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        every = [*app.BINDINGS, *app.reader.BINDINGS, *ArticleView.BINDINGS, *TagsPanel.BINDINGS]
        described = [b for b in every if b.description]
        assert {b.id for b in app.screen.bindings} >= {b.id for b in described}
        shown = " ".join(
            widget.render_line(y).text
            for widget in app.screen.query(Static)
            for y in range(widget.size.height)
        )
        for words in (
            "Tags panel (A)",
            "Back to the article",
            "A statement that is contested or false",  # the labels, with their descriptions
            "^p",
            "Command palette",
            "Mouse",
            "drag",
        ):
            assert words in shown, words
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_command_palette_lists_reader_actions(sample_documents, analysed_db) -> None:
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        helps = " ".join(await palette(pilot, "next entity"))
        assert "key: >" in helps and "greater_than_sign" not in helps
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.views[0].cursor == 9


UNSAFE = canonical_text(
    "He said [bold]x[/] and a lone [/] here.\n"
    "Escape \x1b[31mred\x1b[0m gone, bell\x07 gone.\n"
    "Emoji 🦆 and 漢字漢字 and café e\u0301 end."
)


async def test_unsafe_text_renders_literally(tmp_path) -> None:
    document = Document.from_text(UNSAFE, title="[bold]Title[/]", source="[/]source")
    app = reader([document], tmp_path / "s.db", open_count=1)
    async with app.run_test(size=(80, 20)) as pilot:
        await settle(pilot)
        view = app.reader.views[0]
        rows = [text_row(view, y).text.rstrip() for y in range(3)]
        assert rows[0] == "He said [bold]x[/] and a lone [/] here."
        assert rows[1] == "Escape red gone, bell gone."
        assert rows[2] == "Emoji 🦆 and 漢字漢字 and café e\u0301 end."
        title = app.reader.panes[0].query_one(".pane-title").render()
        source = app.reader.panes[0].query_one(".pane-source").render()
        assert str(title) == "[bold]Title[/]" and str(source) == "[/]source"


async def test_a_frame_drawn_before_the_resize_event_is_wrapped_to_its_width(
    sample_documents, analysed_db
) -> None:
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.reader.views[0]
        width = view.scrollable_content_region.width - GUTTER
        view.wrapped = wrap(view.text, 12)  # as Textual leaves it when it draws a resized
        strips = view.render_lines(Region(0, 0, view.size.width, 2))  # view before on_resize
        assert view.wrapped.width == width
        row = strips[0].text[GUTTER:].strip()  # the gutter may hold a discrepancy's !
        assert row == view.text[: view.wrapped.end(0)].strip() and len(row) > 12


async def test_wide_characters_wrap_and_move_by_grapheme(tmp_path) -> None:
    text = "漢字" * 30 + "\ne\u0301e\u0301 👩\u200d👩\u200d👧 x"
    app = reader([Document.from_text(text)], tmp_path / "s.db", open_count=1)
    async with app.run_test(size=(44, 20)) as pilot:
        await settle(pilot)
        view = app.reader.views[0]
        width = view.wrapped.width
        for y in range(3):
            assert text_row(view, y).cell_length == width
        first_row = text[view.wrapped.starts[0] : view.wrapped.end(0)]
        assert len(first_row) == width // 2  # two cells per character
        await pilot.press("j")
        assert view.wrapped.row_of(view.cursor) == 1
        line_two = text.index("\n") + 1
        view.move_to(line_two)
        await pilot.press("l")
        assert view.cursor == line_two + 2  # e + combining acute is one step
        await pilot.press("l", "l", "l")
        assert text[view.cursor] == " " and view.cursor == line_two + 10
        await pilot.press("h")
        assert view.cursor == line_two + 5  # the family emoji is one grapheme


async def test_small_terminal_shows_one_pane(sample_documents, analysed_db) -> None:
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(60, 15)) as pilot:
        await settle(pilot)
        first, second = app.reader.panes
        assert first.display and first.region.width > 0
        assert second.region.width == 0
        await pilot.press("tab")
        await pilot.pause()
        assert second.region.width > 0 and first.region.width == 0
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        assert first.region.width > 0 and second.region.width > 0


async def test_mouse_click_drag_and_wheel(sample_documents, analysed_db) -> None:
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        view = app.reader.views[1]
        await pilot.click(view, offset=(5, 1))
        assert app.focused is view
        clicked = view.cursor
        padding = view.styles.padding.left + GUTTER  # the text starts after the gutter
        assert clicked == view.offset_at(1, 5 - padding) and view.selection_range() is None
        await pilot.mouse_down(view, offset=(2, 0))
        await pilot.hover(view, offset=(12, 0))
        await pilot.mouse_up(view, offset=(12, 0))
        selected = (view.offset_at(0, 2 - padding), view.offset_at(0, 12 - padding))
        assert view.selection_range() == selected
        for _ in range(3):  # the wheel, as the terminal reports it
            view.post_message(events.MouseScrollDown(view, 5, 5, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert view.scroll_offset.y > 0


@pytest.mark.parametrize("size", [(80, 24), (60, 15)])
async def test_help_and_quit_are_always_in_the_footer_and_the_legend_fits(
    sample_documents, analysed_db, size
) -> None:
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        footer = app.query_one(ReaderFooter)
        shown = {
            key.action  # the footer's keys (FooterKey is not exported by Textual)
            for key in footer.walk_children()
            if hasattr(key, "action") and key.region.width and key.region.right <= size[0]
        }
        assert {"help", "quit"} <= shown
        legend = app.query_one(Legend)
        text = legend.legend(legend.content_size.width)
        assert text.cell_len <= legend.content_size.width
        assert "more (f)" in text.plain and "■ " in text.plain  # shortened, not a stray ■
        app.reader.analysis_status = "Analysing entities 3/5…"
        app.reader.action_sync()
        text = legend.legend(legend.content_size.width)
        assert text.plain.endswith("Analysing entities 3/5…  [scrolling together]")
        app.reader.action_sync()
        assert legend.legend(200).plain.endswith("[scrolling level]")


async def test_find_ignores_case_accents_and_quote_styles(tmp_path) -> None:
    text = "Russia’s claim.\nRUSSIA'S answer.\nCafé, cafe and CAFÉ – a “quote”."
    app = reader([Document.from_text(text)], tmp_path / "s.db", open_count=1)
    async with app.run_test(size=(80, 20)) as pilot:
        await settle(pilot)
        view, pane = app.reader.views[0], app.reader.panes[0]
        await pilot.press("slash", *"russia's", "enter")
        assert [text[s:e] for s, e in view.matches] == ["Russia’s", "RUSSIA'S"]
        assert "match 1 of 2" in pane.status_text().plain
        await pilot.press("slash", *'cafe - a "quote"', "enter")
        assert [text[s:e] for s, e in view.matches] == ["CAFÉ – a “quote”"]
        await pilot.press("slash", *"café", "enter")
        assert len(view.matches) == 3
        await pilot.press("w")  # off the match
        assert "3 matches" in pane.status_text().plain
        await pilot.press("escape")
        assert not view.matches and "match" not in pane.status_text().plain


async def test_matches_have_their_own_look_and_keep_entity_colours(
    sample_documents, analysed_db
) -> None:
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.reader.views[0]
        entity_colour = style_at(text_row(view, 0), "Vladimir Putin").color
        await pilot.press("slash", *"putin", "enter", "g", "v", "w")
        match = style_at(text_row(view, 0), "Putin")
        selected = style_at(text_row(view, 0), "MOSCOW")
        assert match.color == entity_colour and match.underline  # the entity shows through
        assert match.bgcolor != selected.bgcolor and not selected.underline


def test_the_reader_reads_analysis_progress_records_and_nothing_else() -> None:
    record = '{"done": 3, "total": 20, "words": 900, "words_per_second": 4100}'
    assert analysis_progress_record(record)["done"] == 3
    for line in ("Analysed 3/20 documents", "Error: no such store", "[1, 2]", '{"done": "3"}'):
        assert analysis_progress_record(line) is None


async def test_the_picker_never_reads_titles_as_markup(tmp_path) -> None:
    titles = [
        "Talks: what we know [/]",
        "[@click=app.quit]Click here",
        "[UPDATE] Peace talks resume",
    ]
    documents = [Document.from_text(f"{t}\nBody {n}.", title=t) for n, t in enumerate(titles)]
    app = reader(documents, tmp_path / "m.db", open_count=1)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("o", *"talks")  # a filter: the titles are highlighted
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        prompts = {
            options.get_option_at_index(i).prompt.plain: options.get_option_at_index(i).prompt
            for i in range(options.option_count)
        }
        update = next(p for text, p in prompts.items() if "[UPDATE] Peace talks resume" in text)
        start = update.plain.index("[UPDATE]")
        marked = [update.plain[span.start] for span in update.spans if span.style == "reverse"]
        assert "".join(marked).lower() == "talks"  # the matched letters, not shifted ones
        assert all(span.start >= start for span in update.spans if span.style == "reverse")
        assert any("Talks: what we know [/]" in text for text in prompts)
        await pilot.click(OptionList, offset=(20, 2))  # a click on "[@click=app.quit]…"
        await pilot.pause()
        assert app.is_running


async def test_bidirectional_controls_are_shown_as_markers_and_offsets_hold(tmp_path) -> None:
    text = "The minister said \u202eon deal\u202c today.\nIsolate \u2067x\u2069 and mark \u200f."
    document = Document.from_text(text, title="Title \u202etxet\u202c")
    app = reader([document], tmp_path / "b.db", open_count=1)
    async with app.run_test(size=(80, 20)) as pilot:
        await settle(pilot)
        view = app.reader.views[0]
        rows = [text_row(view, y).text.rstrip() for y in range(2)]
        assert rows == [
            "The minister said ¦on deal¦ today.",
            "Isolate ¦x¦ and mark ¦.",
        ]
        title = app.reader.panes[0].query_one(".pane-title").render_line(0).text
        assert "¦txet¦" in title and "\u202e" not in title
        view.select(0, text.index(" today"))  # a tag across the override
        await pilot.press("c", "A")
        prompt = str(app.reader.tags_panel.tag_list.prompt(0))
        assert "¦on deal¦" in prompt and not set(prompt) & set("\u202e\u202c")
        assert (
            app.reader.views[0].annotations[0].quote.count("\u202e") == 1
        )  # the text is as stored


async def test_notifications_show_escape_sequences_escaped(sample_documents, tmp_path) -> None:
    name = "bad\x1b]0;title\x07.txt"
    (tmp_path / name).write_bytes(b"\x00")
    app = reader(sample_documents[:2], tmp_path / "n.db", unread=[tmp_path / name])
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        shown = [str(n.message) for n in app._notifications]
        assert any("bad\\x1b]0;title\\x07.txt: binary file" in text for text in shown)
        assert not any("\x1b" in text or "\x07" in text for text in shown)


class CrashingApp(RecordingApp):
    """The real app with one more key whose action fails, as a bug would."""

    BINDINGS = [*RecordingApp.BINDINGS, ("ctrl+b", "fail", "Fail")]

    def action_fail(self) -> None:
        raise RuntimeError("boom")


async def test_an_unexpected_error_is_reported_not_printed(sample_documents, analysed_db) -> None:
    app = CrashingApp(Start(stable(sample_documents), db_path=analysed_db, model=DEFAULT_MODEL))
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+b")
    assert app.return_code == 1  # so `newsgloss read` exits non-zero
    assert app.crash_report.strip().endswith("RuntimeError: boom")


def test_matches_wrap_and_number_the_match_under_an_offset() -> None:
    matches = Matches([(2, 5), (10, 12), (20, 25)])
    assert [matches.first_from(o) for o in (0, 3, 11, 21)] == [2, 10, 20, 2]
    assert matches.next_start(10, 1) == 20 and matches.next_start(20, 1) == 2  # wraps
    assert matches.next_start(10, -1) == 2 and matches.next_start(2, -1) == 20
    assert [matches.number_at(o) for o in (1, 2, 4, 5, 11, 24, 25)] == [
        None, 1, 1, None, 2, 3, None,
    ]  # fmt: skip
    assert matches.touching(4, 11) == [(2, 5), (10, 12)] and matches.touching(5, 10) == []


async def test_open_in_a_new_pane_suggests_the_articles_sharing_passages_first(
    sample_documents, analysed_db
) -> None:
    a, b = sample_documents[3], sample_documents[4]  # two paraphrases of one report
    app = reader([a], analysed_db, open_count=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o")  # this pane: the stored order
        options = app.screen.query_one(OptionList)
        await settle(pilot)
        first = str(options.get_option_at_index(0).prompt)
        assert options.get_option_at_index(0).id != b.id and "shares" not in first
        await pilot.press("escape", "O")
        options = app.screen.query_one(OptionList)
        await settle(pilot)
        assert options.get_option_at_index(0).id == b.id
        assert "shares" in str(options.get_option_at_index(0).prompt)
        assert options.highlighted == 0
        await pilot.press("enter")
        await settle(pilot)
        assert [v.document.id for v in app.reader.views] == [a.id, b.id]


async def test_a_url_or_a_file_typed_into_the_picker_is_fetched_or_read_and_opened(
    sample_documents, analysed_db
) -> None:
    from http_server import serve

    server, base = serve()
    app = reader(sample_documents, analysed_db)
    try:
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await settle(pilot)
            await pilot.press("o")
            app.screen.query_one(Input).value = f"{base}/article"
            await pilot.pause()
            first = app.screen.query_one(OptionList).get_option_at_index(0)
            assert str(first.prompt).startswith("Fetch and open http://127.0.0.1")
            await pilot.press("enter")
            await settle(pilot)
            assert app.reader.views[0].document.title == "Floods close schools", app.messages
            page = Path(__file__).parents[1] / "data" / "pages" / "cyrillic-1251.html"
            await pilot.press("O")
            app.screen.query_one(Input).value = str(page)
            await pilot.press("enter")
            await settle(pilot)
            titles = [v.document.title for v in app.reader.views]
            assert "Переговоры возобновятся в Стамбуле" in titles
            await pilot.press("o")
            app.screen.query_one(Input).value = f"{base}/missing"
            await pilot.press("enter")
            await settle(pilot)
            assert f"{base}/missing: HTTP 404 Not Found" in app.messages[-1]
            assert app.reader.views[0].document.title == "Floods close schools"  # unchanged
    finally:
        server.shutdown()


async def test_a_pasted_url_is_shown_in_the_picker_with_its_escapes_made_harmless(
    sample_documents, analysed_db
) -> None:
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        app.screen.query_one(Input).value = "https://example.org/a\x1b]52;c;aGk=\x07b"
        await pilot.pause()
        prompt = str(app.screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert prompt.startswith("Fetch and open https://example.org/a")
        assert "\x1b" not in prompt and "\x07" not in prompt
