"""Small modal dialogs of annotating: which tag, the note, the export."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, RadioButton, RadioSet, TextArea
from textual.widgets.option_list import Option

from newsgloss.annotations.formats import Format
from newsgloss.annotations.model import NOTE_LIMIT, Annotation
from newsgloss.corpus import UserError
from newsgloss.corpus.analysis import PipelineInfo
from newsgloss.tui.colours import Highlighting
from newsgloss.tui.tags.lines import tag_line
from newsgloss.tui.workers import WorkerFailures

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 80%; max-width: 90; height: auto; border: thick $accent; background: $surface;
}}
{name} Label {{ padding: 0 1; color: $text-muted; }}
"""


class ChooseTagScreen(ModalScreen[Annotation | None]):
    """Several tags overlap under the cursor: which one? Returns it, or None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", show=False)]
    DEFAULT_CSS = (
        DIALOG_CSS.format(name="ChooseTagScreen")
        + """
    ChooseTagScreen OptionList { height: auto; max-height: 12; border: none; }
    """
    )

    def __init__(
        self, annotations: list[Annotation], question: str, highlighting: Highlighting
    ) -> None:
        super().__init__()
        self.annotations = annotations
        self.question = question
        self.highlighting = highlighting

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(f"{self.question} (enter chooses, escape cancels)"))
            yield OptionList(*(Option(tag_line(a, self.highlighting)) for a in self.annotations))

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.annotations[event.option_index])


class NoteScreen(ModalScreen[str | None]):
    """Write or edit a tag's note, several lines if need be: ctrl+s saves, escape cancels.
    Returns the note or None."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", show=False),
        Binding("ctrl+s", "save", "Save the note", show=False),
    ]
    DEFAULT_CSS = (
        DIALOG_CSS.format(name="NoteScreen")
        + """
    NoteScreen TextArea { height: 8; margin: 0 1; }
    """
    )

    def __init__(self, annotation: Annotation, highlighting: Highlighting) -> None:
        super().__init__()
        self.annotation = annotation
        self.highlighting = highlighting

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(tag_line(self.annotation, self.highlighting))
            yield Label(Text("Note (enter: new line; ctrl+s saves; escape cancels)"))
            yield TextArea(self.annotation.note, id="note", soft_wrap=True, tab_behavior="focus")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        note = self.query_one(TextArea).text.strip()
        if len(note) > NOTE_LIMIT:
            self.notify(f"A note holds at most {NOTE_LIMIT:,} characters", severity="warning")
            return
        self.dismiss(note)


class ExportScreen(WorkerFailures, ModalScreen[str | None]):
    """ctrl+e: a path and a format; enter exports, escape cancels.

    The export runs in the dialog's worker, on a store connection of its own. A file that
    cannot be written is said in the dialog, which stays open so the path can be fixed.
    Returns the message of a done export, or None."""

    class Done(Message):
        """The worker's answer: what to tell the user, and whether it was written."""

        def __init__(self, message: str, written: bool) -> None:
            super().__init__()
            self.message, self.written = message, written

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", show=False)]
    DEFAULT_CSS = (
        DIALOG_CSS.format(name="ExportScreen")
        + """
    ExportScreen RadioSet { margin: 0 1; }
    ExportScreen #export-error { color: $error; }
    """
    )

    def __init__(
        self,
        default_path: Path,
        formats: Mapping[str, Format],
        db_path: Path,
        pipeline: PipelineInfo | None,
    ) -> None:
        super().__init__()
        self.default_path = default_path
        self.formats = formats
        self.db_path, self.pipeline = db_path, pipeline

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text("Export the tags (tab: the format; enter exports, escape cancels)"))
            yield Input(str(self.default_path), id="export-path")
            with RadioSet(id="export-format"):
                for index, fmt in enumerate(self.formats.values()):
                    label = Text(f"{fmt.name}: {fmt.description}")
                    yield RadioButton(label, value=index == 0, name=fmt.name)
            yield Label("", id="export-error")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(RadioSet.Changed)
    def _format_chosen(self, event: RadioSet.Changed) -> None:
        """The path proposed takes the format's suffix, unless the user gave another."""
        path = self.query_one("#export-path", Input)
        suffixes = {fmt.suffix for fmt in self.formats.values()}
        current = Path(path.value)
        if current.suffix in suffixes and event.pressed.name in self.formats:
            path.value = str(current.with_suffix(self.formats[event.pressed.name].suffix))
        path.focus()  # where enter exports

    @on(Input.Submitted)
    def _export(self, event: Input.Submitted) -> None:
        path = event.value.strip()
        if not path:
            self._problem("Give a file to write to")
            return
        pressed = self.query_one(RadioSet).pressed_button
        fmt = pressed.name if pressed is not None else next(iter(self.formats))
        self.query_one("#export-error", Label).update(Text("Exporting…"))
        self._write(Path(path).expanduser(), fmt)

    @work(thread=True, exclusive=True, exit_on_error=False, description="The export")
    def _write(self, path: Path, fmt: str) -> None:
        """Off the event loop: a big store's export takes a while, and the screen must not
        freeze meanwhile."""
        from newsgloss.annotations import api

        try:
            with api.connection(self.db_path) as store:
                entities = api.cached_entities(store, lambda: self.pipeline)
                count = api.export(store, fmt, path, entities=entities)
        except UserError as error:
            self.post_message(self.Done(str(error), written=False))
            return
        noun = self.formats[fmt].counts
        done = f"Wrote {count} {noun}{'s' * (count != 1)} to {path.resolve()}"
        self.post_message(self.Done(done, written=True))

    @on(Done)
    def _done(self, event: Done) -> None:
        if event.written:
            self.dismiss(event.message)
        else:
            self._problem(event.message)

    def _problem(self, problem: str) -> None:
        """Say what is wrong in the dialog, which stays open with the path to fix."""
        self.query_one("#export-error", Label).update(Text(problem))
        self.query_one("#export-path", Input).focus()
