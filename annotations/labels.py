"""A store's label set: the tags its readers can put on passages, each with a key in the
reader, a colour and a description, in the order the reader lists them.

Plain data and the rules a label must follow; the store keeps them (``Store.labels``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from newsgloss.corpus import UserError
from newsgloss.corpus.canonical import canonical_text

LABEL_LIMIT = 64  # characters of a name: the reader draws them in tags and lists
DESCRIPTION_LIMIT = 200
_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
# Colours given to labels that arrive without one (an import): apart from the defaults'.
SPARE_COLOURS = ("#b36bff", "#ff9f1a", "#00b8b8", "#e05fb0", "#c8b400", "#8a8aff", "#a0a0a0")


class LabelError(UserError):
    """A label that cannot be added, renamed, merged or removed as asked."""


@dataclass(frozen=True)
class Label:
    name: str
    key: str = ""  # one letter or digit; "" for none
    colour: str = "#a0a0a0"
    description: str = ""


DEFAULT_LABELS = (
    Label("claim", "c", "#3d7eff", "A statement of fact that can be checked"),
    Label("attribution", "a", "#22b455", "Who a statement is credited to"),
    Label("disputed", "d", "#ff3b4e", "A statement that is contested or false"),
)


def label_name(name: str) -> str:
    """A name as stored: canonical text, one space between words (as titles are)."""
    cleaned = " ".join(canonical_text(name).split())
    if not cleaned:
        raise LabelError("a label needs a name")
    if len(cleaned) > LABEL_LIMIT:
        raise LabelError(f"{cleaned[:20]!r}…: a label name is at most {LABEL_LIMIT} characters")
    return cleaned


def checked(
    label: Label, others: Iterable[Label], reserved: Mapping[str, str] | None = None
) -> Label:
    """``label`` cleaned, or LabelError saying why it cannot join ``others``.
    ``reserved``: the reader's own keys, each with what it does."""
    name = label_name(label.name)
    key, colour = label.key.strip(), label.colour.strip()
    description = " ".join(canonical_text(label.description).split())
    if key and not (len(key) == 1 and key.isalnum()):
        raise LabelError(f"{name}: the key must be one letter or digit, not {key!r}")
    if not _COLOUR.fullmatch(colour):
        raise LabelError(f"{name}: the colour must be #rgb or #rrggbb, not {colour!r}")
    if len(description) > DESCRIPTION_LIMIT:
        raise LabelError(f"{name}: a description is at most {DESCRIPTION_LIMIT} characters")
    for other in others:
        if other.name.casefold() == name.casefold():
            raise LabelError(f"there is already a label {other.name!r}")
        if key and other.key == key:
            raise LabelError(f"{name}: the key {key!r} already tags {other.name!r}")
    if key and reserved and key in reserved:
        raise LabelError(f"{name}: the key {key!r} is the reader's key for {reserved[key]!r}")
    return replace(label, name=name, key=key, colour=colour.lower(), description=description)


def spare_colour(taken: Iterable[Label]) -> str:
    """A colour for a label that came without one, unlike those already in use if it can."""
    used = {label.colour for label in taken}
    return next((c for c in SPARE_COLOURS if c not in used), SPARE_COLOURS[-1])
