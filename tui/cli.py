"""The ``newsgloss`` command line: a thin edge over corpus and annotations.

Errors a user can cause (UserError) become one ``Error: …`` line on stderr and
exit status 1; click's usage errors exit 2.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from newsgloss.annotations.analysis_cache import (
    analyze_documents,
    cached_analyses,
    entity_lookup,
    missing_analyses,
)
from newsgloss.annotations.jsonl import (
    FORMATS,
    export_lines,
    import_file,
    read_import,
    write_export,
    write_file_atomically,
)
from newsgloss.annotations.model import ANNOTATOR_ENV
from newsgloss.annotations.paths import default_db_path
from newsgloss.corpus import (
    Document,
    UserError,
    load_file,
    load_paths,
    printable,
    sample_paths,
    short_id,
)
from newsgloss.corpus.analysis import (
    DEFAULT_MODEL,
    MODEL_ENV,
    Analyzer,
    ModelError,
    PipelineInfo,
    find_pipeline,
)
from newsgloss.tui.cli_edge import NewsglossGroup, crashed, say

if TYPE_CHECKING:  # loaded on first use: `newsgloss read` shows its frame without them
    from newsgloss.annotations.store import Store


@dataclass
class Settings:
    db_path: Path
    model: str
    annotator: str | None = None  # None: default_annotator()

    def open_store(self, *, create: bool = False) -> Store:
        """The store, for commands that only read it (a mistyped --db must not quietly
        make an empty one) or, with ``create``, for those that write: they make it and
        say so."""
        from newsgloss.annotations.store import Store

        new = create and not self.db_path.exists()
        store = Store.open(self.db_path, create=create)
        if new:
            say_created(self.db_path)
        return store

    def pipeline(self) -> PipelineInfo:
        """The chosen pipeline's name and version, found without importing spaCy."""
        return find_pipeline(self.model)


def say_created(path: Path) -> None:
    say(f"Created a new store at {path}")


def analyze_with_progress(
    settings: Settings,
    store: Store,
    doc_ids: list[str],
    processes: int = 1,
    jsonl: bool = False,
) -> tuple[PipelineInfo, int]:
    """Analyse the documents the cache lacks, showing progress; returns the pipeline and
    how many were analysed. ModelError if there is no usable pipeline."""
    from newsgloss.tui.progress import analysis_progress

    info = settings.pipeline()
    missing = missing_analyses(store, info, doc_ids)
    if missing:
        analyzer = Analyzer(info)
        analyzer.nlp  # noqa: B018 - loaded before the clock starts: words/s is the analysis's
        with analysis_progress(len(missing), jsonl) as update:
            analyze_documents(store, analyzer, missing, progress=update, n_process=processes)
    return info, len(missing)


pass_settings = click.make_pass_decorator(Settings)
# readable=False: the loader reports a file it cannot read and goes on with the others.
paths_argument = click.argument("paths", nargs=-1, type=click.Path(path_type=Path, readable=False))
processes_option = click.option(
    "--processes",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Processes for the analysis of large batches.",
)


@click.group(
    cls=NewsglossGroup, default="read", default_if_no_args=True, invoke_without_command=True
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="NEWSGLOSS_DB",
    help="The store file [default: $NEWSGLOSS_DB, else newsgloss.db in the user data folder].",
)
@click.option(
    "--model",
    envvar=MODEL_ENV,
    default=DEFAULT_MODEL,
    show_default=True,
    help=f"The installed spaCy pipeline for entities and sentences (or ${MODEL_ENV}).",
)
@click.option(
    "--annotator",
    metavar="NAME",
    help=f"Your name on the tags you make [default: ${ANNOTATOR_ENV}, else your login name].",
)
@click.version_option(package_name="newsgloss")
@click.pass_context
def cli(ctx: click.Context, db: Path | None, model: str, annotator: str | None) -> None:
    """newsgloss: read news articles side by side, tag claims, attributions and
    disputed passages, and export them as JSONL.

    With no command, opens the reader on the sample corpus."""
    ctx.obj = Settings(db_path=db or default_db_path(), model=model, annotator=annotator)
    if ctx.invoked_subcommand is None:  # only options, such as `newsgloss --db FILE`
        ctx.invoke(read, paths=())


