"""Claims across the corpus: every tagged passage, grouped with the passages aligned with
it in the other stored articles, tagged or not, with who each attributes it to and
where the outlets differ. What ``newsgloss claims`` writes and a claims view would show.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsgloss.annotations import decisions, similar_index
from newsgloss.annotations.alignments import (
    Sides,
    align_documents,
)
from newsgloss.annotations.model import Annotation
from newsgloss.annotations.versions import replaced_ids
from newsgloss.corpus.align import Link, passage_spans
from newsgloss.corpus.discrepancy import discrepancies, values
from newsgloss.corpus.positions import ByPosition

if TYPE_CHECKING:
    from newsgloss.annotations.store import Store
    from newsgloss.corpus.analysis import PipelineInfo


@dataclass
class Passage:
    """One article's passage in a claim: its span, its text, and its tags there, with the
    article's outlet, date and URL (which outlet says what, and when)."""

    doc_id: str
    title: str
    start: int
    end: int
    text: str
    tags: list[Annotation] = field(default_factory=list)
    attributed_to: str = ""
    differs: list[str] = field(default_factory=list)  # from the claim's first passage
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    kind: str = "tagged"  # how it is linked to the first: tagged there, same, related, …


@dataclass
class Claim:
    passages: list[Passage]  # the tagged passage that opened the claim first
    capped: str = ""  # why fewer counterparts were taken than the links give, if so

    @property
    def text(self) -> str:
        return self.passages[0].text

    @property
    def key(self) -> tuple[str, int, int]:
        """What the claim is known by (its verdict among others): its first passage."""
        first = self.passages[0]
        return first.doc_id, first.start, first.end


MAX_TAG_CHARS = 2000  # a longer tag (a whole article) is a claim of its own
MAX_PASSAGES = 40  # counterpart passages a claim takes at most


def claims(store: Store, info: PipelineInfo, **filters) -> list[Claim]:
    """Every claim ``iter_claims`` finds, as a list."""
    return list(iter_claims(store, info, **filters))


