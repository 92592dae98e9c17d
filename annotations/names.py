"""The index of names: every named entity across the corpus, from the cached analyses with
the corrections laid over them, spelling variants of one name merged.

Two merges, each explained and each undoable (``keep_apart``, kept in ``names_apart``):
- spellings alike (``corpus/name_variants.py``) under one label merge across the whole
  corpus: Yuri and Yury Ushakov, Zelensky and Zelenskyy;
- a PERSON's surname alone joins the full name only within one article, and only when
  one full name there ends with it: "Johnson" after "Boris Johnson" in one article and
  after "Mike Johnson" in another stay two people.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsgloss.annotations import name_counts
from newsgloss.annotations.analysis_cache import cached_analyses, corrected_entities
from newsgloss.annotations.model import utc_now
from newsgloss.annotations.name_rows import SEP, document_parts
from newsgloss.corpus.analysis import PipelineInfo
from newsgloss.corpus.name_variants import NOT_NAMES, alike, name_key, skeleton

if TYPE_CHECKING:
    from newsgloss.annotations.name_rows import Part
    from newsgloss.annotations.store import Store


@dataclass(frozen=True)
class Mention:
    doc_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Merge:
    """``variant`` joined ``into`` (both keys, under ``label``) because of ``why``."""

    label: str
    variant: str
    into: str
    why: str


@dataclass
class Name:
    """A name's counts over the corpus, and the parts (``name_rows.Part``) it holds:
    where its mentions are is read on demand (``mentions``)."""

    label: str
    key: str  # the key of the spelling the name is listed by
    mentions: int = 0
    articles: int = 0
    spellings: Counter[str] = field(default_factory=Counter)
    merges: list[Merge] = field(default_factory=list)
    parts: set[Part] = field(default_factory=set)

    @property
    def name(self) -> str:
        """The spelling most mentioned, of the longest ones (a full name before a surname)."""
        counts = self.spellings
        return max(counts, key=lambda s: (len(s.split()), counts[s], s))

    def as_json(self) -> str:
        return json.dumps(
            {
                "name": self.name, "label": self.label, "mentions": self.mentions,
                "articles": self.articles, "spellings": dict(self.spellings.most_common()),
                "merges": [{"variant": m.variant, "into": m.into, "why": m.why}
                           for m in self.merges],
            },
            ensure_ascii=False,
        )  # fmt: skip


def index(store: Store, info: PipelineInfo, labels: Sequence[str] = ()) -> list[Name]:
    """Every name with the ``labels`` asked for (all but quantities and times when none),
    most articles first: from the stored counts (``name_rows.py``), one row a name."""
    wanted = (lambda label: label in labels) if labels else (lambda label: label not in NOT_NAMES)
    name_counts.refresh(store)
    counts = {part: count for part, count in name_counts.totals(store, info).items()
              if wanted(part[0])}  # fmt: skip
    spellings: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for (label, key, _), count in counts.items():
        spellings[label, key].update(count.spellings)
    spelled = {node: min(found, key=lambda s: (-found[s], s)) for node, found in spellings.items()}
    apart = kept_apart(store)
    groups = _Groups()
    merges = _spelling_merges(spellings, apart, groups, spelled)
    placed = _surnames(counts, apart, groups, merges, spelled)
    names: dict[tuple[str, str], Name] = {}
    keys: dict[tuple[str, str], set[str]] = defaultdict(set)  # each name's keys not placed
    for part, count in counts.items():
        owner = placed.get(part) or groups.find(part[:2])
        name = names.setdefault(owner, Name(*owner))
        name.mentions += count.mentions
        name.spellings.update(count.spellings)
        name.parts.add(part)
        if part not in placed:  # a surname placed is in articles its full name counts
            name.articles += count.articles  # one key's parts are in different articles
            keys[owner].add(part[1])
    for owner, held in keys.items():
        if len(held) > 1:  # spellings merged: an article may have both
            names[owner].articles = len(_articles(store, info, names[owner], placed))
    for merge in merges:
        owner = groups.find((merge.label, merge.into))
        if owner in names:
            names[owner].merges.append(merge)
    return sorted(names.values(), key=lambda n: (-n.articles, -n.mentions, n.key, n.label))


def _articles(
    store: Store, info: PipelineInfo, name: Name, placed: Container[Part] = ()
) -> set[str]:
    """The articles where ``name`` is mentioned (by a part not ``placed`` elsewhere)."""
    held = name.parts.difference(placed)
    nodes = sorted({part[:2] for part in held})
    return {doc_id for doc_id, part in name_counts.stored_articles(store, info, nodes)
            if part in held}  # fmt: skip


def mentions(
    store: Store, info: PipelineInfo, name: Name, articles: int
) -> tuple[list[Mention], int]:
    """``name``'s mentions in its first ``articles`` articles (in the order they were
    stored), and in how many articles it is mentioned in all."""
    name_counts.refresh(store)
    found = _articles(store, info, name)
    chosen = [doc_id for doc_id in store.document_ids() if doc_id in found][:articles]
    listed = []
    for doc_id, entities in corrected_entities(store, info, chosen):
        parts = {part[:2]: part for part in document_parts(entities)}
        for e in entities:
            node = (e.label, name_key(e.text))
            if node in parts and parts[node] in name.parts:
                listed.append(Mention(doc_id, e.start, e.end, e.text))
    order = {doc_id: n for n, doc_id in enumerate(chosen)}
    listed.sort(key=lambda m: (order[m.doc_id], m.start))
    return listed, len(found)


class _Groups:
    """Union-find over (label, key) nodes; a group's root is its longest, then first, key."""

    def __init__(self) -> None:
        self.parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(self, node: tuple[str, str]) -> tuple[str, str]:
        while (parent := self.parent.get(node, node)) != node:
            self.parent[node] = self.parent.get(parent, parent)
            node = parent
        return node

    def join(self, a: tuple[str, str], b: tuple[str, str]) -> None:
        a, b = self.find(a), self.find(b)
        if a != b:
            root, child = sorted((a, b), key=lambda n: (-len(n[1].split()), n[1]))
            self.parent[child] = root


