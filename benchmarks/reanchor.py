"""Carrying tags to a new version of an article: placed exactly, placed after moving,
placed on changed text, orphaned, and misplaced (which must be 0).

    python benchmarks/reanchor.py [--tags 1000] [--seed 7]

Articles are generated (deterministically: a dozen sentence shapes filled with names,
places, numbers and a few repeated site lines, so a short quote such as a name occurs
several times) as paragraphs of sentences, each sentence known by an id. Tags go on
whole sentences, on runs of words and on single names. Each article then gets a new
version with known edits: 5% of its sentences rewritten (words swapped, a number
changed), sentences inserted, 3% deleted, a paragraph moved. Where each tag belongs in
the new version is known from the sentences' ids: the same words of an untouched
sentence (exact offsets), anywhere within its rewritten sentence, nowhere if it was
deleted. A placement anywhere else is **misplaced**.

Against, in the same run: carrying each tag by its offsets alone (kept where the new
text there still equals its quote) and by the first occurrence of its quote.
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import dataclass

from newsgloss.corpus.anchoring import ORPHANED, Anchor, Placement, reanchor

FIRST = ["Anna", "Yuri", "Maria", "Dmitry", "Olena", "Rahul", "Sofia", "Kwame", "Lena", "Omar"]
LAST = ["Petrova", "Ushakov", "Kovalenko", "Sharma", "Mensah", "Novak", "Haddad", "Berg"]
PLACES = ["Istanbul", "Kyiv", "Moscow", "Geneva", "Ankara", "Warsaw", "Delhi", "Accra"]
THINGS = ["talks", "ceasefire", "prisoner exchange", "grain deal", "sanctions", "summit",
          "framework", "memorandum", "negotiations", "security guarantees"]  # fmt: skip
VERBS = ["said", "stated", "told reporters", "confirmed", "denied", "suggested", "warned"]
SWAPS = {"said": "claimed", "would": "could", "on": "by", "the": "a", "in": "near",
         "rose": "fell", "new": "fresh", "talks": "discussions"}  # fmt: skip
CHROME = ["Read more.", "Subscribe to our newsletter.", "Share this article."]


@dataclass
class Sentence:
    id: int
    text: str
    rewritten: bool = False


ADJECTIVES = ["tense", "brief", "fragile", "long-awaited", "secret", "public", "stalled",
              "renewed", "cautious", "disputed", "formal", "informal"]  # fmt: skip
OBJECTS = ["draft", "proposal", "statement", "communique", "timetable", "agenda", "letter",
           "briefing", "report", "schedule", "memo", "decree"]  # fmt: skip
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "the weekend"]


def sentence(rng: random.Random, number: int) -> Sentence:
    """One of a dozen shapes, filled at random: real articles repeat names and phrases
    ("said on Thursday"), not whole sentences."""
    who, other = (f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(2))
    place, thing, adj, obj = (rng.choice(PLACES), rng.choice(THINGS), rng.choice(ADJECTIVES),
                              rng.choice(OBJECTS))  # fmt: skip
    n, day, verb = rng.randint(2, 900), rng.choice(DAYS), rng.choice(VERBS)
    shapes = [
        f"{who} {verb} the {thing} would resume in {place} on the {rng.randint(1, 28)}th.",
        f"According to {who}, {n} people were involved in the {thing} near {place}.",
        f"The {thing} in {place} rose to a new level after {n % 30 + 2} days, {who} {verb}.",
        f"Officials in {place} have not commented on the {adj} {thing} since {n + 1200}.",
        f"A {adj} {obj} seen by reporters lists {n} conditions for the {thing}.",
        f"{who} met {other} in {place} on {day} for what aides called {adj} talks.",
        f"The {obj} was released on {day}, {n % 12 + 1} hours before the {thing} began.",
        f"Asked about the {thing}, {who} said only that the {obj} was {adj}.",
        f"Markets in {place} moved {n % 9 + 1} percent after the {adj} {obj} appeared.",
        f"{other}, who led the {thing} in {n + 1100}, called the {obj} {adj}.",
        f"In {place}, {n} protesters gathered on {day} to oppose the {thing}.",
        f"It was not clear whether the {adj} {obj} would reach {place} before {day}.",
    ]
    return Sentence(number, rng.choice(shapes))


def article(rng: random.Random, start_id: int) -> list[list[Sentence]]:
    paragraphs, number = [], start_id
    for _ in range(rng.randint(8, 14)):
        paragraph = []
        for _ in range(rng.randint(2, 5)):
            paragraph.append(sentence(rng, number))
            number += 1
        if rng.random() < 0.25:
            paragraph.append(Sentence(number, rng.choice(CHROME)))
            number += 1
        paragraphs.append(paragraph)
    return paragraphs


def render(paragraphs: list[list[Sentence]]) -> tuple[str, dict[int, tuple[int, int]]]:
    """The text, and each sentence's span in it."""
    text, spans = "", {}
    for paragraph in paragraphs:
        for index, s in enumerate(paragraph):
            if index:
                text += " "
            spans[s.id] = (len(text), len(text) + len(s.text))
            text += s.text
        text += "\n"
    return text, spans


