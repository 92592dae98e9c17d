"""A newer version in the reader: its carried tags marked, the older version's tags it
could not place listed in the tags panel, never put on the wrong words."""

from __future__ import annotations

from pathlib import Path

from reader_helpers import reader, settle
from textual.widgets import OptionList, Static

from newsgloss.annotations import Annotation, Store, api
from newsgloss.corpus import Document

OLD = (
    "Talks resume in Istanbul\n"
    "Yuri Ushakov said the talks would resume in Istanbul on Thursday.\n"
    "Markets in Moscow rose sharply on the news.\n"
)
NEW = (
    "Talks resume in Istanbul (updated)\n"
    "Yuri Ushakov said on Tuesday the talks could resume in Istanbul on Thursday.\n"
)


async def test_changed_tags_are_marked_and_orphans_listed(tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    old, new = Document.from_text(OLD), Document.from_text(NEW)
    with Store.open(db) as store:
        store.add_documents([old])
        for quote in (OLD.splitlines()[1], "Markets in Moscow rose"):
            start = OLD.index(quote)
            store.add_annotation(Annotation.create(old, start, start + len(quote), "claim"))
        api.carry_versions(store, [new], replaces=old.id)
    app = reader([new], db, open_count=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        pane = app.reader.panes[0]
        pane.view.move_to(NEW.index("Yuri"))
        await pilot.pause()
        status = pane.status_text().plain
        assert "text changed, was “Yuri Ushakov said the talks would resum…”" in status
        await pilot.press("A")
        await pilot.pause()
        orphans = app.screen.query_one(".panel-orphans", Static)
        shown = str(orphans.render())
        assert orphans.display and shown.startswith("Could not place 1 from an older version")
        assert "Markets in Moscow rose" in shown
        row = app.screen.query_one("TagList").prompt(0).plain
        assert row.endswith("text changed")
        await pilot.press("escape", "o")  # the older version is still there to read
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(2)]
        assert sum("older version" in prompt for prompt in prompts) == 1
        assert any(old.short_id in p and "older version" in p for p in prompts)
