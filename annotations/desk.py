"""Every tag of the desk in one list (``newsgloss tags``): each with its article's outlet
and title, filtered by label, annotator, article and words of its quote or note, in
article order or newest first. Read as SQLite yields it, so 50,000 tags list at once."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from newsgloss.annotations.model import Annotation
from newsgloss.corpus.folding import fold

if TYPE_CHECKING:
    from newsgloss.annotations.store import Store

ORDERS = {
    "article": "a.doc_id, a.start, a.[end], a.label, a.annotator",
    "date": "a.updated_at DESC, a.id",
}
_COLUMNS = ", ".join(f"a.[{f.name}]" for f in fields(Annotation))


@dataclass
class DeskTag:
    """A tag and the article it is on."""

    tag: Annotation
    outlet: str | None
    title: str


def desk_tags(
    store: Store,
    *,
    labels: Sequence[str] = (),
    annotator: str | None = None,
    doc_ids: Sequence[str] = (),
    query: str = "",
    order: str = "article",
) -> Iterator[DeskTag]:
    """The tags these filters keep (``query``: words all found in the quote or the note,
    in any case, accent or quote style), in ``order`` (ORDERS)."""
    where, params = [], []
    for column, values in (("a.label", labels), ("a.doc_id", doc_ids)):
        if values:
            where.append(f"{column} IN ({', '.join('?' * len(values))})")
            params.extend(values)
    if annotator is not None:
        where.append("a.annotator = ?")
        params.append(annotator)
    rows = store.db.execute(
        f"SELECT {_COLUMNS}, d.outlet, d.title FROM annotations a "
        "JOIN documents d ON d.id = a.doc_id "
        f"{'WHERE ' + ' AND '.join(where) if where else ''} ORDER BY {ORDERS[order]}",
        params,
    )
    words = fold(query).split()
    for *values, outlet, title in rows:
        tag = Annotation(*values)
        if all(word in fold(f"{tag.quote}\n{tag.note}") for word in words):
            yield DeskTag(tag, outlet, title)