@cli.command()
@paths_argument
@pass_settings
def read(settings: Settings, paths: tuple[Path, ...]) -> None:
    """Open the reader on PATHS (files or folders; the sample corpus when none).

    The documents are stored, as add does, once the reader is on screen; entities
    appear when the analysis is ready. The reader needs a terminal."""
    from newsgloss.tui.app import MAX_PANES, NewsglossApp

    open_count = MAX_PANES if paths else 2
    result = load_paths(paths or sample_paths(), limit=open_count)
    if not result.documents:
        for error in result.errors:
            say(f"Error: {error}")
        sys.exit(1)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UserError(
            "the reader needs a terminal (standard input or output is not one); "
            "newsgloss add, docs and export work without one"
        )
    if not settings.db_path.exists():
        say_created(settings.db_path)  # the reader makes it once its first frame is up
    app = NewsglossApp(
        result.documents,
        db_path=settings.db_path,
        model=settings.model,
        open_count=open_count,
        errors=result.errors,
        unread=result.unread,
        annotator=settings.annotator,
        announce_unopened=bool(paths),
    )
    app.run()
    if app.return_code:  # an unexpected error: one line here, the traceback in a log
        raise UserError(crashed(app.crash_report))
    for error in app.load_errors:
        say(f"Error: {error}")
    if app.load_errors:
        sys.exit(1)


@cli.command()
@paths_argument
@click.option("--no-analysis", is_flag=True, help="Store only; skip the entity analysis.")
@processes_option
@pass_settings
def add(settings: Settings, paths: tuple[Path, ...], no_analysis: bool, processes: int) -> None:
    """Store the documents in PATHS (the sample corpus when none) and analyse them.

    Prints one line per document: short id, characters, title. Bad files are
    reported and skipped; the exit status is then 1. Analysis runs only for
    documents the cache lacks; without a pipeline, documents are stored anyway."""
    result = load_paths(paths or sample_paths())
    documents, errors = result.documents, result.errors
    if not documents:  # nothing to store: no store is made for nothing
        _print_added(documents, [], errors)
    else:
        with settings.open_store(create=True) as store:
            new = store.add_documents(documents)
            _print_added(documents, new, errors)
            if not no_analysis:
                try:
                    analyze_with_progress(settings, store, [d.id for d in documents], processes)
                except ModelError as error:
                    say(f"Warning: {error}; documents are stored without entities")
    for error in errors:
        say(f"Error: {error}")
    if errors:
        sys.exit(1)


def _print_added(documents: list[Document], new: list[bool], errors: list[str]) -> None:
    for document, is_new in zip(documents, new, strict=True):
        state = "" if is_new else "\t(already stored)"
        title = printable(document.title)  # a listing for people: no bidi reordering
        click.echo(f"{document.short_id}\t{len(document.text)}\t{title}{state}")
    added = sum(new)
    click.echo(
        f"{added} document{'s' * (added != 1)} added, {len(documents) - added} already stored"
        + (f", {len(errors)} failed" if errors else "")
    )


@cli.command()
@pass_settings
def docs(settings: Settings) -> None:
    """List stored documents: short id, annotation count, title."""
    with settings.open_store() as store:
        for document in store.documents():
            title = printable(document.title)  # a listing for people: no bidi reordering
            click.echo(f"{short_id(document.id)}\t{document.annotations}\t{title}")


def resolve_documents(store: Store, refs: tuple[str, ...]) -> list[str]:
    """Document ids for references that are paths or unique prefixes of stored ids."""
    ids: list[str] = []
    for ref in refs:
        path = Path(ref)
        if path.is_file():
            for document in load_file(path):
                if store.document(document.id) is None:
                    raise UserError(f"{ref}: not in the store (run: newsgloss add {ref})")
                ids.append(document.id)
            continue
        matches = store.find_documents(ref)
        if not matches:
            raise UserError(f"{ref}: no such file, and no stored document id starts with it")
        if len(matches) > 1:
            raise UserError(f"{ref}: ambiguous, {len(matches)} stored document ids start with it")
        ids.append(matches[0])
    return ids


def stored_ids(store: Store, refs: tuple[str, ...]) -> list[str]:
    """The named documents, or every stored document when none is named."""
    return resolve_documents(store, refs) if refs else [d.id for d in store.documents()]


