"""``newsgloss add``: store articles from files, folders, URLs and feeds, then analyse
them."""

from __future__ import annotations

import sys
import time
from itertools import chain
from pathlib import Path

import click

from newsgloss.corpus import CorpusError, UserError, load_paths, sample_paths
from newsgloss.corpus.analysis import ModelError
from newsgloss.corpus.document import is_url
from newsgloss.corpus.loader import iter_documents
from newsgloss.tui.cli_analysis import analyze_with_progress, processes_option
from newsgloss.tui.cli_edge import echo, echo_fields, say
from newsgloss.tui.cli_settings import Settings, pass_settings


@click.command()
@click.argument("sources", nargs=-1)
@click.option(
    "--urls",
    "url_file",
    type=click.Path(path_type=Path),
    help="A file of URLs to fetch, one a line (blank lines and # comments skipped).",
)
@click.option(
    "--feed",
    "feeds",
    multiple=True,
    metavar="URL_OR_FILE",
    help="An RSS or Atom feed: the articles its entries link to are fetched (repeatable).",
)
@click.option(
    "--limit",
    type=click.IntRange(1),
    help="At most this many entries of each feed, the first it lists.",
)
@click.option(
    "--replaces",
    metavar="DOC",
    help="The one article given is a newer version of DOC: its tags are carried to it.",
)
@click.option("--no-analysis", is_flag=True, help="Store only; skip the entity analysis.")
@processes_option
@pass_settings
def add(
    settings: Settings,
    sources: tuple[str, ...],
    url_file: Path | None,
    feeds: tuple[str, ...],
    limit: int | None,
    replaces: str | None,
    no_analysis: bool,
    processes: int,
) -> None:
    """Store the documents in SOURCES (files, folders or http(s) URLs, which are fetched)
    and analyse them. With none, the sample corpus, into an empty store only (the samples
    never mix with a desk's own articles).

    Prints one line per document: short id, characters, title. An article whose URL or
    source is a stored one's, with another text, is a newer version of it (--replaces
    says so outright): its tags are carried to it, and those that cannot be placed are
    kept on the older version. Bad files are reported and skipped; the exit status is
    then 1. Analysis runs only for
    documents the cache lacks; without a pipeline, documents are stored anyway."""
    from newsgloss.annotations import api
    from newsgloss.corpus.feeds import feed_links  # urllib3 and feedparser: not at start-up
    from newsgloss.corpus.fetch import fetch_documents, url_lines

    if not (sources or url_file or feeds) and settings.db_path.exists():
        with settings.open_store(readonly=True) as store:
            own = set(store.document_ids()) - {d.id for d in load_paths(sample_paths()).documents}
        if own:
            raise UserError(
                f"no PATH given, and {settings.db_path} holds articles of its own: the sample "
                "corpus is only added to an empty store (--fresh opens it in a store of its own)"
            )
    errors: list[str] = []
    urls = [source for source in sources if is_url(source)]
    paths = [Path(source) for source in sources if not is_url(source)]
    if url_file is not None:
        urls.extend(url_lines(url_file))
    hints = {}  # a feed entry's date and authors, for a page that does not give them
    for feed in feeds:
        try:
            entries = feed_links(feed, limit)
        except CorpusError as error:
            errors.append(str(error))
            continue
        urls.extend(url for url, _ in entries)
        hints.update(entries)
    asked = urls or url_file or feeds
    documents = iter_documents(paths or ([] if asked else sample_paths()), errors)
    if urls:
        documents = chain(
            documents, fetch_documents(urls, errors, progress=fetch_progress(), hints=hints)
        )
    first = next(documents, None)
    ids, added, fresh = [], 0, []
    if replaces is not None and (first is None or next(documents, None) is not None):
        raise UserError("--replaces takes one article, the newer version of DOC")
    if first is not None:  # nothing to store: no store is made for nothing
        with settings.open_store(create=True) as store:
            if replaces is not None:
                api.resolve_documents(store, (replaces,))  # before anything is stored
            for document, new in api.store_documents(store, chain([first], documents)):
                state = "" if new else "  (already stored)"
                echo_fields(document.short_id, len(document.text), document.title + state)
                ids.append(document.id)
                added += new
                fresh.extend([document] if new or replaces else [])
            for report in api.carry_versions(store, fresh, replaces):
                say(report.describe())
            retitled = api.retitle_chrome(store)
            if retitled:
                say(
                    f"{retitled} title{'s were' if retitled != 1 else ' was'} a line "
                    f"{api.CHROME_DOCUMENTS} or more articles share (site chrome): "
                    "titled from their text instead"
                )
            if not no_analysis:
                try:
                    analyze_with_progress(settings, store, ids, processes)
                except ModelError as error:
                    say(f"Warning: {error}; documents are stored without entities")
    echo(
        f"{added} document{'s' * (added != 1)} added, {len(ids) - added} already stored"
        + (f", {len(errors)} failed" if errors else "")
    )
    for error in errors:
        say(f"Error: {error}")
    if errors:
        sys.exit(1)


def fetch_progress():
    """``progress(done, total)`` for fetching: a line on stderr every two seconds at
    most, and when the last URL is done."""
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if done == total or now - last[0] >= 2.0:
            last[0] = now
            say(f"Fetched {done}/{total} URL{'s' * (total != 1)}")

    return progress
