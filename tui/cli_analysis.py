"""The analysis commands: ``analyze``, ``entities`` and ``sentences``, with progress."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

import click

from newsgloss.annotations import api
from newsgloss.annotations.analysis_cache import cached_analyses
from newsgloss.corpus import short_id
from newsgloss.corpus.analysis import PipelineInfo
from newsgloss.tui.cli_settings import Settings, pass_settings

if TYPE_CHECKING:
    from newsgloss.annotations.store import Store


def analyze_with_progress(
    settings: Settings, store: Store, doc_ids: list[str], processes: int = 1, jsonl: bool = False
) -> tuple[PipelineInfo, int]:
    """``api.analyze`` with progress on stderr; returns the pipeline and how many were
    analysed. ModelError if there is no usable pipeline."""
    from newsgloss.tui.progress import analysis_progress

    info = settings.pipeline()
    with contextlib.ExitStack() as stack:

        def progress(total: int):
            return stack.enter_context(analysis_progress(total, jsonl))

        done = api.analyze(store, info, doc_ids, progress=progress, processes=processes)
    return info, done


processes_option = click.option(
    "--processes",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Processes for the analysis of large batches.",
)


@click.command()
@click.argument("docs", nargs=-1)
@processes_option
@click.option(
    "--progress",
    type=click.Choice(["auto", "jsonl"]),
    default="auto",
    show_default=True,
    help="auto: a bar on a terminal, else a line every two seconds; jsonl: one JSON object "
    'per document on stderr ({"done", "total", "words", "words_per_second"}), for programs.',
)
@pass_settings
def analyze(settings: Settings, docs: tuple[str, ...], processes: int, progress: str) -> None:
    """Analyse stored documents (DOCS: paths or id prefixes; all when none) that lack it."""
    with settings.open_store() as store:
        doc_ids = api.stored_ids(store, docs)
        info, missing = analyze_with_progress(
            settings, store, doc_ids, processes, jsonl=progress == "jsonl"
        )
    click.echo(
        f"Analysed {missing} document{'s' * (missing != 1)} with {info.name} {info.version}; "
        f"{len(doc_ids) - missing} already analysed"
    )


@click.command()
@click.argument("docs", nargs=-1)
@click.option("--label", "labels", multiple=True, help="Only this entity label (repeatable).")
@pass_settings
def entities(settings: Settings, docs: tuple[str, ...], labels: tuple[str, ...]) -> None:
    """Print entities, tab-separated: short document id, start, end, label, text."""
    wanted = {label.upper() for label in labels}
    with settings.open_store() as store:
        doc_ids = api.stored_ids(store, docs)
        info, _ = analyze_with_progress(settings, store, doc_ids)
        analyses = cached_analyses(store, info, doc_ids)
    for doc_id in doc_ids:
        for entity in analyses[doc_id].entities:
            if not wanted or entity.label in wanted:
                fields = (short_id(doc_id), entity.start, entity.end, entity.label, entity.text)
                click.echo("\t".join(map(str, fields)))


@click.command()
@click.argument("doc")
@pass_settings
def sentences(settings: Settings, doc: str) -> None:
    """Print the sentences of DOC, tab-separated: start, end, text."""
    with settings.open_store() as store:
        (doc_id,) = api.resolve_documents(store, (doc,))
        info, _ = analyze_with_progress(settings, store, [doc_id])
        text = store.document(doc_id).text
        analysis = cached_analyses(store, info, [doc_id])[doc_id]
    for start, end in analysis.sentences:
        click.echo(f"{start}\t{end}\t{text[start:end]}")
