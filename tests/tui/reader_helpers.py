"""Building the real reader app for Pilot and snapshot tests."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual import events

from newsgloss.corpus import Document
from newsgloss.corpus.analysis import DEFAULT_MODEL
from newsgloss.tui.app import NewsglossApp, Start


def stable(documents: list[Document]) -> list[Document]:
    """The same documents with sources that do not depend on where the checkout lives."""
    return [
        replace(d, source=f"sample/{Path(d.source).name}")
        if d.source and d.source.startswith("/")
        else d
        for d in documents
    ]


class RecordingApp(NewsglossApp):
    """The real app, keeping every notification's message for tests to read."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.messages: list[str] = []

    def notify(self, message: str, *args, **kwargs) -> None:
        self.messages.append(message)
        super().notify(message, *args, **kwargs)


def reader(documents: list[Document], db: Path, open_count: int = 2, **kwargs) -> RecordingApp:
    """The reader on ``documents`` as the command line starts it (``kwargs``: more of
    ``Start``'s fields, such as a keymap or a saved session)."""
    return RecordingApp(
        Start(stable(documents), db_path=db, model=DEFAULT_MODEL, open_count=open_count, **kwargs)
    )


async def answered(pilot) -> None:
    """Until the screen's workers have answered and their messages are handled."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def settle(pilot) -> None:
    """Wait until the store is open, cached analyses are shown and the open articles are
    aligned (each step starts the next worker); not for a spaCy analysis to finish."""
    for _ in range(3):
        waiting = [w for w in pilot.app.workers if w.group != "analysis"]
        await pilot.app.workers.wait_for_complete(waiting)
        await pilot.pause()


async def palette(pilot, query: str) -> list[str]:
    """Open the command palette, type ``query`` and return its hits as shown, once its
    search (a worker of the palette's) has ended."""
    from textual.widgets import OptionList

    await pilot.press("ctrl+p", *query)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    options = pilot.app.screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def type_at_once(app, keys: str) -> None:
    """Queue ``keys`` together, as a terminal delivers a fast typist's keys (Pilot's
    press waits for each key to be handled before sending the next)."""
    for character in keys:
        name = {"/": "slash", "\r": "enter"}.get(character, character)
        app.post_message(events.Key(name, character))


def style_at(strip, needle: str):
    """The style of the segment where ``needle`` starts in a rendered row."""
    position = strip.text.index(needle)
    for segment in strip:
        if position < len(segment.text):
            return segment.style
        position -= len(segment.text)
    raise AssertionError(needle)


def text_row(view, y: int):
    """Row ``y`` of an article view as drawn, without the gutter left of the text."""
    from newsgloss.tui.article.canvas import GUTTER

    return view.render_line(y).crop(GUTTER)
