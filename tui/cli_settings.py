"""What every command works with: the settings, each from the command line, else the
environment, else the config file, else its default (the README's table).

The one module that reads the environment (``NEWSGLOSS_*``) and declares the global
options; ``cli.py`` applies ``global_options`` to its group and ``Settings.resolve``
turns what they gave into the settings."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click
from click.core import ParameterSource
from platformdirs import user_config_dir, user_data_dir

from newsgloss.annotations.model import default_annotator
from newsgloss.corpus.analysis import DEFAULT_MODEL, PipelineInfo, find_pipeline
from newsgloss.tui.cli_edge import say
from newsgloss.tui.config import Config, ConfigError, load_config

if TYPE_CHECKING:
    from newsgloss.annotations.api import Store

DB_ENV = "NEWSGLOSS_DB"
MODEL_ENV = "NEWSGLOSS_MODEL"
ANNOTATOR_ENV = "NEWSGLOSS_ANNOTATOR"
THEME_ENV = "NEWSGLOSS_THEME"
CONFIG_ENV = "NEWSGLOSS_CONFIG"


def config_file() -> Path:
    """$NEWSGLOSS_CONFIG, else config.toml in the user's config folder."""
    configured = os.environ.get(CONFIG_ENV)
    if configured:
        return Path(configured).expanduser()
    return Path(user_config_dir("newsgloss", appauthor=False)) / "config.toml"


def default_db_path() -> Path:
    """The store when neither --db, $NEWSGLOSS_DB nor the config names one."""
    return Path(user_data_dir("newsgloss", appauthor=False)) / "newsgloss.db"


def sample_store_path(db_path: Path) -> Path:
    """Where ``--fresh`` keeps the sample corpus: a store of its own beside the user's, so
    that the samples never turn up in the user's similar, claims or suggestions."""
    return db_path.with_name("newsgloss-samples.db")


@dataclass
class Settings:
    """What every command works with, each setting taken from the command line, else the
    environment, else the config file, else its default (the table in the README)."""

    db_path: Path
    model: str
    config: Config
    annotator: str | None = None  # None: default_annotator()
    theme: str | None = None  # None: the saved session's, else the config's
    fresh: bool = False  # read: the sample corpus, not the saved session
    sources: dict[str, str] = field(default_factory=dict)  # set by the command line or env

    def open_store(self, *, create: bool = False, readonly: bool = False) -> Store:
        """The store, for commands that only read it or, with ``create``, for those that
        write: they make it (with the config's label set) and say so. ``readonly``: for
        commands that write nothing at all, not even a cache."""
        from newsgloss.annotations import api

        store, new = api.open_store(
            self.db_path, create=create, labels=self.config.labels, readonly=readonly
        )
        if new:
            say_created(self.db_path)
        return store

    @classmethod
    def resolve(cls, ctx: click.Context, **given) -> Settings:
        """The settings from the global options' values (``given``: db, model, annotator,
        theme, fresh), else the config file, else the defaults; the config file's errors
        are raised, but for ``config`` commands, which report them themselves."""
        try:
            config = load_config(config_file())
        except ConfigError:
            if ctx.invoked_subcommand != "config":
                raise
            config = Config(config_file())
        sources = {}
        for key, name in (("store", "db"), ("model", "model"), ("annotator", "annotator"),
                          ("theme", "theme")):  # fmt: skip
            source = ctx.get_parameter_source(name)
            if source in (ParameterSource.COMMANDLINE, ParameterSource.ENVIRONMENT):
                sources[key] = GIVEN[source]
        return cls(
            db_path=given["db"] or config.store or default_db_path(),
            model=given["model"] or config.model or DEFAULT_MODEL,
            config=config,
            annotator=given["annotator"],
            theme=given["theme"],
            fresh=given["fresh"],
            sources=sources,
        )

    def pipeline(self) -> PipelineInfo:
        """The chosen pipeline's name and version, found without importing spaCy."""
        return find_pipeline(self.model)

    def who(self) -> str:
        return self.annotator or default_annotator(self.config.annotator)


GIVEN = {ParameterSource.COMMANDLINE: "command line", ParameterSource.ENVIRONMENT: "environment"}


def global_options(command):
    """The options every command takes, before or after its name (``cli_edge`` hoists
    them), each with its environment variable."""
    options = [
        click.option(
            "--db",
            type=click.Path(dir_okay=False, path_type=Path),
            envvar=DB_ENV,
            help=f"The store file [default: ${DB_ENV}, else the config's store, else "
            "newsgloss.db in the user data folder].",
        ),
        click.option(
            "--model",
            envvar=MODEL_ENV,
            help=f"The installed spaCy pipeline for entities and sentences [default: "
            f"${MODEL_ENV}, else the config's model, else {DEFAULT_MODEL}].",
        ),
        click.option(
            "--annotator",
            metavar="NAME",
            envvar=ANNOTATOR_ENV,
            help=f"Your name on the tags you make [default: ${ANNOTATOR_ENV}, else the "
            "config's annotator, else your login name].",
        ),
        click.option(
            "--theme",
            envvar=THEME_ENV,
            metavar="NAME",
            help=f"The reader's colour theme [default: ${THEME_ENV}, else the saved "
            "session's, else the config's theme, else textual-dark].",
        ),
        click.option(
            "--fresh",
            is_flag=True,
            help="Open the reader on the sample corpus, not the session saved in the store.",
        ),
        click.version_option(package_name="newsgloss"),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def say_created(path: Path) -> None:
    say(f"Created a new store at {path}")


pass_settings = click.make_pass_decorator(Settings)


# Options several commands share, declared once (as sqlite-utils' command line does).
def label_option(what: str = "tags with this label"):
    """``--label L``, repeatable: only ``what``."""
    return click.option(
        "--label", "labels", multiple=True, metavar="LABEL", help=f"Only {what} (repeatable)."
    )


doc_option = click.option(
    "--doc",
    "docs",
    multiple=True,
    metavar="DOC",
    help="Only tags in this document: a path or an id prefix (repeatable).",
)
