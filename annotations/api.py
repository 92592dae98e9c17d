"""Every operation a user can ask of newsgloss, as plain functions and one small class.

The command line (``tui/cli.py``) is a thin layer over this module, as sqlite-utils'
command line is over its Python API, and the reader calls the same functions: what
the two do alike is written once, here. No Textual, no click. With the Store's own
methods (documents, annotations, ``store.labels``, the session) it is the whole API.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from newsgloss.annotations.labels import Label
from newsgloss.corpus import CorpusError, Document, UserError, load_file, short_id
from newsgloss.corpus.analysis import Analysis, Analyzer, ModelError, PipelineInfo
from newsgloss.corpus.canonical import canonical_text
from newsgloss.corpus.document import TITLE_LIMIT, is_url, title_from_text
from newsgloss.corpus.metadata import metadata

if TYPE_CHECKING:
    from newsgloss.annotations.analysis_cache import Progress
    from newsgloss.annotations.formats import Format
    from newsgloss.annotations.jsonl import ImportSummary
    from newsgloss.annotations.store import Store  # the type; open one with open_store
    from newsgloss.annotations.versions import VersionReport


# Imported when first asked for (PEP 562), not when the reader starts: the claims,
# names, formats, verdicts and the rest cost a tenth of a second it need not wait for,
# and the functions below import what they use when called, for the same reason.
_LATER: dict[str, tuple[str, str | None]] = {
    name: (module, name)
    for module, names in {
        "agreement": "Scores agreement",
        "alignments": "align_documents boilerplate_lines link_candidates",
        "analysis_cache": (
            "analyze_documents cached_analyses entity_lookup missing_analyses unanalysed"
        ),
        "claims": (
            "Claim Passage SURE claim_documents claim_record iter_claims markdown "
            "matches missing_tags retag"
        ),
        "connection": "store_damage",
        "corrections": "Rule check_label correct import_rules read_rules rule_at",
        "dask_analysis": "analyze_on_dask dask_client",
        "desk": "DeskTag desk_tags",
        "formats": "FORMATS Format",
        "history": "Change ChangeGroup LinkChange",
        "jsonl": "ImportSummary open_import",
        "jsonl_export": "metadata_record stored_labels write_export write_file_atomically",
        "labels": "LabelError",
        "model": "StoredDocument",
        "names": "Mention Merge Name keep_apart merge_again",
        "peer_formats": "label_studio_config",
        "rows": "peek_newest peek_session",
        "search": "Found Hit RANKED",
        "tagging": "Tagging",
        "verdicts": (
            "Verdict add_rating clear_verdict ratings remove_rating set_verdict verdict_on verdicts"
        ),
        "versions": "VersionReport orphans replaced_ids",
    }.items()
    for name in names.split()
} | {  # those known here by another name, and a module
    "NAMES_RECOUNT_SAID": ("name_counts", "SAID"),
    "TAG_ORDERS": ("desk", "ORDERS"),
    "adjudication": ("adjudication", None),
    "anchor_statuses": ("versions", "statuses"),
    "correction_patterns": ("corrections", "patterns"),
    "correction_rules": ("corrections", "rules"),
    "decisions_between": ("decisions", "between"),
    "find_claims": ("claims", "claims"),
    "forget_correction": ("corrections", "forget"),
    "mention_sentences": ("names", "with_sentences"),
    "name_mentions": ("names", "mentions"),
    "names_to_count": ("name_counts", "stale"),
    "names_index": ("names", "index"),
    "rule_json": ("corrections", "as_json"),
    "search_documents": ("search", "search"),
    "version_chain": ("versions", "chain"),
}


def __getattr__(name: str) -> object:
    if name not in _LATER:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attribute = _LATER[name]
    found = importlib.import_module(f"newsgloss.annotations.{module}")
    value = found if attribute is None else getattr(found, attribute)
    globals()[name] = value  # asked once
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LATER])


# ---- the store and its documents ----
def open_store(
    path: Path,
    *,
    create: bool = False,
    labels: Sequence[Label] | None = None,
    readonly: bool = False,
) -> tuple[Store, bool]:
    """The store at ``path`` and whether it was made now. ``create``: make it if missing
    (commands that only read must not quietly make an empty one); ``labels``: a new
    store's label set, instead of the defaults; ``readonly``: open it only to read."""
    from newsgloss.annotations.store import Store

    new = create and not path.exists()
    store = Store.open(path, create=create, readonly=readonly)
    if new and labels:
        try:
            store.labels.replace(labels)
        except UserError:
            store.close()
            raise
    return store, new