def _spelling_merges(nodes, apart: set, groups: _Groups, spelled: dict) -> list[Merge]:
    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for label, key in nodes:
        blocks[label, skeleton(key)].append(key)
    merges = []
    for (label, _), keys in blocks.items():
        keys.sort()
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                score = alike(a, b)
                if score and (label, a, b) not in apart:
                    groups.join((label, a), (label, b))
                    why = (f"{spelled[label, b]} and {spelled[label, a]} are spelled alike "
                           f"({score:.0f}% the same)")  # fmt: skip
                    merges.append(Merge(label, b, a, why))
    return merges


def _surnames(counts, apart: set, groups: _Groups, merges: list[Merge], spelled: dict) -> dict:
    """Where each PERSON's surname alone joins a full name: {part: group root}, for the
    parts whose articles name exactly one full name (of one group) ending with it."""
    placed, explained = {}, Counter()
    for (label, key, fulls), count in counts.items():
        if label != "PERSON" or not fulls:
            continue
        full = fulls.split(SEP)
        roots = {groups.find((label, f)) for f in full if ("PERSON", key, f) not in apart}
        if len(roots) == 1:
            placed[label, key, fulls] = roots.pop()
            explained[key, min(full)] += count.articles
    for (key, into), articles in sorted(explained.items()):
        where = "an article that names" if articles == 1 else f"{articles} articles that name"
        short, full = spelled["PERSON", key], spelled["PERSON", into]
        why = f"{short} alone, in {where} {full} in full"
        merges.append(Merge("PERSON", key, into, why))
    return placed


def kept_apart(store: Store) -> set[tuple[str, str, str]]:
    return {tuple(row) for row in store.db.execute("SELECT label, a, b FROM names_apart")}


def keep_apart(store: Store, merge: Merge, annotator: str) -> None:
    """Undo a merge: its two spellings are listed apart from now on."""
    a, b = _pair(merge)
    with store.transaction() as db:
        db.execute(
            "INSERT OR REPLACE INTO names_apart (label, a, b, annotator, decided_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [merge.label, a, b, annotator, utc_now()],
        )


def merge_again(store: Store, merge: Merge) -> None:
    """Undo ``keep_apart``."""
    a, b = _pair(merge)
    with store.transaction() as db:
        db.execute("DELETE FROM names_apart WHERE label = ? AND a = ? AND b = ?",
                   [merge.label, a, b])  # fmt: skip


def _pair(merge: Merge) -> tuple[str, str]:
    """As looked up: a surname first, else the two spellings in order."""
    if " " not in merge.variant and " " in merge.into:
        return merge.variant, merge.into
    a, b = sorted((merge.variant, merge.into))
    return a, b


def with_sentences(
    store: Store, info: PipelineInfo, mentions: Iterable[Mention]
) -> list[tuple[Mention, int, str]]:
    """Each mention with where the sentence it is in begins, and that sentence (the
    mention alone where the analysis has no sentences)."""
    mentions = list(mentions)
    analyses = cached_analyses(store, info, {m.doc_id for m in mentions})
    texts = {doc_id: store.document(doc_id).text for doc_id in analyses}
    found = []
    for m in mentions:
        sentences = analyses[m.doc_id].sentences if m.doc_id in analyses else ()
        span = next(((s, e) for s, e in sentences if s <= m.start < e), (m.start, m.end))
        text = texts.get(m.doc_id)
        found.append((m, span[0], text[span[0] : span[1]] if text else m.text))
    return found
