"""A desk's own label set, keymap and session, driven through the real reader (Pilot)
against a real store file: the issue's "done when", end to end."""

from __future__ import annotations

from pathlib import Path

from reader_helpers import palette, reader, settle
from textual.color import Color
from textual.screen import Screen

from newsgloss.annotations import Store, api
from newsgloss.annotations.labels import Label
from newsgloss.annotations.rows import peek_session
from newsgloss.tui.screens.help import HelpScreen
from newsgloss.tui.tags.panel import TagsPanel
from newsgloss.tui.widgets.footer import ReaderFooter
from newsgloss.tui.widgets.legend import Legend

DESK = (
    Label("misleading", "X", "#ff8800", "True facts, false impression"),
    Label("needs-source", "u", "#00aaff"),  # "u" is free: undo moved to "z"
    Label("satire", "I", "#b36bff"),
    Label("engañoso", "r", "#ff3b4e"),  # a non-ASCII name
    Label("fabricated", "p", "#22b455"),
)
KEYMAP = {"tag-undo": "z"}


def stored(db: Path) -> list[tuple[int, str]]:
    with Store.open(db) as store:
        return [(a.start, a.label) for a in store.annotations()]


async def test_a_desks_labels_tag_relabel_merge_export_and_import(
    sample_documents, tmp_path
) -> None:
    db = tmp_path / "desk.db"
    app = reader(sample_documents, db, keymap=KEYMAP, labels=DESK, annotator="Ana")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.reader.labels == list(DESK)
        for key in "XurIp":  # each label's key tags the sentence under the cursor
            await pilot.press(key, "right_parenthesis")
        assert [label for _, label in sorted(stored(db))] == [
            "misleading", "needs-source", "engañoso", "satire", "fabricated",
        ]  # fmt: skip
        starts = [start for start, _ in sorted(stored(db))]
        legend = app.query_one(Legend).legend(200).plain
        assert "X misleading" in legend and "r engañoso" in legend
        await pilot.press("z")  # undo, remapped
        assert len(stored(db)) == 4 and "Undone: tagged" in app.messages[-1]
        footer = {k.key for k in app.query_one(ReaderFooter).walk_children() if hasattr(k, "key")}
        assert "z" in footer and "u" not in footer  # the keys actually bound
        await pilot.press("g", "A")  # the panel, on the first tag
        panel = app.query_one(TagsPanel)
        await pilot.press("r")  # a label's key relabels there
        assert sorted(stored(db))[0] == (starts[0], "engañoso")
        await pilot.press("escape")
        with Store.open(db) as other:  # another process merges, and adds a label
            assert other.labels.merge("satire", "engañoso") == (1, 0)
            other.labels.add(Label("nuevo", "1", "#123"))
        await pilot.press("o", "enter")  # reopening the document reads the labels again
        await settle(pilot)
        assert [label.name for label in app.reader.labels][-1] == "nuevo"
        assert "satire" not in panel.label_keys.values()
        await pilot.press("g", "1")
        assert "nuevo" in {label for _, label in stored(db)}
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert any("engañoso" in str(row) for row in app.screen.labels)
        undo = next(b for b in app.screen.bindings if b.id == "tag-undo")
        assert undo.key == "z"
        await pilot.press("escape")
    export = tmp_path / "desk.jsonl"
    with Store.open(db) as store:
        assert len(store.annotations()) == 5
        assert api.export(store, "documents", export) == 5  # the documents, with their tags
    fresh, _ = api.open_store(tmp_path / "fresh.db", create=True)
    with fresh:
        summary = api.import_file(fresh, export)
        assert summary.counts.added == 5
        # the labels in use (misleading was relabelled, fabricated undone) join the defaults
        assert sorted(summary.labels_added) == ["engañoso", "needs-source", "nuevo"]
        assert sorted(a.label for a in fresh.annotations()) == [
            "engañoso", "engañoso", "engañoso", "needs-source", "nuevo",
        ]  # fmt: skip


