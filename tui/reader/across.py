"""What the reader shows across its open articles: the counterparts of the passage under
the cursor, going to them, the scrolling modes, a site's boilerplate dimmed, and the
claims view.

A part of ``ReaderScreen`` (the screen inherits it); its worker belongs to the screen
and its result arrives as a message.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.message import Message
from textual.timer import Timer

from newsgloss.corpus import UserError
from newsgloss.tui.article.pane import ArticlePane
from newsgloss.tui.article.view import ArticleView
from newsgloss.tui.reader import counterparts, session
from newsgloss.tui.reader.panes import MAX_PANES

NOTICE_SECONDS = 4.0
LISTED = 8  # discrepancies listed at once (D)
SCROLLING = {
    "apart": "Panes scroll apart",
    "together": "Panes scroll together (S again: keep shared passages level)",
    "level": "Panes keep shared passages level (S again: apart)",
}


class BoilerplateFound(Message):
    """Each document's boilerplate lines, found in a worker."""

    def __init__(self, found: dict[str, list[tuple[int, int]]]) -> None:
        super().__init__()
        self.found = found


class AcrossArticles:
    """Needs the screen's ``panes``, ``views``, ``current_pane()``, ``counterparts``,
    ``store``, ``pipeline``, ``tagging``, ``scroll_mode``, ``dim_boilerplate`` and
    ``boilerplate`` (each document's lines, kept for the session)."""

    # ---- counterparts ----
    def light_counterparts(self) -> None:
        pane = self.current_pane()
        counterparts.light(self.views, pane.view, self.counterparts)
        pane.update_status()  # it took the message first, before the count was known
        for other in self.panes:  # an unfocused pane counts its own cursor's counterparts
            if other is not pane:
                other.view.counterpart_count = counterparts.count_at(
                    self.views, other.view, self.counterparts
                )

    def action_candidates(self) -> None:
        """The passages of the other open articles that may carry the sentence under the
        cursor, to confirm or reject (key ``L``); the panes align again after a decision."""
        if not self.ready() or len(self.panes) < 2:
            self.notify("Open another article (O) to link passages across articles")
            return
        from newsgloss.tui.screens.candidates import CandidatesScreen

        pane = self.current_pane()
        if self._link_selections(pane):
            return
        span = pane.view.sentence_at_cursor()
        others = [(p.document.id, p.document.title) for p in self.panes if p is not pane]
        dialog = CandidatesScreen(
            self.store.path, self.pipeline, pane.document.id, span, others, self.tagging,
        )  # fmt: skip
        self.app.push_screen(dialog, self._decided)

    def _link_selections(self, pane: ArticlePane) -> bool:
        """A selection here and one in exactly one other pane: link the two by hand (a
        confirmed link). Whether it did."""
        here = pane.view.selection_range()
        theirs = [(p, p.view.selection_range()) for p in self.panes if p is not pane]
        theirs = [(p, span) for p, span in theirs if span is not None]
        if here is None or len(theirs) != 1:
            return False
        other, there = theirs[0]
        try:
            self.tagging.decide_link(pane.document.id, here, other.document.id, there,
                                     "confirmed")  # fmt: skip
        except UserError as error:
            self.notify(str(error), severity="error")
            return True
        for view in (pane.view, other.view):
            view.action_clear_selection()
        self.notify("Linked the two selections (u undoes; L on it lists it)")
        self._decided(True)
        return True

    def _decided(self, decided: bool | None) -> None:
        if decided:
            self.counterparts.forget(p.document.id for p in self.panes)
            self.align_panes()

    def mark_discrepancies(self) -> None:
        """Every passage of the open panes whose counterpart states another value: ``!``."""
        counterparts.mark_discrepancies(self.views, self.counterparts)

    def action_discrepancies(self) -> None:
        """What the current article states differently from the other open ones (key D)."""
        pane = self.current_pane()
        found = counterparts.discrepancy_list(self.views, pane.view, self.counterparts)
        if not found:
            self.notify("No passage here states another value than its counterpart")
            return
        more = f"; … and {len(found) - LISTED} more" if len(found) > LISTED else ""
        shown = "; ".join(found[:LISTED]) + more  # one sanitised line: no line breaks
        self.notify(shown, title=f"{len(found)} discrepancies", timeout=15, markup=False)

    def action_discrepancy(self, step: int) -> None:
        """To the next (previous) passage marked ``!``, across the open panes."""
        found = counterparts.next_discrepancy(self.views, self.current_pane().view, step)
        if found is None:
            self.notify("No passage here states another value than its counterpart")
            return
        view, offset = found
        self.set_focus(view)
        view.move_to(offset)

    def on_article_canvas_changed(self, event: ArticleView.Changed) -> None:
        if event.view is self.current_pane().view:
            self.light_counterparts()

    def action_counterpart(self, step: int) -> None:
        found = counterparts.next_counterpart(
            self.views, self.current_pane().view, self.counterparts, step
        )
        if found is None:
            self.notify("No counterpart of this passage in the other panes", severity="warning")
            return
        view, offset = found
        self.set_focus(view)
        view.move_to(offset)
        link = next(iter(self.counterparts.at(view.document.id, offset,
                                              self.current_pane().document.id)), None)  # fmt: skip
        view.centre(offset, link.a_end if link else offset)

    # ---- scrolling ----
    scroll_notice = ""  # what S just did, in the legend for a few seconds
    scroll_notice_timer: Timer | None = None

    def action_sync(self) -> None:
        """Apart, together (at the same relative position), level (aligned passages side by
        side, as Juxta locks them), and apart again. Said in the legend, not in a toast:
        pressed again, the new mode's notice replaces the old one's (and other toasts,
        such as an error, stay)."""
        modes = session.SCROLL_MODES
        self.scroll_mode = modes[(modes.index(self.scroll_mode) + 1) % len(modes)]
        self.scroll_notice = SCROLLING[self.scroll_mode]
        if self.scroll_notice_timer is not None:
            self.scroll_notice_timer.stop()
        self.scroll_notice_timer = self.set_timer(NOTICE_SECONDS, self._end_scroll_notice)
        self.refresh_legend()

    def _end_scroll_notice(self) -> None:
        self.scroll_notice = ""
        self.refresh_legend()

    def on_article_view_scrolled(self, event: ArticleView.Scrolled) -> None:
        if self.scroll_mode == "level":
            counterparts.level(self.views, event.view, self.counterparts)
        elif self.scroll_mode == "together":
            for view in self.views:
                if view is not event.view:
                    view.scroll_to_fraction(event.fraction)

    # ---- boilerplate ----
    def action_boilerplate(self) -> None:
        self.dim_boilerplate = not self.dim_boilerplate
        self.notify(
            "Boilerplate dimmed: lines repeated in an article or in several"
            if self.dim_boilerplate
            else "Boilerplate shown as the story"
        )
        self.show_boilerplate(self.panes)

    def show_boilerplate(self, panes: list[ArticlePane]) -> None:
        """Dim (or undim) the boilerplate of these panes, finding what is not known yet."""
        missing = [p.document.id for p in panes if p.document.id not in self.boilerplate]
        if self.dim_boilerplate and missing and self.store is not None:
            self.find_boilerplate(self.store.path, missing)
        for pane in panes:
            lines = self.boilerplate.get(pane.document.id, [])
            pane.view.set_dimmed(lines if self.dim_boilerplate else [])

    @work(thread=True, group="cache", exit_on_error=False, description="Finding boilerplate")
    def find_boilerplate(self, db: Path, doc_ids: list[str]) -> None:
        from newsgloss.annotations import api

        with api.connection(db) as store:
            self.post_message(BoilerplateFound(api.boilerplate_lines(store, doc_ids)))

    def on_boilerplate_found(self, event: BoilerplateFound) -> None:
        self.boilerplate.update(event.found)
        self.show_boilerplate(self.panes)

    # ---- the claims view ----
    layout_before: list[tuple[str, int, int]] | None = None  # the panes before a claim

    def action_claims(self) -> None:
        if not self.ready():
            return
        if self.pipeline is None:
            self.notify(
                "The claims view needs the entity model, which is not installed",
                severity="warning",
            )
            return
        from newsgloss.tui.claims.screen import ClaimsScreen

        screen = ClaimsScreen(self.store.path, self.pipeline, self.tagging)
        self.app.push_screen(screen, self._claim_chosen)

    async def _claim_chosen(self, claim) -> None:
        """Back from the claims view: its copies and undos show here; a chosen claim
        opens side by side, its tagged and confirmed passages first, then the surely
        linked, then the likely; ``ctrl+o`` goes back to the panes open before."""
        if claim is not None:
            first, *others = claim.passages
            others.sort(key=lambda p: 0 if p.tags or p.kind == "confirmed" else
                        1 if p.kind == "same" else 2)  # fmt: skip
            self.layout_before = [(p.document.id, p.view.cursor, p.view.top_offset())
                                  for p in self.panes]  # fmt: skip
            await self.open_passages([(p.doc_id, p.start, p.start) for p in [first, *others]])
        else:
            for doc_id in {pane.document.id for pane in self.panes}:
                self.show_annotations(doc_id)

    async def action_layout_back(self) -> None:
        """The panes as they were before a claim was opened side by side."""
        if not self.layout_before:
            self.notify("No earlier layout to go back to (enter on a claim in C makes one)")
            return
        layout, self.layout_before = self.layout_before, None
        await self.open_passages(layout)

    async def open_passages(self, passages: list[tuple[str, int, int]]) -> None:
        """Replace the panes with these documents, each at its (cursor, first visible
        character): a claim and its counterparts side by side, or the layout before."""
        panes = [
            ArticlePane(self.store.document(d), (at, top)) for d, at, top in passages[:MAX_PANES]
        ]
        await self.pane_row.remove_children()
        await self.pane_row.mount_all(panes)
        self.call_after_refresh(self.panes_opened, panes)
