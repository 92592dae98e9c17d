"""Entity and tag colours, the same in every pane.

Entities take spaCy displaCy's hues, one per label. displaCy draws them as
backgrounds; here they colour the entity's text, in the pastel originals on dark
themes and in darkened versions of the same hues on light themes. Tags (claim,
attribution, disputed) own the background: their hue blended into the theme's own
surface colour (the article's background), so on every theme a tag stands apart from
the page and from the other labels, and entity colours stay readable on top of it.
Where tags overlap, the text is also underlined.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from rich.color import Color
from rich.style import Style
from textual.color import Color as ThemeColor

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
    surface: str = "#1e1e1e"  # the theme's $surface: the article's background

    def shows(self, label: str) -> bool:
        return self.enabled and label not in self.hidden

    def style(self, label: str) -> Style:
        return _label_style(label, self.dark)

    def tag(self, label: str) -> Style:
        """The background of a tag with this label."""
        return tag_style(label, self.surface, self.dark)


@cache
def _label_style(label: str, dark: bool) -> Style:
    """Built once per label and theme brightness: rows ask for it for every entity drawn."""
    hue = DISPLACY.get(label, OTHER)
    color = Color.parse(hue) if dark else _darken(hue, 0.55)
    return Style(color=color, bold=not dark)


TAG_HUES = {"claim": "#3d7eff", "attribution": "#22b455", "disputed": "#ff3b4e"}
OTHER_TAG = "#a0a0a0"
TAG_STRENGTH = {True: 0.40, False: 0.30}  # how much hue goes into the surface: dark, light
OVERLAP = Style(underline=True)


@cache
def tag_style(label: str, surface: str, dark: bool) -> Style:
    hue = ThemeColor.parse(TAG_HUES.get(label, OTHER_TAG))
    return Style(bgcolor=ThemeColor.parse(surface).blend(hue, TAG_STRENGTH[dark]).rich_color)
