"""The export and import formats, by name: what ``export --format`` and ``import`` offer.

A new format is one ``Format`` added to ``FORMATS``: the command line's choices, the
reader's export dialog and ``api.export`` all read this registry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsgloss.annotations import folder_formats, jsonl, jsonl_export, peer_formats, verdicts

if TYPE_CHECKING:
    from newsgloss.annotations.store import Store

Writer = Callable[..., Iterator[tuple[bytes, int]]]  # (store, *, labels, doc_ids, entities)
Reader = Callable[..., "jsonl.ImportSummary"]  # (store, path, data, annotator="")
FolderWriter = Callable[[Path, Iterator[folder_formats.FileChunk]], int]


@dataclass(frozen=True)
class Format:
    name: str
    description: str
    write: Writer
    read: Reader | None = None  # None: export only
    counts: str = "annotation"  # what one unit of its output is, for "Wrote 3 …s"
    suffix: str = ".jsonl"  # of the file the reader's export dialog proposes
    binary: bool = False  # written to a file only, never to a terminal
    folder: FolderWriter | None = None  # a folder of files: ``write`` yields FileChunks


def _jsonl_writer(shape: str) -> Writer:
    def write(store: Store, **filters) -> Iterator[str]:
        return jsonl_export.export_chunks(store, shape, **filters)

    return write


FORMATS: dict[str, Format] = {
    fmt.name: fmt
    for fmt in (
        Format(
            "annotations",
            "one annotation per line",
            _jsonl_writer("annotations"),
            jsonl.import_file,
        ),
        Format(
            "documents",
            "one document per line with its spans and entities",
            _jsonl_writer("documents"),
            jsonl.import_file,
            counts="document",
        ),
        Format(
            "w3c",
            "W3C Web Annotation JSON-LD, one annotation per line",
            peer_formats.w3c_chunks,
            peer_formats.import_w3c,
        ),
        Format(
            "doccano",
            "doccano JSONL, one document per line with its labels",
            peer_formats.doccano_chunks,
            peer_formats.import_doccano,
            counts="document",
        ),
        Format(
            "label-studio",
            "Label Studio tasks: a JSON list, a task per article, an annotation per annotator",
            peer_formats.label_studio_chunks,
            peer_formats.import_label_studio,
            suffix=".json",
        ),
        Format(
            "claimreview",
            "schema.org ClaimReview JSON-LD, one reviewed claim per line",
            verdicts.claimreview_chunks,
            counts="claim review",
        ),
        Format(
            "spacy",
            "a spaCy DocBin: tags in doc.spans, entities in doc.ents",
            peer_formats.spacy_chunks,
            suffix=".spacy",
            binary=True,
        ),
        Format(
            "brat",
            "brat standoff: a folder of .txt and .ann files and an annotation.conf",
            folder_formats.brat_files,
            folder_formats.import_brat,
            suffix="",
            folder=folder_formats.write_brat,
        ),
        Format(
            "inception",
            "UIMA CAS XMI for INCEpTION: a folder of .xmi files and TypeSystem.xml",
            folder_formats.inception_files,
            suffix="",
            folder=folder_formats.write_inception,
        ),
        Format(
            "csv", "CSV for spreadsheets, one row per tag", peer_formats.csv_chunks, suffix=".csv"
        ),
        Format(
            "markdown", "a report grouped by article", peer_formats.markdown_chunks, suffix=".md"
        ),
    )
}
