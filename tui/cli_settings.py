"""What every command works with: the settings, each from the command line, else the
environment, else the config file, else its default."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click
from platformdirs import user_data_dir

from newsgloss.annotations.model import default_annotator
from newsgloss.corpus.analysis import PipelineInfo, find_pipeline
from newsgloss.tui.cli_edge import say
from newsgloss.tui.config import Config

if TYPE_CHECKING:
    from newsgloss.annotations.api import Store

THEME_ENV = "NEWSGLOSS_THEME"


def default_db_path() -> Path:
    """The store when neither --db, $NEWSGLOSS_DB nor the config names one."""
    return Path(user_data_dir("newsgloss", appauthor=False)) / "newsgloss.db"


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

    def pipeline(self) -> PipelineInfo:
        """The chosen pipeline's name and version, found without importing spaCy."""
        return find_pipeline(self.model)

    def who(self) -> str:
        return self.annotator or default_annotator(self.config.annotator)


def say_created(path: Path) -> None:
    say(f"Created a new store at {path}")


pass_settings = click.make_pass_decorator(Settings)
