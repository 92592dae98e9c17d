"""Every key of the reader, by binding id: one place to read them, remap them (the
config file's ``[keymap]``, applied with Textual's ``set_keymap``) and check them.

A binding id starts with its group in the help screen (``move-…`` is under Move).
Label keys are not here: they are the store's (``store.labels``), bound by the reader.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping

from textual.binding import Binding

# The app's own: they act on every screen.
APP_BINDINGS = [
    Binding("question_mark", "help", "Help", id="app-help"),
    Binding("q", "quit", "Quit", id="app-quit"),
]
# The reader screen's.
READER_BINDINGS = [
    Binding("o", "open(False)", "Open", id="pane-open"),
    Binding("O", "open(True)", "Open in new pane", show=False, id="pane-open-new"),
    Binding("ctrl+w", "close_pane", "Close pane", show=False, id="pane-close"),
    Binding(
        "ctrl+o", "layout_back", "Back to the panes open before a claim", show=False, id="pane-back"
    ),  # fmt: skip
    Binding(
        "i", "details", "Article details: outlet, date, authors", show=False, id="pane-details"
    ),  # fmt: skip
    Binding("S", "sync", "Scroll panes apart, together, level", show=False, id="pane-sync"),
    Binding(
        "m", "counterpart(1)", "Counterpart in the next pane", show=False, id="pane-match-next"
    ),
    Binding(
        "M", "counterpart(-1)", "Counterpart in the previous pane", show=False, id="pane-match-prev"
    ),
    Binding("C", "claims", "Claims across the articles", show=False, id="view-claims"),
    Binding("F", "search", "Search every stored article", show=False, id="view-search"),
    Binding("T", "tags", "Every tag of the desk", show=False, id="view-tags"),
    Binding("E", "names", "The index of names", show=False, id="view-names"),
    Binding(
        "R",
        "correct_entity",
        "Correct the entity (or make the selection one)",
        show=False,
        id="view-correct-entity",
    ),  # fmt: skip
    Binding(
        "exclamation_mark",
        "discrepancy(1)",
        "Next passage stating another value",
        show=False,
        id="pane-discrepancy-next",
    ),
    Binding(
        "at",
        "discrepancy(-1)",
        "Previous passage stating another value",
        show=False,
        id="pane-discrepancy-prev",
    ),  # fmt: skip
    Binding(
        "L",
        "candidates",
        "Link this sentence: candidates to confirm or reject",
        show=False,
        id="pane-candidates",
    ),  # fmt: skip
    Binding(
        "D",
        "discrepancies",
        "List what this article states differently",
        show=False,
        id="pane-discrepancies",
    ),  # fmt: skip
    Binding(
        "K", "compare", "Compare two annotators' tags here", show=False, id="view-compare"
    ),  # fmt: skip
    Binding("slash", "find", "Find", show=False, id="find-open"),
    Binding("B", "boilerplate", "Dim boilerplate on/off", show=False, id="view-boilerplate"),
    Binding("t", "toggle_entities", "Entities on/off", show=False, id="view-entities"),
    Binding("f", "labels", "Choose entity labels", show=False, id="view-labels"),
    Binding("x", "delete_tag", "Delete tag", show=False, id="tag-delete"),
    Binding("enter", "note", "Note", show=False, id="tag-note"),
    Binding("u", "undo", "Undo", id="tag-undo"),
    Binding("ctrl+r", "redo", "Redo", show=False, id="tag-redo"),
    Binding("y", "copy", "Copy", show=False, id="tag-copy"),
    Binding("A", "toggle_panel", "Tags panel", show=False, id="tag-panel"),
    Binding("ctrl+e", "export", "Export", show=False, id="tag-export"),
]
# An article pane's (the focused article view).
VIEW_BINDINGS = [
    # Before the screen's own tab binding, which would skip panes a narrow screen hides.
    Binding("tab", "screen.pane(1)", "Next pane", show=False, id="pane-next"),
    Binding("shift+tab", "screen.pane(-1)", "Previous pane", show=False, id="pane-prev"),
    Binding("left,h", "move('prev_char')", "Left", show=False, id="move-left"),
    Binding("right,l", "move('next_char')", "Right", show=False, id="move-right"),
    Binding("up,k", "rows(-1)", "Up", show=False, id="move-up"),
    Binding("down,j", "rows(1)", "Down", show=False, id="move-down"),
    Binding("w", "move('next_word')", "Next word", show=False, id="move-word-next"),
    Binding("b", "move('prev_word')", "Previous word", show=False, id="move-word-prev"),
    Binding(
        "right_parenthesis",
        "move('next_sentence')",
        "Next sentence",
        show=False,
        id="move-sentence-next",
    ),
    Binding(
        "left_parenthesis",
        "move('prev_sentence')",
        "Previous sentence",
        show=False,
        id="move-sentence-prev",
    ),
    Binding(
        "right_curly_bracket",
        "move('next_paragraph')",
        "Next paragraph",
        show=False,
        id="move-paragraph-next",
    ),
    Binding(
        "left_curly_bracket",
        "move('prev_paragraph')",
        "Previous paragraph",
        show=False,
        id="move-paragraph-prev",
    ),
    Binding("pagedown,space", "page(1)", "Page down", show=False, id="move-page-down"),
    Binding("pageup", "page(-1)", "Page up", show=False, id="move-page-up"),
    Binding("g,home", "top", "Top", show=False, id="move-top"),
    Binding("G,end", "bottom", "Bottom", show=False, id="move-bottom"),
    Binding("greater_than_sign", "entity(1)", "Next entity", show=False, id="move-entity-next"),
    Binding("less_than_sign", "entity(-1)", "Previous entity", show=False, id="move-entity-prev"),
    Binding("right_square_bracket", "annotation(1)", "Next tag", show=False, id="tag-next"),
    Binding("left_square_bracket", "annotation(-1)", "Previous tag", show=False, id="tag-prev"),
    Binding("n", "match(1)", "Next match", show=False, id="find-next"),
    Binding("N", "match(-1)", "Previous match", show=False, id="find-prev"),
    Binding("v", "anchor", "Select", show=False, id="select-start"),
    Binding("s", "select_sentence", "Select sentence", show=False, id="select-sentence"),
    Binding("e", "select_entity", "Select entity", show=False, id="select-entity"),
    Binding("escape", "clear", "Clear selection and matches", show=False, id="select-clear"),
]
# The tags panel's, while it has the focus; the label keys relabel there.
PANEL_BINDINGS = [
    Binding("delete,x", "delete", "Delete tag", show=False, id="panel-delete"),
    Binding("escape", "back", "Back to the article", show=False, id="panel-back"),
    Binding("j", "move(1)", "Next tag in the list", show=False, id="panel-down"),
    Binding("k", "move(-1)", "Previous tag in the list", show=False, id="panel-up"),
    Binding("ctrl+l", "filter('label')", "List one label's tags", show=False, id="panel-label"),
    Binding(
        "ctrl+n", "filter('annotator')", "List one annotator's tags", show=False, id="panel-by"
    ),
]
_UNDO, _REDO = (b for b in READER_BINDINGS if b.id in ("tag-undo", "tag-redo"))
# The claims view's: a screen of its own, where label keys do not tag.
CLAIMS_BINDINGS = [
    Binding("escape,C", "back", "Back to the reader", id="claims-back"),
    Binding("enter", "open_claim", "Open side by side", id="claims-open"),
    Binding("y", "copy_tags", "Copy tag to counterparts", id="claims-copy"),
    Binding("v", "verdict", "Verdict: rate the claim", id="claims-verdict"),
    _UNDO,  # the same bindings as the reader's: one keymap entry remaps both
    _REDO,
    Binding("l", "filter('label')", "Filter by label", id="claims-label"),
    Binding("d", "filter('document')", "Filter by article", id="claims-document"),
    Binding("w", "filter('annotator')", "Filter by annotator", id="claims-annotator"),
    Binding("j", "move(1)", "Next claim", show=False, id="claims-down"),
    Binding("k", "move(-1)", "Previous claim", show=False, id="claims-up"),
    Binding("J", "detail(1)", "Scroll the detail down", show=False, id="claims-detail-down"),
    Binding("K", "detail(-1)", "Scroll the detail up", show=False, id="claims-detail-up"),
    Binding(
        "ctrl+d",
        "detail_page(1)",
        "Detail: half a page down",
        show=False,
        id="claims-detail-page-down",
    ),  # fmt: skip
    Binding(
        "ctrl+u",
        "detail_page(-1)",
        "Detail: half a page up",
        show=False,
        id="claims-detail-page-up",
    ),  # fmt: skip
]
# The compare view's (K), over an article view that keeps its motion keys.
COMPARE_BINDINGS = [
    Binding("escape,K", "back", "Back to the reader", id="compare-back", priority=True),
    Binding("d", "disagreement(1)", "Next disagreement", id="compare-next"),
    Binding("D", "disagreement(-1)", "Previous disagreement", id="compare-prev"),
    Binding("A", "accept('a')", "Accept A's version", id="compare-accept-a"),
    Binding("B", "accept('b')", "Accept B's version", id="compare-accept-b"),
    Binding("Y", "accept_agreed", "Accept every agreed tag", id="compare-accept-agreed"),
    _UNDO,
    _REDO,
    Binding("1", "annotator('a')", "Another annotator as A", id="compare-choose-a"),
    Binding("2", "annotator('b')", "Another annotator as B", id="compare-choose-b"),
]
# Keys that are not bindings of the reader but still take a key.
PALETTE = Binding(
    "ctrl+p", "command_palette", "Command palette: every action by name", id="app-palette"
)
# Where each key must be unique: the article's keys, and the tags panel's.
SCOPES = {
    "the reader": [*APP_BINDINGS, *READER_BINDINGS, *VIEW_BINDINGS, PALETTE],
    "the tags panel": [*APP_BINDINGS, *PANEL_BINDINGS, PALETTE],  # before the reader's
    "the claims view": [*APP_BINDINGS, *CLAIMS_BINDINGS, PALETTE],
    "the compare view": [  # its escape goes back, before the view's
        *APP_BINDINGS,
        *COMPARE_BINDINGS,
        *(b for b in VIEW_BINDINGS if b.id != "select-clear"),
        PALETTE,
    ],  # fmt: skip
}
LABEL_SCOPES = ("the reader", "the tags panel")  # where a label's key tags
ALL_BINDINGS = {b.id: b for bindings in SCOPES.values() for b in bindings}


def key_name(key: str) -> str:
    """A key as Textual names it: ``?`` is ``question_mark``, ``j`` stays ``j``."""
    key = key.strip()
    if len(key) == 1 and not key.isalnum():
        return unicodedata.name(key, key).lower().replace(" ", "_").replace("-", "_")
    return key


def bound_keys(binding: Binding, keymap: Mapping[str, str]) -> list[str]:
    """The keys ``binding`` answers to once ``keymap`` (binding id to keys) applies."""
    keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
    return [key_name(key) for key in keys.split(",") if key.strip()]


def clashes(keymap: Mapping[str, str]) -> list[str]:
    """Why ``keymap`` cannot apply: unknown binding ids and keys bound twice in a scope."""
    problems = [f"no binding has the id {i!r}" for i in keymap if i not in ALL_BINDINGS]
    for scope, bindings in SCOPES.items():
        owner: dict[str, str] = {}
        for binding in bindings:
            for key in bound_keys(binding, keymap):
                if key in owner and owner[key] != binding.id:
                    problems.append(
                        f"the key {key!r} is bound twice in {scope}: "
                        f"{owner[key]!r} and {binding.id!r}"
                    )
                owner.setdefault(key, binding.id)
    return list(dict.fromkeys(problems))


def reserved_keys(keymap: Mapping[str, str]) -> dict[str, str]:
    """Every key the reader binds once ``keymap`` applies, with what it does: a label's
    key must not be one of them."""
    reserved: dict[str, str] = {}
    for scope in LABEL_SCOPES:  # the article's meaning first, where a key has two
        for binding in SCOPES[scope]:
            for key in bound_keys(binding, keymap):
                reserved.setdefault(key, binding.description)
    return reserved


def describe_keys(bindings: Iterable[Binding], keymap: Mapping[str, str]) -> list[Binding]:
    """``bindings`` with the keys ``keymap`` gives them, for help and the palette."""
    return [b.with_key(",".join(bound_keys(b, keymap))) for b in bindings]
