"""Bad input, table-driven: every case is one ``Error:`` line on stderr, no traceback, the
right exit status, and the store exactly as it was (its SQL dump, or its bytes).

The cases cover every class of the hardening audit: bad article files and corpora,
bad import lines, bad export requests and bad store files, through ``add``, ``read``,
``import``, ``export`` and ``--db``.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import dump

from newsgloss.annotations import Annotation, Store
from newsgloss.corpus import load_paths, sample_paths
from newsgloss.tui.cli import cli

SAMPLE = load_paths(sample_paths()).documents
DOC = SAMPLE[0]
GOOD_TAG = {
    "id": "6f1c2a8e-0000-4000-8000-000000000001", "doc_id": DOC.id,
    "start": 0, "end": 6, "label": "claim", "quote": DOC.text[:6],
}  # fmt: skip


def tag_line(**changes) -> str:
    record = {**GOOD_TAG, **changes}
    return json.dumps({key: value for key, value in record.items() if value is not ...})


def doc_line(text: str = "A story\nwith a body", **changes) -> str:
    from newsgloss.corpus import document_id

    record = {"doc_id": document_id(text), "text": text, "spans": [], **changes}
    return json.dumps({key: value for key, value in record.items() if value is not ...})


# ---- the cases: name -> (file name, bytes) for add/read, or a line for import ----
BAD_FILES: dict[str, tuple[str, bytes]] = {
    "binary": ("binary.txt", b"\x00\x01binary"),
    "latin-1": ("latin1.txt", "naïve café".encode("latin-1")),
    "empty": ("empty.txt", b""),
    "blank": ("blank.txt", b"\n \n\t\n"),
    "bad-bom-utf16": ("bom16.txt", b"\xff\xfe\x00\xd8"),
    "bad-bom-utf8": ("bom8.txt", b"\xef\xbb\xbf\xff"),
    "markdown-binary": ("notes.md", b"# Title\x00"),
    "markdown-empty": ("empty.md", b"   \n"),
    "jsonl-not-json": ("c.jsonl", b'{"text": "fine"}\n[broken\n'),
    "jsonl-array": ("c.jsonl", b"[1, 2]\n"),
    "jsonl-no-text": ("c.jsonl", b'{"title": "t"}\n'),
    "jsonl-text-number": ("c.jsonl", b'{"text": 42}\n'),
    "jsonl-empty-text": ("c.jsonl", b'{"text": "   "}\n'),
    "jsonl-huge-integer": ("c.jsonl", b'{"text": "x", "n": ' + b"9" * 5000 + b"}\n"),
    "jsonl-nested-deep": ("c.jsonl", b"[" * 100_000 + b"]" * 100_000 + b"\n"),
    "jsonl-blank-lines": ("c.jsonl", b"\n\n  \n"),
    "jsonl-latin-1": ("c.jsonl", '{"text": "café"}\n'.encode("latin-1")),
    "jsonl-string": ("c.jsonl", b'"just a string"\n'),
}
BAD_IMPORT_LINES: dict[str, str] = {
    "not-json": "{not json",
    "array": "[1, 2, 3]",
    "string": '"a string"',
    "number": "42",
    "huge-integer": tag_line().replace('"start": 0', '"start": ' + "9" * 5000),
    "nested-deep": "[" * 100_000 + "]" * 100_000,
    **{f"missing-{key}": tag_line(**{key: ...}) for key in GOOD_TAG},
    "start-string": tag_line(start="0"),
    "end-float": tag_line(end=6.5),
    "start-bool": tag_line(start=True),
    "label-number": tag_line(label=7),
    "quote-list": tag_line(quote=["MOSCOW"]),
    "id-null": tag_line(id=None),
    "note-number": tag_line(note=3),
    "negative-start": tag_line(start=-1),
    "empty-span": tag_line(start=6),
    "end-past-text": tag_line(end=10**7),
    "quote-mismatch": tag_line(quote="Berlin"),
    "unknown-document": tag_line(doc_id="sha256:" + "f" * 64),
    "empty-label": tag_line(label="   "),
    "escape-only-label": tag_line(label="\x1b]52;c;aGk=\x07"),
    "long-label": tag_line(label="x" * 65),
    "huge-note": tag_line(note="n" * 10_001),
    "updated-at-garbage": tag_line(updated_at="zzzz"),
    "created-at-month": tag_line(created_at="2025-13-01T00:00:00Z"),
    "created-at-offset": tag_line(created_at="2025-05-01T10:00:00+02:00"),
    "created-at-no-zone": tag_line(created_at="2025-05-01T10:00:00"),
    "surrogate-label": tag_line().replace('"claim"', '"cl\\ud800aim"'),
    "surrogate-id": tag_line().replace('"6f1c', '"\\udc006f1c'),
    "surrogate-annotator": tag_line(annotator="a\ud800b"),
    "document-bad-hash": doc_line(doc_id="sha256:" + "0" * 64),
    "document-not-canonical": doc_line(text="line\r\nbreak"),
    "document-text-number": json.dumps({"doc_id": "sha256:x", "text": 3, "spans": []}),
    "document-spans-dict": doc_line(spans={}),
    "document-span-string": doc_line(spans=["span"]),
    "document-span-outside": doc_line(spans=[{"start": 0, "end": 999, "label": "c"}]),
    "document-span-no-label": doc_line(spans=[{"start": 0, "end": 3}]),
}


def _store(tmp_path: Path) -> Path:
    db = tmp_path / "store.db"
    with Store.open(db) as store:
        store.add_documents(SAMPLE)
        store.add_annotation(Annotation.create(DOC, 10, 20, "claim", note="kept"))
    return db


def _run(db: Path, *args: str):
    return CliRunner().invoke(cli, ["--db", str(db), *args])


def _check(result, status: int = 1) -> None:
    assert result.exit_code == status, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", ["add", "read"])
@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_article_files(case: str, command: str, tmp_path: Path) -> None:
    db = _store(tmp_path)
    before = dump(db)
    name, content = BAD_FILES[case]
    path = tmp_path / name
    path.write_bytes(content)
    _check(_run(db, command, str(path)))
    assert dump(db) == before


@pytest.mark.parametrize("case", list(BAD_IMPORT_LINES))
def test_bad_import_lines(case: str, tmp_path: Path) -> None:
    db = _store(tmp_path)
    before = dump(db)
    path = tmp_path / "bad.jsonl"
    good = tag_line(id="6f1c2a8e-0000-4000-8000-000000000002", label="disputed")
    path.write_text(good + "\n" + BAD_IMPORT_LINES[case] + "\n", encoding="utf-8")
    result = _run(db, "import", str(path))
    _check(result)
    assert f"{path}:2: " in result.stderr  # the file and the line
    assert dump(db) == before  # all of the file or nothing


Make = Callable[[Path], list[str]]
BAD_PATHS: dict[str, Make] = {
    "missing-file": lambda d: [str(d / "nope.txt")],
    "empty-folder": lambda d: [str((d / "empty").mkdir() or d / "empty")],
    "folder-of-other-files": lambda d: [str(_folder(d, {"a.pdf": b"%PDF"}))],
    "named-pipe": lambda d: [str(os.mkfifo(d / "pipe.txt") or d / "pipe.txt")],
    "device": lambda d: ["/dev/zero"],
    "too-large": lambda d: [str(_sparse(d / "huge.txt", 50 * 1024 * 1024 + 1))],
    "escape-in-name": lambda d: [str(_file(d / "bad\x1b]52;c;aGk=\x07.txt", b"\x00"))],
}


def _folder(root: Path, files: dict[str, bytes]) -> Path:
    folder = root / "folder"
    folder.mkdir()
    for name, content in files.items():
        (folder / name).write_bytes(content)
    return folder


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


def _file(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


@pytest.mark.parametrize("command", ["add", "read", "import"])
@pytest.mark.parametrize("case", list(BAD_PATHS))
def test_bad_paths(case: str, command: str, tmp_path: Path) -> None:
    db = _store(tmp_path)
    before = dump(db)
    result = _run(db, command, *BAD_PATHS[case](tmp_path))
    _check(result)
    assert "\x1b" not in result.stderr
    assert dump(db) == before


BAD_REQUESTS: dict[str, tuple[list[str], int]] = {
    "export-unknown-label": (["export", "--label", "Claimm"], 1),
    "export-unknown-doc": (["export", "--doc", "zzzz"], 1),
    "export-unwritable": (["export", "-o", "/proc/no/such/out.jsonl"], 1),
    "export-bad-format": (["export", "--format", "xml"], 2),
    "entities-unknown-doc": (["entities", "zzzz"], 1),
    "sentences-unknown-doc": (["sentences", "zzzz"], 1),
    "analyze-unknown-doc": (["analyze", "zzzz"], 1),
    "mistyped-command": (["exprot"], 2),
    "unknown-option": (["docs", "--frobnicate"], 2),
    "missing-model": (["--model", "en_no_such_pipeline", "entities"], 1),
}


@pytest.mark.parametrize("case", list(BAD_REQUESTS))
def test_bad_requests(case: str, tmp_path: Path) -> None:
    db = _store(tmp_path)
    before = dump(db)
    args, status = BAD_REQUESTS[case]
    result = _run(db, *args)
    assert result.exit_code == status, result.output
    assert "Traceback" not in result.output
    if status == 1:
        _check(result)
    assert dump(db) == before


def _damaged(make: Callable[[sqlite3.Connection], None]) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        db = _store(folder)
        connection = sqlite3.connect(db)
        make(connection)
        connection.commit()
        connection.close()
        return db

    return build


def _ruined_pages(folder: Path) -> Path:
    db = _store(folder)
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    size = db.stat().st_size
    with db.open("r+b") as handle:
        handle.seek(4096)
        handle.write(b"\xff" * (size - 4096))
    return db


BAD_STORES: dict[str, Callable[[Path], Path]] = {
    "missing": lambda d: d / "sotre.db",
    "in-a-missing-folder": lambda d: d / "no" / "such" / "store.db",
    "plain-text": lambda d: _file(d / "text.db", b"plain text, not a database " * 9),
    "other-tables": _damaged(lambda c: c.execute("DROP TABLE meta")),
    "newer-schema": _damaged(lambda c: c.execute("UPDATE meta SET value = '99'")),
    "schema-not-a-number": _damaged(lambda c: c.execute("UPDATE meta SET value = 'abc'")),
    "missing-table": _damaged(lambda c: c.execute("DROP TABLE annotations")),
    "ruined-pages": _ruined_pages,
}


@pytest.mark.parametrize("command", [["docs"], ["export"], ["entities"]])
@pytest.mark.parametrize("case", list(BAD_STORES))
def test_bad_store_files(case: str, command: list[str], tmp_path: Path) -> None:
    db = BAD_STORES[case](tmp_path)
    before = db.read_bytes() if db.exists() else None
    result = CliRunner().invoke(cli, ["--db", str(db), *command])
    _check(result)
    assert (db.read_bytes() if db.exists() else None) == before


def test_the_table_has_at_least_85_cases() -> None:
    counts = (
        2 * len(BAD_FILES) + len(BAD_IMPORT_LINES) + 3 * len(BAD_PATHS)
        + len(BAD_REQUESTS) + 3 * len(BAD_STORES)
    )  # fmt: skip
    assert counts >= 85, counts
