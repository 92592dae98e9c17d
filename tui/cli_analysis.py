"""The analysis commands: ``analyze``, ``entities``, ``sentences``, ``align``, ``similar``,
``diff`` and ``claims``."""

from __future__ import annotations

import contextlib
import dataclasses
import json
from typing import TYPE_CHECKING

import click

from newsgloss.corpus import short_id
from newsgloss.corpus.analysis import PipelineInfo
from newsgloss.tui.cli_edge import echo, echo_fields
from newsgloss.tui.cli_settings import Settings, doc_option, label_option, pass_settings

if TYPE_CHECKING:
    from newsgloss.annotations.api import Store


def analyze_with_progress(
    settings: Settings,
    store: Store,
    doc_ids: list[str],
    processes: int = 1,
    jsonl: bool = False,
    again: bool = False,
    dask: str | None = None,
) -> tuple[PipelineInfo, int]:
    """``api.analyze`` with progress on stderr; returns the pipeline and how many were
    analysed. ModelError if there is no usable pipeline. ``dask``: the scheduler's
    address, or "" for a local cluster of ``processes`` workers."""
    from newsgloss.annotations import api
    from newsgloss.tui.progress import analysis_progress

    info = settings.pipeline()
    with contextlib.ExitStack() as stack:

        def progress(documents: int, characters: int):
            return stack.enter_context(analysis_progress(documents, characters, jsonl))

        if dask is not None:
            with api.dask_client(dask or None, processes) as client:
                done = api.analyze_on_dask(
                    store, info, doc_ids, client, progress=progress, again=again
                )
        else:
            done = api.analyze(
                store, info, doc_ids, progress=progress, processes=processes, again=again
            )
    return info, done


processes_option = click.option(
    "--processes",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Processes for the analysis of large batches.",
)


@click.command()
@click.argument("docs", nargs=-1)
@processes_option
@click.option(
    "--progress",
    type=click.Choice(["auto", "jsonl"]),
    default="auto",
    show_default=True,
    help="auto: a bar on a terminal, else a line every two seconds; jsonl: one JSON object "
    'per document on stderr ({"done", "total", "words", "words_per_second", "characters", '
    '"total_characters", "seconds_left"}), for programs.',
)
@click.option(
    "--again",
    is_flag=True,
    help="Analyse them all again, cached or not (entity corrections stay: they are laid "
    "over every analysis).",
)
@click.option(
    "--dask",
    "dask",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[ADDRESS]",
    help="Send batches to Dask workers: those of the scheduler at ADDRESS "
    "(tcp://host:8786), or of a local cluster of --processes workers when none is given "
    "(--processes 1: one a core). Needs pip install 'newsgloss[dask]'. Each batch is "
    "kept as it arrives: an interrupted run resumes where it stopped.",
)
@pass_settings
def analyze(
    settings: Settings,
    docs: tuple[str, ...],
    processes: int,
    progress: str,
    again: bool,
    dask: str | None,
) -> None:
    """Analyse stored documents (DOCS: paths or id prefixes; all when none) that lack it."""
    import os

    from newsgloss.annotations import api

    if dask == "" and processes == 1:
        processes = os.cpu_count() or 1  # a local cluster: a worker a core
    with settings.open_store() as store:
        doc_ids = api.stored_ids(store, docs)
        info, missing = analyze_with_progress(
            settings, store, doc_ids, processes, jsonl=progress == "jsonl", again=again,
            dask=dask,
        )  # fmt: skip
    echo(
        f"Analysed {missing} document{'s' * (missing != 1)} with {info.name} {info.version}; "
        f"{len(doc_ids) - missing} already analysed"
    )


@click.command()
@click.argument("docs", nargs=-1)
@label_option("entities with this label")
@pass_settings
def entities(settings: Settings, docs: tuple[str, ...], labels: tuple[str, ...]) -> None:
    """Print entities, tab-separated: short document id, start, end, label, text."""
    from newsgloss.annotations import api

    wanted = {label.upper() for label in labels}
    with settings.open_store() as store:
        doc_ids = api.stored_ids(store, docs)
        info, _ = analyze_with_progress(settings, store, doc_ids)
        analyses = api.cached_analyses(store, info, doc_ids)
    for doc_id in doc_ids:
        for entity in analyses[doc_id].entities:
            if not wanted or entity.label in wanted:
                echo_fields(short_id(doc_id), entity.start, entity.end, entity.label, entity.text)


