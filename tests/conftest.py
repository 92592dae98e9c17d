"""Shared fixtures: the sample corpus, a fresh store file, and the command line."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from newsgloss.annotations import Store
from newsgloss.corpus import Document, load_paths, sample_paths
from newsgloss.tui.cli import cli


@pytest.fixture(autouse=True)
def no_user_config(tmp_path: Path, monkeypatch) -> Path:
    """Every test starts from nothing of the user's: no ``NEWSGLOSS_*`` variable of the
    shell, no config file, and data and state folders of its own, so that neither the
    user's settings change a result nor a test touches the user's store or logs."""
    for name in [name for name in os.environ if name.startswith("NEWSGLOSS_")]:
        monkeypatch.delenv(name)
    for folder in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(folder, str(tmp_path / "xdg" / folder.lower()))
    path = tmp_path / "config" / "config.toml"
    monkeypatch.setenv("NEWSGLOSS_CONFIG", str(path))
    return path


@pytest.fixture(scope="session")
def sample_documents() -> list[Document]:
    result = load_paths(sample_paths())
    assert not result.errors
    return result.documents


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "store" / "newsgloss.db"


@pytest.fixture
def store(db_path: Path):
    with Store.open(db_path) as store:
        yield store


def older_store(path: Path, version: int, documents: list[Document]) -> Path:
    """A store as newsgloss of schema ``version`` left it, holding ``documents``: opening
    it migrates it."""
    from sqlite_utils import Database

    from newsgloss.annotations.schema import MIGRATIONS

    with Database(path) as db:
        for step in MIGRATIONS[:version]:
            step(db)
        db.conn.commit()  # a step's statements may have opened a transaction
        db["meta"].insert({"key": "schema_version", "value": str(version)})
        db["documents"].insert_all(
            {"id": d.id, "title": d.title, "text": d.text, "added_at": "2026-01-01T00:00:00Z"}
            for d in documents
        )
    return path


def runner_for(db_path: Path):
    """A function that runs the command line in-process against ``db_path``."""

    def run(*args: str, input: str | None = None) -> Result:
        return CliRunner().invoke(cli, ["--db", str(db_path), *args], input=input)

    return run


@pytest.fixture
def run(db_path: Path):
    return runner_for(db_path)


def dump(db_path: Path) -> str:
    """The whole store as SQL text: equal dumps mean an unchanged store."""
    if not db_path.exists():
        return ""
    connection = sqlite3.connect(db_path)
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()


@pytest.fixture(scope="session")
def analyzer():
    """The real default pipeline, loaded once for the whole test session."""
    from newsgloss.corpus.analysis import DEFAULT_MODEL, Analyzer, find_pipeline

    analyzer = Analyzer(find_pipeline(DEFAULT_MODEL))
    analyzer.nlp  # noqa: B018 - load now, once
    return analyzer


@pytest.fixture(scope="session")
def analysed_store_file(tmp_path_factory, analyzer, sample_documents) -> Path:
    """A store holding the sample corpus with its analysis cached, made once per session."""
    from newsgloss.annotations.analysis_cache import analyze_documents

    path = tmp_path_factory.mktemp("analysed") / "newsgloss.db"
    with Store.open(path) as store:
        store.add_documents(sample_documents)
        analyze_documents(store, analyzer, [d.id for d in sample_documents])
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def analysed_db(analysed_store_file: Path, tmp_path: Path) -> Path:
    """A private copy of the analysed store for one test."""
    import shutil

    copy = tmp_path / "reader.db"
    shutil.copy(analysed_store_file, copy)
    return copy
