"""Fetching articles, against a real HTTP server on 127.0.0.1 started by the test."""

from __future__ import annotations

import pytest
import urllib3
from http_server import Handler, serve

from newsgloss.corpus.fetch import fetch_documents


@pytest.fixture(scope="module")
def base():
    server, url = serve()
    yield url
    server.shutdown()


def fetched(urls, **kwargs):
    errors: list[str] = []
    return list(fetch_documents(urls, errors, **kwargs)), errors


def test_pages_and_text_are_fetched_in_their_charsets_after_redirects(base) -> None:
    documents, errors = fetched([f"{base}/article", f"{base}/redirect", f"{base}/cyrillic",
                                 f"{base}/plain", f"{base}/flaky"])  # fmt: skip
    assert errors == []
    article, redirected, cyrillic, plain, flaky = documents
    assert article.title == "Floods close schools" and "Dr. K. Rao" in article.text
    assert article.source == "https://daily.example.com/news/floods-close-schools"
    assert redirected.id == article.id and flaky.id == article.id  # a 503, then retried
    assert "Делегации России и Украины" in cyrillic.text
    assert plain.text.startswith("Officials in Kyiv") and plain.source == f"{base}/plain"
    assert all(agent.startswith("newsgloss") for agent in Handler.agents)


@pytest.mark.parametrize(
    "route, problem",
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/broken", "HTTP 500 Internal Server Error, after 2 retries"),
        ("/image", "the content type image/png is not HTML or text"),
        ("/login", "no article text found in the page"),
        ("/loop", "more than 5 redirects"),
    ],
)
def test_each_failure_is_one_line_naming_the_url(base, route, problem) -> None:
    documents, errors = fetched([f"{base}/article", f"{base}{route}"])
    assert len(documents) == 1  # the others are fetched
    assert errors == [f"{base}{route}: {problem}"]


def test_timeouts_size_and_refused_connections(base) -> None:
    quick = urllib3.Timeout(connect=2, read=0.5)
    _, errors = fetched([f"{base}/slow"], timeout=quick)
    assert errors == [f"{base}/slow: timed out waiting for the answer"]
    _, errors = fetched([f"{base}/huge"], limit=1024 * 1024)
    assert errors == [f"{base}/huge: too large (the limit is 1 MB)"]
    server, closed = serve()
    server.shutdown()
    server.server_close()  # nothing listens there now
    _, errors = fetched([f"{closed}/article"])
    assert errors == [f"{closed}/article: the connection was refused"]
