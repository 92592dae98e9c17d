"""The commands about stored documents themselves: ``docs`` lists them, ``meta`` shows and
corrects what an article is cited by, ``versions`` lists an article's versions, ``rm``
removes them, ``search`` finds them by what they say."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import click

from newsgloss.corpus import short_id
from newsgloss.tui.cli_edge import echo, echo_fields, say
from newsgloss.tui.cli_settings import Settings, pass_settings


@click.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object a document, for scripts.")
@pass_settings
def docs(settings: Settings, as_json: bool) -> None:
    """List stored documents: short id, annotation count, date, outlet, title."""
    with settings.open_store(readonly=True) as store:
        for document in store.listing():
            meta = document.meta
            if as_json:
                echo(json.dumps(_record(document.id, document.title, document.source, meta)))
                continue
            echo_fields(
                short_id(document.id), document.annotations, meta.published or "",
                meta.outlet or "", document.title,
            )  # fmt: skip


def _record(doc_id: str, title: str, source: str | None, meta) -> dict:
    from newsgloss.annotations.api import metadata_record

    return {"doc_id": doc_id, "title": title, "source": source, **metadata_record(meta)}


@click.command()
@click.argument("doc")
@click.option("--title", help="The headline.")
@click.option("--outlet", help="Who published it ('' clears it).")
@click.option("--published", help="The date of publication, YYYY-MM-DD ('' clears it).")
@click.option(
    "--author", "authors", multiple=True,
    help="An author; repeat for several (replaces the list; --author '' clears it).",
)  # fmt: skip
@click.option("--url", help="The article's canonical http(s) URL ('' clears it).")
@click.option("--language", help="A language tag such as en or pt-BR ('' clears it).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON object.")
@pass_settings
def meta(settings: Settings, doc: str, title: str | None, as_json: bool, **given) -> None:
    """Show DOC's title and metadata, or correct those given."""
    from newsgloss.annotations import api

    authors = given.pop("authors")
    changes = {name: value for name, value in given.items() if value is not None}
    if authors:
        changes["authors"] = [name for name in authors if name]
    writes = bool(changes) or title is not None
    with settings.open_store(readonly=not writes) as store:
        (doc_id,) = api.resolve_documents(store, (doc,))
        if writes:
            document = api.correct_metadata(store, doc_id, title, **changes)
        else:
            document = store.document(doc_id)
    record = _record(document.id, document.title, document.source, document.meta)
    if as_json:
        echo(json.dumps(record))
        return
    for name, value in record.items():
        shown = "; ".join(value) if isinstance(value, list) else value
        echo_fields(name, "" if shown is None else shown)


@click.command()
@click.argument("doc")
@pass_settings
def versions(settings: Settings, doc: str) -> None:
    """List the versions of DOC's article, oldest first: short id, when it became a
    version, tags on it (on an older version: tags that could not be placed in the
    newer), characters, title. The newest is marked with *."""
    from newsgloss.annotations import api

    with settings.open_store(readonly=True) as store:
        (doc_id,) = api.resolve_documents(store, (doc,))
        found = api.version_chain(store, doc_id)
        listed = {d.id: d for d in store.listing() if any(d.id == v for v, _ in found)}
        for number, (version_id, added_at) in enumerate(found, start=1):
            document = listed[version_id]
            newest = "*" if number == len(found) else ""
            echo_fields(
                f"{short_id(version_id)}{newest}", added_at or "first", document.annotations,
                len(store.document(version_id).text), document.title,
            )  # fmt: skip


@click.command("rm")
@click.argument("docs", nargs=-1, required=True)
@click.option(
    "--with-tags", is_flag=True,
    help="Remove documents that have tags too, after writing them (texts, tags and link "
    "decisions: newsgloss import brings them back) to a backup file beside the store.",
)  # fmt: skip
@pass_settings
def rm(settings: Settings, docs: tuple[str, ...], with_tags: bool) -> None:
    """Remove the stored documents DOCS (paths or id prefixes) and all that is kept of
    them. Refused while they have tags, unless --with-tags."""
    from newsgloss.annotations import api

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    backup = settings.db_path.with_name(f"{settings.db_path.stem}-removed-{stamp}.jsonl")
    with settings.open_store(create=False) as store:
        doc_ids = api.resolve_documents(store, docs)
        removed, tags = api.remove_documents(store, doc_ids, backup if with_tags else None)
    if tags:
        say(f"{tags} tag{'s' * (tags != 1)} written first to {backup}")
    say(f"{removed} document{'s' * (removed != 1)} removed")


@click.command()
@click.argument("query")
@click.option(
    "--limit", type=click.IntRange(1), default=20, show_default=True, help="At most this many hits."
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object a hit, for scripts.")
@pass_settings
def search(settings: Settings, query: str, limit: int, as_json: bool) -> None:
    """Search every stored article's title, outlet and text: words (accents and quote
    styles do not matter), "phrases", prefix*, AND, OR, NOT. Prints, best first, short
    id, offset (in characters) of the first word found, outlet, title and the text
    around it, tab-separated; on stderr, how many match when more than are listed (when
    thousands match, only the newest thousands are ranked, and it says so)."""
    from newsgloss.annotations import api

    with settings.open_store(readonly=True) as store:
        hits = api.search_documents(store, query, limit)
    if hits.total is None or hits.total > len(hits):
        say(hits.summary())
    for hit in hits:
        if as_json:
            echo(
                json.dumps(
                    {
                        "doc_id": hit.doc_id,
                        "start": hit.start,
                        "outlet": hit.outlet,
                        "title": hit.title,
                        "snippet": hit.snippet,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            echo_fields(short_id(hit.doc_id), hit.start, hit.outlet or "", hit.title, hit.snippet)
