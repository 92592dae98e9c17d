"""Carrying tags to a new version of a text: placed where they belong, or orphaned."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsgloss.corpus.anchoring import (
    CHANGED,
    EXACT,
    MOVED,
    ORPHANED,
    Anchor,
    _by_quote,
    reanchor,
)

OLD = (
    "Talks resume in Istanbul.\n"
    "Yuri Ushakov said the talks would resume in Istanbul on Thursday.\n"
    "Markets in Moscow rose sharply on the news.\n"
    "Read more.\n"
    "Officials in Kyiv declined to comment on the draft.\n"
)


def anchor(text: str, quote: str, nth: int = 0) -> Anchor:
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    end = start + len(quote)
    return Anchor(start, end, quote, text[max(0, start - 32) : start], text[end : end + 32])


def place(new: str, quote: str, nth: int = 0):
    (placement,) = reanchor(OLD, new, [anchor(OLD, quote, nth)])
    return placement.kind, new[placement.start : placement.end] if placement.start >= 0 else ""


def test_a_tag_in_unchanged_lines_is_placed_exactly_after_an_insertion() -> None:
    new = "Updated 10:42.\n" + OLD
    assert place(new, "talks would resume") == (EXACT, "talks would resume")
    (placement,) = reanchor(OLD, new, [anchor(OLD, "talks would resume")])
    assert placement.start == anchor(OLD, "talks would resume").start + len("Updated 10:42.\n")


def test_a_tag_in_a_moved_paragraph_moves_with_it() -> None:
    lines = OLD.splitlines(keepends=True)
    new = "".join([lines[0], lines[2], lines[3], lines[4], lines[1]])
    assert place(new, "Ushakov said the talks") == (MOVED, "Ushakov said the talks")


def test_a_tag_in_a_rewritten_sentence_lands_on_its_new_words() -> None:
    new = OLD.replace("said the talks would resume", "said on Tuesday the talks could resume")
    kind, text = place(new, "Yuri Ushakov said the talks would resume in Istanbul on Thursday.")
    assert kind == CHANGED
    assert text == "Yuri Ushakov said on Tuesday the talks could resume in Istanbul on Thursday."


def test_a_tag_whose_sentence_was_deleted_is_orphaned_not_put_on_a_like_one() -> None:
    new = OLD.replace("Yuri Ushakov said the talks would resume in Istanbul on Thursday.\n", "")
    # its words are still in the text, in the heading: a quote alone proves nothing
    assert place(new, "resume in Istanbul", nth=1) == (ORPHANED, "")
    assert place(new, "Istanbul", nth=1) == (ORPHANED, "")


def test_a_short_quote_in_a_rewritten_sentence_is_orphaned() -> None:
    new = OLD.replace("Markets in Moscow rose sharply", "Markets in Moscow fell slightly")
    assert place(new, "Moscow") == (ORPHANED, "")
    assert place(new, "Talks resume in Istanbul.") == (EXACT, "Talks resume in Istanbul.")


def test_a_quote_that_fits_two_places_is_orphaned() -> None:
    old = "Alpha.\nOn Monday the talks would resume, he said.\nOmega.\n"
    tag = anchor(old, "talks would resume")
    once = "Omega.\nOn Monday the talks would resume, he said.\n"
    assert _by_quote(once, tag) == once.index("talks")
    twice = once + "Later:\nOn Monday the talks would resume, he said.\n"
    assert _by_quote(twice, tag) is None
    elsewhere = "Omega.\nOn Tuesday the talks would resume, he said.\n"  # not its context
    assert _by_quote(elsewhere, tag) is None


WORDS = st.sampled_from(
    ["the", "talks", "in", "Istanbul", "Putin", "said", "on", "Thursday", "Kyiv", "draft",
     "ceasefire", "officials", "would", "resume", ".", "Ushakov", "news", "markets"]
)  # fmt: skip
LINES = st.lists(st.lists(WORDS, min_size=1, max_size=12).map(" ".join), min_size=2, max_size=8)


@settings(max_examples=300, deadline=None)
@given(
    lines=LINES,
    edits=st.lists(
        st.tuples(
            st.sampled_from(["insert", "delete", "move", "rewrite"]),
            st.integers(0, 50),
            st.integers(0, 50),
            LINES,
        ),
        max_size=4,
    ),  # fmt: skip
    which=st.integers(0, 1000),
    width=st.integers(1, 40),
)
def test_every_tag_lands_on_its_quote_or_is_orphaned(lines, edits, which, width) -> None:
    """Edits around a tag (lines inserted, deleted, moved or rewritten, never the tag's
    own line): the tag lands on text equal to its quote, or is orphaned."""
    text = "\n".join(lines) + "\n"
    tagged = which % len(lines)
    line_start = sum(len(line) + 1 for line in lines[:tagged])
    line = lines[tagged]
    start = line_start + (which // len(lines)) % len(line)
    end = min(line_start + len(line), start + width)
    if start >= end:
        return
    tag = Anchor(start, end, text[start:end], text[max(0, start - 32) : start],
                 text[end : end + 32])  # fmt: skip
    new_lines = [(line, i == tagged) for i, line in enumerate(lines)]
    for kind, at, to, more in edits:
        at, to = at % (len(new_lines) + 1), to % (len(new_lines) + 1)
        if kind == "insert":
            new_lines[at:at] = [(m, False) for m in more]
        elif kind == "delete" and at < len(new_lines) and not new_lines[at][1]:
            del new_lines[at]
        elif kind == "move" and at < len(new_lines):
            moved = new_lines.pop(at)
            new_lines.insert(min(to, len(new_lines)), moved)
        elif kind == "rewrite" and at < len(new_lines) and not new_lines[at][1]:
            new_lines[at] = (more[0], False)
    new = "\n".join(line for line, _ in new_lines) + "\n"
    (placement,) = reanchor(text, new, [tag])
    if placement.kind != ORPHANED:
        assert new[placement.start : placement.end] == tag.quote