@contextlib.contextmanager
def connection(path: Path) -> Iterator[Store]:
    """A connection of its own to the store at ``path``, closed at the end: what a worker
    thread uses, never the connection of the screen's thread."""
    store, _ = open_store(path)
    with store:
        yield store


def store_documents(
    store: Store, documents: Iterable[Document], batch: int = 500
) -> Iterator[tuple[Document, bool]]:
    """Store documents as they come, in one transaction (the write lock taken once), a
    batch at a time; yields each document and whether it was new, as it is stored, so a
    listing starts at once and memory holds one batch."""
    with store.transaction():
        pending: list[Document] = []
        for document in documents:
            pending.append(document)
            if len(pending) == batch:
                yield from zip(pending, store.add_documents(pending), strict=True)
                pending = []
        if pending:
            yield from zip(pending, store.add_documents(pending), strict=True)


def store_source(path: Path, source: str) -> tuple[str, str | None]:
    """Store the article at ``source``, a URL (fetched) or a file (read), on a connection of
    its own (a worker's): its id, what the reader's picker opens, and, when it is a newer
    version of a stored article, what became of that one's tags. CorpusError saying what
    went wrong."""
    errors: list[str] = []
    if is_url(source):
        from newsgloss.corpus.fetch import fetch_documents  # urllib3: not at start-up

        documents = list(fetch_documents([source.strip()], errors))
    else:
        documents = load_file(Path(source.strip()).expanduser())
    if errors:
        raise CorpusError(errors[0])
    with connection(path) as store:
        (new,) = store.add_documents(documents[:1])
        reports = carry_versions(store, documents[:1]) if new else []
    return documents[0].id, (reports[0].describe() if reports else None)


def correct_metadata(
    store: Store, doc_id: str, title: str | None = None, **changes: object
) -> Document:
    """Correct a document's title and the metadata fields given (outlet, authors,
    published, url, language; an empty value clears one), as ``newsgloss meta`` and the
    reader's ``i`` dialog do; the document as it now is. UserError for a value that
    cannot be read (a date not in ISO 8601 form, a URL that is not http(s))."""
    try:
        cleaned = metadata(**changes)
    except ValueError as error:
        raise UserError(str(error)) from None
    fields = {name: getattr(cleaned, name) for name in changes}
    title = " ".join(canonical_text(title).split())[:TITLE_LIMIT] if title else None
    return store.update_metadata(doc_id, title, fields)


def carry_versions(
    store: Store, documents: Sequence[Document], replaces: str | None = None
) -> list[VersionReport]:
    """Each stored document that is a newer version of another (``replaces``, a document
    reference, says so for the one document given; else the same URL or source and
    another text): its tags carried to it, in one transaction. What each did."""
    from newsgloss.annotations import versions

    reports = []
    with store.transaction():
        if replaces is not None:
            if len(documents) != 1:
                raise UserError("--replaces takes one article, the newer version of DOC")
            (old_id,) = resolve_documents(store, (replaces,))
            pairs = [(versions.latest(store, old_id), documents[0])]
        else:
            pairs = [(versions.predecessor(store, d), d) for d in documents]
        for old_id, document in pairs:
            if old_id is not None and old_id != document.id:
                reports.append(versions.add_version(store, old_id, document))
    return reports


CHROME_DOCUMENTS = 3  # stored documents sharing a title: it is a site's, not a headline