def rewrite(rng: random.Random, s: Sentence) -> Sentence:
    words = s.text.split(" ")
    swappable = [i for i, w in enumerate(words) if w in SWAPS]
    for i in rng.sample(swappable, min(2, len(swappable))):
        words[i] = SWAPS[words[i]]
    digits = [i for i, w in enumerate(words) if any(c.isdigit() for c in w)]
    if digits:
        i = rng.choice(digits)
        words[i] = "".join(str((int(c) + 3) % 10) if c.isdigit() else c for c in words[i])
    return Sentence(s.id, " ".join(words), rewritten=True)


def edited(rng: random.Random, paragraphs: list[list[Sentence]], next_id: int):
    """A new version: 5% rewritten, 3% deleted, a few inserted, one paragraph moved."""
    new = []
    for paragraph in paragraphs:
        kept = []
        for s in paragraph:
            roll = rng.random()
            if roll < 0.03:
                continue  # deleted
            kept.append(rewrite(rng, s) if roll < 0.08 else s)
            if rng.random() < 0.04:
                kept.append(sentence(rng, next_id))  # inserted
                next_id += 1
        if kept:
            new.append(kept)
    if rng.random() < 0.5:
        new.insert(rng.randrange(len(new)), [sentence(rng, next_id)])  # a new paragraph
        next_id += 1
    moved = new.pop(rng.randrange(len(new)))
    new.insert(rng.randrange(len(new) + 1), moved)
    return new, next_id


@dataclass
class Tag:
    sentence: int
    local: tuple[int, int]  # offsets within its sentence
    anchor: Anchor


def tags_for(rng: random.Random, paragraphs, text: str, spans, count: int) -> list[Tag]:
    sentences = [s for p in paragraphs for s in p]
    tags = []
    for s in rng.sample(sentences, min(count, len(sentences))):
        start, end = spans[s.id]
        roll = rng.random()
        if roll < 0.5:
            local = (0, end - start)
        else:
            words = [(i, i + len(w)) for i, w in _words(s.text)]
            if roll < 0.85 and len(words) > 3:
                a = rng.randrange(len(words) - 2)
                b = rng.randrange(a + 1, min(len(words), a + 6))
                local = (words[a][0], words[b][1])
            else:  # one name: occurs all over the article
                local = rng.choice(words[:2])
        a_start, a_end = start + local[0], start + local[1]
        anchor = Anchor(a_start, a_end, text[a_start:a_end], text[max(0, a_start - 32) : a_start],
                        text[a_end : a_end + 32])  # fmt: skip
        tags.append(Tag(s.id, local, anchor))
    return tags


def _words(text: str):
    at = 0
    for word in text.split(" "):
        yield at, word.rstrip(".,")
        at += len(word) + 1


def judged(tag: Tag, placement: Placement, new_spans, rewritten: set[int]) -> str:
    """``right`` or ``misplaced`` (an orphan is never misplaced)."""
    if placement.kind == ORPHANED:
        return "right"
    if tag.sentence not in new_spans:
        return "misplaced"  # its sentence was deleted
    start, end = new_spans[tag.sentence]
    if tag.sentence in rewritten:
        return "right" if start <= placement.start and placement.end <= end else "misplaced"
    expected = (start + tag.local[0], start + tag.local[1])
    return "right" if (placement.start, placement.end) == expected else "misplaced"


def by_offsets(old: str, new: str, anchors) -> list[Placement]:
    return [
        Placement("exact", a.start, a.end) if new[a.start : a.end] == a.quote
        else Placement(ORPHANED) for a in anchors
    ]  # fmt: skip


def by_first_quote(old: str, new: str, anchors) -> list[Placement]:
    found = [(a, new.find(a.quote)) for a in anchors]
    return [
        Placement("moved", at, at + len(a.quote)) if at >= 0 else Placement(ORPHANED)
        for a, at in found
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tags", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    cases, next_id, total = [], 0, 0
    while total < args.tags:
        paragraphs = article(rng, next_id)
        next_id += 1000
        text, spans = render(paragraphs)
        tags = tags_for(rng, paragraphs, text, spans, min(10, args.tags - total))
        new_paragraphs, _ = edited(rng, paragraphs, next_id - 500)
        new_text, new_spans = render(new_paragraphs)
        rewritten = {s.id for p in new_paragraphs for s in p if s.rewritten}
        cases.append((text, new_text, tags, new_spans, rewritten))
        total += len(tags)
    print(f"{total} tags over {len(cases)} articles and their new versions")
    for name, method in (("newsgloss", reanchor), ("offsets only", by_offsets),
                         ("first quote", by_first_quote)):  # fmt: skip
        counts: dict[str, int] = {}
        began = time.perf_counter()
        for text, new_text, tags, new_spans, rewritten in cases:
            placements = method(text, new_text, [t.anchor for t in tags])
            for tag, placement in zip(tags, placements, strict=True):
                verdict = judged(tag, placement, new_spans, rewritten)
                key = "misplaced" if verdict == "misplaced" else placement.kind
                counts[key] = counts.get(key, 0) + 1
        seconds = time.perf_counter() - began
        shown = "  ".join(
            f"{kind} {counts.get(kind, 0)}"
            for kind in ("exact", "moved", "changed", "orphaned", "misplaced")
        )
        print(f"{name:>13}: {shown}   ({1000 * seconds / total:.2f} ms a tag)")


if __name__ == "__main__":
    main()
