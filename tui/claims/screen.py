"""ClaimsScreen (``C``): every tagged passage across the corpus, grouped with the passages
aligned with it, one row a claim, and the highlighted claim in full below: each article
carrying it, tagged or not, its tags and notes, who it is attributed to there and how
the outlets differ.

Claims are found in a worker on a store connection of its own (aligning a pair not
cached yet takes a moment), shown as they come and stopped when the screen is left;
the filters keep claims whole and work on what was found.
Copying a tag to the counterparts goes through the reader's ``Tagging``, so ``u`` undoes
each copy here or back in the reader.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, get_current_worker

from newsgloss.annotations.api import Claim, matches, missing_tags, retag
from newsgloss.corpus import UserError, short_id
from newsgloss.tui.cells import terminal_text
from newsgloss.tui.keys import CLAIMS_BINDINGS
from newsgloss.tui.reader.tagging import UndoKeys
from newsgloss.tui.widgets.options import move_highlight
from newsgloss.tui.workers import WorkerFailures

if TYPE_CHECKING:
    from newsgloss.annotations.api import Tagging
    from newsgloss.corpus.analysis import PipelineInfo


BATCH_SECONDS = 0.5  # claims found are shown this often, the first at once


@dataclass
class Filters:
    """The claims shown: None for any."""

    label: str | None = None
    document: str | None = None
    annotator: str | None = None

    def keep(self, claim: Claim) -> bool:
        return matches(claim, label=self.label, doc_id=self.document, annotator=self.annotator)


class ClaimsScreen(UndoKeys, WorkerFailures, Screen[Claim | None]):
    """Returns the claim to open side by side, or None."""

    BINDINGS = CLAIMS_BINDINGS
    DEFAULT_CSS = """
    ClaimsScreen #claims-heading { height: 1; padding: 0 1; background: $boost; }
    ClaimsScreen #claims-list { height: 1fr; border: none; text-wrap: nowrap;
        text-overflow: ellipsis; }
    ClaimsScreen #claims-detail-box { height: 2fr; border-top: solid $panel; padding: 0 1; }
    """

    def __init__(self, db_path: Path, pipeline: PipelineInfo, tagging: Tagging) -> None:
        super().__init__()
        self.db_path = db_path
        self.pipeline = pipeline
        self.tagging = tagging
        self.found: list[Claim] = []
        self.shown: list[Claim] = []
        self.filters = Filters()
        self.titles: dict[str, str] = {}
        self.finding: Worker | None = None
        self.claims_found = 0  # by the worker, in all its runs
        self.done = False  # every claim found

    def compose(self) -> ComposeResult:
        yield Static("Finding the claims…", id="claims-heading")
        yield OptionList(id="claims-list")
        with VerticalScroll(id="claims-detail-box"):
            yield Static(id="claims-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.find_claims()

    class Found(Message):
        """Claims found in the worker, a batch at a time: ``fresh`` starts the list anew,
        ``done`` ends it; ``worker``: which run found them (an older run's are dropped)."""

        def __init__(self, found: list[Claim], titles: dict[str, str], fresh: bool,
                     done: bool, worker: Worker) -> None:  # fmt: skip
            super().__init__()
            self.found, self.titles, self.fresh, self.done = found, titles, fresh, done
            self.worker = worker

    def find_claims(self) -> None:
        """Find the claims again (a run under way is cancelled)."""
        self.finding = self._find_claims()

    @work(thread=True, exclusive=True, group="claims", exit_on_error=False,
          description="Finding the claims")  # fmt: skip
    def _find_claims(self) -> None:
        """Off the screen's thread, on a connection of its own: the first claim at once,
        then a batch every half second. Leaving the screen cancels the worker, which
        stops between two claims."""
        from newsgloss.annotations import api

        worker = get_current_worker()
        with api.connection(self.db_path) as store:
            found = api.iter_claims(store, self.pipeline, cancelled=lambda: worker.is_cancelled)
            batch, fresh, sent = [], True, time.monotonic()
            for claim in found:
                self.claims_found += 1
                batch.append(claim)
                if fresh or time.monotonic() - sent > BATCH_SECONDS:
                    titles = store.titles(p.doc_id for c in batch for p in c.passages)
                    self.post_message(self.Found(batch, titles, fresh, False, worker))
                    batch, fresh, sent = [], False, time.monotonic()
            titles = store.titles(p.doc_id for c in batch for p in c.passages)
        if not worker.is_cancelled:
            self.post_message(self.Found(batch, titles, fresh, True, worker))

    @on(Found)
    def _found(self, event: Found) -> None:
        if event.worker is not self.finding:
            return  # a run cancelled since
        self.found = list(event.found) if event.fresh else self.found + event.found
        self.titles = event.titles if event.fresh else self.titles | event.titles
        self.done = event.done
        self.show()

    # ---- what is shown ----
    def show(self) -> None:
        """The claims the filters keep, the highlighted one staying put."""
        options = self.query_one(OptionList)
        before = self.highlighted()
        self.shown = [claim for claim in self.found if self.filters.keep(claim)]
        from newsgloss.annotations import api

        rated = {v.key: v.rating for v in api.verdicts(self.tagging.store)}
        options.clear_options()
        options.add_options(Option(_row(claim, rated.get(claim.key))) for claim in self.shown)
        if self.shown:
            # Found again, a claim may open from another of its passages: the one holding
            # the passage the claim highlighted before opened with is the same claim (a
            # tag copied to a counterpart may make a claim of its own sharing the rest).
            index = _same_claim(before, self.shown) if before else 0
            options.highlighted = index
        self.query_one("#claims-heading", Static).update(self._heading())
        self._show_detail()

    def _heading(self) -> Text:
        f = self.filters
        parts = [
            f"Claims: {len(self.shown)} of {len(self.found)}{'' if self.done else ' (finding…)'}",
            f"label: {f.label or 'any'}",
            f"article: {terminal_text(self.titles.get(f.document, 'any'))[:40]}",
            f"annotator: {f.annotator or 'any'}",
        ]
        return Text(" · ".join(parts))

    def highlighted(self) -> Claim | None:
        index = self.query_one(OptionList).highlighted
        return self.shown[index] if index is not None and index < len(self.shown) else None

    @on(OptionList.OptionHighlighted)
    def _show_detail(self) -> None:
        claim = self.highlighted()
        detail = self.query_one("#claims-detail", Static)
        if claim is None:
            empty = "No claims yet: tag a passage in the reader (c claim, a attribution, …)."
            detail.update(Text(empty if not self.found else "No claim passes the filters."))
            return
        detail.update(_detail(claim))

    # ---- keys ----
    def action_back(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected)
    def action_open_claim(self) -> None:
        claim = self.highlighted()
        if claim is not None:
            self.dismiss(claim)

    def action_detail(self, step: int) -> None:
        """The highlighted claim's detail, a line down (up): it may be longer than its box."""
        self.query_one("#claims-detail-box").scroll_relative(y=step, animate=False)

    def action_detail_page(self, direction: int) -> None:
        box = self.query_one("#claims-detail-box")
        box.scroll_relative(y=direction * max(1, box.size.height // 2), animate=False)

    def action_move(self, step: int) -> None:
        move_highlight(self.query_one(OptionList), step)

    def action_filter(self, kind: str) -> None:
        """The next value of a filter, going round through "any"."""
        values = _values(self.found, kind)
        current = getattr(self.filters, kind)
        choices = [None, *values]
        index = choices.index(current) if current in choices else 0
        setattr(self.filters, kind, choices[(index + 1) % len(choices)])
        self.show()

    def action_copy_tags(self) -> None:
        """Ask which counterparts receive the claim's tags (the surely linked ones ticked),
        then tag them in one transaction, each undone on its own."""
        claim = self.highlighted()
        if claim is None:
            return
        retag(self.tagging.store, claim)  # what is shown may be a moment old
        missing = missing_tags(claim)
        if not missing:
            self.notify("Every article carrying this claim has its tags", severity="warning")
            return
        from newsgloss.tui.claims.copy_tags import CopyTagsScreen

        self.app.push_screen(CopyTagsScreen(missing), self._copy)

    def _copy(self, chosen: list | None) -> None:
        if not chosen:
            return
        spans = [(p.doc_id, p.start, p.end, label) for p, label in chosen]
        try:
            self.tagging.tag_all(spans)
        except UserError as error:
            self.notify(str(error), severity="error")
            return
        count = len(spans)
        labels = ", ".join(dict.fromkeys(label for _, label in chosen))
        self.notify(
            f"Tagged {count} counterpart passage{'s' * (count != 1)} {labels} (u undoes each)"
        )
        self.find_claims()

    def action_verdict(self) -> None:
        """Rate the highlighted claim (key ``v``): written at once, shown in its row."""
        claim = self.highlighted()
        if claim is None:
            return
        from newsgloss.annotations import api
        from newsgloss.tui.claims.verdict_dialog import VerdictScreen

        key = claim.key
        scale = api.ratings(self.tagging.store)

        def save(rated) -> None:
            if rated is None:
                return
            try:
                if rated.rating is None:
                    api.clear_verdict(self.tagging.store, *key)
                else:
                    appears = tuple(dict.fromkeys(p.doc_id for p in claim.passages))
                    api.set_verdict(self.tagging.store, api.Verdict(
                        *key, " ".join(claim.text.split()), rated.rating, rated.explanation,
                        rated.evidence, appears, self.tagging.annotator))  # fmt: skip
            except UserError as error:
                self.notify(str(error), severity="error")
                return
            self.notify(f"Rated {rated.rating}" if rated.rating else "Verdict cleared")
            self.show()

        current = api.verdict_on(self.tagging.store, *key)
        self.app.push_screen(VerdictScreen(claim.text, scale, current), save)

    def after_step(self) -> None:
        self.find_claims()


def _same_claim(before: Claim, found: list[Claim]) -> int:
    """Where ``before`` is in ``found``, found again: the claim holding its first
    passage, else one sharing any of its passages, else the first."""
    first = (before.passages[0].doc_id, before.passages[0].start)
    held = {(p.doc_id, p.start) for p in before.passages}
    spans = [{(p.doc_id, p.start) for p in claim.passages} for claim in found]
    holding = next((i for i, s in enumerate(spans) if first in s), None)
    return holding if holding is not None else next((i for i, s in enumerate(spans) if held & s), 0)


def _values(found: list[Claim], kind: str) -> list[str]:
    """The values a filter can take: those of the tags of the claims found."""
    field = {"label": "label", "document": "doc_id", "annotator": "annotator"}[kind]
    tags = (a for claim in found for passage in claim.passages for a in passage.tags)
    return sorted({getattr(a, field) for a in tags})


def _row(claim: Claim, rating: str | None = None) -> Content:
    tagged = sum(1 for p in claim.passages if p.tags)
    labels = sorted({a.label for p in claim.passages for a in p.tags})
    differs = any(p.differs for p in claim.passages)
    return Content.assemble(
        (f"[{terminal_text(rating)}] " if rating else "", "bold reverse"),
        (f"{tagged}/{len(claim.passages)} tagged ", "dim"),
        (f"{', '.join(labels)} ", "bold"),
        ("≠ " if differs else "", "bold"),
        ("capped " if claim.capped else "", "italic"),
        _one_line(claim.text),
    )


def _detail(claim: Claim) -> Text:
    """The claim in each article: title, outlet, date and URL, passage, tags and notes,
    attribution, differences."""
    text = Text()
    for passage in claim.passages:
        if text:
            text.append("\n\n")
        title = terminal_text(passage.title)
        text.append(f"{short_id(passage.doc_id)}  {title}\n", style="bold")
        cited = " · ".join(filter(None, (passage.outlet, passage.published, passage.url)))
        if cited:
            text.append(terminal_text(cited) + "\n", style="dim")
        text.append(terminal_text(" ".join(passage.text.split())) + "\n")
        if passage.tags:
            for a in passage.tags:
                note = f": {terminal_text(_one_line(a.note))}" if a.note else ""
                by = f" (by {terminal_text(a.annotator)})" if a.annotator else ""
                text.append(f"  tagged {a.label}{by}{note}\n", style="italic")
        else:
            text.append("  untagged here (y copies the tag)\n", style="dim italic")
        if passage.attributed_to:
            text.append(f"  attributed to: {terminal_text(passage.attributed_to)}\n")
        if passage.differs:
            text.append(f"  {'; '.join(passage.differs)}\n", style="bold")  # "differs: …"
    if claim.capped:
        text.append(f"\n\nCapped: {claim.capped}.", style="italic")
    text.rstrip()
    return text


def _one_line(text: str) -> str:
    return terminal_text(" ".join(text.split()))
