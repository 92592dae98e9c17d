"""The formats other tools read: W3C Web Annotation (``w3c``), doccano, Label Studio,
CSV for spreadsheets, a markdown report and a spaCy DocBin. Each export streams a
document's tags at a time (the DocBin, written whole, excepted).

Imports (``w3c``, ``doccano``, ``label-studio``) turn each record of the peer's file into a line of
newsgloss's own ``annotations`` or ``documents`` format and hand those to the JSONL
import, so every check (the quote equal to the text at its offsets, a known or included
document, all of it or nothing) is the one ``newsgloss import`` makes; a problem is named
by the file and the line (or, in a JSON-LD document, the annotation's number).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from newsgloss.annotations import jsonl
from newsgloss.annotations.jsonl_export import stored_labels
from newsgloss.corpus import UserError, document_id

if TYPE_CHECKING:
    from newsgloss.annotations.model import Annotation
    from newsgloss.annotations.store import Store
    from newsgloss.corpus import Document

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
DOCUMENT_URN = "urn:newsgloss:"  # + a document id, where the article has no URL
ANNOTATION_URN = "urn:newsgloss:annotation:"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may run
CSV_COLUMNS = ("doc_id", "outlet", "title", "url", "start", "end", "label", "quote", "note",
               "annotator", "created_at", "updated_at")  # fmt: skip


def _dumps(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False)


def tagged_documents(
    store: Store, labels: Iterable[str], doc_ids: Iterable[str]
) -> Iterator[tuple[Document, list[Annotation]]]:
    """Each document with tags (of ``labels``), in id order, with its tags."""
    labels, doc_ids = stored_labels(store, labels), list(doc_ids)
    for doc_id in sorted(doc_ids) if doc_ids else store.document_ids():
        tags = store.annotations([doc_id], labels)
        if tags:
            yield store.document(doc_id), tags


# ---- W3C Web Annotation ----
def w3c_record(document: Document, tag: Annotation) -> dict:
    """One tag as a Web Annotation: the label a tagging body, the note a commenting one,
    the span as a quote (with the text around it) and as code point offsets."""
    bodies = [{"type": "TextualBody", "purpose": "tagging", "value": tag.label}]
    if tag.note:
        bodies.append({"type": "TextualBody", "purpose": "commenting", "value": tag.note,
                       "format": "text/plain"})  # fmt: skip
    record = {
        "@context": W3C_CONTEXT,
        "id": ANNOTATION_URN + tag.id,
        "type": "Annotation",
        "created": tag.created_at,
        "modified": tag.updated_at,
    }
    if tag.annotator:
        record["creator"] = {"type": "Person", "name": tag.annotator}
    record["body"] = bodies
    record["target"] = {
        "source": document.meta.url or DOCUMENT_URN + document.id,
        "selector": [
            {"type": "TextQuoteSelector", "exact": tag.quote, "prefix": tag.prefix,
             "suffix": tag.suffix},
            {"type": "TextPositionSelector", "start": tag.start, "end": tag.end},
        ],
    }  # fmt: skip
    return record


def w3c_chunks(store: Store, *, labels=(), doc_ids=(), entities=None):
    for document, tags in tagged_documents(store, labels, doc_ids):
        lines = "".join(_dumps(w3c_record(document, tag)) + "\n" for tag in tags)
        yield lines.encode("utf-8"), len(tags)


def import_w3c(
    store: Store, path: Path, data: bytes | None = None, annotator: str = ""
) -> jsonl.ImportSummary:
    """Web Annotations as JSON lines, or one JSON-LD document (an annotation, a list, or
    an AnnotationCollection or AnnotationPage with ``items``)."""
    return _import_items(
        store, path, data, annotator, lambda number, item: _from_w3c(store, path, number, item)
    )


def _import_items(store: Store, path: Path, data: bytes | None, annotator: str, convert):
    """Import the JSON items of ``path`` (``json_items``), each made a line of
    newsgloss's own format by ``convert(number, item)`` and put on the line it came from:
    the import names the file's own line."""
    items = json_items(path, list(jsonl.import_lines(path, data)))
    converted = [""] * max((number for number, _ in items), default=0)
    for number, item in items:
        converted[number - 1] = convert(number, item)
    return jsonl.import_file(store, path, "\n".join(converted).encode("utf-8"), annotator)


