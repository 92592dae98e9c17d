"""RSS and Atom feeds: the links of their entries, which ``add --feed`` fetches.

feedparser reads the feed from bytes (a file, or an answer fetched by ``corpus.fetch``,
with its limits): it never fetches anything itself.
"""

from __future__ import annotations

from pathlib import Path

import urllib3

from newsgloss.corpus.document import is_url
from newsgloss.corpus.errors import CorpusError
from newsgloss.corpus.fetch import MAX_BYTES, TIMEOUT, get
from newsgloss.corpus.loader import read_regular_file
from newsgloss.corpus.metadata import Metadata, metadata

FEED_TYPES = (
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
    "text/xml", "application/feed+json", "text/plain",
)  # fmt: skip


def feed_links(
    source: str, limit: int | None = None, timeout=TIMEOUT
) -> list[tuple[str, Metadata]]:
    """The article links of the feed at ``source`` (a URL or a file), newest first as the
    feed lists them, at most ``limit``, each with its entry's date and authors (for a
    page that gives none); CorpusError naming it if it is not a feed or links to
    nothing."""
    import feedparser  # only for feeds

    if is_url(source):
        _, _, data = get(urllib3.PoolManager(), source, timeout, MAX_BYTES, FEED_TYPES)
        headers = {"content-location": source}  # relative links resolve against it
    else:
        data, headers = read_regular_file(Path(source)), {}
    feed = feedparser.parse(data, response_headers=headers)
    if not feed.entries:
        problem = "an RSS or Atom feed with no entries"
        if feed.bozo:
            problem = f"not an RSS or Atom feed ({str(feed.bozo_exception).splitlines()[0]})"
        raise CorpusError(f"{source}: {problem}")
    links = [
        (entry.link, _entry_metadata(entry))
        for entry in feed.entries
        if is_url(entry.get("link") or "")
    ]
    if not links:
        raise CorpusError(f"{source}: none of the feed's entries links to an article")
    return links[:limit]


def _entry_metadata(entry) -> Metadata:
    """An entry's date (published, else updated) and authors, where it gives them."""
    authors = [a.get("name") for a in entry.get("authors", []) if isinstance(a.get("name"), str)]
    return metadata(
        lenient=True,
        published=entry.get("published_parsed") or entry.get("updated_parsed"),
        authors=authors or entry.get("author"),
    )
