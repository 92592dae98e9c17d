"""The document: canonical text plus the title and source a reader shows."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from newsgloss.corpus.canonical import canonical_text
from newsgloss.corpus.metadata import NO_METADATA, Metadata, outlet_from_url

TITLE_LIMIT = 200
_URL_ALONE = re.compile(r"^\s*<?(https?://[^\s<>]+)>?\s*$", re.MULTILINE)
_FIRST_SENTENCE = re.compile(r"(.+?[.!?])\s+[A-Z“\"]")
_ORIGINAL_URL = re.compile(r"Original url:\s*<?(https?://[^\s<>]+)", re.IGNORECASE)
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
_METADATA_LINE = re.compile(
    r"^\s*(?:Original url:\s*)?<?https?://[^\s<>]+>?\s*$|^\s*Original url:\s*$", re.I
)


def is_metadata_line(line: str) -> bool:
    """Whether ``line`` is a scraper's note of where the text came from (``Original url:``,
    a URL alone): metadata, never a passage to align, index, count or take as a title."""
    return bool(_METADATA_LINE.match(line))


def is_url(text: str) -> bool:
    """Whether ``text`` is an http(s) URL (to fetch), not a path."""
    return bool(_URL.match(text.strip()))


def document_id(text: str) -> str:
    """``sha256:`` + hex digest of the canonical text: the same text is one document."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def short_id(doc_id: str) -> str:
    """The first 12 hex digits, enough to name a document on the command line."""
    return doc_id.removeprefix("sha256:")[:12]


# Lines a scraped page starts with that are the site's, never a headline (compared in
# lower case, without a final full stop or colon).
CHROME_LINES = frozenset(
    {
        "skip to content", "skip to main content", "skip to comments", "skip to navigation",
        "skip to main navigation", "jump to content", "sign in", "log in", "login",
        "sign up", "register", "subscribe", "forgot your password?", "forgot password?",
        "forgot your password", "menu", "home", "search", "advertisement", "share",
        "share this article", "listen to this article", "close", "accept cookies",
        "hello", "hi", "welcome", "hello, guest", "welcome, guest", "good morning",
        "good afternoon", "good evening", "breaking news", "latest news", "photo",
    }
)  # fmt: skip
_MARKUP = re.compile(r"</?[A-Za-z!][^>]*>")


def is_chrome_line(line: str) -> bool:
    """Whether ``line`` is site chrome, markup or a scraper's metadata (``Original url:``
    or a URL alone), never a title."""
    folded = " ".join(line.split()).lower().rstrip(".:")
    return folded in CHROME_LINES or bool(_MARKUP.search(line)) or is_metadata_line(line)


def title_from_text(text: str, chrome: frozenset[str] = frozenset()) -> str:
    """The first non-empty line that is not site chrome (``is_chrome_line``, or one of
    ``chrome``: lines the corpus shows to be a site's), cut at a word to at most
    TITLE_LIMIT characters; when every line is chrome, the first without its markup.

    A line too long for a title (a lede without a headline) gives its first
    sentence instead when that sentence fits.
    """
    fallback = ""
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if not line:
            continue
        if line in chrome or is_chrome_line(line):
            fallback = fallback or " ".join(_MARKUP.sub(" ", line).split())
            continue
        sentence = _FIRST_SENTENCE.match(line)
        if len(line) > TITLE_LIMIT and sentence and len(sentence.group(1)) <= TITLE_LIMIT:
            return sentence.group(1)
        return cut_at_word(line, TITLE_LIMIT)
    return cut_at_word(fallback, TITLE_LIMIT)


def cut_at_word(line: str, limit: int) -> str:
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    if " " in cut and not line[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:—–-") + "…"


def source_from_text(text: str) -> str | None:
    """A URL after "Original url:", else the first URL standing alone on a line."""
    for pattern in (_ORIGINAL_URL, _URL_ALONE):
        match = pattern.search(text)
        if match:
            return match.group(1)
    return None


@dataclass(frozen=True)
class Document:
    """One article. ``text`` is canonical; ``id`` is derived from it; ``meta`` is what it
    is cited by (outlet, authors, date, URL, language)."""

    id: str
    title: str
    source: str | None
    text: str
    external_id: str | None = None
    meta: Metadata = NO_METADATA

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        title: str | None = None,
        source: str | None = None,
        external_id: str | None = None,
        meta: Metadata = NO_METADATA,
    ) -> Document:
        """Build a document from canonical text; missing title and source come from the
        text, a missing URL from its ``Original url:`` line and a missing outlet from the
        URL's host.

        Titles and sources are cleaned like text, since the reader shows them too."""
        title = cut_at_word(" ".join(canonical_text(title).split()), TITLE_LIMIT) if title else None
        source = canonical_text(source).strip() if source else None
        original = _ORIGINAL_URL.search(text)
        meta = meta.filled_from(Metadata(url=original.group(1) if original else None))
        meta = meta.filled_from(Metadata(outlet=outlet_from_url(meta.url)))
        return cls(
            id=document_id(text),
            title=title or title_from_text(text),
            source=source or source_from_text(text),
            text=text,
            external_id=external_id,
            meta=meta,
        )

    @property
    def short_id(self) -> str:
        return short_id(self.id)