async def test_a_full_screen_view_keeps_the_readers_keys_from_acting_behind_it(
    sample_documents, analysed_db
) -> None:
    app = reader(sample_documents, analysed_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await app.push_screen(Screen())
        await pilot.press("c", "x", "u", "j")
        app.pop_screen()
        await pilot.pause()
        assert stored(analysed_db) == [] and app.reader.views[0].cursor == 0


async def test_the_reader_comes_back_as_it_was_left(sample_documents, tmp_path) -> None:
    db = tmp_path / "session.db"
    app = reader(sample_documents, db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "G", "t")  # the second pane, at its end; entities off
        app.theme = "nord"
        await pilot.press("q")
    session, documents = peek_session(db)
    assert [d.id for d in documents] == [d.id for d in sample_documents[:2]]
    again = reader(documents, db, session=session)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        second = again.reader.views[1]
        assert again.focused is second and second.cursor == len(second.text)
        assert second.scroll_offset.y == second.max_scroll_y > 0
        assert again.theme == "nord" and not again.reader.highlighting.enabled


async def test_the_palette_shows_the_keys_bound_and_tags_with_each_label(
    sample_documents, tmp_path
) -> None:
    db = tmp_path / "palette.db"
    app = reader(sample_documents, db, keymap=KEYMAP, labels=DESK)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "Undo\nkey: z" in await palette(pilot, "undo")
        await pilot.press("escape")
        assert "Tag as engañoso\nkey: r" in await palette(pilot, "tag as enga")
        await pilot.press("enter")  # runs it: the sentence under the cursor is tagged
        await pilot.pause()
        assert stored(db) == [(0, "engañoso")]


async def test_the_palette_shows_label_names_as_text_never_as_markup(
    sample_documents, tmp_path
) -> None:
    hostile = (
        Label("[@click=app.quit]q[/]", "1", "#ff0000"),
        Label("rev\u202eesrever", "2", "#00ff00"),
    )
    app = reader(sample_documents, tmp_path / "hostile.db", labels=hostile)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        hits = await palette(pilot, "tag as")
        assert "Tag as [@click=app.quit]q[/]\nkey: 1" in hits
        assert "Tag as rev¦esrever\nkey: 2" in hits  # the bidi control shown as a marker
        assert not any("\u202e" in hit for hit in hits)
        await pilot.press("escape")  # an empty query lists every reader action
        everything = await palette(pilot, "")
        assert len(everything) > 30 and any(h.startswith("Next sentence") for h in everything)
        await pilot.press("escape")
        assert app.is_running


async def test_any_colour_a_user_picks_stays_apart_from_the_page_in_every_theme(
    sample_documents, tmp_path
) -> None:
    extremes = tuple(
        Label(f"l{i}", "", colour) for i, colour in enumerate(
            ("#000000", "#ffffff", "#111111", "#eeeeee", "#ffff00", "#000080", "#808080")
        )
    )  # fmt: skip
    app = reader(sample_documents, tmp_path / "colours.db", labels=extremes)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for name in sorted(app.available_themes):
            app.theme = name
            await pilot.pause()
            view = app.reader.views[0]
            page = Color.from_rich_color(view.visual_style.rich_style.bgcolor)
            for label in extremes:
                tag = Color.from_rich_color(app.reader.highlighting.tag(label.name).bgcolor)
                distance = sum((a - b) ** 2 for a, b in zip(tag.rgb, page.rgb, strict=True))
                assert distance**0.5 >= 40, (name, label.colour, tag.hex, page.hex)


async def test_a_label_whose_key_a_new_keymap_took_is_said_and_does_not_tag(
    sample_documents, tmp_path
) -> None:
    db = tmp_path / "shadow.db"
    with Store.open(db) as store:
        store.labels.add(Label("satire", "z", "#b36bff"))  # before undo moved to z
    app = reader(sample_documents, db, keymap=KEYMAP)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert any("satire's key z is the reader's key for 'Undo'" in m for m in app.messages)
        await pilot.press("c", "z")  # tag, then undo: z does not also tag satire
        assert stored(db) == []