def retitle_chrome(store: Store) -> int:
    """Give the documents whose title is a line CHROME_DOCUMENTS of them or more share (a
    site's masthead, "Skip to comments") a title from their text without such lines, in
    one transaction; how many were retitled."""
    with store.transaction():
        shared = store.shared_titles(CHROME_DOCUMENTS)
        chrome, retitled = frozenset(shared), 0
        for doc_id, text in store.titled(shared):
            title = title_from_text(text, chrome)
            if title and title not in chrome:
                store.set_title(doc_id, title)
                retitled += 1
    return retitled


def resolve_documents(store: Store, refs: Iterable[str]) -> list[str]:
    """Document ids for references that are paths of stored articles or unique prefixes
    of stored ids."""
    ids: list[str] = []
    for ref in refs:
        path = Path(ref)
        if path.is_file():
            for document in load_file(path):
                if store.document(document.id) is None:
                    raise UserError(f"{ref}: not in the store (run: newsgloss add {ref})")
                ids.append(document.id)
            continue
        found = store.find_documents(ref)
        if not found:
            raise UserError(f"{ref}: no such file, and no stored document id starts with it")
        if len(found) > 1:
            raise UserError(f"{ref}: ambiguous, {len(found)} stored document ids start with it")
        ids.append(found[0])
    return ids


def stored_ids(store: Store, refs: Sequence[str]) -> list[str]:
    """The named documents, or every stored document when none is named."""
    return resolve_documents(store, refs) if refs else [d.id for d in store.documents()]


# ---- analysis ----
def analyze(
    store: Store,
    info: PipelineInfo,
    doc_ids: Sequence[str],
    *,
    progress: Callable[[int, int], Progress] | None = None,
    processes: int = 1,
    again: bool = False,
) -> int:
    """Analyse the documents the cache lacks; returns how many. ``progress(documents,
    characters)`` (how many there are, and how long) is called once spaCy is loaded (so
    words per second count the analysis only) and returns the callback for each
    document done; ``again``: every one, cached or not (the corrections stay, laid over
    the new analyses). ModelError without a usable pipeline."""
    from newsgloss.annotations.analysis_cache import analyze_documents, missing_analyses

    missing = list(dict.fromkeys(doc_ids)) if again else missing_analyses(store, info, doc_ids)
    if not missing:
        return 0
    analyzer = Analyzer(info)
    analyzer.nlp  # noqa: B018 - loaded before the clock starts
    update = progress(len(missing), store.characters(missing)) if progress else None
    return analyze_documents(
        store, analyzer, missing, progress=update, n_process=processes, again=again
    )


def analyses(
    store: Store, pipeline: PipelineInfo, doc_ids: Sequence[str]
) -> tuple[dict[str, Analysis], list[str]]:
    """The cached analyses of these documents, and those the cache lacks."""
    from newsgloss.annotations.analysis_cache import cached_analyses, missing_analyses

    return cached_analyses(store, pipeline, doc_ids), missing_analyses(store, pipeline, doc_ids)


def cached_entities(store: Store, info: Callable[[], PipelineInfo]):
    """Entities for the ``documents`` export from the cache, when a pipeline is installed."""
    from newsgloss.annotations.analysis_cache import entity_lookup

    try:
        return entity_lookup(store, info())
    except ModelError:
        return None


def similar_documents(
    store: Store, doc_id: str, progress: Callable[[int], Callable[[int], None]] | None = None
) -> list[tuple[str, int]]:
    """The stored documents sharing passages (or the story's rarest words) with
    ``doc_id`` and how many passages, most first: ``similar_index.similar_documents``."""
    from newsgloss.annotations import similar_index  # datasketch: only when indexing

    return similar_index.similar_documents(store, doc_id, progress)


