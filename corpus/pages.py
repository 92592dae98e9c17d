"""Saved web pages: the article's text and title, without the site around it.

trafilatura finds the main text of a page (no navigation, cookie banners, comments or
related links) and its metadata. Only what is given is read: nothing is fetched.
"""

from __future__ import annotations

from newsgloss.corpus.canonical import canonical_text, repair_mojibake
from newsgloss.corpus.document import Document
from newsgloss.corpus.errors import CorpusError

PAGE_SUFFIXES = {".html", ".htm"}
# Fewer words than this is not an article: what is left of a login page or an index page
# after its navigation is removed (trafilatura falls back to any text it finds).
MIN_ARTICLE_WORDS = 15


def page_document(data: bytes | str, where: str) -> Document:
    """The article in a page: its bytes (read in the charset the page declares, else as
    detected) or its text; CorpusError naming ``where`` if it holds no article text."""
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
    return Document.from_text(text, title=title, source=page.url or where)
