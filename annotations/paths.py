"""Where the store lives by default (kept apart from store.py, which loads sqlite-utils)."""

from pathlib import Path

from platformdirs import user_data_dir


def default_db_path() -> Path:
    return Path(user_data_dir("newsgloss", appauthor=False)) / "newsgloss.db"