def decide_link(
    store: Store,
    a_id: str,
    a: tuple[int, int],
    b_id: str,
    b: tuple[int, int],
    decision: str | None,
    annotator: str,
) -> str | None:
    """Confirm (or make by hand), reject, or forget (None) the link between ``a`` in
    ``a_id`` and ``b`` in ``b_id``; the decision it replaced, for undo. UserError for
    spans outside the texts."""
    for doc_id, (start, end) in ((a_id, a), (b_id, b)):
        document = store.document(doc_id)
        if document is None or not 0 <= start < end <= len(document.text):
            raise UserError(f"{short_id(doc_id)}: {start}-{end} is not a span of its text")
    from newsgloss.annotations import decisions

    return decisions.decide(store, a_id, a, b_id, b, decision, annotator)  # fmt: skip


def remove_documents(
    store: Store, doc_ids: Sequence[str], backup: Path | None = None
) -> tuple[int, int]:
    """Remove stored documents and all that is kept of them (``removal.py``), in one
    transaction; returns how many documents and tags went. Documents with tags are
    refused (UserError naming them) unless ``backup`` is given: their ``documents``
    export (texts, tags, link decisions) is written there first, and ``newsgloss
    import`` brings them back."""
    from newsgloss.annotations import removal

    with store.transaction() as db:
        tags = store.annotations(doc_ids=list(doc_ids))
        if tags and backup is None:
            tagged = sorted({short_id(tag.doc_id) for tag in tags})
            raise UserError(
                f"{', '.join(tagged)}: {len(tags)} tag{'s' * (len(tags) != 1)} would go with "
                "them (--with-tags removes them too, after writing them to a backup file)"
            )
        if tags:
            export(store, "documents", backup, doc_ids=sorted({t.doc_id for t in tags}))
        return removal.remove(db, doc_ids), len(tags)


# ---- export and import ----
def export_format(name: str) -> Format:
    """The format of that name (UserError listing the formats if there is none)."""
    from newsgloss.annotations.formats import FORMATS

    try:
        return FORMATS[name]
    except KeyError:
        raise UserError(f"no export format {name!r} (the formats: {', '.join(FORMATS)})") from None


def export(
    store: Store,
    fmt: str,
    output: Path | TextIO,
    *,
    labels: Sequence[str] = (),
    doc_ids: Sequence[str] = (),
    entities=None,
) -> int:
    """Write the export to a file (through a temporary file and a rename) or an open
    stream; returns how many units (annotations or documents) it wrote."""
    form = export_format(fmt)
    chunks = form.write(store, labels=labels, doc_ids=doc_ids, entities=entities)
    if form.folder is not None:
        if not isinstance(output, Path):
            raise UserError(f"the {fmt} format is a folder of files: give a folder to write")
        return form.folder(output, chunks)
    from newsgloss.annotations.jsonl_export import write_export, write_file_atomically

    if isinstance(output, Path):
        return write_file_atomically(output, chunks)
    return write_export(output, chunks)


def import_file(
    store: Store,
    path: Path,
    data: bytes | None = None,
    fmt: str = "annotations",
    annotator: str = "",
) -> ImportSummary:
    """Import a file, all of it or nothing (``data``: its bytes, when already read); labels
    the store lacks join its set (``ImportSummary.labels_added``); tags that come without
    an annotator get ``annotator``."""
    reader = export_format(fmt).read
    if reader is None:
        raise UserError(f"{path}: newsgloss cannot import the {fmt} format")
    return reader(store, path, data, annotator)


def import_into(
    db_path: Path,
    path: Path,
    fmt: str = "annotations",
    labels: Sequence[Label] = (),
    annotator: str = "",
) -> tuple[ImportSummary, bool]:
    """Import a file into the store at ``db_path``, making the store (with ``labels``) if
    there is none; returns the summary and whether the store is new. An import that
    fails leaves no new empty store behind, and a file that cannot be read makes none."""
    from newsgloss.annotations.jsonl import open_import

    if export_format(fmt).folder is None:
        open_import(path).close()  # a file that cannot be read makes no store
    elif not path.exists():
        raise UserError(f"{path}: no such folder or file")
    new = not db_path.exists()
    try:
        store, _ = open_store(db_path, create=True, labels=labels)
        with store:
            return import_file(store, path, fmt=fmt, annotator=annotator), new
    except UserError:
        if new:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        raise
