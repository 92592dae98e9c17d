"""The compare view (``K``) through Pilot: two annotators' tags in distinct styles, ``d``
from one disagreement to the next, ``A``/``B`` accepting a version into the adjudicated
set, ``u`` and ``ctrl+r`` undoing and redoing it (here and back in the reader)."""

from __future__ import annotations

from reader_helpers import reader, settle
from textual.widgets import Static

from newsgloss.annotations import Annotation, Store
from newsgloss.tui.compare.screen import CompareScreen


def two_annotators(db, document) -> dict[str, int]:
    """ana and bo agree on one claim, tag one passage with two spans, and each tags a
    passage the other did not."""
    text = document.text
    agreed, longer, mine, theirs = (
        text.index(w) for w in ("Putin", "Istanbul", "Ukraine", "Kremlin")
    )
    with Store.open(db) as store:
        for tag in (
            Annotation.create(document, agreed, agreed + 5, "claim", annotator="ana"),
            Annotation.create(document, agreed, agreed + 5, "claim", annotator="bo"),
            Annotation.create(document, longer, longer + 20, "claim", annotator="ana"),
            Annotation.create(document, longer, longer + 8, "claim", annotator="bo"),
            Annotation.create(document, mine, mine + 7, "disputed", note="why", annotator="ana"),
            Annotation.create(document, theirs, theirs + 7, "attribution", annotator="bo"),
        ):
            store.add_annotation(tag)
    return {"agreed": agreed, "longer": longer, "mine": mine, "theirs": theirs}


def adjudicated(db) -> list[tuple[int, int, str, str]]:
    with Store.open(db) as store:
        return sorted((t.start, t.end, t.label, t.note) for t in store.annotations()
                      if t.annotator == "adjudicated")  # fmt: skip


async def test_compare_shows_standings_jumps_and_accepts_undoably(sample_documents, analysed_db):
    document = sample_documents[4]
    at = two_annotators(analysed_db, document)
    app = reader([document], analysed_db, open_count=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("K")
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert (screen.a, screen.b) == ("ana", "bo")  # most tags first; names sort ties
        standings = {(t.start, t.label) for t in screen.view.annotations}
        assert (at["agreed"], "agreed") in standings
        assert (at["longer"], "only A") in standings and (at["longer"], "only B") in standings
        assert (at["mine"], "only A") in standings and (at["theirs"], "only B") in standings
        styles = {screen.view.highlighting.tag(s) for s in ("agreed", "only A", "only B")}
        assert len(styles) == 3  # three distinct styles
        heading = str(screen.query_one("#compare-heading", Static).render())
        assert "agreed 1" in heading and "only A 2" in heading and "3 disagreements" in heading
        assert "overlap F1 0.67" in heading and "u-alpha" in heading  # 2 of 3 overlap
        # d walks the disagreements in text order; none is the agreed claim.
        disagreements = sorted((at["longer"], at["mine"], at["theirs"]))
        screen.view.move_to(0)
        seen = []
        for _ in disagreements:
            await pilot.press("d")
            seen.append(screen.view.cursor)
        assert seen == disagreements
        await pilot.press("D")
        assert screen.view.cursor == disagreements[1]
        # On the passage tagged twice: B's version, then A's instead, then undo.
        screen.view.move_to(at["longer"])
        await pilot.pause()
        detail = str(screen.query_one("#compare-detail", Static).render())
        assert "A:" in detail and "B:" in detail and "adjudicated: nothing" in detail.replace(
            "\n", " ")  # fmt: skip
        await pilot.press("B")
        assert adjudicated(analysed_db) == [(at["longer"], at["longer"] + 8, "claim", "")]
        await pilot.press("A")
        assert adjudicated(analysed_db) == [(at["longer"], at["longer"] + 20, "claim", "")]
        await pilot.press("u")  # one step: B's version back, not half of A's
        assert adjudicated(analysed_db) == [(at["longer"], at["longer"] + 8, "claim", "")]
        await pilot.press("ctrl+r")
        assert adjudicated(analysed_db) == [(at["longer"], at["longer"] + 20, "claim", "")]
        screen.view.move_to(at["mine"])
        await pilot.press("A")  # the note comes along
        assert (at["mine"], at["mine"] + 7, "disputed", "why") in adjudicated(analysed_db)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.reader
        shown = {(t.start, t.annotator) for t in app.reader.current_pane().view.annotations}
        assert (at["mine"], "adjudicated") in shown  # the reader shows the new tags
        await pilot.press("u")  # the reader's u undoes the last acceptance too
        await pilot.pause()
        assert (at["mine"], at["mine"] + 7, "disputed", "why") not in adjudicated(analysed_db)
        assert any("Undone: accepted ana's version" in m for m in app.messages)


async def test_compare_needs_two_annotators_and_says_so(sample_documents, analysed_db):
    document = sample_documents[4]
    with Store.open(analysed_db) as store:
        store.add_annotation(Annotation.create(document, 0, 10, "claim", annotator="ana"))
    app = reader([document], analysed_db, open_count=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("K")
        await pilot.pause()
        assert app.screen is app.reader
        assert any("needs two annotators' tags on this article (ana)" in m for m in app.messages)
