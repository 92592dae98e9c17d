"""What colours a row of an article: tags under entities under matches, then the
selection and the cursor on top. Plain functions of the view's data."""

from __future__ import annotations

import itertools

from rich.color import Color
from rich.style import Style
from rich.text import Text

from newsgloss.tui.article.entities import AnalysisIndex
from newsgloss.tui.article.find import Matches
from newsgloss.tui.article.tags import TagIndex
from newsgloss.tui.colours import OVERLAP, Highlighting

Span = tuple[int, int, Style]


def row(shown: str, start: int, end: int, styles: list[Span]) -> Text:
    """``shown[start:end]`` with ``styles`` (text offsets) painted in order; a style that
    starts at ``end`` (the cursor after the last character) paints a space there."""
    text = Text(shown[start:end], end="", no_wrap=True)
    for span_start, span_end, style in styles:
        if span_start >= end:
            text.append(" ", style)
        else:
            text.stylize(style, max(span_start, start) - start, min(span_end, end) - start)
    return text


def styles_between(
    start: int,
    end: int,
    tags: TagIndex,
    entities: AnalysisIndex,
    highlighting: Highlighting,
    matches: Matches,
    match_background: Color | None,
) -> list[Span]:
    """Tag, entity and match styles that touch ``text[start:end]``, in paint order."""
    styles = tag_styles(tags, start, end, highlighting)
    if highlighting.enabled:
        for entity in entities.touching(start, end):
            if highlighting.shows(entity.label):
                styles.append((entity.start, entity.end, highlighting.style(entity.label)))
    if matches:
        # Only the background, so entity colours show through; underlined, so a match
        # never looks like the selection.
        style = Style(bgcolor=match_background, underline=True)
        styles.extend((left, right, style) for left, right in matches.touching(start, end))
    return styles


CROWDED = 16  # tags touching one row past which they are flattened first


def tag_styles(tags: TagIndex, start: int, end: int, highlighting: Highlighting) -> list[Span]:
    """Tag backgrounds, the shortest tag painted last (on top), and an underline
    wherever two or more tags overlap."""
    if tags.starting(start, end) > CROWDED:  # crowded, without listing thousands
        return flattened(tags, start, end, highlighting)
    touching = tags.touching(start, end)
    if len(touching) > CROWDED:
        return flattened(tags, start, end, highlighting)
    return each_tag(touching, start, end, highlighting)


def each_tag(touching: list, start: int, end: int, highlighting: Highlighting) -> list[Span]:
    """A style per tag, longest first, and one per stretch where tags overlap."""
    touching.sort(key=lambda a: a.start - a.end)
    styles = [(a.start, a.end, highlighting.tag(a.label)) for a in touching]
    if len(touching) > 1:
        bounds = sorted({max(start, min(end, p)) for a in touching for p in (a.start, a.end)})
        for left, right in itertools.pairwise(bounds):
            if sum(a.start <= left < a.end for a in touching) > 1:
                styles.append((left, right, OVERLAP))
    return styles


def flattened(tags: TagIndex, start: int, end: int, highlighting: Highlighting) -> list[Span]:
    """The same look for a row crowded with tags (thousands on one article): a style per
    run of characters with the same tag on top (``TagIndex.runs``), not per tag."""
    styles: list[Span] = []
    for left, right, label, overlap in tags.runs(start, end):
        styles.append((left, right, highlighting.tag(label)))
        if overlap:
            styles.append((left, right, OVERLAP))
    return styles
