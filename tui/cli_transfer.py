"""``newsgloss export`` and ``import``: their ``--format`` choices are the formats'
registry, which is loaded only when one of them runs (``cli.py`` registers them later)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from newsgloss.annotations.formats import FORMATS
from newsgloss.corpus import UserError
from newsgloss.tui.cli_edge import echo, say
from newsgloss.tui.cli_settings import (
    Settings,
    doc_option,
    label_option,
    pass_settings,
    say_created,
)


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default="annotations",
    show_default=True,
    help="; ".join(f"{f.name}: {f.description}" for f in FORMATS.values()) + ".",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    help="Write to this file (through a temporary file and a rename) instead of stdout; "
    "for brat and inception, to this folder.",
)
@label_option()
@doc_option
@pass_settings
def export_command(
    settings: Settings,
    fmt: str,
    output: Path | None,
    labels: tuple[str, ...],
    docs: tuple[str, ...],
) -> None:
    """Export the tags (newsgloss JSONL, or a format other tools read)."""
    from newsgloss.annotations import api

    with settings.open_store(readonly=True) as store:
        doc_ids = api.resolve_documents(store, docs)
        entities = api.cached_entities(store, settings.pipeline)
        filters = {"labels": labels, "doc_ids": doc_ids, "entities": entities}
        if output is None:
            if FORMATS[fmt].folder:
                raise UserError(f"the {fmt} format is a folder of files: give --output FOLDER")
            if FORMATS[fmt].binary:
                raise UserError(
                    f"the {fmt} format is binary: give --output FILE{FORMATS[fmt].suffix}"
                )
            write_to_stdout(lambda out: api.export(store, fmt, out, **filters))
            return
        count = api.export(store, fmt, output, **filters)
    noun = FORMATS[fmt].counts
    say(f"Wrote {count} {noun}{'s' * (count != 1)} to {output}")


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path, readable=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice([name for name, f in FORMATS.items() if f.read is not None]),
    default="annotations",
    show_default=True,
    help="annotations (either newsgloss JSONL format), w3c (Web Annotations: JSON lines or "
    "a JSON-LD document), doccano (JSONL with text and label), brat (a folder of .txt and "
    ".ann files, or one .ann) or label-studio (a JSON list of tasks, or JSON lines).",
)
@pass_settings
def import_command(settings: Settings, file: Path, fmt: str) -> None:
    """Import a file: all of it, or nothing if a line is bad. Labels the store lacks join
    its label set. With --annotator NAME on the command line, tags that come without an
    annotator (all of a brat folder's) are NAME's."""
    from newsgloss.annotations import api

    # Only a name typed here: $NEWSGLOSS_ANNOTATOR is who tags, not whose file this is.
    given = settings.sources.get("annotator") == "command line"
    annotator = settings.annotator if given else ""
    summary, new = api.import_into(
        settings.db_path, file, fmt=fmt, labels=settings.config.labels, annotator=annotator
    )
    if new:
        say_created(settings.db_path)
    counts = summary.counts
    echo(
        f"Imported {file}: {summary.documents_added} new documents, {counts.added} new "
        f"annotations, {counts.updated} updated, {counts.unchanged} already present"
    )
    if summary.labels_added:
        say(f"New labels: {', '.join(summary.labels_added)} (newsgloss labels sets their keys)")


def write_to_stdout(write) -> None:
    """Run ``write(sys.stdout)``; a full disk or a closed pipe is one line, not a trace."""
    try:
        write(sys.stdout)
        sys.stdout.flush()
    except OSError as error:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - nothing more to flush at exit
        raise UserError(f"standard output: cannot write ({error.strerror or error})") from None
