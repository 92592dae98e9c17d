"""The ``E`` index of names and the ``R`` correction dialog through Pilot."""

from __future__ import annotations

from reader_helpers import answered, reader, settle
from textual.widgets import OptionList, Static

from newsgloss.annotations import Store, api
from newsgloss.tui.screens.correction import CorrectionScreen
from newsgloss.tui.screens.names import MentionsScreen, NamesScreen


async def test_e_lists_names_merged_undoes_a_merge_and_opens_a_mention(
    sample_documents, analysed_db
):
    app = reader(sample_documents[:2], analysed_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("E")
        screen = app.screen
        assert isinstance(screen, NamesScreen)
        await answered(pilot)
        assert screen.shown[0].name == "Ukraine"  # most articles first
        await pilot.press(*"arakh")
        (name,) = screen.shown
        assert set(name.spellings) == {"David Arakhamia", "Davyd Arakhamia"}
        detail = str(screen.query_one("#names-detail", Static).render())
        assert "spelled alike" in detail
        await pilot.press("ctrl+b")  # listed apart
        await answered(pilot)
        assert sorted(n.name for n in screen.shown) == ["David Arakhamia", "Davyd Arakhamia"]
        await pilot.press("ctrl+z")  # and merged again
        await answered(pilot)
        assert len(screen.shown) == 1
        await pilot.press("enter")
        await answered(pilot)
        mentions = app.screen
        assert isinstance(mentions, MentionsScreen)
        assert mentions.query_one(OptionList).option_count == 3
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.screen is app.reader
        mention = mentions.found[1][0]
        view = app.reader.current_pane().view
        assert (view.document.id, view.cursor) == (mention.doc_id, mention.start)
        assert view.entity_at(view.cursor).text == mention.text


async def test_mentions_of_a_name_in_many_articles_say_where_they_stop(
    sample_documents, analysed_db, monkeypatch
):
    from newsgloss.tui.screens import names

    monkeypatch.setattr(names, "ARTICLES", 2)
    app = reader(sample_documents[:2], analysed_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("E")
        await answered(pilot)
        await pilot.press(*"putin", "enter")
        await answered(pilot)
        mentions = app.screen
        assert isinstance(mentions, MentionsScreen)
        assert len({mention.doc_id for mention, *_ in mentions.found}) == 2
        heading = str(mentions.query_one("#mentions-heading").render())
        assert "in 5 articles" in heading and "those in the first 2 articles" in heading


async def test_r_fixes_kyiv_everywhere_and_makes_a_selection_an_entity(
    sample_documents, analysed_db
):
    istanbul = next(d for d in sample_documents if "Yury Ushakov" in d.text)
    app = reader([istanbul], analysed_db, open_count=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.reader.current_pane().view
        kyiv = istanbul.text.index("Kyiv")
        view.move_to(kyiv)
        assert view.entity_at(kyiv).label == "PERSON"
        await pilot.press("R")
        dialog = app.screen
        assert isinstance(dialog, CorrectionScreen)
        await pilot.press("down", "enter")  # PERSON is left out: ORG, then GPE
        await settle(pilot)
        assert app.screen is app.reader
        assert view.entity_at(kyiv).label == "GPE"
        later = istanbul.text.index("Kyiv", kyiv + 1)
        assert view.entity_at(later).label == "GPE"  # everywhere
        # A selection made an entity, here only (tab).
        yury = istanbul.text.index("Yury Ushakov")
        view.move_to(yury)
        await pilot.press("v", *"w" * 2, "R")
        assert view.selection_range() is None or isinstance(app.screen, CorrectionScreen)
        await pilot.press("tab", "enter")  # here only; the first label, PERSON
        await settle(pilot)
        entity = view.entity_at(yury)
        assert (entity.start, entity.end, entity.label) == (yury, yury + 12, "PERSON")
        assert any("everywhere" in m for m in app.messages)
    with Store.open(analysed_db) as store:
        rules = {(r.text, r.label, r.doc_id) for r in api.correction_rules(store)}
    assert rules == {("Kyiv", "GPE", None), ("Yury Ushakov", "PERSON", istanbul.id)}


async def test_r_with_nothing_to_correct_says_so(sample_documents, analysed_db):
    app = reader(sample_documents[:1], analysed_db, open_count=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.reader.current_pane().view.move_to(len(sample_documents[0].text) - 1)
        await pilot.press("R")
        assert app.screen is app.reader
        assert any("Put the cursor on an entity" in m for m in app.messages)