def json_items(path: Path, lines: list[tuple[int, str]]) -> list[tuple[int, object]]:
    """(number, item) of a JSON document (a list's items, a collection's ``items``, or the
    one object) or of JSON lines (numbered by line)."""
    try:
        whole = json.loads("\n".join(line for _, line in lines))
    except ValueError:
        whole = None  # JSON lines, then
    if isinstance(whole, list):
        return list(enumerate(whole, 1))
    if isinstance(whole, dict):
        page = whole.get("first", whole)
        items = page.get("items") if isinstance(page, dict) else None
        return list(enumerate(items, 1)) if isinstance(items, list) else [(1, whole)]
    found = []
    for number, line in lines:
        if line.strip():
            try:
                found.append((number, json.loads(line)))
            except ValueError as error:
                raise UserError(f"{path}:{number}: not JSON ({error})") from None
    return found


def _from_w3c(store: Store, path: Path, number: int, item: object) -> str:
    """A Web Annotation as a line of the ``annotations`` format (one per tagging body)."""

    def fail(problem: str):
        raise UserError(f"{path}:{number}: {problem}")

    if not isinstance(item, dict):
        fail("not a JSON object")
    target = _one(item.get("target"))
    if not isinstance(target, dict) or not isinstance(target.get("source"), str):
        fail('no "target" with a "source"')
    selectors = {s.get("type"): s for s in _many(target.get("selector")) if isinstance(s, dict)}
    quote = selectors.get("TextQuoteSelector", {}).get("exact")
    position = selectors.get("TextPositionSelector")
    if not isinstance(quote, str) or not isinstance(position, dict):
        fail("a TextQuoteSelector and a TextPositionSelector are needed to place a tag")
    document = _source_document(store, target["source"], position, quote)
    if document is None:
        fail(f"no stored article is {target['source'][:80]!r} with this quote at "
             f"{position.get('start')}-{position.get('end')} (add or import it first)")  # fmt: skip
    bodies = [b for b in _many(item.get("body")) if isinstance(b, dict)]
    labels = [b.get("value") for b in bodies if b.get("purpose") == "tagging"]
    notes = [b.get("value") for b in bodies if b.get("purpose") == "commenting"]
    if len(labels) != 1:
        fail("one tagging body (the label) is needed")
    creator = _one(item.get("creator"))
    annotator = creator.get("name", "") if isinstance(creator, dict) else creator or ""
    annotation_id = item.get("id", "")
    if isinstance(annotation_id, str) and annotation_id.startswith(ANNOTATION_URN):
        annotation_id = annotation_id.removeprefix(ANNOTATION_URN)
    record = {"id": annotation_id or "", "doc_id": document.id, "start": position.get("start"),
              "end": position.get("end"), "label": labels[0], "quote": quote,
              "note": "\n\n".join(n for n in notes if isinstance(n, str)),
              "annotator": annotator, "created_at": item.get("created"),
              "updated_at": item.get("modified")}  # fmt: skip
    if not record["id"]:
        del record["id"]  # a stable id is made from the span and label
    return _dumps({k: v for k, v in record.items() if v is not None})


def _one(value):
    return value[0] if isinstance(value, list) and value else value


def _many(value) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


def _source_document(store: Store, source: str, position: dict, quote: str):
    """The stored document a target names (by newsgloss id, or by URL: of the versions
    with that URL, the one holding the quote at the position)."""
    if source.startswith(DOCUMENT_URN):
        candidates = [source.removeprefix(DOCUMENT_URN)]
    else:
        candidates = [row[0] for row in store.db.execute(
            "SELECT id FROM documents WHERE url = ? ORDER BY added_at DESC", [source])]  # fmt: skip
    start, end = position.get("start"), position.get("end")
    for doc_id in candidates:
        document = store.document(doc_id)
        if (
            document is not None
            and type(start) is int
            and type(end) is int
            and (document.text[start:end] == quote)
        ):
            return document
    return None


# ---- doccano ----
def doccano_chunks(store: Store, *, labels=(), doc_ids=(), entities=None):
    """A document a line: its text and ``label: [[start, end, label], …]`` (doccano's
    sequence-labelling JSONL), with the newsgloss id and title beside them."""
    for document, tags in tagged_documents(store, labels, doc_ids):
        line = _dumps({"doc_id": document.id, "title": document.title, "text": document.text,
                       "label": [[t.start, t.end, t.label] for t in tags]})  # fmt: skip
        yield (line + "\n").encode("utf-8"), 1


