"""Building the real reader app for Pilot and snapshot tests."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from corpus import Document
from corpus.analysis import DEFAULT_MODEL
from tui.app import NewsglossApp


def stable(documents: list[Document]) -> list[Document]:
    """The same documents with sources that do not depend on where the checkout lives."""
    return [
        replace(d, source=f"sample/{Path(d.source).name}")
        if d.source and d.source.startswith("/")
        else d
        for d in documents
    ]


def reader(documents: list[Document], db: Path, open_count: int = 2, **kwargs) -> NewsglossApp:
    return NewsglossApp(
        stable(documents), db_path=db, model=DEFAULT_MODEL, open_count=open_count, **kwargs
    )


async def settle(pilot) -> None:
    """Wait until the store is open and cached analyses are shown."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()
