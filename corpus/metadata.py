"""What a fact-checker cites an article by: outlet, authors, date of publication, URL and
language, as found in pages, feeds, JSONL fields or typed, each cleaned one way here."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from urllib.parse import urlsplit

from newsgloss.corpus.canonical import canonical_text

FIELD_LIMIT = 300  # characters in an outlet, an author's name or a URL
AUTHORS_LIMIT = 20
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
_AUTHOR_SEPARATORS = re.compile(r"\s*(?:;|\band\b|&|\|)\s*")


@dataclass(frozen=True)
class Metadata:
    """An article's citation fields; each None (or no authors) when unknown."""

    outlet: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None  # ISO 8601 date, YYYY-MM-DD
    url: str | None = None
    language: str | None = None

    def filled_from(self, other: Metadata) -> Metadata:
        """This, with each field it lacks taken from ``other`` (a page's own date first,
        then its feed entry's)."""
        return replace(
            self,
            **{f.name: getattr(other, f.name) for f in fields(self) if not getattr(self, f.name)},
        )

    @property
    def byline(self) -> str:
        """Outlet and date, as a pane's header and the claims view show them."""
        return " · ".join(part for part in (self.outlet, self.published) if part)


NO_METADATA = Metadata()
META_FIELDS = tuple(f.name for f in fields(Metadata))


def metadata(lenient: bool = False, **values: object) -> Metadata:
    """Metadata from values as they come (a page, a feed, a JSONL line or the command
    line), cleaned; ValueError naming the field when one cannot be read, or with
    ``lenient`` (a page's guesses) that field left out."""
    cleaned = {}
    for name, value in values.items():
        try:
            cleaned[name] = _CLEANERS[name](value)
        except ValueError:
            if not lenient:
                raise
    return Metadata(**cleaned)


def _url(value: object) -> str | None:
    url = _text(value, "url")
    if url and not re.match(r"^https?://\S+$", url):
        raise ValueError(f'"url" is not an http(s) URL: {url[:60]!r}')
    return url


def _text(value: object, name: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f'"{name}" must be a string')
    text = " ".join(canonical_text(value).split())
    return text[:FIELD_LIMIT] or None


def _authors(value: object) -> tuple[str, ...]:
    """A list of names, or one string of names separated by ``;``, ``and``, ``&`` or ``|``."""
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        value = _AUTHOR_SEPARATORS.split(value)
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValueError('"authors" must be a string or a list of strings')
    names: list[str] = []
    for name in value:
        cleaned = _text(name, "authors")
        cleaned = cleaned and re.sub(r"^(?:by|von|par)\s+", "", cleaned, flags=re.IGNORECASE)
        if cleaned and cleaned not in names:
            names.append(cleaned)
    return tuple(names[:AUTHORS_LIMIT])


def iso_date(value: object) -> str | None:
    """``value`` as an ISO 8601 date (YYYY-MM-DD): from an ISO date or date and time, a
    feed's RFC 822 date, a ``time.struct_time`` or a date; ValueError otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, time.struct_time):
        return date(*value[:3]).isoformat()
    if isinstance(value, date):
        return value.isoformat()[:10]
    if not isinstance(value, str):
        raise ValueError('"published" must be a string')
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        from email.utils import parsedate_to_datetime  # 9 ms to import: only when asked

        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    shown = canonical_text(text)[:40]
    raise ValueError(f'"published" is not a date in ISO 8601 form (YYYY-MM-DD): {shown!r}')


def _language(value: object) -> str | None:
    text = _text(value, "language")
    if text and not _LANGUAGE.match(text):
        raise ValueError(f'"language" is not a language tag such as en or pt-BR: {text[:20]!r}')
    return text.lower().replace("_", "-") if text else None


_CLEANERS = {
    "outlet": lambda value: _text(value, "outlet"),
    "authors": _authors,
    "published": iso_date,
    "url": _url,
    "language": _language,
}


def outlet_from_url(url: str | None) -> str | None:
    """The host a URL names, without ``www.``: an outlet when the page names none."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return host or None
