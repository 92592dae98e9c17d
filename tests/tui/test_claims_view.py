"""The claims view (C) in the real reader: claims found across the stored articles, a
tag copied to its counterparts and undone, and a claim opened side by side."""

from __future__ import annotations

import asyncio

from reader_helpers import reader, settle
from textual import events
from textual.widgets import SelectionList

from newsgloss.annotations import Annotation, Store
from newsgloss.annotations.api import SURE
from newsgloss.corpus import Document
from newsgloss.tui.claims.copy_tags import CopyTagsScreen
from newsgloss.tui.claims.screen import ClaimsScreen


async def open_claims(pilot) -> ClaimsScreen:
    await pilot.press("C")
    screen = pilot.app.screen
    assert isinstance(screen, ClaimsScreen)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return screen


async def test_a_claim_is_copied_to_its_counterpart_undone_and_opened(
    sample_documents, analysed_db
) -> None:
    a, b = sample_documents[3], sample_documents[4]  # two paraphrases of one report
    app = reader([a, b], analysed_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        left = app.reader.views[0]
        left.move_to(a.text.index("Kremlin aide Yury Ushakov"))
        await pilot.press("c")  # tag the sentence a claim
        screen = await open_claims(pilot)
        claim = screen.highlighted()
        assert [p.doc_id for p in claim.passages][:1] == [a.id] and b.id in [
            p.doc_id for p in claim.passages
        ]  # and the outlets that state it in other words
        assert [bool(p.tags) for p in claim.passages] == [True] + [False] * (
            len(claim.passages) - 1
        )
        detail = screen.query_one("#claims-detail").render().plain
        assert "untagged here" in detail and b.title[:20] in detail
        assert "themoscowtimes.com · https://www.themoscowtimes.com/2025/05/12/" in detail

        await pilot.press("y")  # which counterparts receive the tag?
        checklist = app.screen
        assert isinstance(checklist, CopyTagsScreen)
        choices = checklist.query_one(SelectionList)
        sure = [i for i, (p, _) in enumerate(checklist.missing) if p.kind in SURE]
        assert sorted(choices.selected) == sure and sure  # same and confirmed: ticked
        assert len(sure) < len(checklist.missing)  # related ones: not
        choices.select_all()
        await pilot.press("y")  # copy the tag to every counterpart ticked
        await settle(pilot)
        others = claim.passages[1:]
        on_b = next(p for p in others if p.doc_id == b.id)
        with Store.open(analysed_db) as store:
            copied = store.annotations([b.id])
            assert len(store.annotations()) == 1 + len(others)
        assert [(x.label, x.quote) for x in copied] == [("claim", on_b.text)]
        now = {(p.doc_id, p.start): p for p in screen.highlighted().passages}
        assert all(now[p.doc_id, p.start].tags for p in claim.passages)  # the same claim, tagged
        plural = "s" * (len(others) != 1)
        assert f"Tagged {len(others)} counterpart passage{plural} claim" in app.messages[-1]

        for _ in others:  # each a normal annotation: undone like any other
            await pilot.press("u")
        await settle(pilot)
        with Store.open(analysed_db) as store:
            assert [x.doc_id for x in store.annotations()] == [a.id]
        await pilot.press("y")  # copied again
        app.screen.query_one(SelectionList).select_all()
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("y")  # nothing left to copy
        assert "Every article" in app.messages[-1]
        with Store.open(analysed_db) as store:
            assert len(store.annotations()) == 1 + len(others)

        claim = screen.highlighted()  # found again: all tagged now, in stored order
        before = [(v.document.id, v.cursor) for v in app.reader.views]
        await pilot.press("enter")  # the claim side by side, each cursor on its passage
        await settle(pilot)
        assert app.screen is app.reader
        views = app.reader.views
        assert [v.document.id for v in views] == [p.doc_id for p in claim.passages][:4]
        assert [v.cursor for v in views] == [p.start for p in claim.passages][:4]
        assert all(v.annotations for v in views)  # each opened on a tagged passage
        assert views[1].counterparts  # the counterpart lights up
        await pilot.press("ctrl+o")  # back to the panes open before
        await settle(pilot)
        assert [(v.document.id, v.cursor) for v in app.reader.views] == before


async def test_filters_keep_claims_whole_and_say_so(sample_documents, analysed_db) -> None:
    a, b = sample_documents[3], sample_documents[4]
    with Store.open(analysed_db) as store:
        from newsgloss.annotations.model import Annotation

        store.add_annotation(Annotation.create(a, 0, 20, "disputed", annotator="ann"))
        start = b.text.index("Kremlin aide Yury Ushakov said")
        store.add_annotation(Annotation.create(b, start, start + 30, "claim", annotator="bo"))
    app = reader([a, b], analysed_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = await open_claims(pilot)
        assert len(screen.shown) == 2
        await pilot.press("l")  # the first label: claim
        assert [c.passages[0].doc_id for c in screen.shown] == [b.id]
        assert "label: claim" in screen.query_one("#claims-heading").render().plain
        await pilot.press("l", "l")  # disputed, then any again
        assert len(screen.shown) == 2
        await pilot.press("w", "w")  # annotator: ann, then bo
        assert "annotator: bo" in screen.query_one("#claims-heading").render().plain
        assert [c.passages[0].doc_id for c in screen.shown] == [b.id]
        await pilot.press("escape")
        assert app.screen is app.reader


async def test_the_detail_scrolls_with_the_usual_keys(sample_documents, analysed_db) -> None:
    a, b = sample_documents[3], sample_documents[4]
    with Store.open(analysed_db) as store:
        from newsgloss.annotations.model import Annotation

        start = a.text.index("Kremlin aide Yury Ushakov")
        store.add_annotation(Annotation.create(a, start, start + 200, "claim", note="x " * 300))
    app = reader([a, b], analysed_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_claims(pilot)
        box = screen.query_one("#claims-detail-box")
        assert box.max_scroll_y > 0 and box.scroll_y == 0, (box.max_scroll_y, box.size)
        await pilot.press("J")
        assert box.scroll_y == 1
        await pilot.press("ctrl+d")
        assert box.scroll_y > 1, (box.max_scroll_y, box.size)
        await pilot.press("K", "ctrl+u")
        assert box.scroll_y == 0


async def test_leaving_the_view_stops_finding_claims(sample_documents, analysed_db) -> None:
    texts = [d.text for d in sample_documents]

    def digest(n: int) -> Document:  # the five reports, each line its own: not boilerplate
        lines = "\n".join(texts[n % 5 :] + texts[: n % 5]).split("\n")
        return Document.from_text("\n".join(f"{x} Digest {n}." if x.strip() else x for x in lines))

    copies = [digest(n) for n in range(40)]  # none aligned yet: 1,600 tags, 16 s of work
    with Store.open(analysed_db) as store:
        store.add_documents(copies)
        for document in copies:
            for start in range(0, 2000, 50):
                store.add_annotation(Annotation.create(document, start, start + 20, "claim"))
    app = reader(sample_documents[:1], analysed_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("C")
        screen = pilot.app.screen
        assert isinstance(screen, ClaimsScreen)
        finding = screen.finding
        await pilot.press("escape")  # at once: the worker is still finding
        await pilot.app.workers.wait_for_complete()
        assert finding.is_cancelled
        stopped_at = screen.claims_found
        await asyncio.sleep(3)  # a thread still finding would find about 25 a second
        assert screen.claims_found == stopped_at < 1600 / 8  # far from the end (450 claims)


async def test_v_rates_the_claim_and_its_row_shows_the_rating(sample_documents, analysed_db):
    from newsgloss.annotations import api
    from newsgloss.tui.claims.verdict_dialog import VerdictScreen

    app = reader(sample_documents[:2], analysed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("c")  # the lead is a claim
        screen = await open_claims(pilot)
        await pilot.press("v")
        assert isinstance(app.screen, VerdictScreen)
        await pilot.press(*"Two outlets agree", "enter")  # the explanation, then evidence
        await pilot.press(*"https://example.org/a", "enter")  # then the rating
        await pilot.press("down", "enter")  # mostly true
        await pilot.pause()
        assert app.screen is screen
        assert "[mostly true]" in str(
            screen.query_one("#claims-list").get_option_at_index(0).prompt
        )
        await pilot.press("v")
        await pilot.press("tab", "tab")  # to the ratings: the last is "Clear the verdict"
        await pilot.press("end", "enter")
        await pilot.pause()
    with Store.open(analysed_db) as store:
        assert api.verdicts(store) == []
    app = reader(sample_documents[:2], analysed_db)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = await open_claims(pilot)
        await pilot.press("v", "enter", "enter", "enter")  # no words: the best rating
        await pilot.pause()
    with Store.open(analysed_db) as store:
        (verdict,) = api.verdicts(store)
    assert (verdict.rating, verdict.explanation, verdict.evidence) == ("true", "", ())
    assert verdict.appearances[0] == verdict.doc_id


async def test_a_tick_typed_right_before_y_counts(sample_documents, analysed_db) -> None:
    """Space ticks through a message the list handles after the key: a "y" right behind
    it must still see the tick (a fast typist, or tmux sending both at once)."""
    a, b = sample_documents[3], sample_documents[4]
    app = reader([a, b], analysed_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.reader.views[0].move_to(a.text.index("Kremlin aide Yury Ushakov"))
        await pilot.press("c")
        await open_claims(pilot)
        await pilot.press("y")
        checklist = app.screen
        assert isinstance(checklist, CopyTagsScreen)
        ticked = set(checklist.query_one(SelectionList).selected)
        chosen = ticked ^ {0}  # space toggles the first row, where the cursor starts
        assert ticked and chosen != ticked
        for key, character in (("space", " "), ("y", "y")):  # both queued before either runs
            app.post_message(events.Key(key, character))
        await settle(pilot)
        assert app.screen is not checklist
        with Store.open(analysed_db) as store:
            assert len(store.annotations()) == 1 + len(chosen)
