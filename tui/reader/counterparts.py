"""The passages the open articles share: for an offset in one, the spans opposite it in
each other (``corpus/align.py`` finds them, in a worker; this answers the cursor)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from newsgloss.corpus.positions import ByPosition

if TYPE_CHECKING:  # the alignment loads with the store, after the first frame
    from newsgloss.corpus.align import Link
    from newsgloss.corpus.analysis import PipelineInfo
    from newsgloss.tui.article.canvas import ArticleCanvas

Span = tuple[int, int]
WORDS_MARKED = ("same", "confirmed")  # links whose differing words are worth marking


class Counterparts:
    def __init__(self) -> None:
        self._links: dict[tuple[str, str], ByPosition[Link]] = {}
        self._discrepant: dict[tuple[str, str], list[Span]] = {}

    def align_missing(
        self, db_path: Path, pipeline: PipelineInfo, doc_ids: list[str]
    ) -> dict[tuple[str, str], list[Link]]:
        """Align every pair of ``doc_ids`` not aligned yet, on a store connection of its
        own (this runs in a worker thread); ``add`` the result on the screen's."""
        from newsgloss.annotations import api

        ids = list(dict.fromkeys(doc_ids))
        pairs = [(a, b) for a in ids for b in ids if a < b and not self.known(a, b)]
        if not pairs:
            return {}
        store, _ = api.open_store(db_path)
        with store:
            return {pair: api.align_documents(store, pipeline, *pair) for pair in pairs}

    def forget(self, doc_ids: Iterable[str]) -> None:
        """Drop the links of these documents' pairs (decided anew): aligned again."""
        doc_ids = set(doc_ids)
        for key in [key for key in self._links if set(key) <= doc_ids]:
            del self._links[key]
            self._discrepant.pop(key, None)

    def add(self, a_id: str, b_id: str, links: Iterable[Link]) -> None:
        """The links between two documents, kept both ways."""
        links = list(links)
        back = [k.swapped() for k in links]
        for key, found in (((a_id, b_id), links), ((b_id, a_id), back)):
            self._links[key] = ByPosition(found, lambda link: link.a_span())
            self._discrepant.pop(key, None)

    def discrepant(self, doc_id: str, text: str, other_id: str, other_text: str) -> list[Span]:
        """The passages of ``doc_id`` whose counterpart in ``other_id`` states another
        number, date or speaker: worked out once a pair, for the gutter's ``!``."""
        key = (doc_id, other_id)
        if key not in self._discrepant:
            from newsgloss.corpus.discrepancy import discrepancies

            self._discrepant[key] = sorted(
                {(k.a_start, k.a_end) for k in self.links(doc_id, other_id)
                 if discrepancies(text[k.a_start : k.a_end], other_text[k.b_start : k.b_end])}
            )  # fmt: skip
        return self._discrepant[key]

    def links(self, doc_id: str, other_id: str) -> list[Link]:
        """Every link from ``doc_id`` into ``other_id``, in ``doc_id``'s order."""
        found = self._links.get((doc_id, other_id))
        return found.items if found else []

    def known(self, doc_id: str, other_id: str) -> bool:
        return (doc_id, other_id) in self._links

    def following(self, doc_id: str, offset: int, other_id: str) -> Link | None:
        """The first link from ``doc_id`` into ``other_id`` whose passage ends after
        ``offset`` (the one holding it, else the next), a ``same`` or ``confirmed`` one if
        there is one: a ``related`` link may lie off the order of the story."""
        found = self._links.get((doc_id, other_id))
        if found is None:
            return None
        first = None
        for link in found.after(offset):
            if link.a_end > offset:
                if link.kind in ("same", "confirmed"):
                    return link
                first = first or link
        return first

    def at(self, doc_id: str, offset: int, other_id: str) -> list[Link]:
        """The links from ``doc_id``'s passage holding ``offset`` into ``other_id``."""
        found = self._links.get((doc_id, other_id))
        return found.over(offset, offset + 1) if found else []


def mark_discrepancies(views: list[ArticleCanvas], counterparts: Counterparts) -> None:
    """Give every view the gutter's ``!`` by each passage whose counterpart in another open
    view states another number, date or speaker: all of them, wherever the cursor is."""
    for view in views:
        marks: set[Span] = set()
        for other in views:
            if other is not view:
                marks.update(counterparts.discrepant(
                    view.document.id, view.text, other.document.id, other.text))  # fmt: skip
        view.set_discrepant(sorted(marks))