@cli.command()
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
        doc_ids = stored_ids(store, docs)
        info, missing = analyze_with_progress(
            settings, store, doc_ids, processes, jsonl=progress == "jsonl"
        )
    click.echo(
        f"Analysed {missing} document{'s' * (missing != 1)} with {info.name} {info.version}; "
        f"{len(doc_ids) - missing} already analysed"
    )


@cli.command()
@click.argument("docs", nargs=-1)
@click.option("--label", "labels", multiple=True, help="Only this entity label (repeatable).")
@pass_settings
def entities(settings: Settings, docs: tuple[str, ...], labels: tuple[str, ...]) -> None:
    """Print entities, tab-separated: short document id, start, end, label, text."""
    wanted = {label.upper() for label in labels}
    with settings.open_store() as store:
        doc_ids = stored_ids(store, docs)
        info, _ = analyze_with_progress(settings, store, doc_ids)
        analyses = cached_analyses(store, info, doc_ids)
    for doc_id in doc_ids:
        for entity in analyses[doc_id].entities:
            if not wanted or entity.label in wanted:
                fields = (short_id(doc_id), entity.start, entity.end, entity.label, entity.text)
                click.echo("\t".join(map(str, fields)))


@cli.command()
@click.argument("doc")
@pass_settings
def sentences(settings: Settings, doc: str) -> None:
    """Print the sentences of DOC, tab-separated: start, end, text."""
    with settings.open_store() as store:
        (doc_id,) = resolve_documents(store, (doc,))
        info, _ = analyze_with_progress(settings, store, [doc_id])
        text = store.document(doc_id).text
        analysis = cached_analyses(store, info, [doc_id])[doc_id]
    for start, end in analysis.sentences:
        click.echo(f"{start}\t{end}\t{text[start:end]}")


@cli.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="annotations",
    show_default=True,
    help="annotations: one annotation per line; documents: one document per line with its spans.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (through a temporary file and a rename) instead of stdout.",
)
@click.option("--label", "labels", multiple=True, help="Only this label (repeatable).")
@click.option(
    "--doc", "docs", multiple=True, help="Only this document: a path or id prefix (repeatable)."
)
@pass_settings
def export_command(
    settings: Settings,
    fmt: str,
    output: Path | None,
    labels: tuple[str, ...],
    docs: tuple[str, ...],
) -> None:
    """Export annotations as JSONL."""
    with settings.open_store() as store:
        doc_ids = resolve_documents(store, docs)
        lines = export_lines(
            store, fmt, labels=labels, doc_ids=doc_ids, entities=cached_entities(settings, store)
        )
        if output is None:
            write_to_stdout(lines)
            return
        count = write_file_atomically(output, lines)
    noun = "annotation" if fmt == "annotations" else "document"
    say(f"Wrote {count} {noun}{'s' * (count != 1)} to {output}")


@cli.command("import")
@click.argument("file", type=click.Path(path_type=Path, readable=False))
@pass_settings
def import_command(settings: Settings, file: Path) -> None:
    """Import a JSONL file in either export format: all of it, or nothing if a line is bad."""
    data = read_import(file)  # first: a file that cannot be read must not leave a new store
    from newsgloss.annotations.store import Store

    new = not settings.db_path.exists()
    try:
        with Store.open(settings.db_path) as store:
            summary = import_file(store, file, data)
    except UserError:
        if new:  # an import that wrote nothing leaves no empty store behind
            for suffix in ("", "-wal", "-shm"):
                Path(f"{settings.db_path}{suffix}").unlink(missing_ok=True)
        raise
    if new:
        say_created(settings.db_path)
    counts = summary.counts
    click.echo(
        f"Imported {file}: {summary.documents_added} new documents, {counts.added} new "
        f"annotations, {counts.updated} updated, {counts.unchanged} already present"
    )


def write_to_stdout(lines) -> None:
    """Write the export to stdout; a full disk or a closed pipe is one line, not a trace."""
    try:
        write_export(sys.stdout, lines)
        sys.stdout.flush()
    except OSError as error:
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - nothing more to flush at exit
        raise UserError(f"standard output: cannot write ({error.strerror or error})") from None


def cached_entities(settings: Settings, store: Store):
    """Entities for the ``documents`` export, when a pipeline is installed."""
    try:
        return entity_lookup(store, settings.pipeline())
    except ModelError:
        return None


def main() -> None:
    cli(prog_name="newsgloss")


if __name__ == "__main__":
    main()
