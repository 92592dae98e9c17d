"""Entity colours: spaCy displaCy's hues, one per label, the same in every pane.

displaCy draws them as backgrounds; here they colour the entity's text (annotations
own the background), in the pastel originals on dark themes and in darkened
versions of the same hues on light themes, so both stay readable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from rich.color import Color
from rich.style import Style

DISPLACY = {
    "ORG": "#7aecec",
    "PRODUCT": "#bfeeb7",
    "GPE": "#feca74",
    "LOC": "#ff9561",
    "PERSON": "#aa9cfc",
    "NORP": "#c887fb",
    "FAC": "#9cc9cc",
    "EVENT": "#ffeb80",
    "LAW": "#ff8197",
    "LANGUAGE": "#ff8197",
    "WORK_OF_ART": "#f0d0ff",
    "DATE": "#bfe1d9",
    "TIME": "#bfe1d9",
    "MONEY": "#e4e7d2",
    "QUANTITY": "#e4e7d2",
    "ORDINAL": "#e4e7d2",
    "CARDINAL": "#e4e7d2",
    "PERCENT": "#e4e7d2",
}
OTHER = "#ddd"


def _darken(hex_color: str, factor: float) -> Color:
    red, green, blue = Color.parse(hex_color).get_truecolor()
    return Color.from_rgb(red * factor, green * factor, blue * factor)


@dataclass(frozen=True)
class Highlighting:
    """What the panes highlight: one value the app hands to every pane."""

    enabled: bool = True
    hidden: frozenset[str] = field(default_factory=frozenset)
    dark: bool = True

    def shows(self, label: str) -> bool:
        return self.enabled and label not in self.hidden

    def style(self, label: str) -> Style:
        return _label_style(label, self.dark)


@cache
def _label_style(label: str, dark: bool) -> Style:
    """Built once per label and theme brightness: rows ask for it for every entity drawn."""
    hue = DISPLACY.get(label, OTHER)
    color = Color.parse(hue) if dark else _darken(hue, 0.55)
    return Style(color=color, bold=not dark)
