"""Annotating in the reader, through Pilot, against a real store file and real analyses.

Stored tags are always read back through a second connection, so a test only passes
when the tag was committed, not merely held by the app.
"""

from __future__ import annotations

import itertools
import json

import pytest
from reader_helpers import reader, settle, style_at, text_row
from textual.color import Color
from textual.widgets import Input, Label, TextArea

from newsgloss.annotations import Annotation, Store
from newsgloss.annotations.jsonl_export import export_lines
from newsgloss.annotations.model import default_annotator
from newsgloss.corpus import Document
from newsgloss.tui.article.canvas import GUTTER
from newsgloss.tui.reader.tagging import citation, default_export_path
from newsgloss.tui.tags.dialogs import ChooseTagScreen, ExportScreen, NoteScreen
from newsgloss.tui.tags.lines import quoted
from newsgloss.tui.tags.panel import TagsPanel
from newsgloss.tui.widgets.footer import ReaderFooter

FIRST_SENTENCE = (0, 333)  # the analysis's first sentence of the first seed article


def stored(db) -> list[tuple]:
    with Store.open(db) as store:
        return [(a.start, a.end, a.label, a.note) for a in store.annotations()]


async def test_c_a_d_tag_the_sentence_under_the_cursor(sample_documents, analysed_db) -> None:
    app = reader(sample_documents, analysed_db, annotator="Ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.reader.views[0]
        await pilot.press("c", "a")
        await pilot.press("right_parenthesis", "d")
        second = view.entities.sentences[1]
        assert stored(analysed_db) == [
            (0, 333, "attribution", ""),
            (0, 333, "claim", ""),
            (*second, "disputed", ""),
        ]
        with Store.open(analysed_db) as store:
            tag = store.annotations()[0]
        assert tag.quote == view.text[0:333] and tag.annotator == "Ann"
        await pilot.press("g")
        status = " ".join(app.reader.panes[0].status_text().plain.split())
        assert "attribution claim" in status


async def test_v_and_motions_select_across_paragraphs_and_trim(
    sample_documents, analysed_db
) -> None:
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.reader.views[0]
        await pilot.press("v", "right_curly_bracket", "right_curly_bracket")
        assert view.selection_range() == (0, view.cursor)
        assert "\n" in view.text[0 : view.cursor]  # two paragraphs
        assert "selecting" in app.reader.panes[0].status_text().plain
        await pilot.press("c")
        ((start, end, label, _),) = stored(analysed_db)
        assert (start, label) == (0, "claim")
        assert not view.text[end - 1].isspace() and view.text[end].isspace()
        assert view.selection_range() is None  # a tag clears the selection
        await pilot.press("v", "a")  # an anchor without a span: the sentence, and no anchor left
        assert view.anchor is None and len(stored(analysed_db)) == 2


async def test_s_e_and_escape_select_and_clear(sample_documents, analysed_db) -> None:
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.reader.views[0]
        await pilot.press("w", "w", "s")
        assert view.selection_range() == FIRST_SENTENCE
        await pilot.press("escape")
        assert view.selection_range() is None
        await pilot.press("g", "e")
        assert view.text[slice(*view.selection_range())] == "MOSCOW"
        await pilot.press("v")  # v again drops the selection, as in vim
        assert view.selection_range() is None and view.anchor is None


async def test_overlapping_tags_stay_distinct_over_entities(sample_documents, analysed_db) -> None:
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.reader.views[0]
        await pilot.press("c", "e", "d")
        row = text_row(view, 0)
        overlapped = style_at(row, "OSCOW")  # both tags (the cursor is on the M)
        alone = style_at(row, "Russian")  # the claim only
        assert overlapped.underline and not alone.underline
        assert overlapped.bgcolor != alone.bgcolor  # the shorter tag is on top
        russian = view.entity_at(9)
        assert alone.color == view.highlighting.style(russian.label).color  # entities kept


async def test_x_asks_which_tag_when_several_overlap(sample_documents, analysed_db) -> None:
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c", "e", "d")
        assert app.reader.views[0].cursor == 0  # back at the start of the new tag
        await pilot.press("x")
        assert isinstance(app.screen, ChooseTagScreen)
        await pilot.press("c")  # a dialog takes the keys: nothing is tagged behind it
        await pilot.press("enter")  # the first offered is the shortest: disputed "MOSCOW"
        assert stored(analysed_db) == [(0, 333, "claim", "")]
        await pilot.press("x")  # one tag left: deleted without asking
        assert stored(analysed_db) == []
        await pilot.press("x")
        assert "No tag under the cursor" in app.messages


async def test_enter_writes_a_note_of_several_lines_and_escape_cancels(
    sample_documents, analysed_db
) -> None:
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c", "enter")
        assert isinstance(app.screen, NoteScreen)
        await pilot.press(*"needs a source", "enter", *"ask Reuters", "ctrl+s")
        assert stored(analysed_db) == [(0, 333, "claim", "needs a source\nask Reuters")]
        await pilot.press("enter")
        assert app.screen.query_one(TextArea).text == "needs a source\nask Reuters"
        await pilot.press("backspace", "escape")
        assert stored(analysed_db) == [(0, 333, "claim", "needs a source\nask Reuters")]
        assert "✎" in app.reader.panes[0].status_text().plain
        await pilot.press("A")  # the panel shows the note's first line
        prompt = app.query_one(TagsPanel).tag_list.prompt(0)
        assert "✎ needs a source" in str(prompt) and "Reuters" not in str(prompt)


async def test_u_and_ctrl_r_undo_and_redo(sample_documents, analysed_db) -> None:
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c", "enter", *"n", "ctrl+s", "x")
        assert stored(analysed_db) == []
        await pilot.press("u")
        assert stored(analysed_db) == [(0, 333, "claim", "n")]
        await pilot.press("u", "u")
        assert stored(analysed_db) == [] and app.reader.views[0].annotations == []
        await pilot.press("u")
        assert "Nothing to undo" in app.messages
        await pilot.press("ctrl+r", "ctrl+r")
        assert stored(analysed_db) == [(0, 333, "claim", "n")]
        assert [a.note for a in app.reader.views[0].annotations] == ["n"]


async def test_brackets_jump_between_tags(sample_documents, analysed_db) -> None:
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.reader.views[0]
        await pilot.press("right_parenthesis", "right_parenthesis", "a", "G", "c", "g")
        starts = [a.start for a in view.annotations]
        await pilot.press("right_square_bracket")
        assert view.cursor == starts[0]
        await pilot.press("right_square_bracket")
        assert view.cursor == starts[1]
        await pilot.press("left_square_bracket")
        assert view.cursor == starts[0]


async def test_a_pane_showing_the_same_document_updates_at_once(
    sample_documents, analysed_db
) -> None:
    same = [sample_documents[0], sample_documents[0]]
    app = reader(same, analysed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        assert [a.label for a in app.reader.views[1].annotations] == ["claim"]
        await pilot.press("tab", "x")
        assert app.reader.views[0].annotations == [] and stored(analysed_db) == []


async def test_y_copies_the_quote_with_title_and_source(sample_documents, analysed_db) -> None:
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.reader.views[0]
        await pilot.press("e", "y")
        expected = citation("MOSCOW", view.document.title, view.document.source)
        message = app._notifications.last.message if hasattr(app._notifications, "last") else ""
        messages = app.messages or [message]
        if "OSC 52" in messages[-1]:  # no clipboard program on this machine
            assert app.clipboard == expected
        else:
            import pyperclip

            assert pyperclip.paste() == expected
        assert f"{len(expected)} characters" in messages[-1]


async def test_ctrl_e_exports_what_newsgloss_export_writes(
    sample_documents, analysed_db, tmp_path
) -> None:
    app = reader(sample_documents, analysed_db)
    target = tmp_path / "out.jsonl"
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c", "tab", "a", "ctrl+e")
        assert isinstance(app.screen, ExportScreen)
        field = app.screen.query_one(Input)
        assert field.value == str(default_export_path())
        field.value = str(tmp_path / "no" / "such" / "folder.jsonl")
        await pilot.press("enter")  # cannot be written: the dialog stays, saying why
        await settle(pilot)  # the dialog's worker writes
        assert isinstance(app.screen, ExportScreen)
        assert "cannot write" in str(app.screen.query_one("#export-error", Label).render())
        field.value = str(target)
        await pilot.press("enter")
        await settle(pilot)
        assert f"Wrote 2 annotations to {target}" in app.messages
        assert not isinstance(app.screen, ExportScreen)
    with Store.open(analysed_db) as store:
        assert target.read_text(encoding="utf-8") == "".join(export_lines(store))
    lines = [json.loads(line) for line in target.read_text().splitlines()]
    assert sorted(line["label"] for line in lines) == ["attribution", "claim"]


async def test_the_tags_panel_lists_jumps_relabels_and_deletes(
    sample_documents, analysed_db
) -> None:
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        view = app.reader.views[0]
        await pilot.press("c", "right_parenthesis", "a", "g", "A")
        panel = app.query_one(TagsPanel)
        options = panel.tag_list
        assert panel.display and app.focused is options and options.count == 2
        await pilot.press("down", "enter")
        assert app.focused is view and view.cursor == 334
        await pilot.press("A", "A", "d")  # off, on again at the tag under the cursor: relabel
        assert [row[2] for row in stored(analysed_db)] == ["claim", "disputed"]
        await pilot.press("x")
        assert [row[2] for row in stored(analysed_db)] == ["claim"]
        assert options.count == 1
        await pilot.press("escape")
        assert app.focused is view
        await pilot.press("u")  # the panel's changes undo like any other
        assert len(stored(analysed_db)) == 2


async def test_the_tags_panel_lists_one_label_or_one_annotator(
    sample_documents, analysed_db
) -> None:
    document = sample_documents[0]
    with Store.open(analysed_db) as store:  # a colleague's tags beside Ann's
        store.add_annotation(Annotation.create(document, 0, 40, "claim", annotator="Bob"))
        store.add_annotation(Annotation.create(document, 334, 400, "disputed", annotator="Bob"))
    app = reader(sample_documents, analysed_db, annotator="Ann")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c", "A")  # Ann's claim on the lead sentence, around Bob's
        panel = app.query_one(TagsPanel)
        assert [(a.label, a.annotator) for a in panel.annotations] == [
            ("claim", "Bob"), ("claim", "Ann"), ("disputed", "Bob")]  # fmt: skip
        await pilot.press("ctrl+n")  # the first annotator: Ann
        assert [a.annotator for a in panel.annotations] == ["Ann"]
        assert "1 of 3 tags (by Ann)" in str(panel.query_one(".panel-title").render())
        await pilot.press("ctrl+n", "ctrl+l")  # Bob, then his claims only
        assert [(a.label, a.annotator) for a in panel.annotations] == [("claim", "Bob")]
        await pilot.press("x")  # what is listed is what x deletes
        await pilot.press("ctrl+n", "ctrl+l", "ctrl+l")  # everyone, every label
        assert [(a.label, a.annotator) for a in panel.annotations] == [
            ("claim", "Ann"), ("disputed", "Bob")]  # fmt: skip


def test_the_annotator_comes_from_the_config_else_the_login() -> None:
    assert default_annotator("Grace") == "Grace"
    assert default_annotator()  # the login name (or "unknown" without one)


async def test_two_readers_on_one_store_see_each_others_tags_on_reopening(
    sample_documents, analysed_db
) -> None:
    first, second = reader(sample_documents, analysed_db), reader(sample_documents, analysed_db)
    async with first.run_test(size=(120, 40)) as one, second.run_test(size=(120, 40)) as two:
        await settle(one)
        await settle(two)
        await one.press("c")
        await two.press("right_parenthesis", "d", "g", "a")
        assert [row[2] for row in stored(analysed_db)] == ["attribution", "claim", "disputed"]
        assert first.messages == [] and second.messages == []  # no lock or store errors
        await one.press("o", "enter")  # reopen the first document (first in the picker)
        await settle(one)
        labels = sorted(a.label for a in first.reader.views[0].annotations)
        assert labels == ["attribution", "claim", "disputed"]


async def test_the_export_dialog_writes_the_documents_format(
    sample_documents, analysed_db, tmp_path
) -> None:
    app = reader(sample_documents, analysed_db)
    target = tmp_path / "docs.jsonl"
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c", "ctrl+e")
        app.screen.query_one(Input).value = str(target)
        await pilot.press("tab", "down", "enter")  # the second format; focus returns to the path
        assert isinstance(app.focused, Input)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+e", "escape")  # a cancelled export writes nothing new
    lines = [json.loads(line) for line in target.read_text().splitlines()]
    assert len(lines) == 5 and sum(len(line["spans"]) for line in lines) == 1
    assert all(line["entities"] for line in lines)  # from the cache


async def test_the_export_dialog_writes_a_brat_folder(sample_documents, analysed_db, tmp_path):
    from textual.widgets import RadioSet

    from newsgloss.annotations.formats import FORMATS

    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c", "ctrl+e")
        path = app.screen.query_one(Input)
        path.value = str(tmp_path / "tags.jsonl")
        await pilot.press("tab", *["down"] * list(FORMATS).index("brat"), "enter")
        assert app.screen.query_one(RadioSet).pressed_button.name == "brat"
        assert path.value == str(tmp_path / "tags")  # a folder: no suffix
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.reader
    assert sorted(p.suffix for p in (tmp_path / "tags").iterdir()) == [".ann", ".conf", ".txt"]


async def test_a_mouse_drag_then_d_tags_what_was_dragged_over(
    sample_documents, analysed_db
) -> None:
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        view = app.reader.views[1]
        padding = view.styles.padding.left + GUTTER  # the first cell of text
        await pilot.mouse_down(view, offset=(padding, 0))
        await pilot.hover(view, offset=(padding + 6, 0))
        await pilot.mouse_up(view, offset=(padding + 6, 0))
        await pilot.press("d")
        ((start, end, label, _),) = stored(analysed_db)
        assert (start, label) == (0, "disputed") and view.text[start:end] == "Moscow"


@pytest.mark.parametrize("size", [(80, 24), (60, 15)])
async def test_the_tags_panel_fits_small_terminals(sample_documents, analysed_db, size) -> None:
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        view = app.reader.views[0]
        await pilot.press("c", "right_parenthesis", "a", "g", "A")
        panel = app.query_one(TagsPanel)
        options = panel.tag_list
        if size[0] >= 80:  # beside the article, which keeps room for its text
            assert panel.region.width >= 30 and not panel.full
            assert view.region.width >= 40
        else:  # the whole screen while it is open
            assert panel.full and panel.region.width == size[0]
        footer = app.query_one(ReaderFooter)
        assert panel.query_one(".panel-help").region.bottom <= footer.region.y  # not under it
        assert panel.region.right <= size[0]
        title = panel.query_one(".panel-title").render_line(0).text.rstrip()
        assert title.endswith("…")  # the title is cut with an ellipsis, not wrapped
        assert options.styles.scrollbar_gutter == "stable"  # the scrollbar covers no text
        await pilot.press("j")
        assert options.highlighted == 1
        await pilot.press("k")
        assert options.highlighted == 0
        await pilot.press("j", "enter")
        assert app.focused is view and view.cursor == 334
        assert panel.display is (size[0] >= 80)  # a full-screen panel gets out of the way


def test_a_quote_that_starts_with_a_quotation_mark_is_not_quoted_twice() -> None:
    assert quoted("“We will not give in,” he said") == "“We will not give in,” he said”"
    assert quoted("“We will not give in.”") == "“We will not give in.”"
    assert quoted("plain words") == "“plain words”"
    assert quoted('"Straight," she said.') == '"Straight," she said.”'


async def test_every_theme_keeps_tags_apart_from_the_page_and_from_each_other(
    sample_documents, analysed_db
) -> None:
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("c", "A")
        for name in sorted(app.available_themes):
            app.theme = name
            await pilot.pause()
            view = app.reader.views[0]
            page = Color.from_rich_color(view.visual_style.rich_style.bgcolor)
            tags = {
                label: Color.from_rich_color(app.reader.highlighting.tag(label).bgcolor)
                for label in ("claim", "attribution", "disputed")
            }
            for label, colour in tags.items():
                assert distance(colour, page) >= 40, (name, label, colour.hex, page.hex)
            for first, second in itertools.combinations(tags, 2):
                assert distance(tags[first], tags[second]) >= 40, (name, first, second)
            chip = app.query_one(TagsPanel).tag_list.prompt(0)
            assert Color.from_rich_color(chip.spans[0].style.bgcolor) == tags["claim"], name


def distance(first: Color, second: Color) -> float:
    return sum((a - b) ** 2 for a, b in zip(first.rgb, second.rgb, strict=True)) ** 0.5


async def test_messages_name_the_passage_who_tagged_it_and_the_article(
    sample_documents, analysed_db
) -> None:
    app = reader(sample_documents, analysed_db, annotator="Ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        with Store.open(analysed_db) as other:  # another reader tags the second sentence
            other.add_annotation(
                Annotation.create(sample_documents[0], 334, 520, "claim", annotator="Bob")
            )
        await pilot.press("c", "c")  # the first sentence, twice
        passage = "“MOSCOW — Russian President Vladimir Putin…”"
        assert app.messages[-1] == f"{passage} is already tagged claim (tagged by Ann)"
        second = sample_documents[0].text[334:520]
        app.reader.views[0].select(334, 520)
        await pilot.press("c")  # Bob's claim there: Ann's own is another tag, to compare
        with Store.open(analysed_db) as store:
            claims = store.annotations([sample_documents[0].id], ["claim"])
        assert [(t.start, t.annotator) for t in claims if t.start == 334] == [
            (334, "Ann"), (334, "Bob")]  # fmt: skip
        await pilot.press("o", *"istanbul talks", "enter")  # another article in this pane
        await settle(pilot)
        await pilot.press("u")
        title = sample_documents[0].title
        shown = "“" + " ".join(second.split()[:6])
        assert app.messages[-1].startswith(f"Undone: tagged {shown}")
        assert app.messages[-1].endswith(f"claim in “{title}” (not on screen)")


async def test_tags_changed_in_place_match_a_full_reload(tmp_path) -> None:
    """Random adds, deletes and relabels applied one by one give the same tags, in the
    same order, as reading them all again; the tags at each offset are found too."""
    import random

    document = Document.from_text("word " * 400)
    app = reader([document], tmp_path / "t.db", open_count=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.reader.views[0]
        chance = random.Random(7)
        held: dict[str, Annotation] = {}
        for _ in range(300):
            if held and chance.random() < 0.4:
                before = held.pop(chance.choice(sorted(held)))
                after = None
                if chance.random() < 0.5:  # a relabel keeps the id
                    after = before.changed(label=chance.choice(["claim", "disputed", "x"]))
                    if (after.start, after.end, after.label) in {
                        (a.start, a.end, a.label) for a in held.values()
                    }:
                        after = None
                if after is not None:
                    held[after.id] = after
            else:
                start = chance.randrange(0, 1900)
                end = start + chance.choice([1, 5, 40, 900])  # some very long tags
                before, after = None, Annotation.create(document, start, min(end, 2000), "a")
                if (after.start, after.end, "a") in {
                    (a.start, a.end, a.label) for a in held.values()
                }:
                    continue
                held[after.id] = after
            view.change_annotation(before, after)
        expected = sorted(held.values(), key=lambda a: (a.start, a.end, a.label))
        assert view.annotations == expected
        for offset in range(0, 2000, 37):
            covering = sorted(
                (a for a in expected if a.start <= offset < a.end), key=lambda a: a.end - a.start
            )
            assert [a.id for a in view.annotations_at(offset)] == [a.id for a in covering]


async def test_a_stored_label_with_an_escape_is_drawn_harmless(
    sample_documents, analysed_db
) -> None:
    """A label from an older version (or the API) may hold an escape: never drawn raw."""
    with Store.open(analysed_db) as store:
        hostile = Annotation.create(sample_documents[0], 0, 6, "claim\x1b]52;c;aGk=\x07")
        store.add_annotation(hostile.changed(note="n\x1b[2J"))
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("A")
        prompt = str(app.reader.tags_panel.tag_list.prompt(0))
        status = app.reader.panes[0].status_text().plain
        for shown in (prompt, status):
            assert "\x1b" not in shown and "\x07" not in shown
        assert "claim\ufffd]52;c;aGk=\ufffd" in status
