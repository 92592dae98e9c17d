"""Entity and tag colours, the same in every pane.

Entities take spaCy displaCy's hues, one per label. displaCy draws them as
backgrounds; here they colour the entity's text, in the pastel originals on dark
themes and in darkened versions of the same hues on light themes. Tags (claim,
attribution, disputed, or the store's own labels) own the background: the label's
colour, its lightness brought into a middle band, blended into the theme's own surface
colour (the article's background). So on every theme, whatever colour a user picks, a
tag stands apart from the page, and entity colours stay readable on top of it.
Where tags overlap, the text is also underlined.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache

from rich.color import Color
from rich.style import Style
from textual.color import Color as ThemeColor

from newsgloss.annotations.labels import DEFAULT_LABELS, Label

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
    # Label name to colour, from the store's label set; labels outside it are grey.
    tag_colours: tuple[tuple[str, str], ...] = tuple(
        (label.name, label.colour) for label in DEFAULT_LABELS
    )

    def shows(self, label: str) -> bool:
        return self.enabled and label not in self.hidden

    def style(self, label: str) -> Style:
        return _label_style(label, self.dark)

    def tag(self, label: str) -> Style:
        """The background of a tag with this label."""
        return tag_style(dict(self.tag_colours).get(label, OTHER_TAG), self.surface, self.dark)

    def themed(self, variables: dict[str, str], dark: bool) -> Highlighting:
        """These colours for a theme (its CSS variables): tags blend into its surface."""
        # A surface may be translucent: it is seen over the background.
        background = ThemeColor.parse(variables.get("background", "#000000"))
        surface = background + ThemeColor.parse(variables.get("surface", self.surface))
        return replace(self, dark=dark, surface=surface.hex)

    def with_labels(self, labels: Iterable[Label]) -> Highlighting:
        return replace(self, tag_colours=tuple((label.name, label.colour) for label in labels))


@cache
def _label_style(label: str, dark: bool) -> Style:
    """Built once per label and theme brightness: rows ask for it for every entity drawn."""
    hue = DISPLACY.get(label, OTHER)
    color = Color.parse(hue) if dark else _darken(hue, 0.55)
    return Style(color=color, bold=not dark)


OTHER_TAG = "#a0a0a0"
LIGHTNESS = (0.4, 0.65)  # the band a label's colour is brought into before blending
TAG_STRENGTH = {True: 0.40, False: 0.30}  # how much hue goes into the surface: dark, light
OVERLAP = Style(underline=True)


MIN_DISTANCE = 48  # RGB units between a tag's background and the page


@cache
def tag_style(colour: str, surface: str, dark: bool) -> Style:
    """The label's colour, its lightness in the LIGHTNESS band, blended into the page; a
    colour too near the page's (grey on a grey theme) is lightened on dark themes and
    darkened on light ones until it stands apart."""
    page = ThemeColor.parse(surface)
    hue, saturation, lightness = ThemeColor.parse(colour).hsl
    lightness = min(max(lightness, LIGHTNESS[0]), LIGHTNESS[1])
    step = 0.08 if dark else -0.08
    while True:
        blended = page.blend(ThemeColor.from_hsl(hue, saturation, lightness), TAG_STRENGTH[dark])
        apart = sum((a - b) ** 2 for a, b in zip(blended.rgb, page.rgb, strict=True)) ** 0.5
        if apart >= MIN_DISTANCE or not 0 <= lightness + step <= 1:
            return Style(bgcolor=blended.rich_color)
        lightness += step