def import_doccano(
    store: Store, path: Path, data: bytes | None = None, annotator: str = ""
) -> jsonl.ImportSummary:
    """doccano JSONL: each line's text (stored if new) and its ``label`` (or ``labels``)."""
    converted = []  # a line for each line read: the import names the file's own lines
    for number, line in jsonl.import_lines(path, data):
        if not line.strip():
            converted.append("")
            continue
        try:
            record = json.loads(line)
        except ValueError as error:
            raise UserError(f"{path}:{number}: not JSON ({error})") from None
        spans = record.get("label", record.get("labels")) if isinstance(record, dict) else None
        text = record.get("text") if isinstance(record, dict) else None
        if not isinstance(text, str) or not isinstance(spans, list):
            raise UserError(f'{path}:{number}: a doccano line has "text" and "label"')
        if not all(isinstance(s, list) and len(s) == 3 for s in spans):
            raise UserError(f'{path}:{number}: each "label" entry is [start, end, label]')
        converted.append(_dumps({
            "doc_id": document_id(text), "title": record.get("title") or "", "text": text,
            "spans": [{"start": s, "end": e, "label": label} for s, e, label in spans],
        }))  # fmt: skip
    return jsonl.import_file(store, path, "\n".join(converted).encode("utf-8"), annotator)


# ---- Label Studio ----
LS_CONFIG = """<View>
  <Labels name="label" toName="text">
{labels}  </Labels>
  <Text name="text" value="$text"/>
  <TextArea name="note" toName="text" perRegion="true" editable="true"/>
</View>
"""


def label_studio_config(labels: Iterable[str]) -> str:
    """The labelling interface the export's tasks are written for."""
    from xml.sax.saxutils import quoteattr

    return LS_CONFIG.format(labels="".join(f"    <Label value={quoteattr(x)}/>\n" for x in labels))


def label_studio_task(document: Document, tags: list[Annotation]) -> dict:
    """A task: the article's text (with its id, title and URL) and an annotation per
    annotator, each tag a ``labels`` region (code point offsets, as Label Studio keeps
    them) and its note a per-region ``textarea`` of the same id."""
    by_annotator: dict[str, list[dict]] = {}
    for tag in tags:
        span = {"start": tag.start, "end": tag.end}
        result = by_annotator.setdefault(tag.annotator, [])
        result.append({"id": tag.id, "from_name": "label", "to_name": "text", "type": "labels",
                       "value": {**span, "text": tag.quote, "labels": [tag.label]}})  # fmt: skip
        if tag.note:
            result.append({"id": tag.id, "from_name": "note", "to_name": "text",
                           "type": "textarea", "value": {**span, "text": [tag.note]}})  # fmt: skip
    data = {"text": document.text, "doc_id": document.id, "title": document.title}
    if document.meta.url:
        data["url"] = document.meta.url
    annotations = [{"completed_by": {"email": who} if who else None, "result": result}
                   for who, result in by_annotator.items()]  # fmt: skip
    return {"data": data, "annotations": annotations}


def label_studio_chunks(store: Store, *, labels=(), doc_ids=(), entities=None):
    """A JSON list of tasks, as Label Studio imports them; a task a line."""
    yield b"[", 0
    comma = ""
    for document, tags in tagged_documents(store, labels, doc_ids):
        yield f"{comma}\n{_dumps(label_studio_task(document, tags))}".encode(), len(tags)
        comma = ","
    yield b"\n]\n", 0


def import_label_studio(store: Store, path: Path, data: bytes | None = None, annotator: str = ""):
    """Label Studio tasks (a JSON list, or JSON lines): each task's ``data.text`` (stored
    if new) and the ``labels`` regions of its annotations, a region's per-region
    ``textarea`` its note, the annotation's ``completed_by`` (an email, or a name) its
    annotator."""
    return _import_items(
        store, path, data, annotator,
        lambda number, item: _dumps(_from_label_studio(path, number, item)),
    )  # fmt: skip


def _from_label_studio(path: Path, number: int, task: object) -> dict:
    def fail(problem: str):
        raise UserError(f"{path}:{number}: {problem}")

    data = task.get("data") if isinstance(task, dict) else None
    text = data.get("text") if isinstance(data, dict) else None
    if not isinstance(text, str):
        fail('a Label Studio task has "data" with a "text"')
    spans = []
    for annotation in _many(task.get("annotations")):
        if not isinstance(annotation, dict) or not isinstance(annotation.get("result"), list):
            fail('each of "annotations" has a "result" list')
        who = annotation.get("completed_by")
        who = who.get("email") or who.get("username") if isinstance(who, dict) else who
        regions = [r for r in annotation["result"] if isinstance(r, dict)]
        notes = {r.get("id"): r.get("value", {}).get("text") for r in regions
                 if r.get("type") == "textarea"}  # fmt: skip
        for region in regions:
            if region.get("type") != "labels":
                continue
            value = region.get("value")
            if not isinstance(value, dict) or not isinstance(value.get("labels"), list):
                fail('a "labels" region has a "value" with "start", "end" and "labels"')
            note = notes.get(region.get("id"))
            note = "\n".join(note) if isinstance(note, list) else note or ""
            for label in value["labels"]:
                span = {"start": value.get("start"), "end": value.get("end"), "label": label,
                        "annotator": who if isinstance(who, str) else "",
                        "note": note}  # fmt: skip
                quote = value.get("text")
                start, end = span["start"], span["end"]
                if quote is not None and (
                    type(start) is not int or type(end) is not int or text[start:end] != quote
                ):
                    fail(f"the text at {start}-{end} is not {str(quote)[:60]!r}")
                ident = region.get("id")
                if isinstance(ident, str) and ident and len(value["labels"]) == 1:
                    span["id"] = ident  # ours, exported: the same tag again
                spans.append(span)
    return {"doc_id": document_id(text), "title": data.get("title") or "", "text": text,
            "spans": spans}  # fmt: skip