def iter_claims(
    store: Store,
    info: PipelineInfo,
    *,
    labels: Iterable[str] = (),
    doc_ids: Iterable[str] = (),
    annotator: str | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> Iterator[Claim]:
    """Every tag (of these labels, documents and annotator) as a claim with its aligned
    passages in the other stored documents (every other one in a small store, those the
    candidate index ranks highest in a large one: ``_partners``), each yielded as soon as
    it is found; tags whose passages are aligned with each other make one claim.
    Alignments come from the cache, or are made and cached. A version a newer one
    replaced takes no part. A tag longer than MAX_TAG_CHARS takes no counterparts and a
    claim at most MAX_PASSAGES (else one tag over a whole article merges every claim into
    one); the claim says so (``capped``). ``cancelled`` is asked between claims: the
    claims view stops when it is left."""
    replaced = replaced_ids(store)  # older versions: their tags are orphans, not claims
    labels, doc_ids = list(labels), list(doc_ids)
    tags = store.annotations()  # read once, not once more for the filters
    asked = store.annotations(doc_ids, labels) if doc_ids or labels else tags
    wanted = sorted(
        (
            a
            for a in asked
            if (annotator is None or a.annotator == annotator) and a.doc_id not in replaced
        ),
        key=lambda a: a.created_at,
    )  # the first tag of a claim opens it: a tag copied to its counterparts joins it
    every = _TagIndex(tags)
    by_doc: dict[str, list[Annotation]] = defaultdict(list)  # tags not too long to align
    for tag in wanted:
        if tag.end - tag.start <= MAX_TAG_CHARS:
            by_doc[tag.doc_id].append(tag)
    ids = [d for d in store.document_ids() if d not in replaced]
    if len(ids) > EXHAUSTIVE_UP_TO:
        similar_index.ensure_indexed(store)  # those stored before they were indexed
    documents = _Documents(store)
    placed: set[str] = set()  # annotation ids already in a claim
    aligned: dict[tuple, list] = {}  # read once a pair (in id order), not once a tag
    seen_from: dict[tuple, ByPosition] = {}  # and from each side, by position
    partners: dict[str, list[str]] = {}  # the documents a tagged one is aligned with
    sides = Sides(SIDES)  # each document read and weighed once, not once a pair
    for tag in wanted:
        if tag.id in placed:
            continue
        if cancelled():
            return
        first = _passage(documents[tag.doc_id], tag.start, tag.end)
        passages, capped = [first], ""
        if tag.end - tag.start > MAX_TAG_CHARS:  # it would pull in, and merge, everything
            capped = f"a tag of more than {MAX_TAG_CHARS:,} characters: no counterparts taken"
        if tag.doc_id not in partners:
            partners[tag.doc_id] = _partners(store, tag.doc_id, ids, replaced, by_doc[tag.doc_id])
        for other_id in [] if capped else partners[tag.doc_id]:
            other = documents[other_id]
            pair = tuple(sorted((tag.doc_id, other.id)))  # each pair aligned once
            if pair not in aligned:
                aligned[pair] = align_documents(store, info, *pair, sides)
            if (tag.doc_id, other.id) not in seen_from:
                links = aligned[pair]
                seen_from[tag.doc_id, other.id] = ByPosition(
                    links if pair[0] == tag.doc_id else (k.swapped() for k in links), Link.a_span
                )
            for link in seen_from[tag.doc_id, other.id].over(tag.start, tag.end):
                passages.append(_passage(other, link.b_start, link.b_end, link.kind))
        if len(passages) > MAX_PASSAGES + 1:
            passages = passages[: MAX_PASSAGES + 1]
            capped = f"only the first {MAX_PASSAGES} counterpart passages taken"
        for passage in passages:
            passage.tags = [
                a
                for a in every.on(passage.doc_id, passage.start, passage.end)
                if passage is first or a.end - a.start <= MAX_TAG_CHARS
            ]  # fmt: skip - a huge tag on a counterpart is a claim of its own, not this one's
            placed.update(a.id for a in passage.tags)
            passage.attributed_to = _attribution(passage)
            if passage is not first:
                passage.differs = [d.describe() for d in discrepancies(first.text, passage.text)]
        yield Claim(passages, capped)


EXHAUSTIVE_UP_TO = 200  # documents: up to this many, a tagged one is aligned with each
PARTNERS = 20  # beyond: with the candidate index's best this many, and those linked by hand
STORY_PARTNERS = 5  # of which at most this many share only the story's rarest words
SIDES = 2048  # documents kept ready to align while finding claims (about 80 KiB each)


def _partners(
    store: Store, doc_id: str, ids: list[str], replaced: set[str], tags: list[Annotation]
) -> list[str]:
    """The documents to align ``doc_id`` with: every other in a small store; in a large
    one (aligning 2,000 articles with every tagged one never finishes), those the
    candidate index says share a passage with one of its ``tags`` (the PARTNERS it ranks
    highest) or, fewer (STORY_PARTNERS), only the story's rarest words (a rewrite), and
    those a fact-checker linked to it."""
    if len(ids) <= EXHAUSTIVE_UP_TO:
        return [d for d in ids if d != doc_id]
    spans = passage_spans(store.document(doc_id).text)
    tagged = {n for n, (s, e) in enumerate(spans) for t in tags if _overlap(s, e, t.start, t.end)}
    ranked = similar_index.similar(store, doc_id, tagged, PARTNERS + len(replaced))
    ranked = [(d, shared) for d, shared in ranked if d not in replaced][:PARTNERS]
    story_only = [d for d, shared in ranked if not shared][:STORY_PARTNERS]
    found = {d for d, shared in ranked if shared} | set(story_only)
    found |= decisions.partners(store, doc_id)
    return sorted(found - replaced - {doc_id})


def claim_documents(store: Store, doc_ids: Iterable[str] = ()) -> list[str]:
    """The documents worth analysing before finding claims (sentence units align better
    than lines): every stored one in a small store; in a large one only those holding
    tags (of ``doc_ids``, if given), so the first claims do not wait for the corpus."""
    ids = store.document_ids()
    if len(ids) <= EXHAUSTIVE_UP_TO:
        return ids
    return sorted({a.doc_id for a in store.annotations(doc_ids=list(doc_ids))})


class _Documents(dict):
    """Stored documents read as they are first needed, not all at once."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def __missing__(self, doc_id: str):
        self[doc_id] = self.store.document(doc_id)
        return self[doc_id]


class _TagIndex:
    """Tags by document and position: a passage's tags are found by bisecting its
    document's, not by scanning every tag of the desk."""

    def __init__(self, annotations: Iterable[Annotation]) -> None:
        self.by_doc: dict[str, list[Annotation]] = defaultdict(list)
        for annotation in annotations:
            self.by_doc[annotation.doc_id].append(annotation)
        self.tags: dict[str, ByPosition] = {}  # a document's, sorted when first asked for

    def on(self, doc_id: str, start: int, end: int) -> list[Annotation]:
        """The tags of ``doc_id`` overlapping ``start``-``end``, in text order."""
        if doc_id not in self.by_doc:
            return []
        if doc_id not in self.tags:  # the first claim needs a few of 10,000: 0.07 s less
            self.tags[doc_id] = ByPosition(self.by_doc[doc_id])
        return self.tags[doc_id].over(start, end)


def retag(store: Store, claim: Claim) -> None:
    """Read the claim's tags again: the store may have changed since it was found."""
    every = _TagIndex(store.annotations(list({p.doc_id for p in claim.passages})))
    for passage in claim.passages:
        passage.tags = every.on(passage.doc_id, passage.start, passage.end)


def matches(
    claim: Claim,
    *,
    label: str | None = None,
    doc_id: str | None = None,
    annotator: str | None = None,
) -> bool:
    """Whether a claim has a tag of that label, in that document, by that annotator (each
    None for any): the claims view's filters, which keep claims whole."""
    return any(
        (label is None or a.label == label)
        and (doc_id is None or a.doc_id == doc_id)
        and (annotator is None or a.annotator == annotator)
        for passage in claim.passages
        for a in passage.tags
    )


SURE = ("same", "confirmed")  # links a tag is copied along without asking twice


def missing_tags(claim: Claim) -> list[tuple[Passage, str]]:
    """The claim's labels its passages lack: for each passage, each label some other
    passage of the claim is tagged with and it is not."""
    labels = list(dict.fromkeys(a.label for p in claim.passages for a in p.tags))
    return [
        (passage, label)
        for passage in claim.passages
        for label in labels
        if label not in {a.label for a in passage.tags}
    ]


def _overlap(start: int, end: int, other_start: int, other_end: int) -> bool:
    return start < other_end and end > other_start


def _passage(document, start: int, end: int, kind: str = "tagged") -> Passage:
    meta = document.meta
    return Passage(
        document.id, document.title, start, end, document.text[start:end],
        outlet=meta.outlet, published=meta.published, url=meta.url, kind=kind,
    )  # fmt: skip


def _attribution(passage: Passage) -> str:
    """Who the passage attributes its claim to: an attribution tag on it, else the
    speaker of its speech verb."""
    for a in passage.tags:
        if a.label == "attribution":
            return a.quote
    return ", ".join(sorted(values(passage.text)["speaker"]))


def claim_record(number: int, claim: Claim, verdict=None) -> dict:
    """A claim as ``newsgloss claims --format jsonl`` writes it: its number, its text, its
    verdict (or null) and every passage with its tags."""
    return {
        "claim": number,
        "text": claim.text,
        "capped": claim.capped or None,
        "verdict": _verdict_record(verdict),
        "passages": [
            {
                **{k: v for k, v in vars(p).items() if k != "tags"},
                "tags": [
                    {"id": a.id, "label": a.label, "note": a.note, "annotator": a.annotator}
                    for a in p.tags
                ],
            }
            for p in claim.passages
        ],
    }


def _verdict_record(verdict) -> dict | None:
    if verdict is None:
        return None
    return {"rating": verdict.rating, "explanation": verdict.explanation,
            "evidence": list(verdict.evidence), "reviewer": verdict.reviewer,
            "reviewed_at": verdict.reviewed_at}  # fmt: skip


def markdown(found: Iterable[Claim], verdict_of=lambda claim: None) -> Iterator[str]:
    """A fact-check worksheet, line by line: one section per claim (with its verdict, if
    it has one), one table row per article carrying it (outlet, date, title and URL:
    which outlet says what)."""
    yield "# Claims worksheet"
    for number, claim in enumerate(found, start=1):
        yield ""
        yield f"## {number}. “{_cell(_short(claim.text, 120))}”"
        yield ""
        verdict = verdict_of(claim)
        if verdict is not None:
            why = f": {_cell(verdict.explanation)}" if verdict.explanation else ""
            yield (f"**Verdict: {_cell(verdict.rating)}**{why} "
                   f"({_cell(verdict.reviewer)}, {verdict.reviewed_at[:10]})")  # fmt: skip
            for evidence in verdict.evidence:
                yield f"- evidence: {_cell(evidence)}"
            yield ""
        if claim.capped:
            yield f"*Capped: {_cell(claim.capped)}.*"
            yield ""
        yield "| Outlet | Date | Article | Passage | Tags | Notes | Attributed to | Differs |"
        yield "| --- | --- | --- | --- | --- | --- | --- | --- |"
        for p in claim.passages:
            tags = ", ".join(sorted({a.label for a in p.tags})) or "(untagged)"
            notes = "; ".join(a.note for a in p.tags if a.note)
            title, passage = _short(p.title, 60), _short(p.text, 200)
            article = f"{title} ({p.url})" if p.url else title
            cells = (p.outlet or "", p.published or "", article, passage, tags, notes,
                     p.attributed_to, "; ".join(p.differs))  # fmt: skip
            yield "| " + " | ".join(_cell(c) for c in cells) + " |"


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_MARKDOWN = re.compile(r"([\\`*_\[\]<>!|&#~])")


def _cell(text: str) -> str:
    """Text that stays text in a markdown table cell: no line breaks, and every character
    that could start markup escaped, so that a note or a title cannot bring in raw HTML,
    a link or a remote image (``![x](https://…)``) when the worksheet is rendered."""
    return _MARKDOWN.sub(r"\\\1", " ".join(text.split()))
