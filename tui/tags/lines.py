"""One line describing a tag, shared by the tags panel and the "which tag?" chooser."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from newsgloss.annotations.model import Annotation
from newsgloss.tui.palette import tag_style

QUOTE_CELLS = 48


def tag_line(annotation: Annotation, dark: bool) -> Text:
    """``claim  “The start of the quote…”  ✎ note`` (never parsed as markup)."""
    line = Text(no_wrap=True, overflow="ellipsis", end="")
    line.append(f" {annotation.label} ", tag_style(annotation.label, dark) + Style(bold=True))
    quote = " ".join(annotation.quote.split())
    if len(quote) > QUOTE_CELLS:
        quote = quote[: QUOTE_CELLS - 1] + "…"
    line.append(f"  “{quote}”")
    if annotation.note:
        line.append(f"  ✎ {' '.join(annotation.note.split())}", style="italic")
    return line
