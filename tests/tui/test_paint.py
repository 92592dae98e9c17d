"""A row crowded with tags is drawn exactly as the tag-by-tag painting draws it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from newsgloss.annotations.model import Annotation
from newsgloss.corpus import Document
from newsgloss.tui.article import paint
from newsgloss.tui.article.tags import TagIndex
from newsgloss.tui.colours import Highlighting

TEXT = "The minister said the talks would resume on Monday in Istanbul, officials added."
DOCUMENT = Document.from_text(TEXT)
spans = st.tuples(st.integers(0, len(TEXT) - 1), st.integers(1, 30), st.sampled_from("cad"))


LABELS = {"c": "claim", "a": "attribution", "d": "disputed"}


def made(spans) -> list[Annotation]:
    tags = {}
    for s, n, k in spans:
        tags[(s, min(len(TEXT), s + n), LABELS[k])] = Annotation.create(
            DOCUMENT, s, min(len(TEXT), s + n), LABELS[k]
        )
    return list(tags.values())


@settings(max_examples=200, deadline=None)
@given(
    tags=st.lists(spans, min_size=1, max_size=60),
    changes=st.lists(spans, max_size=6),
    row=st.tuples(st.integers(0, 60), st.integers(1, 30)),
    block=st.sampled_from([1, 7, 20, 128]),
)
def test_the_flattened_painting_looks_like_painting_each_tag(tags, changes, row, block) -> None:
    """In blocks of any size, read before and after tags change (each change adds a tag
    or takes one away: the blocks it touches are worked out again)."""
    kept, TagIndex.BLOCK = TagIndex.BLOCK, block
    try:
        index, highlighting = TagIndex(made(tags)), Highlighting()
        start, end = row[0], min(len(TEXT), row[0] + row[1])
        index.runs(0, len(TEXT))  # every block worked out before the changes
        current = {(a.start, a.end, a.label): a for a in index.items}
        for tag in made(changes):
            key = (tag.start, tag.end, tag.label)
            if key in current:
                index.change(current.pop(key), None)
            else:
                index.change(None, tag)
                current[key] = tag
        touching = index.touching(start, end)
        flat = paint.flattened(index, start, end, highlighting)
        each = paint.each_tag(list(touching), start, end, highlighting)
    finally:
        TagIndex.BLOCK = kept
    console = Console(width=200, color_system="truecolor")

    def drawn(styles):
        text = paint.row(TEXT, start, end, styles)
        return [(segment.text, segment.style) for segment in text.render(console)]

    assert "".join(t for t, _ in drawn(flat)) == TEXT[start:end]
    assert _per_character(drawn(flat)) == _per_character(drawn(each))


def _per_character(segments):
    return [style for text, style in segments for _ in text]
