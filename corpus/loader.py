"""Loading article files, folders of them and JSONL corpora into documents."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from newsgloss.corpus.canonical import (
    canonical_text,
    decode,
    markdown_to_text,
    repair_mojibake,
)
from newsgloss.corpus.document import Document, source_from_text
from newsgloss.corpus.errors import CorpusError
from newsgloss.corpus.metadata import META_FIELDS, metadata
from newsgloss.corpus.pages import PAGE_SUFFIXES, page_document

MAX_FILE_BYTES = 50 * 1024 * 1024
MARKDOWN_SUFFIXES = {".md", ".markdown"}
ARTICLE_SUFFIXES = {".txt", ".jsonl", *MARKDOWN_SUFFIXES, *PAGE_SUFFIXES}
SAMPLE_DIR = Path(__file__).with_name("sample")


def sample_paths() -> list[Path]:
    """The bundled sample corpus: five articles on one story."""
    return sorted(SAMPLE_DIR.iterdir())


@dataclass
class LoadResult:
    """Documents that loaded (first occurrence of each text), one message per failure,
    and the files left unread once a ``limit`` was reached."""

    documents: list[Document] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    unread: list[Path] = field(default_factory=list)


def load_paths(paths: Iterable[str | Path], limit: int | None = None) -> LoadResult:
    """Load every path, keeping the good documents and collecting the errors of the bad.

    With ``limit``, files stop being read once that many documents have loaded: the
    reader shows its first articles without waiting for (or importing the parser of)
    the rest, which it loads after its first frame."""
    result = LoadResult()
    for document in iter_documents(paths, result.errors, limit, result.unread):
        result.documents.append(document)
    return result


def iter_documents(
    paths: Iterable[str | Path],
    errors: list[str],
    limit: int | None = None,
    unread: list[Path] | None = None,
) -> Iterator[Document]:
    """The documents of every path, one file at a time (a corpus of 100,000 articles is
    never all in memory); each bad file or folder goes into ``errors``. With ``limit``,
    the files after that many documents go into ``unread``."""
    seen: set[str] = set()
    for path in paths:
        try:
            files = article_files(Path(path), errors)
        except CorpusError as error:
            errors.append(str(error))
            continue
        for file in files:
            if limit is not None and len(seen) >= limit:
                unread.append(file)
                continue
            try:
                documents = load_file(file)
            except CorpusError as error:
                errors.append(str(error))
                continue
            for document in documents:
                if document.id not in seen:
                    seen.add(document.id)
                    yield document


def article_files(path: Path, errors: list[str]) -> list[Path]:
    """A file as given, or a folder's article files (recursive, sorted, hidden files and
    folders skipped). A subfolder that cannot be read (no permission, or nested past the
    longest path the system takes) goes into ``errors`` and the walk goes on."""
    try:
        if not path.is_dir():
            if not path.exists():
                raise CorpusError(f"{path}: no such file or folder")
            return [path]
    except OSError as error:
        raise CorpusError(f"{path}: cannot be read ({error.strerror or error})") from None
    reported = len(errors)

    def unreadable(error: OSError) -> None:
        errors.append(f"{error.filename or path}: cannot be read ({error.strerror or error})")

    files = []
    for folder, subfolders, names in os.walk(path, onerror=unreadable):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in names:
            file = Path(folder, name)
            wanted = not name.startswith(".") and file.suffix.lower() in ARTICLE_SUFFIXES
            if wanted and file.is_file():
                files.append(file)
    if not files and len(errors) == reported:  # nothing unreadable explains the emptiness
        suffixes = ", ".join(sorted(ARTICLE_SUFFIXES))
        raise CorpusError(f"{path}: no articles in this folder (looked for {suffixes})")
    return sorted(files)


FILE_KINDS = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}


def open_regular_file(path: Path) -> BinaryIO:
    """``path`` opened to read, which must be a regular file: it is opened without
    blocking and checked once open, since a named pipe would wait forever for a writer
    and a device such as /dev/zero never ends (its size on disk says 0)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise CorpusError(f"{path}: cannot be read ({error.strerror or error})") from None
    kind = stat.S_IFMT(os.fstat(descriptor).st_mode)  # before fdopen, which refuses folders
    if kind != stat.S_IFREG:
        os.close(descriptor)
        what = FILE_KINDS.get(kind, "not a regular file")
        raise CorpusError(f"{path}: {what}, not a file that can be read")
    return os.fdopen(descriptor, "rb")


def read_regular_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``path``, which must be a regular file of at most ``limit`` bytes
    (``open_regular_file``); the limit is enforced on the bytes read, not on what stat
    says."""
    with open_regular_file(path) as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as error:
            raise CorpusError(f"{path}: cannot be read ({error.strerror or error})") from None
    if len(data) > limit:
        raise CorpusError(f"{path}: too large (the limit is {limit // 1024 // 1024} MB)")
    return data


def load_file(path: Path) -> list[Document]:
    """One file's documents: a JSONL corpus holds many, any other file one."""
    suffix = path.suffix.lower()
    if suffix in PAGE_SUFFIXES:  # decoded by the page's own charset
        return [page_document(read_regular_file(path), str(path))]
    raw = repair_mojibake(decode(read_regular_file(path), str(path)))
    if suffix == ".jsonl":
        return _load_jsonl(raw, path)
    title = None
    text = canonical_text(raw)
    if suffix in MARKDOWN_SUFFIXES:
        text, title = markdown_to_text(text)
    if not text.strip():
        raise CorpusError(f"{path}: {'empty file' if not raw else 'no text (only white space)'}")
    return [Document.from_text(text, title=title, source=source_from_text(text) or _named(path))]


def _named(path: Path) -> str:
    """How a file is named as a document's source: the bundled sample by its place in the
    package (``sample/NAME``), not by where it happens to be installed."""
    if path.parent.resolve() == SAMPLE_DIR.resolve():
        return f"sample/{path.name}"
    return str(path)


def _load_jsonl(raw: str, path: Path) -> list[Document]:
    documents = []
    for number, line in enumerate(raw.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json_line(line)
        except ValueError as error:
            raise CorpusError(f"{where}: {error}") from None
        if not isinstance(record, dict):
            raise CorpusError(f'{where}: expected a JSON object with a "text" key')
        text = record.get("text")
        if not isinstance(text, str):
            raise CorpusError(f'{where}: no "text" string')
        text = canonical_text(repair_mojibake(text))
        if not text.strip():
            raise CorpusError(f'{where}: "text" is empty')
        source = record.get("url") or record.get("source")
        external_id = record.get("id")
        try:
            meta = metadata(**{name: record.get(name) for name in META_FIELDS})
        except ValueError as error:
            raise CorpusError(f"{where}: {error}") from None
        documents.append(
            Document.from_text(
                text,
                title=_optional_str(repair_mojibake(str(record.get("title") or ""))),
                source=_optional_str(source) or source_from_text(text) or where,
                external_id=None if external_id is None else canonical_text(str(external_id)),
                meta=meta,
            )
        )
    if not documents:
        raise CorpusError(f"{path}: {'empty file' if not raw else 'no lines with documents'}")
    return documents


def json_line(line: str) -> object:
    """One line of JSON; every way it can fail is a ValueError with a one-line reason."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"not valid JSON ({error.msg} at column {error.colno})") from None
    except RecursionError:
        raise ValueError("not valid JSON here (nested too deeply)") from None
    except ValueError as error:  # such as an integer of more than 4,300 digits
        raise ValueError(f"not valid JSON here ({str(error).split(';')[0]})") from None


def _optional_str(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
