"""The ``newsgloss`` command line: a thin edge over corpus and annotations.

Errors a user can cause (UserError) become one ``Error: …`` line on stderr and
exit status 1; click's usage errors exit 2.
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from itertools import chain
from pathlib import Path

import click

from newsgloss.corpus import (
    CorpusError,
    LoadResult,
    UserError,
    load_paths,
    sample_paths,
)
from newsgloss.corpus.analysis import ModelError
from newsgloss.corpus.document import is_url
from newsgloss.corpus.loader import iter_documents
from newsgloss.tui.cli_analysis import (
    align,
    analyze,
    analyze_with_progress,
    claims,
    diff,
    entities,
    link,
    processes_option,
    sentences,
    similar,
)
from newsgloss.tui.cli_documents import docs, meta, rm, search, versions
from newsgloss.tui.cli_edge import NewsglossGroup, crashed, echo, echo_fields, say
from newsgloss.tui.cli_labels import config as config_group
from newsgloss.tui.cli_labels import labels as labels_group
from newsgloss.tui.cli_names import corrections, names
from newsgloss.tui.cli_settings import (
    Settings,
    global_options,
    pass_settings,
    sample_store_path,
    say_created,
)
from newsgloss.tui.cli_tags import agreement, tags
from newsgloss.tui.cli_verdicts import ratings, verdict

# readable=False: the loader reports a file it cannot read and goes on with the others.
paths_argument = click.argument("paths", nargs=-1, type=click.Path(path_type=Path, readable=False))


@click.group(
    cls=NewsglossGroup,
    default="read",
    default_if_no_args=True,
    invoke_without_command=True,
    later={"export": "cli_transfer:export_command", "import": "cli_transfer:import_command"},
)
@global_options
@click.pass_context
def cli(
    ctx: click.Context,
    db: Path | None,
    model: str | None,
    annotator: str | None,
    theme: str | None,
    fresh: bool,
) -> None:
    """newsgloss: read news articles side by side, tag claims, attributions and
    disputed passages, see what the outlets share, and export the work as JSONL.

    With no command, opens the reader as it was left on this store, else on its newest
    articles, else (an empty store) on the sample corpus; newsgloss PATH... opens those
    articles."""
    ctx.obj = Settings.resolve(
        ctx, db=db, model=model, annotator=annotator, theme=theme, fresh=fresh
    )
    if ctx.invoked_subcommand is None:  # only options, such as `newsgloss --db FILE`
        ctx.invoke(read, paths=())


@cli.command()
@paths_argument
@pass_settings
def read(settings: Settings, paths: tuple[Path, ...]) -> None:
    """Open the reader on PATHS (files or folders). With none, the reader comes back as it
    was left on this store, else opens its newest articles, else (an empty store) the
    sample corpus; --fresh: the sample corpus, in a store of its own beside this one.

    The documents are stored, as add does, once the reader is on screen; entities
    appear when the analysis is ready. The reader needs a terminal."""
    from newsgloss.annotations import api
    from newsgloss.tui.app import NewsglossApp, Start
    from newsgloss.tui.reader.panes import MAX_PANES

    if settings.fresh and not paths:
        settings = replace(settings, db_path=sample_store_path(settings.db_path))
        say(f"The sample corpus, in a store of its own: {settings.db_path}")
    saved = None if paths or settings.fresh else api.peek_session(settings.db_path)
    newest = [] if paths or saved else api.peek_newest(settings.db_path, MAX_PANES)
    if saved:
        session, documents = saved
        result = LoadResult(documents)
    elif newest:  # a store filled by add: its own articles, never the sample corpus
        session, result = None, LoadResult(newest)
    else:
        session, result = None, load_paths(paths or sample_paths(), limit=MAX_PANES if paths else 2)
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
        Start(
            result.documents,
            db_path=settings.db_path,
            model=settings.model,
            open_count=MAX_PANES if paths or session or newest else 2,
            errors=result.errors,
            unread=result.unread,
            annotator=settings.who(),
            announce_unopened=bool(paths),
            session=session,
            theme=settings.theme,
            config_theme=settings.config.theme,
            keymap=settings.config.keymap,
            labels=settings.config.labels,
        )
    )
    app.run()
    if app.return_code:  # an unexpected error: one line here, the traceback in a log
        raise UserError(crashed(app.crash_report))
    for error in app.load_errors:
        say(f"Error: {error}")
    if app.load_errors:
        sys.exit(1)


@cli.command()
@click.argument("sources", nargs=-1)
@click.option(
    "--urls",
    "url_file",
    type=click.Path(path_type=Path),
    help="A file of URLs to fetch, one a line (blank lines and # comments skipped).",
)
@click.option(
    "--feed",
    "feeds",
    multiple=True,
    metavar="URL_OR_FILE",
    help="An RSS or Atom feed: the articles its entries link to are fetched (repeatable).",
)
@click.option(
    "--limit",
    type=click.IntRange(1),
    help="At most this many entries of each feed, the first it lists.",
)
@click.option(
    "--replaces",
    metavar="DOC",
    help="The one article given is a newer version of DOC: its tags are carried to it.",
)
@click.option("--no-analysis", is_flag=True, help="Store only; skip the entity analysis.")
@processes_option
@pass_settings
def add(
    settings: Settings,
    sources: tuple[str, ...],
    url_file: Path | None,
    feeds: tuple[str, ...],
    limit: int | None,
    replaces: str | None,
    no_analysis: bool,
    processes: int,
) -> None:
    """Store the documents in SOURCES (files, folders or http(s) URLs, which are fetched)
    and analyse them. With none, the sample corpus, into an empty store only (the samples
    never mix with a desk's own articles).

    Prints one line per document: short id, characters, title. An article whose URL or
    source is a stored one's, with another text, is a newer version of it (--replaces
    says so outright): its tags are carried to it, and those that cannot be placed are
    kept on the older version. Bad files are reported and skipped; the exit status is
    then 1. Analysis runs only for
    documents the cache lacks; without a pipeline, documents are stored anyway."""
    from newsgloss.annotations import api
    from newsgloss.corpus.feeds import feed_links  # urllib3 and feedparser: not at start-up
    from newsgloss.corpus.fetch import fetch_documents, url_lines

    if not (sources or url_file or feeds) and settings.db_path.exists():
        with settings.open_store(readonly=True) as store:
            own = set(store.document_ids()) - {d.id for d in load_paths(sample_paths()).documents}
        if own:
            raise UserError(
                f"no PATH given, and {settings.db_path} holds articles of its own: the sample "
                "corpus is only added to an empty store (--fresh opens it in a store of its own)"
            )
    errors: list[str] = []
    urls = [source for source in sources if is_url(source)]
    paths = [Path(source) for source in sources if not is_url(source)]
    if url_file is not None:
        urls.extend(url_lines(url_file))
    hints = {}  # a feed entry's date and authors, for a page that does not give them
    for feed in feeds:
        try:
            entries = feed_links(feed, limit)
        except CorpusError as error:
            errors.append(str(error))
            continue
        urls.extend(url for url, _ in entries)
        hints.update(entries)
    asked = urls or url_file or feeds
    documents = iter_documents(paths or ([] if asked else sample_paths()), errors)
    if urls:
        documents = chain(
            documents, fetch_documents(urls, errors, progress=fetch_progress(), hints=hints)
        )
    first = next(documents, None)
    ids, added, fresh = [], 0, []
    if replaces is not None and (first is None or next(documents, None) is not None):
        raise UserError("--replaces takes one article, the newer version of DOC")
    if first is not None:  # nothing to store: no store is made for nothing
        with settings.open_store(create=True) as store:
            if replaces is not None:
                api.resolve_documents(store, (replaces,))  # before anything is stored
            for document, new in api.store_documents(store, chain([first], documents)):
                state = "" if new else "  (already stored)"
                echo_fields(document.short_id, len(document.text), document.title + state)
                ids.append(document.id)
                added += new
                fresh.extend([document] if new or replaces else [])
            for report in api.carry_versions(store, fresh, replaces):
                say(report.describe())
            retitled = api.retitle_chrome(store)
            if retitled:
                say(
                    f"{retitled} title{'s were' if retitled != 1 else ' was'} a line "
                    f"{api.CHROME_DOCUMENTS} or more articles share (site chrome): "
                    "titled from their text instead"
                )
            if not no_analysis:
                try:
                    analyze_with_progress(settings, store, ids, processes)
                except ModelError as error:
                    say(f"Warning: {error}; documents are stored without entities")
    echo(
        f"{added} document{'s' * (added != 1)} added, {len(ids) - added} already stored"
        + (f", {len(errors)} failed" if errors else "")
    )
    for error in errors:
        say(f"Error: {error}")
    if errors:
        sys.exit(1)


def fetch_progress():
    """``progress(done, total)`` for fetching: a line on stderr every two seconds at
    most, and when the last URL is done."""
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if done == total or now - last[0] >= 2.0:
            last[0] = now
            say(f"Fetched {done}/{total} URL{'s' * (total != 1)}")

    return progress


cli.add_command(align)
cli.add_command(analyze)
cli.add_command(claims)
cli.add_command(diff)
cli.add_command(docs)
cli.add_command(meta)
cli.add_command(versions)
cli.add_command(entities)
cli.add_command(link)
cli.add_command(names)
cli.add_command(corrections)
cli.add_command(rm)
cli.add_command(search)
cli.add_command(tags)
cli.add_command(agreement)
cli.add_command(verdict)
cli.add_command(ratings)
cli.add_command(sentences)
cli.add_command(similar)
cli.add_command(labels_group)
cli.add_command(config_group)


def main() -> None:
    cli(prog_name="newsgloss")


if __name__ == "__main__":
    main()