def light(views: list[ArticleCanvas], current: ArticleCanvas, counterparts: Counterparts) -> None:
    """Light, in every other view, the passages opposite the current view's cursor, with
    the words each side alone has marked (for a close link: ``WORDS_MARKED``); count
    them for its status line (None while no other view's alignment is known) and say
    where they differ (``Ushakov / Putin``)."""
    from newsgloss.corpus.discrepancy import differing_words, discrepancies

    doc_id, cursor = current.document.id, current.cursor
    differences: list[str] = []
    here_words: list[Span] = []
    for view in views:
        if view is current:
            continue
        other = view.document.id
        links = counterparts.at(doc_id, cursor, other)
        there_words: list[Span] = []
        for k in links:
            here, there = current.text[k.a_start : k.a_end], view.text[k.b_start : k.b_end]
            if k.kind in WORDS_MARKED:  # a loose rewrite would be underlined end to end
                only_here, only_there = differing_words(here, there)
                here_words.extend((k.a_start + a, k.a_start + b) for a, b in only_here)
                there_words.extend((k.b_start + a, k.b_start + b) for a, b in only_there)
            differences.extend(d.describe() for d in discrepancies(here, there))
        view.set_counterparts([(k.b_start, k.b_end) for k in links], there_words)
    current.set_counterparts([], sorted(set(here_words)))
    current.counterpart_count = count_at(views, current, counterparts)
    current.counterpart_differences = list(dict.fromkeys(differences))


def count_at(
    views: list[ArticleCanvas], current: ArticleCanvas, counterparts: Counterparts
) -> int | None:
    """How many passages opposite ``current``'s cursor the other views hold; None while
    no other view's alignment with it is known."""
    doc_id, counts = current.document.id, []
    for view in views:
        if view is not current and counterparts.known(doc_id, view.document.id):
            counts.append(len(counterparts.at(doc_id, current.cursor, view.document.id)))
    return sum(counts) if counts else None


def next_counterpart(
    views: list[ArticleCanvas], current: ArticleCanvas, counterparts: Counterparts, step: int
) -> tuple[ArticleCanvas, int] | None:
    """The next view (``step`` 1) or previous one (-1), going round, that holds a passage
    opposite the current view's cursor, and where that passage starts."""
    index = views.index(current)
    for turn in range(1, len(views)):
        view = views[(index + step * turn) % len(views)]
        if view is current:
            continue
        found = counterparts.at(current.document.id, current.cursor, view.document.id)
        if found:
            return view, found[0].b_start
    return None


def discrepancy_list(
    views: list[ArticleCanvas], current: ArticleCanvas, counterparts: Counterparts
) -> list[str]:
    """Each passage of the current view that states another value than its counterpart
    in another view, with what differs: ``Putin said… : speaker differs: Ushakov / Putin``."""
    from newsgloss.corpus.discrepancy import discrepancies

    found = []
    for view in views:
        if view is current:
            continue
        for k in counterparts.links(current.document.id, view.document.id):
            here, there = current.text[k.a_start : k.a_end], view.text[k.b_start : k.b_end]
            for d in discrepancies(here, there):
                words = " ".join(here.split()[:6])
                found.append(f"{words}…: {d.describe()}")
    return list(dict.fromkeys(found))


def next_discrepancy(
    views: list[ArticleCanvas], current: ArticleCanvas, step: int
) -> tuple[ArticleCanvas, int] | None:
    """The next (``step`` 1) or previous (-1) passage marked ``!``: in the current view
    past its cursor, else in the views after it (before it), going round; the view and
    where the passage starts."""
    cursor = current.cursor
    if step > 0:
        later = [s for s, _ in current.discrepant if s > cursor]
        if later:
            return current, later[0]
    else:
        earlier = [s for s, _ in current.discrepant if s < cursor]
        if earlier:
            return current, earlier[-1]
    index = views.index(current)
    for turn in range(1, len(views) + 1):
        view = views[(index + step * turn) % len(views)]
        if view.discrepant:
            return view, (view.discrepant[0] if step > 0 else view.discrepant[-1])[0]
    return None


def level(views: list[ArticleCanvas], source: ArticleCanvas, counterparts: Counterparts) -> None:
    """Scroll every other view so that the first passage shared with ``source`` from its
    top row on stands on the same screen row in both (Juxta's locked side by side); a
    view sharing none from there follows at the same relative position."""
    top = source.scroll_offset.y
    offset = source.top_offset()
    fraction = top / source.max_scroll_y if source.max_scroll_y else 0.0
    for view in views:
        if view is source:
            continue
        link = counterparts.following(source.document.id, offset, view.document.id)
        if link is None or not len(view.wrapped):
            view.follow(round(fraction * view.max_scroll_y))
            continue
        on_screen = source.wrapped.row_of(link.a_start) - top
        view.follow(view.wrapped.row_of(link.b_start) - on_screen)
