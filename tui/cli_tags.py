"""``newsgloss tags``: every tag of the desk in one list, a line each, as it is read."""

from __future__ import annotations

import json

import click

from newsgloss.corpus import short_id
from newsgloss.tui.cli_edge import echo, echo_fields
from newsgloss.tui.cli_settings import Settings, doc_option, label_option, pass_settings

SORTS = ("article", "date")


@click.command()
@label_option()
@click.option("--by", "annotator", metavar="NAME", help="Only tags made by NAME.")
@doc_option
@click.option("--query", default="", help="Only tags whose quote or note has all these words.")
@click.option("--sort", type=click.Choice(SORTS), default="article", show_default=True,
              help="In article order (document, then place), or newest first.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="One JSON object a tag, for scripts.")
@pass_settings
def tags(settings: Settings, labels, annotator, docs, query: str, sort: str, as_json: bool):
    """Every tag of the desk: short id, start, end, label, annotator, date, outlet, title,
    quote and note, tab-separated (the quote and note on one line)."""
    from newsgloss.annotations import api

    with settings.open_store(readonly=True) as store:
        doc_ids = api.resolve_documents(store, docs) if docs else []
        found = api.desk_tags(store, labels=labels, annotator=annotator, doc_ids=doc_ids,
                              query=query, order=sort)  # fmt: skip
        for item in found:
            tag = item.tag
            if as_json:
                echo(json.dumps({
                    "id": tag.id, "doc_id": tag.doc_id, "start": tag.start, "end": tag.end,
                    "label": tag.label, "annotator": tag.annotator, "updated_at": tag.updated_at,
                    "outlet": item.outlet, "title": item.title, "quote": tag.quote,
                    "note": tag.note,
                }, ensure_ascii=False))  # fmt: skip
                continue
            echo_fields(
                short_id(tag.doc_id), tag.start, tag.end, tag.label, tag.annotator,
                tag.updated_at, item.outlet or "", item.title, " ".join(tag.quote.split()),
                " ".join(tag.note.split()),
            )  # fmt: skip


@click.command()
@label_option()
@doc_option
@click.option("--annotators", nargs=2, metavar="A B",
              help="The two annotators to compare [default: the two with most tags].")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="One JSON object a row, for scripts.")
@pass_settings
def agreement(settings: Settings, labels, docs, annotators, as_json: bool) -> None:
    """How far two annotators agree, over the articles both tagged: per label and for all
    (the last row), B's tags against A's, matched exactly and by overlap (precision,
    recall, F1), Krippendorff's alpha over the characters and his unitizing u-alpha (see
    the README)."""
    from newsgloss.annotations import api

    with settings.open_store(readonly=True) as store:
        doc_ids = api.resolve_documents(store, docs) if docs else []
        a, b, rows = api.agreement(store, labels=labels, doc_ids=doc_ids,
                                   annotators=annotators or ())  # fmt: skip
    if as_json:
        for row in rows:
            echo(json.dumps({"a": a, "b": b, **row.as_dict()}, ensure_ascii=False))
        return
    echo(f"A: {a}   B: {b}")
    echo_fields("label", "A tags", "B tags", "exact P", "R", "F1", "overlap P", "R", "F1",
                "alpha", "u-alpha")  # fmt: skip
    for row in rows:
        alphas = ("-" if x is None else f"{x:.3f}" for x in (row.alpha, row.u_alpha))
        figures = (row.exact_precision, row.exact_recall, row.exact_f1,
                   row.overlap_precision, row.overlap_recall, row.overlap_f1)  # fmt: skip
        echo_fields(row.label or "(all)", row.a_tags, row.b_tags,
                    *(f"{v:.3f}" for v in figures), *alphas)  # fmt: skip
