"""CompareScreen (``K``): one annotator's tags against another's in one article.

The article is drawn with each tag in the colour of where it stands (agreed, only A's,
only B's); the line below says what each annotator, and the adjudicated set, has in the
region under the cursor. ``d``/``D`` go from one disagreement to the next; ``A`` or
``B`` accepts that annotator's version of the region into the adjudicated set, ``Y``
every agreed tag, through the reader's ``Tagging``, so ``u`` undoes it here or back in
the reader.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Static

from newsgloss.annotations.api import adjudication, agreement
from newsgloss.corpus import Document, UserError
from newsgloss.tui.article.canvas import ArticleCanvas
from newsgloss.tui.article.view import ArticleView
from newsgloss.tui.cells import terminal_text
from newsgloss.tui.keys import COMPARE_BINDINGS
from newsgloss.tui.reader.tagging import UndoKeys
from newsgloss.tui.tags.lines import tag_line

if TYPE_CHECKING:
    from newsgloss.annotations.api import Tagging
    from newsgloss.tui.colours import Highlighting

# Where a tag stands, as a colour: what the view draws it in.
STANDING_COLOURS = (
    (adjudication.AGREED, "#2ca02c"),
    (adjudication.ONLY_A, "#1f77b4"),
    (adjudication.ONLY_B, "#d62728"),
)


class CompareScreen(UndoKeys, Screen[None]):
    """Over the reader; returns nothing (the reader shows the adjudicated tags again)."""

    BINDINGS = COMPARE_BINDINGS
    DEFAULT_CSS = """
    CompareScreen #compare-heading { height: auto; padding: 0 1; background: $boost; }
    CompareScreen ArticleView { height: 1fr; }
    CompareScreen #compare-detail { height: auto; max-height: 8; padding: 0 1;
        border-top: solid $panel; }
    """

    def __init__(
        self,
        document: Document,
        tagging: Tagging,
        annotators: list[str],
        highlighting: Highlighting,
        cursor: int = 0,
    ) -> None:
        super().__init__()
        self.document = document
        self.tagging = tagging
        self.annotators = annotators  # two at least; A and B are the first two at first
        self.a, self.b = annotators[0], annotators[1]
        self.highlighting = highlighting
        self.cursor = cursor
        self.tags: list = []
        self.compared: list[adjudication.Compared] = []
        self.regions: list[adjudication.Region] = []  # of overlapping tags: made with compared
        self.disagreements: list[adjudication.Region] = []

    def compose(self) -> ComposeResult:
        yield Static(id="compare-heading")
        yield ArticleView(self.document, id="compare-view")
        yield Static(id="compare-detail")
        yield Footer()

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    def on_mount(self) -> None:
        colours = replace(self.highlighting, tag_colours=STANDING_COLOURS)
        self.view.set_highlighting(colours)
        self.show()
        self.view.move_to(self.cursor)
        self.view.focus()

    def show(self) -> None:
        """Read the article's tags again and draw A's against B's."""
        self.tags = self.tagging.store.annotations([self.document.id])
        a_tags = [t for t in self.tags if t.annotator == self.a]
        b_tags = [t for t in self.tags if t.annotator == self.b]
        self.compared = adjudication.compare(a_tags, b_tags)
        self.regions = adjudication.regions(self.compared)
        self.disagreements = adjudication.disagreements(self.compared, self.regions)
        self.view.set_annotations([replace(c.tag, label=c.standing) for c in self.compared])
        counts = {s: sum(c.standing == s for c in self.compared) for s, _ in STANDING_COLOURS}
        heading = Text(no_wrap=True, overflow="ellipsis")
        heading.append(f"A {terminal_text(self.a) or '(no annotator)'}", "bold")
        heading.append(" against ")
        heading.append(f"B {terminal_text(self.b) or '(no annotator)'}", "bold")
        heading.append(f" on “{terminal_text(self.document.title)}”\n")
        for standing, _ in STANDING_COLOURS:
            heading.append(f" {standing} {counts[standing]} ", self.view.highlighting.tag(standing))
            heading.append(" ")
        disagreements = len(self.disagreements)
        heading.append(f"  {disagreements} disagreement{'s' * (disagreements != 1)}")
        heading.append(self._figures(), "dim")
        self.query_one("#compare-heading", Static).update(heading)
        self._show_detail()

    def _figures(self) -> str:
        """This article's agreement, as ``newsgloss agreement --doc`` gives it."""
        try:
            _, _, rows = agreement(self.tagging.store, doc_ids=[self.document.id],
                                   annotators=[self.a, self.b])  # fmt: skip
        except UserError:  # one of them has no tags here
            return ""
        overall = rows[-1]
        alphas = ("-" if x is None else f"{x:.2f}" for x in (overall.alpha, overall.u_alpha))
        return "  overlap F1 {:.2f}  alpha {}  u-alpha {}".format(overall.overlap_f1, *alphas)

    @on(ArticleCanvas.Changed)
    def _cursor_moved(self, event: ArticleCanvas.Changed) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        """Each side's tags, and the adjudicated ones, in the region under the cursor."""
        detail = self.query_one("#compare-detail", Static)
        region = adjudication.region_at(self.regions, self.view.cursor)
        if region is None:
            detail.update(Text("No tag of A's or B's under the cursor (d: next disagreement)"))
            return
        start, end = region
        lines = Text(no_wrap=True, overflow="ellipsis")
        lines.append(f"{start}-{end}", "bold")
        sides = (("A", self.a), ("B", self.b), ("adjudicated", adjudication.ADJUDICATED))
        for side, name in sides:
            inside = [
                t for t in self.tags if t.annotator == name and t.start >= start and t.end <= end
            ]
            lines.append(f"\n{side}: ", "bold")
            if not inside:
                lines.append("nothing", "dim")
            for number, tag in enumerate(inside):
                if number:
                    lines.append("\n   ")
                lines.append_text(tag_line(tag, self.highlighting))
                lines.append(f"  {tag.start}-{tag.end}", "dim")
        detail.update(lines)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_disagreement(self, direction: int) -> None:
        cursor = self.view.cursor
        starts = [s for s, _ in self.disagreements]
        ahead = [s for s in starts if s > cursor] if direction > 0 else []
        behind = [s for s in starts if s < cursor] if direction < 0 else []
        target = ahead[0] if ahead else behind[-1] if behind else None
        if target is None:
            self.notify("No more disagreements that way", severity="warning")
            return
        self.view.move_to(target)

    def action_accept(self, side: str) -> None:
        region = adjudication.region_at(self.regions, self.view.cursor)
        if region is None:
            self.notify("Put the cursor on a tag of A's or B's to accept", severity="warning")
            return
        name = self.a if side == "a" else self.b
        self._adjudicate(
            lambda: self.tagging.accept(self.document.id, name, region),
            "The adjudicated set already has this version",
        )

    def action_accept_agreed(self) -> None:
        self._adjudicate(
            lambda: self.tagging.accept_agreed(self.document.id, self.a, self.b),
            "The adjudicated set already has every agreed tag",
        )

    def _adjudicate(self, accept, unchanged: str) -> None:
        """Run ``accept`` (it writes, one undo step) and say what it did, or why not."""
        try:
            group = accept()
        except UserError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        if group is None:
            self.notify(unchanged)
            return
        self.notify(f"Adjudicated: {group.describe()} (u undoes)", markup=False)
        self.show()

    def after_step(self) -> None:
        self.show()

    def action_annotator(self, side: str) -> None:
        """The next annotator on that side (never the other side's)."""
        current, other = (self.a, self.b) if side == "a" else (self.b, self.a)
        choices = [n for n in self.annotators if n != other]
        following = choices[(choices.index(current) + 1) % len(choices)]
        if side == "a":
            self.a = following
        else:
            self.b = following
        self.show()
