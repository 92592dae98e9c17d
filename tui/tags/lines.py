"""One line describing a tag, shared by the tags panel and the "which tag?" chooser."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from newsgloss.annotations.model import Annotation
from newsgloss.tui.cells import terminal_text
from newsgloss.tui.colours import Highlighting

QUOTE_CELLS = 48
NOTE_CELLS = 60
OPENING_MARKS = "“\"‘'«„‚‹「『"
CLOSING_MARKS = "”\"’'»“‘›」』"


ANCHORING = {"moved": "moved", "changed": "text changed"}  # how a carried tag was placed


def tag_line(annotation: Annotation, highlighting: Highlighting, status: str = "") -> Text:
    """``claim  “The start of the quote…”  moved  ✎ note`` (never parsed as markup);
    ``status``: how a tag carried from an older version was placed, if not exactly."""
    line = Text(no_wrap=True, overflow="ellipsis", end="")
    label = terminal_text(annotation.label)
    line.append(f" {label} ", highlighting.tag(annotation.label) + Style(bold=True))
    line.append("  " + quoted(" ".join(terminal_text(annotation.quote).split())))
    if status in ANCHORING:
        line.append(f"  {ANCHORING[status]}", "bold italic")
    if annotation.note:
        note = terminal_text(annotation.note.split("\n")[0])
        line.append(f"  ✎ {shortened(note, NOTE_CELLS)}", "italic")
    return line


def quoted(quote: str) -> str:
    """The quote in quotation marks, without doubling the marks it already has."""
    opening = "" if quote[:1] in OPENING_MARKS else "“"
    quote = shortened(quote, QUOTE_CELLS)
    closing = "" if quote[-1:] in CLOSING_MARKS and not opening else "”"
    return f"{opening}{quote}{closing}"


def shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