# ---- CSV and markdown ----
def spreadsheet_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: one that would start a formula gets a ' first."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_chunks(store: Store, *, labels=(), doc_ids=(), entities=None):
    """A header, then a row a tag (RFC 4180 quoting; newlines kept inside quoted cells)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    yield out.getvalue().encode("utf-8"), 0
    for document, tags in tagged_documents(store, labels, doc_ids):
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        meta = document.meta
        for t in tags:
            row = (document.id, meta.outlet, document.title, meta.url, t.start, t.end, t.label,
                   t.quote, t.note, t.annotator, t.created_at, t.updated_at)  # fmt: skip
            writer.writerow([spreadsheet_cell(v) for v in row])
        yield out.getvalue().encode("utf-8"), len(tags)


def _md(text: str) -> str:
    """Text as markdown shows it: its markup characters escaped, on one line."""
    escaped = "".join("\\" + c if c in "\\`*_{}[]<>()#+-.!|~" else c for c in text)
    return " ".join(escaped.split())


def markdown_chunks(store: Store, *, labels=(), doc_ids=(), entities=None):
    """A report grouped by article: its title, outlet and URL, then each tag's quote,
    label, note and annotator."""
    yield b"# Tags\n", 0
    for document, tags in tagged_documents(store, labels, doc_ids):
        meta = document.meta
        lines = ["", f"## {_md(document.title)}", ""]
        cited = " · ".join(_md(x) for x in (meta.outlet, meta.url) if x)
        lines += [f"{cited} · `{document.short_id}`" if cited else f"`{document.short_id}`", ""]
        for t in tags:
            who = _md(t.annotator) or "no annotator"
            lines.append(f"- **{_md(t.label)}**: “{_md(t.quote)}” ({who}, {t.start}-{t.end})")
            if t.note:
                lines.append(f"  - note: {_md(t.note)}")
        yield ("\n".join(lines) + "\n").encode("utf-8"), len(tags)


# ---- spaCy ----
def spacy_chunks(store: Store, *, labels=(), doc_ids=(), entities=None):
    """A spaCy ``DocBin`` (``.spacy``): each tagged article a ``Doc`` (spaCy's English
    tokenizer) with its tags in ``doc.spans["newsgloss"]`` and its cached entities in
    ``doc.ents``; a span not on token boundaries is widened to them, and how many were is
    in ``doc.user_data["newsgloss"]["expanded"]``, beside each tag's note, annotator and
    id (kept by ``store_user_data``). One chunk: a DocBin is written whole."""
    import spacy
    from spacy.tokens import DocBin
    from spacy.util import filter_spans

    nlp = spacy.blank("en")
    docs = DocBin(store_user_data=True)
    count = 0
    for document, tags in tagged_documents(store, labels, doc_ids):
        doc = nlp.make_doc(document.text)
        spans, expanded, kept = [], 0, []
        for tag in tags:
            span = doc.char_span(tag.start, tag.end, label=tag.label, alignment_mode="expand")
            if span is None:
                continue
            expanded += (span.start_char, span.end_char) != (tag.start, tag.end)
            spans.append(span)
            kept.append({"id": tag.id, "label": tag.label, "start": tag.start, "end": tag.end,
                         "note": tag.note, "annotator": tag.annotator})  # fmt: skip
        doc.spans["newsgloss"] = spans
        found = entities(document.id) if entities else []
        ents = [doc.char_span(e["start"], e["end"], label=e["label"], alignment_mode="expand")
                for e in found]  # fmt: skip
        doc.ents = filter_spans([e for e in ents if e is not None])
        doc.user_data["newsgloss"] = {"doc_id": document.id, "title": document.title,
                                      "tags": kept, "expanded": expanded}  # fmt: skip
        docs.add(doc)
        count += len(spans)
    yield docs.to_bytes(), count
