"""SVG snapshots of the reader at fixed terminal sizes (pytest-textual-snapshot).

Update them with ``pytest tests/tui/test_snapshots.py --snapshot-update`` after a
deliberate change, and look at the report before committing.
"""

from __future__ import annotations

from reader_helpers import reader, settle
from textual.widgets import Input


async def _ready(pilot) -> None:
    await settle(pilot)
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False


def test_two_panes(snap_compare, sample_documents, analysed_db) -> None:
    app = reader(sample_documents, analysed_db)
    assert snap_compare(app, terminal_size=(120, 36), run_before=_ready, press=["w", "w"])


def test_help_screen(snap_compare, sample_documents, analysed_db) -> None:
    app = reader(sample_documents, analysed_db)

    async def open_help(pilot) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(110, 64), run_before=open_help)


def test_picker(snap_compare, sample_documents, analysed_db) -> None:
    app = reader(sample_documents, analysed_db)

    async def open_picker(pilot) -> None:
        await settle(pilot)
        await pilot.press("o", *"peace")
        await _ready(pilot)

    assert snap_compare(app, terminal_size=(110, 30), run_before=open_picker)


def test_small_terminal(snap_compare, sample_documents, analysed_db) -> None:
    app = reader(sample_documents, analysed_db)
    assert snap_compare(app, terminal_size=(60, 15), run_before=_ready)


def test_overlapping_tags(snap_compare, sample_documents, analysed_db) -> None:
    """All three labels, overlapping, over highlighted entities, with the panel open."""
    app = reader(sample_documents, analysed_db, annotator="snapshot")

    async def tag(pilot) -> None:
        await settle(pilot)
        # claim: the first sentence; disputed: "Vladimir Putin" inside it;
        # attribution: from "Putin" into the second sentence, across the claim's end.
        await pilot.press("c", "w", "w", "w", "e", "d")
        await pilot.press("w", "w", "w", "v", "right_parenthesis", "w", "w", "a")
        await pilot.press("A")
        await _ready(pilot)

    assert snap_compare(app, terminal_size=(150, 30), run_before=tag)


def test_aligned_panes(snap_compare, sample_documents, analysed_db) -> None:
    """Two paraphrases side by side: the cursor's sentence lights its counterpart."""
    a = sample_documents[3]
    app = reader(sample_documents[3:5], analysed_db)

    async def on_ushakov(pilot) -> None:
        await _ready(pilot)
        app.reader.views[0].move_to(a.text.index("Kremlin aide Yury Ushakov"))
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 30), run_before=on_ushakov)


def test_a_discrepancy_between_aligned_panes(snap_compare, analyzer, analysed_db) -> None:
    """Two outlets' reports of one statement: the cursor's sentence lights its
    counterpart, the words each alone has are marked, and both get the gutter's ! for
    the speaker they disagree on; the status line says so. At 80x24."""
    from test_counterparts import PUTIN, USHAKOV, store_analysed

    store_analysed(analysed_db, analyzer, [USHAKOV, PUTIN])
    app = reader([USHAKOV, PUTIN], analysed_db)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_ready)
