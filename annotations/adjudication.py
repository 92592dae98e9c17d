"""Two annotators' tags on one article set against each other, and the adjudicated set
made from them (annotator ``adjudicated``).

A tag is *agreed* when both annotators gave that span that label, else it is *only A's*
or *only B's*. Tags that overlap, of either annotator, make a *region*: where two
annotators tagged the same passage differently (a longer span, another label) is one
region, and accepting A's (or B's) version puts that annotator's tags of the region,
and nothing else, into the adjudicated set.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsgloss.annotations.agreement import covered
from newsgloss.annotations.history import Change
from newsgloss.annotations.model import Annotation
from newsgloss.corpus import UserError

if TYPE_CHECKING:
    from newsgloss.annotations.store import Store

ADJUDICATED = "adjudicated"
AGREED, ONLY_A, ONLY_B = "agreed", "only A", "only B"


@dataclass(frozen=True)
class Compared:
    """A tag and where it stands: agreed, only A's or only B's."""

    tag: Annotation
    standing: str

    @property
    def disagreed(self) -> bool:
        return self.standing != AGREED


def compare(a_tags: list[Annotation], b_tags: list[Annotation]) -> list[Compared]:
    """A's and B's tags in text order, an agreed span and label once (A's tag)."""
    b_keys = {(t.start, t.end, t.label) for t in b_tags}
    a_keys = {(t.start, t.end, t.label) for t in a_tags}
    found = [Compared(t, AGREED if (t.start, t.end, t.label) in b_keys else ONLY_A) for t in a_tags]
    found += [Compared(t, ONLY_B) for t in b_tags if (t.start, t.end, t.label) not in a_keys]
    return sorted(found, key=lambda c: (c.tag.start, c.tag.end, c.tag.label, c.standing))


def annotators_of(store: Store, doc_id: str) -> list[str]:
    """The annotators who tagged the article, most tags first (``adjudicated`` last)."""
    counts: dict[str, int] = {}
    for tag in store.annotations([doc_id]):
        counts[tag.annotator] = counts.get(tag.annotator, 0) + 1
    names = sorted(counts, key=lambda name: (name == ADJUDICATED, -counts[name], name))
    return names


Region = tuple[int, int]


def regions(compared: list[Compared]) -> list[Region]:
    """The stretches of text where tags overlap one another, in text order."""
    return covered(((c.tag.start, c.tag.end) for c in compared), touching=False)


def region_at(found: list[Region], offset: int) -> Region | None:
    """The region of ``found`` (as ``regions`` made them) under ``offset``."""
    return next(((s, e) for s, e in found if s <= offset < e), None)


def disagreements(compared: list[Compared], found: list[Region]) -> list[Region]:
    """The regions of ``found`` holding a tag the two annotators do not share."""
    return [(s, e) for s, e in found if any(c.disagreed and s <= c.tag.start < e for c in compared)]


def accept_agreed(store: Store, doc_id: str, a: str, b: str) -> tuple[Change, ...]:
    """The changes that add every tag A and B agree on (the same span and label) to the
    adjudicated set, where it lacks them: call inside the write transaction."""
    document = store.document(doc_id)
    tags = store.annotations([doc_id])
    keys = {who: {(t.start, t.end, t.label) for t in tags if t.annotator == who}
            for who in (a, b, ADJUDICATED)}  # fmt: skip
    notes = {(t.start, t.end, t.label): t.note for t in tags if t.annotator == a}
    agreed = sorted((keys[a] & keys[b]) - keys[ADJUDICATED])
    return tuple(
        Change(
            None,
            Annotation.create(
                document, s, e, label, note=notes[s, e, label], annotator=ADJUDICATED
            ),
        )  # fmt: skip
        for s, e, label in agreed
    )


def accept(
    store: Store, doc_id: str, annotator: str, region: tuple[int, int]
) -> tuple[Change, ...]:
    """The changes that make the adjudicated tags within ``region`` what ``annotator``
    tagged there (adjudicated tags it lacks are deleted, those it has are added with
    their notes), read as the store has them now: call inside the write transaction."""
    start, end = region
    document = store.document(doc_id)
    if document is None:
        raise UserError(f"no article {doc_id}")
    inside = [t for t in store.annotations([doc_id]) if t.start >= start and t.end <= end]
    chosen = {(t.start, t.end, t.label): t for t in inside if t.annotator == annotator}
    present = {(t.start, t.end, t.label): t for t in inside if t.annotator == ADJUDICATED}
    changes = [Change(t, None) for key, t in present.items() if key not in chosen]
    for key, t in chosen.items():
        if key not in present:
            copy = Annotation.create(document, t.start, t.end, t.label, note=t.note,
                                     annotator=ADJUDICATED)  # fmt: skip
            changes.append(Change(None, copy))
    return tuple(changes)
