"""Saved web pages: the article's text and title, without the site around it.

trafilatura finds the main text of a page (no navigation, cookie banners, comments or
related links) and its metadata. Only what is given is read: nothing is fetched.
"""

from __future__ import annotations

import re

from newsgloss.corpus.canonical import canonical_text, repair_mojibake
from newsgloss.corpus.document import Document
from newsgloss.corpus.errors import CorpusError
from newsgloss.corpus.metadata import Metadata, metadata

PAGE_SUFFIXES = {".html", ".htm"}
# Fewer words than this is not an article: what is left of a login page or an index page
# after its navigation is removed (trafilatura falls back to any text it finds).
MIN_ARTICLE_WORDS = 15
_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)", re.I)


def page_document(data: bytes | str, where: str, url: str | None = None) -> Document:
    """The article in a page: its bytes (read in the charset the page declares, else as
    detected) or its text; CorpusError naming ``where`` if it holds no article text.
    ``url``, where it was fetched from, stands in for a canonical URL it does not give."""
    import trafilatura  # loaded for pages only: the reader starts without it

    try:
        page = trafilatura.bare_extraction(
            data, with_metadata=True, include_comments=False, include_images=False
        )
    except Exception as error:  # noqa: BLE001 - a page lxml cannot parse at all
        raise CorpusError(f"{where}: not a page that can be read ({error})") from None
    text = canonical_text(repair_mojibake(page.text or "")) if page is not None else ""
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise CorpusError(f"{where}: no article text found in the page")
    title = canonical_text(page.title or "").strip() or None
    return Document.from_text(
        text,
        title=title,
        source=page.url or where,
        meta=page_metadata(page, data).filled_from(Metadata(url=url)),
    )


def page_metadata(page, data: bytes | str) -> Metadata:
    """What trafilatura found of the page's outlet (its site name), authors (``;`` between
    them), date and canonical URL, and the language its ``<html lang>`` declares; a field
    it got in a form that cannot be read is left out, not guessed."""
    head = data[:65536] if isinstance(data, bytes) else data[:65536].encode("utf-8", "replace")
    lang = _LANG.search(head)
    found = {
        "outlet": page.sitename, "authors": page.author, "published": page.date,
        "url": page.url, "language": lang.group(1).decode() if lang else None,
    }  # fmt: skip
    return metadata(lenient=True, **found)
