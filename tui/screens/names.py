"""The ``E`` screen: the index of names (``newsgloss names``), narrowed as you type and by
label (``ctrl+l``); below, the highlighted name's spellings and why each was merged.
``ctrl+b`` lists that name apart from a spelling merged into it, ``ctrl+z`` merges the
last one again; ``enter`` lists its mentions with their sentences (``MentionsScreen``),
and the mention chosen opens in the reader with the cursor on it."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from newsgloss.corpus import short_id
from newsgloss.corpus.analysis import PipelineInfo
from newsgloss.corpus.folding import fold
from newsgloss.tui.cells import terminal_text
from newsgloss.tui.widgets.options import move_highlight
from newsgloss.tui.workers import WorkerFailures

SHOWN = 300  # names listed at once: the others wait for a narrower filter
ARTICLES = 200  # articles whose mentions of a name are listed; the heading says when more


class NamesScreen(WorkerFailures, ModalScreen[tuple[str, int] | None]):
    """Builds the index on a connection of its own, in a worker that closes with the
    screen; filtering is done on the index in memory, as each key is typed. Dismissed
    with the chosen mention's (document id, start)."""

    class Counting(Message):
        def __init__(self, articles: int) -> None:
            super().__init__()
            self.articles = articles

    class Indexed(Message):
        def __init__(self, names: list, said: str) -> None:
            super().__init__()
            self.names, self.said = names, said

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Back to the reader", show=False),
        Binding("ctrl+l", "next_label", "Filter by label", show=False),
        Binding("ctrl+b", "apart", "List a merged spelling apart", show=False),
        Binding("ctrl+z", "merge_again", "Merge the last one listed apart again", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("up", "cursor(-1)", show=False),
    ]
    DEFAULT_CSS = """
    NamesScreen { align: center middle; }
    NamesScreen > Vertical {
        width: 95%; max-width: 140; height: 90%; border: thick $accent; background: $surface;
    }
    NamesScreen OptionList {
        height: 1fr; border: none; text-wrap: nowrap; text-overflow: ellipsis;
    }
    NamesScreen Label { padding: 0 1; color: $text-muted; }
    NamesScreen #names-detail { height: auto; max-height: 8; padding: 0 1; }
    """

    def __init__(self, db_path: Path, pipeline: PipelineInfo, annotator: str) -> None:
        super().__init__()
        self.db_path, self.pipeline, self.annotator = db_path, pipeline, annotator
        self.names: list = []  # the whole index
        self.shown: list = []  # the names listed, after the filters
        self.label: str | None = None
        self.undone: list = []  # merges listed apart here, the last one last

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("", id="names-heading")
            yield Input(placeholder="part of a name", id="names-query")
            yield OptionList(id="names-list")
            yield Static("", id="names-detail")

    def on_mount(self) -> None:
        self._heading("Reading the index of names…")
        self.build()

    def _heading(self, said: str = "") -> None:
        text = f"Names · label: {self.label or 'any'} (ctrl+l) · enter: mentions"
        self.query_one("#names-heading", Label).update(Text(f"{text}  {said}".rstrip()))

    @work(thread=True, exclusive=True, exit_on_error=False, description="The index of names")
    def build(self, change=None) -> None:
        """The index, after ``change(store)`` (a merge undone or redone), if any."""
        from newsgloss.annotations import api

        with api.connection(self.db_path) as store:
            said = change(store) if change else ""
            if (stale := api.names_to_count(store)) > api.NAMES_RECOUNT_SAID:
                self.post_message(self.Counting(stale))
            names = api.names_index(store, self.pipeline)
            missing = api.unanalysed(store, self.pipeline)
        if missing:
            said = f"{said} · {missing} articles not analysed yet".lstrip(" ·")
        self.post_message(self.Indexed(names, said))

    @on(Counting)
    def _counting(self, event: Counting) -> None:
        self._heading(f"Counting the names of {event.articles:,} articles again, as corrected "
                      "(about 2,500 a second)…")  # fmt: skip

    @on(Indexed)
    def _indexed(self, event: Indexed) -> None:
        self.names = event.names
        self._heading(event.said)
        self._list()

    @on(Input.Changed)
    def _list(self) -> None:
        words = fold(self.query_one(Input).value).split()
        highlighted = self._highlighted()
        self.shown = [
            name for name in self.names
            if (self.label is None or name.label == self.label)
            and all(any(w in fold(s) for s in name.spellings) for w in words)
        ][:SHOWN]  # fmt: skip
        options = self.query_one(OptionList)
        options.clear_options()
        for name in self.shown:
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(terminal_text(name.name), "bold")
            line.append(f"  {name.label}  {name.mentions} mentions in {name.articles} "
                        "article" + "s" * (name.articles != 1), "dim")  # fmt: skip
            others = sorted(set(name.spellings) - {name.name})
            if others:
                line.append("  also " + terminal_text(", ".join(others)))
            options.add_option(Option(line))
        if self.shown:
            keys = [(n.label, n.key) for n in self.shown]
            at = keys.index(highlighted) if highlighted in keys else 0
            options.highlighted = at
        self._detail()

    def _highlighted(self):
        name = self._current_name()
        return (name.label, name.key) if name else None

    def _current_name(self):
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None and highlighted < len(self.shown):
            return self.shown[highlighted]
        return None

    @on(OptionList.OptionHighlighted)
    def _detail(self) -> None:
        name, detail = self._current_name(), Text()
        if name is not None:
            spellings = ", ".join(f"{s} ×{n}" for s, n in name.spellings.most_common())
            detail.append(terminal_text(spellings) + "\n")
            for merge in name.merges:
                detail.append("merged: " + terminal_text(merge.why) + "\n", "dim")
            if name.merges:
                detail.append("ctrl+b: list the last of these apart", "dim italic")
        self.query_one("#names-detail", Static).update(detail)

    def action_next_label(self) -> None:
        labels = [None, *sorted({name.label for name in self.names})]
        self.label = labels[(labels.index(self.label) + 1) % len(labels)]
        self._heading()
        self._list()

    def action_cursor(self, delta: int) -> None:
        move_highlight(self.query_one(OptionList), delta)

    def action_apart(self) -> None:
        name = self._current_name()
        if name is None or not name.merges:
            self.notify("This name has no merged spelling to list apart", severity="warning")
            return
        merge, annotator = name.merges[-1], self.annotator
        self.undone.append(merge)

        def apart(store) -> str:
            from newsgloss.annotations import api

            api.keep_apart(store, merge, annotator)
            return "listed apart (ctrl+z merges again)"

        self.build(apart)

    def action_merge_again(self) -> None:
        if not self.undone:
            self.notify("Nothing was listed apart here", severity="warning")
            return
        merge = self.undone.pop()

        def again(store) -> str:
            from newsgloss.annotations import api

            api.merge_again(store, merge)
            return "merged again"

        self.build(again)

    @on(Input.Submitted)
    @on(OptionList.OptionSelected)
    def _chosen(self) -> None:
        name = self._current_name()
        if name is not None:
            self.app.push_screen(MentionsScreen(self.db_path, self.pipeline, name), self._opened)

    def _opened(self, place: tuple[str, int] | None) -> None:
        if place is not None:
            self.dismiss(place)


