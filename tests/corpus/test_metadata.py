"""What an article is cited by: cleaned one way whether it comes from a page, a feed, a
JSONL line, a text's Original url: line or the command line."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from http_server import serve

from newsgloss.corpus.align import passages, units
from newsgloss.corpus.document import Document
from newsgloss.corpus.feeds import feed_links
from newsgloss.corpus.fetch import fetch_documents
from newsgloss.corpus.loader import load_file
from newsgloss.corpus.metadata import Metadata, iso_date, metadata

PAGES = Path(__file__).parents[1] / "data" / "pages"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2025-02-03", "2025-02-03"),
        ("2025-02-03T23:30:00Z", "2025-02-03"),
        ("2025-02-03T08:00:00+05:30", "2025-02-03"),
        ("Tue, 04 Feb 2025 08:00:00 GMT", "2025-02-04"),
        (time.struct_time((2025, 2, 5, 0, 0, 0, 2, 36, 0)), "2025-02-05"),
        (None, None),
        ("", None),
    ],
)
def test_dates_become_iso_8601_dates(given, expected) -> None:
    assert iso_date(given) == expected


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("published", "May 12", "not a date in ISO 8601 form"),
        ("published", 20250203, '"published" must be a string'),
        ("url", "ftp://example.com/a", r"not an http\(s\) URL"),
        ("language", "English!", "not a language tag"),
        ("authors", [1, 2], '"authors" must be a string or a list of strings'),
        ("outlet", ["a"], '"outlet" must be a string'),
    ],
)
def test_a_value_that_cannot_be_read_names_its_field(field, value, problem) -> None:
    with pytest.raises(ValueError, match=problem):
        metadata(**{field: value})
    assert getattr(metadata(lenient=True, **{field: value}), field) in (None, ())


def test_values_are_cleaned_as_text_is() -> None:
    meta = metadata(
        outlet="  The \x1b[31mDaily\n Example ",
        authors="By Priya Nair and Sam Lee; Priya Nair",
        language="pt_BR",
    )
    assert meta == Metadata("The Daily Example", ("Priya Nair", "Sam Lee"), language="pt-br")
    assert metadata(authors=["Ann", "", "Bo"]).authors == ("Ann", "Bo")


def test_a_saved_page_gives_outlet_authors_date_url_and_language() -> None:
    (document,) = load_file(PAGES / "daily.html")
    assert document.meta == Metadata(
        outlet="The Daily Example",
        authors=("Priya Nair",),
        published="2025-02-03",
        url="https://daily.example.com/news/floods-close-schools",
        language="en",
    )
    assert document.meta.byline == "The Daily Example · 2025-02-03"


def test_jsonl_fields_of_those_names_are_read_and_a_bad_one_names_its_line(
    tmp_path: Path,
) -> None:
    good = {"text": "Talks resume.", "outlet": "Wire", "authors": ["A. Writer"],
            "published": "2025-05-12T10:00:00Z", "url": "https://wire.example/a",
            "language": "en"}  # fmt: skip
    path = tmp_path / "corpus.jsonl"
    path.write_text(json.dumps(good) + "\n")
    (document,) = load_file(path)
    assert document.meta == Metadata(
        "Wire", ("A. Writer",), "2025-05-12", "https://wire.example/a", "en"
    )
    path.write_text(json.dumps(good) + "\n" + json.dumps({**good, "published": "soon"}) + "\n")
    with pytest.raises(Exception, match=r"corpus\.jsonl:2: \"published\" is not a date"):
        load_file(path)


def test_an_original_url_line_is_metadata_not_a_passage() -> None:
    text = "Talks resume in Istanbul on Monday.\nOriginal url:\n<https://news.example.org/a>\n"
    document = Document.from_text(text)
    assert document.meta.url == "https://news.example.org/a"
    assert document.meta.outlet == "news.example.org"
    assert document.title == "Talks resume in Istanbul on Monday."
    assert passages(text) == ["Talks resume in Istanbul on Monday."]
    sentences = [(0, 35), (36, len(text))]  # the pipeline's: the note as one sentence
    assert [text[s:e] for s, e in units(text, sentences)] == ["Talks resume in Istanbul on Monday."]
    named = Document.from_text(text, meta=Metadata(outlet="News", url="https://other.example/b"))
    assert named.meta.outlet == "News" and named.meta.url == "https://other.example/b"


def test_a_feed_entry_fills_the_date_and_author_a_page_lacks() -> None:
    server, base = serve()
    try:
        entries = feed_links(f"{base}/feed", limit=2)
        hints = dict(entries)
        errors: list[str] = []
        page, plain = fetch_documents([url for url, _ in entries], errors, hints=hints)
    finally:
        server.shutdown()
    assert errors == []
    assert [meta.published for _, meta in entries] == ["2025-02-04", "2025-02-05"]
    # the page's own date and author win; the text/plain answer takes the entry's
    assert page.meta.published == "2025-02-03" and page.meta.authors == ("Priya Nair",)
    assert plain.meta.published == "2025-02-05" and plain.meta.authors == ("Feed Writer 1",)
    assert plain.meta.url == f"{base}/plain" and plain.meta.outlet == "127.0.0.1"
