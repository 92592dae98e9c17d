"""The formats that are a folder of files: brat standoff (a ``.txt`` and an ``.ann`` per
article, and an ``annotation.conf``) and INCEpTION's UIMA CAS XMI (an ``.xmi`` per
article and its ``TypeSystem.xml``).

Their writers yield ``(file name, bytes, count)``; ``write_folder`` puts the files in a
new folder beside the target and renames it into place, so a folder is never half
written. The brat import reads such a folder back: each ``.ann`` is checked against its
``.txt`` (naming the file and line of a bad annotation) and becomes a line of the
``documents`` format, handed to the JSONL import: all of it, or nothing.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from newsgloss.annotations import jsonl
from newsgloss.annotations.labels import LABEL_LIMIT
from newsgloss.annotations.model import NOTE_LIMIT
from newsgloss.annotations.peer_formats import tagged_documents
from newsgloss.corpus import UserError, document_id
from newsgloss.corpus.canonical import canonical_text

if TYPE_CHECKING:
    from newsgloss.annotations.store import Store

FileChunk = tuple[str, bytes, int]  # a file's name in the folder, its bytes, its units
BRAT_CONF = "annotation.conf"
XMI_TYPES = "TypeSystem.xml"
TAG_TYPE = "webanno.custom.Newsgloss"  # an INCEpTION custom span layer
ENTITY_TYPE = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"  # DKPro Core's
META_TYPE = "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"


def write_folder(path: Path, files: Iterable[FileChunk], marker: str, suffixes: set[str]) -> int:
    """Write ``files`` into the folder ``path`` through a new folder beside it and a
    rename. An existing folder is replaced only when it is empty or an earlier export of
    the same format (it holds ``marker`` and only files with ``suffixes``)."""
    path = Path(path)
    if path.exists() and not _replaceable(path, marker, suffixes):
        raise UserError(
            f"{path}: exists and is not an earlier export of this format (give a new folder)"
        )
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    old = path.with_name(f".{path.name}.{os.getpid()}.old")
    count = 0
    try:
        temporary.mkdir(parents=False)
        for name, data, units in files:
            (temporary / name).write_bytes(data)
            count += units
        if path.exists():
            path.rename(old)
        temporary.rename(path)
    except OSError as error:
        raise UserError(f"{path}: cannot write ({error.strerror or error})") from None
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
    return count


def _replaceable(path: Path, marker: str, suffixes: set[str]) -> bool:
    if not path.is_dir() or path.is_symlink():
        return False
    names = [child.name for child in path.iterdir()]
    return not names or (
        marker in names
        and all(n == marker or Path(n).suffix in suffixes for n in names)
        and all((path / n).is_file() for n in names)
    )


# ---- brat ----
def brat_type(label: str) -> str:
    """A label as a brat type: one word (brat splits its lines on spaces)."""
    return label.replace(" ", "_")


def brat_files(store: Store, *, labels=(), doc_ids=(), entities=None) -> Iterator[FileChunk]:
    """A ``<doc id>.txt`` and ``.ann`` per tagged article: each tag a text-bound
    annotation (split into fragments at line breaks, as brat shows no span across one),
    its note an ``AnnotatorNotes`` line (on one line); then an ``annotation.conf`` that
    lists the labels and lets annotations overlap."""
    types: set[str] = set()
    for document, tags in tagged_documents(store, labels, doc_ids):
        text, lines = document.text, []
        for number, tag in enumerate(tags, 1):
            fragments = _fragments(text, tag.start, tag.end)
            if not fragments:
                continue  # nothing but line breaks: nothing brat could show
            types.add(brat_type(tag.label))
            where = ";".join(f"{s} {e}" for s, e in fragments)
            covered = " ".join(text[s:e] for s, e in fragments)
            lines.append(f"T{number}\t{brat_type(tag.label)} {where}\t{covered}")
            if tag.note:
                lines.append(f"#{number}\tAnnotatorNotes T{number}\t{' '.join(tag.note.split())}")
        yield f"{document.id}.txt", text.encode("utf-8"), 0
        yield (
            f"{document.id}.ann",
            "".join(line + "\n" for line in lines).encode("utf-8"),
            len(tags),
        )
    conf = ["[entities]", *sorted(types), "", "[relations]",
            "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>", "",
            "[events]", "", "[attributes]", ""]  # fmt: skip
    yield BRAT_CONF, "\n".join(conf).encode("utf-8"), 0


def _fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The runs of ``text[start:end]`` between line breaks."""
    fragments, at = [], start
    for part in text[start:end].split("\n"):
        if part:
            fragments.append((at, at + len(part)))
        at += len(part) + 1
    return fragments


def write_brat(path: Path, files: Iterable[FileChunk]) -> int:
    return write_folder(path, files, BRAT_CONF, {".txt", ".ann"})


def import_brat(
    store: Store, path: Path, data: bytes | None = None, annotator: str = ""
) -> jsonl.ImportSummary:
    """A brat folder (or one ``.ann`` beside its ``.txt``): text-bound annotations and
    their ``AnnotatorNotes``; relations, events and attributes have no place here and are
    left out. Underscores in a type become spaces where the store has that label."""
    path = Path(path)
    if path.is_dir():
        anns = sorted(path.glob("*.ann"))
        if not anns:
            raise UserError(f"{path}: no .ann files in this folder (a brat export has them)")
    elif path.suffix == ".ann":
        anns = [path]
    else:
        raise UserError(f"{path}: a brat import is a folder of .txt and .ann files, or an .ann")
    known = {brat_type(label.name): label.name for label in store.labels()}
    converted = [json.dumps(_from_brat(ann, known), ensure_ascii=False) for ann in anns]
    return jsonl.import_file(store, path, "\n".join(converted).encode("utf-8"), annotator)


