"""The command line's edge: what reaches the user when something goes wrong, and how
the first words are read.

Every line on stderr passes one sanitiser (``say``); a user error is one ``Error:``
line and status 1; a store with damaged pages says so; a crash of the reader becomes
one line and a log; the global options may follow the command; a first word that is
neither a command nor a file is a usage error with the nearest command suggested.
"""

from __future__ import annotations

import difflib
import importlib
from datetime import datetime
from pathlib import Path

import click
from click_default_group import DefaultGroup
from platformdirs import user_state_dir

from newsgloss.corpus import UserError, printable


class NewsglossGroup(DefaultGroup):
    """Runs ``read`` when the first word is a path or there is none, takes the global
    options after the command too, and turns user errors into one line. ``later``:
    commands by name, as ``module:attribute`` of ``newsgloss.tui``, imported when first
    asked for (the reader need not wait for the export formats)."""

    def __init__(self, *args, later: dict[str, str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.later = later or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.later})

    def get_command(self, ctx: click.Context, cmd_name: str):
        if cmd_name in self.later and cmd_name not in self.commands:
            module, attribute = self.later[cmd_name].split(":")
            found = importlib.import_module(f"newsgloss.tui.{module}")
            self.add_command(getattr(found, attribute), cmd_name)
        return super().get_command(ctx, cmd_name)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, hoist_global_options(args, self.params))

    def resolve_command(self, ctx: click.Context, args: list[str]):
        name = args[0] if args else ""
        known = self.list_commands(ctx)
        command_or_path = name in known or name.startswith("-") or Path(name).exists()
        if name and not command_or_path:
            hint = ""
            if not set(name) & set("./"):  # a mistyped command, not a missing file
                near = difflib.get_close_matches(name, known, n=1, cutoff=0)
                hint = f"; did you mean {near[0]!r}?"
            say(f"Error: no such command or file: {name!r}{hint}")
            ctx.exit(2)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except UserError as error:
            say(f"Error: {error}")
            ctx.exit(1)
        except Exception as error:
            from newsgloss.annotations import api

            damage = api.store_damage(error, getattr(ctx.obj, "db_path", "the store"))
            if damage is None:
                raise  # a bug: let it be seen
            say(f"Error: {damage}")
            ctx.exit(1)


def crashed(report: str) -> str:
    """Write a crash report to a log in the user's state folder; the line that says so."""
    folder = Path(user_state_dir("newsgloss", appauthor=False))
    log = folder / f"crash-{datetime.now():%Y%m%d-%H%M%S}.log"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        log.write_text(report, encoding="utf-8")
        where = f"the full report is in {log}"
    except OSError as error:
        where = f"the report could not be written to {log} ({error.strerror or error})"
    lines = [line.strip() for line in report.splitlines() if line.strip()]
    cause = lines[-1] if lines else "no report"
    return f"the reader stopped on an unexpected error ({cause}); {where}"


def echo(line: str) -> None:
    """A line on stdout, through the one sanitiser."""
    click.echo(printable(line))


def echo_fields(*fields: object) -> None:
    """One tab-separated line on stdout, each field through the one sanitiser (which
    would escape the tabs between them)."""
    click.echo("\t".join(printable(str(field)) for field in fields))


def say(message: str) -> None:
    """A line on stderr, through the one sanitiser: file names and other input may hold
    escape sequences or bidi controls, which must not reach the terminal."""
    click.echo(printable(message), err=True)


def hoist_global_options(args: list[str], params: list[click.Parameter]) -> list[str]:
    """Move the group's options (``params``, with their values) to the front, so that
    ``newsgloss export --db FILE`` means ``newsgloss --db FILE export``. The options are
    the group's own declarations: a global option added there is hoisted too."""
    options = [p for p in params if isinstance(p, click.Option)]
    takes_value = {name for p in options if not (p.is_flag or p.count) for name in p.opts}
    alone = {name for p in options if p.is_flag or p.count for name in p.opts}
    front, rest = [], []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest.extend(args[index:])
            break
        if arg in alone:
            front.append(arg)
            index += 1
            continue
        if arg.split("=", 1)[0] in takes_value:
            width = 1 if "=" in arg else 2
            front.extend(args[index : index + width])
            index += width
            continue
        rest.append(arg)
        index += 1
    return front + rest
