"""Opening a store file: the connection, its pragmas, the schema migrations, and one
clear sentence for every way a file can fail to be a usable store.

sqlite-utils is imported here, on first open, and without pandas and numpy: it imports
both when they are installed (for DataFrames and numpy values, which newsgloss never
stores), a quarter of a second with pandas, on every command and on the reader's first
frame.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from newsgloss.annotations.schema import MIGRATIONS, SCHEMA_VERSION
from newsgloss.corpus import UserError

if TYPE_CHECKING:
    from sqlite_utils import Database

BUSY_TIMEOUT_MS = 15000  # a writer waits this long for another (8 adds at once on a busy machine)
REQUIRED_TABLES = {
    "meta", "documents", "annotations", "analyses", "labels", "alignments", "passage_bands",
    "indexed", "versions", "anchoring", "link_decisions", "corpus_lines",
    "documents_fts", "entity_rules", "names_apart", "ratings", "verdicts", "common_bands",
    "name_analyses", "name_rows", "name_totals", "name_spellings", "name_stale",
}  # fmt: skip


class StoreError(UserError):
    """The store file cannot be used, or a write it was asked for is impossible."""


def _database_class() -> type[Database]:
    """sqlite-utils' Database. pandas and numpy (those not loaded yet) are kept out only
    while sqlite-utils loads (it takes their absence as it would if they were not
    installed); whatever imports them later gets them as usual."""
    if "sqlite_utils.db" not in sys.modules:
        kept_out = [name for name in ("pandas", "numpy") if name not in sys.modules]
        for name in kept_out:
            sys.modules[name] = None  # an import of it raises ImportError
        try:
            import sqlite_utils.db  # noqa: F401
        finally:
            for name in kept_out:
                if sys.modules.get(name, "") is None:
                    del sys.modules[name]
    from sqlite_utils import Database

    return Database


def open_database(path: Path, *, create: bool, readonly: bool = False) -> Database:
    """A migrated connection to the store at ``path``; StoreError when it cannot be used.

    ``readonly`` (for the commands that only read, such as ``docs`` and ``export``): the
    file is opened read-only and nothing is changed, so a store in a read-only folder, or
    a read-only file, can still be read."""
    Database = _database_class()
    if readonly:
        return _read_only(path)
    if not create and not path.is_file():
        raise StoreError(
            f"{path}: no such store (check --db or $NEWSGLOSS_DB; "
            "newsgloss add or import creates one)"
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(
            f"{path}: cannot create the store's folder ({error.strerror or error})"
        ) from None
    db = None
    try:
        # The reader opens the store in a worker thread and then uses it from the UI
        # thread only; it is never used from two threads at once.
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        db = Database(connection)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        tables = db.table_names()
        if db.journal_mode != "wal":
            # Switching rewrites the header: a store made elsewhere (or an old one) is
            # checked whole first, so that a damaged file is left exactly as it was.
            if tables:
                _check_pages(db, path)
            db.enable_wal()
        db.execute("PRAGMA synchronous = NORMAL")
        _migrate(db, path, tables)
        return db
    except sqlite3.DatabaseError as error:
        if db is not None:
            db.close()
        raise StoreError(f"{path}: {_why(str(error), path)}") from None
    except StoreError:
        if db is not None:
            db.close()
        raise


def _read_only(path: Path) -> Database:
    """The store opened read-only (immutable when its folder cannot be written, where
    SQLite could not make the WAL's shared-memory file and no writer can be at work)."""
    Database = _database_class()

    if not path.is_file():
        raise StoreError(
            f"{path}: no such store (check --db or $NEWSGLOSS_DB; "
            "newsgloss add or import creates one)"
        )
    folder_writable = os.access(path.parent, os.W_OK)
    uri = f"{path.resolve().as_uri()}?mode=ro" + ("" if folder_writable else "&immutable=1")
    db = None
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        db = Database(connection)
        tables = db.table_names()
        version = schema_version(db, path)
        if version != SCHEMA_VERSION or REQUIRED_TABLES - set(tables):
            db.close()
            return open_database(path, create=False)  # to be migrated: said there
        return db
    except sqlite3.DatabaseError as error:
        if db is not None:
            db.close()
        raise StoreError(f"{path}: {_why(str(error), path)}") from None


def _check_pages(db: Database, path: Path) -> None:
    """StoreError when SQLite finds a damaged page (before anything is written)."""
    found = db.execute("PRAGMA quick_check(1)").fetchone()
    if found and found[0] != "ok":
        raise StoreError(
            f"{path}: a damaged store ({found[0]}); sqlite3 {path} .recover may save the rest"
        )


def store_damage(error: Exception, path: Path | str) -> str | None:
    """What to say of a store whose pages are damaged (SQLite reads the header, then
    fails on a page), or None for an error that is not SQLite's."""
    if not isinstance(error, sqlite3.DatabaseError):
        return None
    return f"{path}: a damaged store ({error}); sqlite3 {path} .recover may save what is left"


def _why(message: str, path: Path) -> str:
    if "not a database" in message:
        return "not a newsgloss store (the file is not an SQLite database)"
    if "malformed" in message:
        return f"a damaged store ({message}); sqlite3 {path} .recover may save the rest"
    if "unable to open" in message or "readonly" in message:
        return f"cannot open the store for writing ({message})"
    return message


def schema_version(db: Database, path: Path) -> int:
    if "meta" not in db.table_names():
        return 0
    row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    try:
        return int(row[0]) if row else 0
    except (TypeError, ValueError):
        raise StoreError(
            f"{path}: a damaged store (its schema version is {str(row[0])[:20]!r}); "
            f"sqlite3 {path} .recover may save what is left"
        ) from None


def _migrate(db: Database, path: Path, tables: list[str]) -> None:
    version = schema_version(db, path)
    if version == 0 and tables and "meta" not in tables:
        raise StoreError(f"{path}: not a newsgloss store (it holds other tables)")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: the store has schema version {version}, newer than this "
            f"newsgloss understands ({SCHEMA_VERSION}); upgrade newsgloss to open it"
        )
    if version == SCHEMA_VERSION:
        missing = sorted(REQUIRED_TABLES - set(tables))
        if missing:
            raise StoreError(
                f"{path}: a damaged store (no {', '.join(missing)} table); "
                f"sqlite3 {path} .recover may save what is left"
            )
        return
    try:
        db.execute("BEGIN IMMEDIATE")  # the write lock first, as every write here
        version = schema_version(db, path)  # another process may have migrated meanwhile
        for step in MIGRATIONS[version:]:
            step(db)
        db["meta"].upsert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.commit()