@click.command()
@click.argument("doc")
@pass_settings
def sentences(settings: Settings, doc: str) -> None:
    """Print the sentences of DOC, tab-separated: start, end, text."""
    from newsgloss.annotations import api

    with settings.open_store() as store:
        (doc_id,) = api.resolve_documents(store, (doc,))
        info, _ = analyze_with_progress(settings, store, [doc_id])
        text = store.document(doc_id).text
        analysis = api.cached_analyses(store, info, [doc_id])[doc_id]
    for start, end in analysis.sentences:
        echo_fields(start, end, text[start:end])


@click.command()
@click.argument("doc_a")
@click.argument("doc_b")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["tsv", "jsonl"]),
    default="tsv",
    show_default=True,
    help="tsv: a_start a_end b_start b_end score kind; jsonl: one object per link.",
)
@click.option(
    "--candidates",
    type=click.IntRange(1, 20),
    metavar="K",
    help="Also each sentence's K best candidates in DOC_B (kind candidate), to confirm.",
)
@pass_settings
def align(settings: Settings, doc_a: str, doc_b: str, fmt: str, candidates: int | None) -> None:
    """Print the passages DOC_A and DOC_B share, in DOC_A's order: each link's offsets in
    both, its score and its kind (same: a close paraphrase or the same sentence; related:
    the same fact in other words; confirmed: a fact-checker's, see the link command)."""
    from newsgloss.annotations import api

    with settings.open_store() as store:
        a_id, b_id = api.resolve_documents(store, (doc_a, doc_b))
        info, _ = analyze_with_progress(settings, store, [a_id, b_id])
        links = api.align_documents(store, info, a_id, b_id)
        if candidates:
            links += api.link_candidates(store, info, a_id, b_id, candidates)
            links.sort(key=lambda link: (link.a_start, link.kind == "candidate", -link.score))
    for link in links:
        if fmt == "jsonl":
            click.echo(json.dumps(dataclasses.asdict(link)))
        else:
            fields = (link.a_start, link.a_end, link.b_start, link.b_end, link.score, link.kind)
            echo_fields(*fields)


@click.command()
@click.argument("doc_a")
@click.argument("a_start", type=click.IntRange(0))
@click.argument("a_end", type=click.IntRange(1))
@click.argument("doc_b")
@click.argument("b_start", type=click.IntRange(0))
@click.argument("b_end", type=click.IntRange(1))
@click.option(
    "--reject",
    "decision",
    flag_value="rejected",
    help="Reject the link: never shown or used again for this pair.",
)
@click.option("--forget", "decision", flag_value="forget", help="Forget a decision made.")
@pass_settings
def link(
    settings: Settings,
    doc_a: str,
    a_start: int,
    a_end: int,
    doc_b: str,
    b_start: int,
    b_end: int,
    decision: str | None,
) -> None:
    """Confirm the link between DOC_A[A_START:A_END] and DOC_B[B_START:B_END] (a
    candidate, or two passages linked by hand), or --reject it, or --forget the decision.
    Decisions win over the method's links and outlive a new version of it."""
    from newsgloss.annotations import api

    chosen = {None: "confirmed", "rejected": "rejected", "forget": None}[decision]
    with settings.open_store(create=False) as store:
        a_id, b_id = api.resolve_documents(store, (doc_a, doc_b))
        before = api.decide_link(
            store, a_id, (a_start, a_end), b_id, (b_start, b_end), chosen, settings.who()
        )
    echo(f"{chosen or 'forgotten'} (was {before or 'undecided'})")  # fmt: skip


