"""The reader's widget tree drawn with plain Statics, for ``reader.py``'s first frame.

Three bordered panes shown and a fourth hidden, each a title, a byline, its text and a
status line; a legend and the key bar. What Textual itself takes to draw the reader's
layout, whatever draws the panes' text. ``--light``: the lightest such tree, each pane
its text alone, titled in its border:

    python benchmarks/same_tree_app.py [--light] ARTICLE...
"""

import sys
from pathlib import Path

from textual.app import App
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Static

LIGHT = "--light" in sys.argv
TEXTS = [Path(p).read_text(encoding="utf-8")[:3000] for p in sys.argv[1:] if p != "--light"]


class SameTree(App):
    CSS = """
    Vertical { width: 1fr; border: round $panel; }
    .line { height: 1; padding: 0 1; background: $boost; }
    """
    BINDINGS = [("q", "quit", "Quit"), ("question_mark", "help", "Help")]

    def compose(self):
        with Horizontal():
            for number, text in enumerate(TEXTS):
                with Vertical() as pane:
                    pane.display = number < 3
                    if LIGHT:
                        pane.border_title = text.splitlines()[0][:30]
                        yield Static(text)
                        continue
                    yield Static(text.splitlines()[0], classes="line")
                    yield Static("outlet", classes="line")
                    yield Static(text)
                    yield Static("", classes="line")
        yield Static("legend")
        yield Footer()


if __name__ == "__main__":
    SameTree().run()
