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


@settings(max_examples=150, deadline=None)
@given(tags=st.lists(spans, min_size=1, max_size=60), row=st.tuples(st.integers(0, 60)))
def test_the_flattened_painting_looks_like_painting_each_tag(tags, row) -> None:
    labels = {"c": "claim", "a": "attribution", "d": "disputed"}
    made = {
        (s, min(len(TEXT), s + n), labels[k]): Annotation.create(
            DOCUMENT, s, min(len(TEXT), s + n), labels[k]
        )
        for s, n, k in tags
    }
    index, highlighting = TagIndex(made.values()), Highlighting()
    start, end = row[0], min(len(TEXT), row[0] + 20)
    touching = index.touching(start, end)
    flat = paint.flattened(touching, start, end, highlighting)
    each = paint.each_tag(list(touching), start, end, highlighting)
    console = Console(width=200, color_system="truecolor")

    def drawn(styles):
        text = paint.row(TEXT, start, end, styles)
        return [(segment.text, segment.style) for segment in text.render(console)]

    assert "".join(t for t, _ in drawn(flat)) == TEXT[start:end]
    assert _per_character(drawn(flat)) == _per_character(drawn(each))


def _per_character(segments):
    return [style for text, style in segments for _ in text]