@click.command()
@click.argument("doc")
@click.option("--limit", type=click.IntRange(1), help="At most this many documents.")
@pass_settings
def similar(settings: Settings, doc: str, limit: int | None) -> None:
    """List the stored documents that share passages with DOC, most first: short id,
    shared passages (DOC's passages found in it), title. Documents not indexed yet are
    indexed first (no analysis needed); a passage found in very many documents is
    boilerplate and not counted."""
    from newsgloss.annotations import api

    def progress(total: int):
        click.echo(f"Indexing {total} document{'s' * (total != 1)}…", err=True)
        return None

    with settings.open_store() as store:
        (doc_id,) = api.resolve_documents(store, (doc,))
        found = api.similar_documents(store, doc_id, progress=progress)[:limit]
        titles = store.titles(other for other, _ in found)
    for other, shared in found:
        echo_fields(short_id(other), shared, titles[other])


@click.command()
@click.argument("doc_a")
@click.argument("doc_b")
@pass_settings
def diff(settings: Settings, doc_a: str, doc_b: str) -> None:
    """Print the passages DOC_A and DOC_B share, each as its offsets, kind and score, then
    one line of words with [-only in DOC_A-] and {+only in DOC_B+}, then what the two
    state differently (a number, a year, a month, a speaker)."""
    from newsgloss.annotations import api
    from newsgloss.corpus.discrepancy import discrepancies, word_diff

    with settings.open_store() as store:
        a_id, b_id = api.resolve_documents(store, (doc_a, doc_b))
        info, _ = analyze_with_progress(settings, store, [a_id, b_id])
        links = api.align_documents(store, info, a_id, b_id)
        a, b = store.document(a_id).text, store.document(b_id).text
    for link in links:
        left, right = a[link.a_start : link.a_end], b[link.b_start : link.b_end]
        echo_fields(
            f"{link.a_start}-{link.a_end}", f"{link.b_start}-{link.b_end}", link.kind, link.score
        )
        echo("  " + word_diff(left, right))
        for found in discrepancies(left, right):
            echo(f"  ! {found.kind} {found.describe()}")


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["tsv", "jsonl", "markdown"]),
    default="tsv",
    show_default=True,
    help="tsv: one line per passage; jsonl: one object per claim; markdown: a worksheet.",
)
@label_option()
@doc_option
@click.option("--by", "annotator", metavar="NAME", help="Only tags made by NAME.")
@click.option("--verdict", "rating", metavar="RATING", help="Only claims rated RATING.")
@pass_settings
def claims(
    settings: Settings, fmt: str, labels: tuple[str, ...], docs: tuple[str, ...], annotator,
    rating: str | None,
) -> None:  # fmt: skip
    """Every tagged passage as a claim, with the passages aligned with it in the other
    stored articles (tagged or not), who each attributes it to and where they differ.
    tsv columns: claim, short document id, start, end, tags, attributed to, differs,
    outlet, date, text, verdict (the claim's rating, or empty)."""
    from newsgloss.annotations import api

    with settings.open_store() as store:
        doc_ids = api.resolve_documents(store, docs)
        info, _ = analyze_with_progress(settings, store, api.claim_documents(store, doc_ids))
        labels = api.stored_labels(store, labels)
        rated = {v.key: v for v in api.verdicts(store)}

        def verdict_of(claim):
            return rated.get(claim.key)

        found = api.iter_claims(store, info, labels=labels, doc_ids=doc_ids, annotator=annotator)
        if rating is not None:
            found = (c for c in found if (v := verdict_of(c)) and v.rating == rating)
        if fmt == "markdown":  # each claim written as it is found
            for line in api.markdown(found, verdict_of):
                echo(line)
            return
        for number, claim in enumerate(found, start=1):
            verdict = verdict_of(claim)
            if fmt == "jsonl":
                record = api.claim_record(number, claim, verdict)
                click.echo(json.dumps(record, ensure_ascii=False))
                continue
            for p in claim.passages:
                tags = ",".join(sorted({a.label for a in p.tags}))
                fields = (number, short_id(p.doc_id), p.start, p.end, tags, p.attributed_to,
                          "; ".join(p.differs), p.outlet or "", p.published or "",
                          " ".join(p.text.split()), verdict.rating if verdict else "")  # fmt: skip
                echo_fields(*fields)