class MentionsScreen(WorkerFailures, ModalScreen[tuple[str, int] | None]):
    """One name's mentions, each with its article and sentence; ``enter`` opens one."""

    class Read(Message):
        def __init__(self, found: list, articles: int) -> None:
            super().__init__()
            self.found, self.articles = found, articles

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Back to the names", show=False),
        Binding("down,j", "cursor(1)", show=False),
        Binding("up,k", "cursor(-1)", show=False),
    ]
    DEFAULT_CSS = """
    MentionsScreen { align: center middle; }
    MentionsScreen > Vertical {
        width: 90%; max-width: 130; height: 80%; border: thick $accent; background: $surface;
    }
    MentionsScreen OptionList { height: 1fr; border: none; }
    MentionsScreen Label { padding: 0 1; color: $text-muted; }
    """

    def __init__(self, db_path: Path, pipeline: PipelineInfo, name) -> None:
        super().__init__()
        self.db_path, self.pipeline, self.listed = db_path, pipeline, name
        self.found: list = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._heading(""), id="mentions-heading")
            yield OptionList(id="mentions-list")

    def _heading(self, said: str) -> Text:
        name = self.listed
        return Text(f"{terminal_text(name.name)} ({name.label}): {name.mentions} mentions in "
                    f"{name.articles} articles · enter opens  {said}".rstrip())  # fmt: skip

    def on_mount(self) -> None:
        self.query_one(Label).update(self._heading("reading them…"))
        self.read()

    @work(thread=True, exit_on_error=False, description="Reading the mentions")
    def read(self) -> None:
        from newsgloss.annotations import api

        with api.connection(self.db_path) as store:
            mentions, articles = api.name_mentions(store, self.pipeline, self.listed, ARTICLES)
            found = api.mention_sentences(store, self.pipeline, mentions)
            ids = {m.doc_id for m in mentions}
            titles = {d.id: (d.meta.outlet or "", d.title) for d in map(store.document, ids)}
        rows = [(*row, titles[row[0].doc_id]) for row in found]
        self.post_message(self.Read(rows, articles))

    @on(Read)
    def _read(self, event: Read) -> None:
        self.found = event.found
        shown = len({mention.doc_id for mention, *_ in self.found})
        more = f"listed: those in the first {shown} articles" if shown < event.articles else ""
        self.query_one(Label).update(self._heading(more))
        options = self.query_one(OptionList)
        for mention, begins, sentence, (outlet, title) in self.found:
            line = Text()
            line.append(f"{short_id(mention.doc_id)}  {terminal_text(outlet)}  ", "dim")
            line.append(terminal_text(title) + "\n", "dim")
            at, end = mention.start - begins, mention.end - begins
            line.append("   " + terminal_text(sentence[:at].replace("\n", " ")))
            line.append(terminal_text(sentence[at:end]), "bold reverse")
            line.append(terminal_text(sentence[end:].replace("\n", " ")))
            options.add_option(Option(line))
        if self.found:
            options.highlighted = 0

    def action_cursor(self, delta: int) -> None:
        move_highlight(self.query_one(OptionList), delta)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        mention = self.found[event.option_index][0]
        self.dismiss((mention.doc_id, mention.start))
