"""The ``L`` dialog: the passages of the other open articles that may carry the sentence
under the cursor, best first with their scores, as linked now; the fact-checker confirms
one (``enter``), rejects one (``x``) or forgets a decision (the same key again)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from newsgloss.corpus import UserError
from newsgloss.corpus.align import Link
from newsgloss.corpus.analysis import PipelineInfo
from newsgloss.tui.cells import terminal_text
from newsgloss.tui.tags.dialogs import DIALOG_CSS
from newsgloss.tui.workers import WorkerFailures

if TYPE_CHECKING:
    from newsgloss.annotations.api import Tagging

SHOWN = 5  # candidates of each other article
MARKS = {"confirmed": "✓ confirmed", "rejected": "✗ rejected", "same": "= same",
         "related": "~ related", "candidate": "? candidate"}  # fmt: skip


@dataclass
class Choice:
    """A passage of another article, how it is linked to the sentence, and its score."""

    other_id: str
    other_title: str
    start: int
    end: int
    text: str
    kind: str
    score: float
    span: tuple[int, int]  # the sentence's side of the link


class CandidatesScreen(WorkerFailures, ModalScreen[bool]):
    """Returns whether a decision was made (the panes then align again)."""

    class Found(Message):
        def __init__(self, choices: list[Choice]) -> None:
            super().__init__()
            self.choices = choices

    BINDINGS = [
        Binding("escape", "close", "Close", show=False),
        Binding("x", "decide('rejected')", "Reject", show=False),
    ]
    DEFAULT_CSS = (
        DIALOG_CSS.format(name="CandidatesScreen")
        + """
    CandidatesScreen OptionList {
        height: auto; max-height: 14; border: none; text-wrap: nowrap; text-overflow: ellipsis;
    }
    """
    )

    def __init__(
        self,
        db_path: Path,
        pipeline: PipelineInfo,
        doc_id: str,
        span: tuple[int, int],
        others: list[tuple[str, str]],
        tagging: Tagging,
    ) -> None:
        """``others``: the other open articles (id, title); ``tagging``: the reader's, so
        that ``u`` there undoes a decision made here."""
        super().__init__()
        self.db_path, self.pipeline, self.doc_id, self.span = db_path, pipeline, doc_id, span
        self.others, self.tagging = others, tagging
        self.choices: list[Choice] = []
        self.decided = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text("Passages that may carry this sentence (enter: confirm, "
                             "x: reject, the same key again: forget; escape closes)"))  # fmt: skip
            yield OptionList(id="candidates")
            yield Label(Text("Finding candidates…"), id="candidates-status")

    def on_mount(self) -> None:
        self.find()

    @work(thread=True, exclusive=True, exit_on_error=False, description="Finding candidates")
    def find(self) -> None:
        """On a connection of its own: the links and candidates of the sentence. The links
        come with the fact-checker's decisions applied, and candidates without those
        rejected, so each shows as it stands; the passages rejected come last (a decision
        is seen, and can be taken back, in a later session too). Each best first."""
        from newsgloss.annotations import api

        start, end = self.span
        choices = []
        with api.connection(self.db_path) as store:
            for other_id, title in self.others:
                linked = api.align_documents(store, self.pipeline, self.doc_id, other_id)
                suggested = api.link_candidates(store, self.pipeline, self.doc_id, other_id, SHOWN)
                decided = api.decisions_between(store, self.doc_id, other_id)
                rejected = [Link(*span, 0.0, d) for *span, d in decided if d == "rejected"]
                text = store.document(other_id).text
                seen = set()  # the links (decisions applied) first, then suggestions
                best = sorted(linked, key=lambda k: (k.kind != "confirmed", -k.score))
                for link in [*best, *sorted(suggested, key=lambda k: -k.score), *rejected]:
                    there = (link.b_start, link.b_end)
                    if not (link.a_start < end and link.a_end > start) or there in seen:
                        continue
                    seen.add(there)
                    here = (link.a_start, link.a_end)
                    passage = text[slice(*there)]
                    choices.append(
                        Choice(other_id, title, *there, passage, link.kind, link.score, here)
                    )
        self.post_message(self.Found(choices))

    @on(Found)
    def _found(self, event: Found) -> None:
        self.choices = event.choices
        self._show()
        status = "" if self.choices else "No candidate in the other open articles"
        self.query_one("#candidates-status", Label).update(Text(status))

    def _show(self, at: int = 0) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        for choice in self.choices:
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(f"{MARKS.get(choice.kind, choice.kind):12}", "bold")
            line.append(f" {choice.score:4.2f}  " if choice.kind != "rejected" else " " * 7)
            line.append(terminal_text(choice.other_title)[:24], "dim")
            line.append("  " + terminal_text(" ".join(choice.text.split())))
            options.add_option(Option(line))
        if self.choices:
            options.highlighted = min(at, len(self.choices) - 1)
        options.focus()

    def action_decide(self, decision: str) -> None:
        """Confirm or reject the highlighted passage's link; the same again forgets it."""
        self._decide(self.query_one(OptionList).highlighted, decision)

    def _decide(self, index: int | None, decision: str) -> None:
        if index is None or not 0 <= index < len(self.choices):
            return
        choice = self.choices[index]
        chosen = None if choice.kind == decision else decision
        try:
            self.tagging.decide_link(self.doc_id, choice.span, choice.other_id,
                                     (choice.start, choice.end), chosen)  # fmt: skip
        except UserError as error:
            self.notify(str(error), severity="error")
            return
        choice.kind = chosen or "candidate"
        self.decided = True
        self._show(index)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        """Enter, as the list takes it: the option it was on, not the one highlighted by
        the time the message arrives (a key typed right after moves the highlight)."""
        self._decide(event.option_index, "confirmed")

    def action_close(self) -> None:
        self.dismiss(self.decided)