def _from_brat(ann: Path, known: dict[str, str]) -> dict:
    """An ``.ann`` and its ``.txt`` as a line of the ``documents`` format."""
    txt = ann.with_suffix(".txt")
    if not txt.exists():
        raise UserError(f"{ann}: no {txt.name} beside it (brat keeps the text there)")
    with jsonl.open_import(txt) as handle:
        text = "\n".join(line for _, line in jsonl.import_lines(txt, handle.read()))
    if canonical_text(text) != text:
        raise UserError(
            f"{txt}: the text holds \\r, tabs or control characters, which newsgloss keeps "
            "out of its articles: brat's offsets would not fit"
        )
    spans: dict[str, dict] = {}
    notes: dict[str, list[str]] = {}
    for number, line in jsonl.import_lines(ann):

        def fail(problem: str, number=number):
            raise UserError(f"{ann}:{number}: {problem}")

        ident, _, rest = line.partition("\t")
        if ident.startswith("T"):
            spans[ident] = _brat_span(text, rest, known, fail)
        elif ident.startswith("#"):
            kind, _, tail = rest.partition("\t")
            target = kind.split()[1:2]
            if kind.startswith("AnnotatorNotes") and target:
                notes.setdefault(target[0], []).append(tail)
    for ident, note in notes.items():
        if ident in spans:
            spans[ident]["note"] = "\n\n".join(note)
            if len(spans[ident]["note"]) > NOTE_LIMIT:
                raise UserError(f"{ann}: the note of {ident} is longer than {NOTE_LIMIT:,}")
    return {"doc_id": document_id(text), "title": ann.stem, "text": text,
            "spans": list(spans.values())}  # fmt: skip


def _brat_span(text: str, rest: str, known: dict[str, str], fail) -> dict:
    """A text-bound annotation's type, fragments and covered text, checked on the text."""
    head, _, covered = rest.partition("\t")
    kind, _, where = head.partition(" ")
    try:
        fragments = [tuple(int(x) for x in part.split()) for part in where.split(";")]
    except ValueError:
        fail(f"offsets {where!r} are not numbers")
    if not kind or any(len(f) != 2 or not 0 <= f[0] < f[1] <= len(text) for f in fragments):
        fail(f"offsets {where!r} are not inside the text (0-{len(text)})")
    start, end = fragments[0][0], fragments[-1][1]
    between = [text[a[1] : b[0]] for a, b in zip(fragments, fragments[1:], strict=False)]
    if any(gap.strip() for gap in between) or " ".join(text[s:e] for s, e in fragments) != covered:
        fail(f"the text at {where} is not {covered[:60]!r}")
    label = known.get(kind, kind)
    if len(label) > LABEL_LIMIT:
        fail(f"the type is longer than {LABEL_LIMIT} characters")
    return {"start": start, "end": end, "label": label}


# ---- INCEpTION (UIMA CAS XMI) ----
def inception_files(store: Store, *, labels=(), doc_ids=(), entities=None) -> Iterator[FileChunk]:
    """An ``.xmi`` per tagged article, with each tag a ``webanno.custom.Newsgloss`` (label,
    note, annotator: INCEpTION's custom span layer of that name) and the cached entities
    as DKPro Core ``NamedEntity``; offsets in UTF-16 units, as UIMA counts (dkpro-cassis
    converts them). Then the ``TypeSystem.xml`` they share."""
    from cassis import Cas, TypeSystem

    types = TypeSystem()
    tag_type = types.create_type(name=TAG_TYPE, supertypeName="uima.tcas.Annotation")
    for feature in ("label", "note", "annotator"):
        types.create_feature(domainType=tag_type, name=feature, rangeType="uima.cas.String")
    entity_type = types.create_type(name=ENTITY_TYPE, supertypeName="uima.tcas.Annotation")
    types.create_feature(domainType=entity_type, name="value", rangeType="uima.cas.String")
    meta_type = types.create_type(name=META_TYPE, supertypeName="uima.tcas.DocumentAnnotation")
    for feature in ("documentTitle", "documentId", "documentUri"):
        types.create_feature(domainType=meta_type, name=feature, rangeType="uima.cas.String")
    for document, tags in tagged_documents(store, labels, doc_ids):
        cas = Cas(typesystem=types)
        cas.sofa_string = document.text
        meta = {"documentTitle": document.title, "documentId": document.id,
                "documentUri": document.meta.url or None}  # fmt: skip
        cas.add(meta_type(begin=0, end=len(document.text), **meta))
        for tag in tags:
            cas.add(tag_type(begin=tag.start, end=tag.end, label=tag.label,
                             note=tag.note or None, annotator=tag.annotator or None))  # fmt: skip
        for entity in entities(document.id) if entities else []:
            cas.add(entity_type(begin=entity["start"], end=entity["end"], value=entity["label"]))
        yield f"{document.id}.xmi", cas.to_xmi().encode("utf-8"), len(tags)
    yield XMI_TYPES, types.to_xml().encode("utf-8"), 0


def write_inception(path: Path, files: Iterable[FileChunk]) -> int:
    return write_folder(path, files, XMI_TYPES, {".xmi"})
