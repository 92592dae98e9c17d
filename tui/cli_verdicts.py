"""``newsgloss verdict`` (rate a claim, or clear its verdict) and ``newsgloss ratings``
(the store's rating scale, best first: listed, added to, removed from)."""

from __future__ import annotations

import click

from newsgloss.corpus import UserError
from newsgloss.tui.cli_edge import echo, say
from newsgloss.tui.cli_settings import Settings, pass_settings


@click.command()
@click.argument("doc")
@click.argument("start", type=int)
@click.argument("end", type=int)
@click.argument("rating", required=False)
@click.option("--explanation", default="", help="Why: a short explanation.")
@click.option(
    "--evidence",
    multiple=True,
    metavar="URL_OR_PASSAGE",
    help="A URL or a stored passage (DOC:START-END) the verdict rests on (repeatable).",
)
@click.option(
    "--appears-in",
    "appears",
    multiple=True,
    metavar="DOC",
    help="Another article the claim appears in (repeatable; DOC's own is first).",
)
@click.option("--url", default="", help="Where the fact-check is published.")
@click.option("--clear", is_flag=True, help="Remove the claim's verdict.")
@pass_settings
def verdict(settings: Settings, doc, start, end, rating, explanation, evidence, appears, url,
            clear) -> None:  # fmt: skip
    """Rate the claim whose first passage is DOC[START:END] with RATING, one of the store's
    scale (newsgloss ratings); the claims view rates with one key."""
    from newsgloss.annotations import api

    with settings.open_store() as store:
        (doc_id,) = api.resolve_documents(store, (doc,))
        text = store.document(doc_id).text
        if not 0 <= start < end <= len(text):
            raise UserError(f"{doc}: {start}-{end} is not a span of its text")
        if clear:
            api.clear_verdict(store, doc_id, start, end)
            say("Verdict cleared")
            return
        if rating is None:
            raise UserError("give a RATING, or --clear")
        others = api.resolve_documents(store, appears) if appears else []
        found = api.Verdict(doc_id, start, end, " ".join(text[start:end].split()), rating,
                            explanation, tuple(evidence), (doc_id, *others),
                            settings.who(), url=url)  # fmt: skip
        api.set_verdict(store, found)
    say(f"Rated {rating}: “{found.claim[:60]}”")


@click.command()
@click.option("--add", "added", metavar="NAME", help="Add a rating to the scale.")
@click.option("--position", type=click.IntRange(1), help="Where --add puts it (1: the best).")
@click.option("--remove", "removed", metavar="NAME", help="Remove a rating no verdict uses.")
@pass_settings
def ratings(settings: Settings, added, position, removed) -> None:
    """The store's rating scale, best first, a rating a line."""
    from newsgloss.annotations import api

    with settings.open_store(create=bool(added)) as store:
        if added:
            api.add_rating(store, added, position)
        if removed:
            api.remove_rating(store, removed)
        scale = api.ratings(store)
    for name in scale:
        echo(name)
