"""Articles fetched from the web: a page (read as a saved one is) or plain text per URL.

urllib3 does the fetching: connect and read timeouts, at most REDIRECTS redirects, a
retry with back-off on timeouts, dropped connections and 5xx answers, a User-Agent that
names newsgloss. The size limit is counted on the bytes received, whatever the headers
say. Every failure is a CorpusError of one line naming the URL.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    MaxRetryError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    ResponseError,
)

from newsgloss.corpus.canonical import canonical_text, decode, repair_mojibake
from newsgloss.corpus.document import Document, is_url
from newsgloss.corpus.errors import CorpusError
from newsgloss.corpus.loader import MAX_FILE_BYTES, read_regular_file
from newsgloss.corpus.metadata import Metadata
from newsgloss.corpus.pages import page_document

MAX_BYTES = MAX_FILE_BYTES  # as for files: counted on the bytes received
REDIRECTS = 5
RETRIES = 2  # of a refused or dropped connection, a timeout, a 5xx answer
AT_ONCE = 4  # requests in flight together
TIMEOUT = urllib3.Timeout(connect=10.0, read=30.0)
_PAGES = ("text/html", "application/xhtml+xml")
_RETRIED = (500, 502, 503, 504)
_ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1"


def url_lines(path: Path) -> list[str]:
    """The URLs of a ``--urls`` file: one a line, blank lines and ``#`` comments skipped;
    CorpusError naming the file and line of anything that is not an http(s) URL."""
    urls = []
    text = decode(read_regular_file(path), str(path))
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not is_url(line):
            raise CorpusError(f"{path}:{number}: not an http(s) URL: {line[:80]!r}")
        urls.append(line)
    return urls


def user_agent() -> str:
    try:
        return f"newsgloss/{version('newsgloss')}"
    except PackageNotFoundError:  # run from a checkout that is not installed
        return "newsgloss"


def fetch_documents(
    urls: Iterable[str],
    errors: list[str],
    timeout: urllib3.Timeout = TIMEOUT,
    limit: int = MAX_BYTES,
    progress: Callable[[int, int], None] | None = None,
    hints: Mapping[str, Metadata] | None = None,
) -> Iterator[Document]:
    """The article at each URL, AT_ONCE fetched together, in the order given; each URL that
    fails goes into ``errors`` as one line. ``progress(done, total)`` after each.
    ``hints`` (a feed entry's date and authors, by URL) fill what a page does not say."""
    pool, urls = urllib3.PoolManager(), list(urls)
    with ThreadPoolExecutor(AT_ONCE) as workers:
        futures = [workers.submit(fetch, pool, url, timeout, limit) for url in urls]
        for done, future in enumerate(futures, start=1):
            try:
                document = future.result()
            except CorpusError as error:
                errors.append(str(error))
                document = None
            if progress:
                progress(done, len(futures))
            hint = (hints or {}).get(urls[done - 1])
            if document is not None and hint is not None:
                document = replace(document, meta=document.meta.filled_from(hint))
            if document is not None:
                yield document


def fetch(pool: urllib3.PoolManager, url: str, timeout: urllib3.Timeout, limit: int) -> Document:
    """The article at ``url``; CorpusError naming it and what went wrong."""
    kind, charset, body = get(pool, url, timeout, limit, (*_PAGES, "text/plain"))
    if kind in _PAGES:  # the header's charset first, else the page's own
        return page_document(
            body.decode(charset, errors="replace") if charset else body, url, url=url
        )
    text = body.decode(charset, errors="replace") if charset else decode(body, url)
    text = canonical_text(repair_mojibake(text))
    if not text.strip():
        raise CorpusError(f"{url}: no text")
    return Document.from_text(text, source=url, meta=Metadata(url=url))


def get(
    pool: urllib3.PoolManager,
    url: str,
    timeout: urllib3.Timeout,
    limit: int,
    kinds: tuple[str, ...],
) -> tuple[str, str | None, bytes]:
    """The content type, charset and body of ``url``, which must be one of ``kinds``;
    CorpusError naming it and what went wrong."""
    retries = urllib3.Retry(
        total=2 * RETRIES, connect=RETRIES, read=RETRIES, status=RETRIES, redirect=REDIRECTS,
        backoff_factor=0.3,
        status_forcelist=_RETRIED, raise_on_status=False,
    )  # fmt: skip
    try:
        response = pool.request(
            "GET", url, timeout=timeout, retries=retries, preload_content=False,
            headers={"User-Agent": user_agent(), "Accept": _ACCEPT},
        )  # fmt: skip
    except MaxRetryError as error:
        raise CorpusError(f"{url}: {_why(error.reason)}") from None
    except (urllib3.exceptions.HTTPError, ValueError) as error:
        raise CorpusError(f"{url}: {_why(error)}") from None
    try:
        if response.status >= 400:
            again = f", after {RETRIES} retries" if response.status in _RETRIED else ""
            status = f"HTTP {response.status} {response.reason or ''}".rstrip()
            raise CorpusError(f"{url}: {status}{again}")
        kind = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind not in kinds:
            what = "HTML or text" if "text/html" in kinds else "a feed"
            raise CorpusError(f"{url}: the content type {kind or 'given'} is not {what}")
        body = _read(response, url, limit)
    finally:
        response.release_conn()
    return kind, _charset(response.headers.get("Content-Type") or ""), body


def _read(response, url: str, limit: int) -> bytes:
    chunks, received = [], 0
    try:
        for chunk in response.stream(64 * 1024):
            received += len(chunk)
            if received > limit:
                raise CorpusError(f"{url}: too large (the limit is {limit // 1024 // 1024} MB)")
            chunks.append(chunk)
    except (ReadTimeoutError, ProtocolError) as error:
        raise CorpusError(f"{url}: {_why(error)}") from None
    return b"".join(chunks)


def _charset(content_type: str) -> str | None:
    match = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1)).name  # a codec Python knows
    except LookupError:
        return None


def _why(reason: object) -> str:
    """What went wrong, in words, from urllib3's error."""
    if isinstance(reason, NameResolutionError):
        return "the host name cannot be resolved"
    if isinstance(reason, NewConnectionError):  # before its base, ConnectTimeoutError
        return "the connection was refused" if "refused" in str(reason).lower() else (
            "cannot connect")  # fmt: skip
    if isinstance(reason, ConnectTimeoutError):
        return "timed out connecting"
    if isinstance(reason, ReadTimeoutError):
        return "timed out waiting for the answer"
    if isinstance(reason, ResponseError) and "redirect" in str(reason).lower():
        return f"more than {REDIRECTS} redirects"
    if isinstance(reason, ResponseError):
        return "the server kept failing (5xx), retried"
    if isinstance(reason, ProtocolError):
        return "the connection was dropped"
    return str(reason).split("\n")[0] or type(reason).__name__
