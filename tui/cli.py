"""The ``newsgloss`` command line: a thin edge over corpus and annotations.

Errors a user can cause (UserError) become one ``Error: …`` line on stderr and
exit status 1; click's usage errors exit 2.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import click

from newsgloss.corpus import LoadResult, UserError, load_paths, sample_paths
from newsgloss.tui import collector
from newsgloss.tui.cli_edge import NewsglossGroup, crashed, say
from newsgloss.tui.cli_settings import (
    Settings,
    global_options,
    pass_settings,
    sample_store_path,
    say_created,
)

# Every command but the reader's, by name: ``module:attribute`` of newsgloss.tui,
# imported when asked for: the reader starts without loading the others.
COMMANDS = {
    name: f"{module}:{name}"
    for module, names in {
        "cli_add": "add",
        "cli_analysis": "align analyze claims diff entities link sentences similar",
        "cli_documents": "docs meta rm search versions",
        "cli_labels": "config labels",
        "cli_names": "corrections names",
        "cli_tags": "agreement tags",
        "cli_verdicts": "ratings verdict",
    }.items()
    for name in names.split()
} | {"export": "cli_transfer:export_command", "import": "cli_transfer:import_command"}

# readable=False: the loader reports a file it cannot read and goes on with the others.
paths_argument = click.argument("paths", nargs=-1, type=click.Path(path_type=Path, readable=False))


@click.group(
    cls=NewsglossGroup,
    default="read",
    default_if_no_args=True,
    invoke_without_command=True,
    later=COMMANDS,
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
    elif ctx.invoked_subcommand != "read":  # the reader resumes it after its first frame
        collector.resume()


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


def main() -> None:
    cli(prog_name="newsgloss")


if __name__ == "__main__":
    main()
