"""``newsgloss names`` (the index of names, its merges undone and redone) and ``newsgloss
corrections`` (the rules that correct the model's entities: listed, set, exported,
imported, and written as spaCy EntityRuler patterns)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from newsgloss.corpus import UserError, short_id
from newsgloss.tui.cli_edge import echo, echo_fields, say
from newsgloss.tui.cli_settings import Settings, label_option, pass_settings


@click.command()
@label_option("names with this label, such as PERSON or DATE; every label but quantities "
              "and times when none is given")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="One JSON object a name, for scripts.")
@click.option("--apart", nargs=2, metavar="VARIANT NAME",
              help="Undo a merge: list VARIANT apart from NAME (both as spelled).")  # fmt: skip
@click.option("--merge-again", nargs=2, metavar="VARIANT NAME",
              help="Undo --apart: let VARIANT and NAME merge again.")  # fmt: skip
@pass_settings
def names(settings: Settings, labels, as_json: bool, apart, merge_again) -> None:
    """Every name across the analysed articles: name, label, mentions, articles, the other
    spellings merged into it and why, tab-separated, most articles first."""
    from newsgloss.annotations import api

    labels = [label.upper() for label in labels]
    info = settings.pipeline()
    with settings.open_store() as store:
        if apart or merge_again:
            merge = _merge(api.names_index(store, info, labels), *(apart or merge_again))
            if apart:
                api.keep_apart(store, merge, settings.who())
                say(f"{apart[0]} is listed apart from {apart[1]}")
            else:
                api.merge_again(store, merge)
                say(f"{merge_again[0]} and {merge_again[1]} may merge again")
            return
        if (stale := api.names_to_count(store)) > api.NAMES_RECOUNT_SAID:
            say(f"Counting the names of {stale:,} articles again, as corrected…")
        listed = api.names_index(store, info, labels)
        unanalysed = api.unanalysed(store, info)
    if unanalysed:
        say(f"{unanalysed} stored documents are not analysed yet (newsgloss analyze)")
    for name in listed:
        if as_json:
            echo(name.as_json())
            continue
        others = sorted(set(name.spellings) - {name.name})
        why = "; ".join(merge.why for merge in name.merges)
        echo_fields(name.name, name.label, name.mentions, name.articles,
                    ", ".join(others), why)  # fmt: skip


def _merge(listed, variant: str, into: str):
    """The merge of ``variant`` into ``into`` (as spelled) in the index, or the two
    spellings as a merge to keep apart (or join again) when it is not there now."""
    from newsgloss.annotations import api
    from newsgloss.corpus.name_variants import name_key

    a, b = name_key(variant), name_key(into)
    for name in listed:
        for merge in name.merges:
            if {merge.variant, merge.into} == {a, b}:
                return merge
    labels = {n.label for n in listed if {a, b} & {name_key(s) for s in n.spellings}}
    if len(labels) != 1:
        raise UserError(f"{variant} and {into}: not two spellings of one label in the index")
    return api.Merge(labels.pop(), a, b, "")


@click.command()
@click.option("--json", "as_json", is_flag=True,
              help="Print the rules as JSON lines: the export --import reads.")  # fmt: skip
@click.option("--patterns", "patterns", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write the rules as spaCy EntityRuler patterns (JSON lines) to this file, "
                   "or - for standard output.")  # fmt: skip
@click.option("--import", "import_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Add the rules of a file --json wrote (all of them, or none).")  # fmt: skip
@click.option(
    "--set",
    "set_rule",
    nargs=2,
    metavar="TEXT LABEL",
    help="TEXT is a LABEL entity everywhere it appears (LABEL - : not an entity).",
)
@click.option(
    "--forget",
    metavar="TEXT",
    help="Remove the rule for TEXT everywhere: the model's entities show again.",
)
@pass_settings
def corrections(settings: Settings, as_json, patterns, import_path, set_rule, forget) -> None:
    """The corrections to the model's entities, a rule a line: id, text, label (- : not an
    entity), where (everywhere, or a short document id and span), annotator, date."""
    from newsgloss.annotations import api

    with settings.open_store(create=bool(set_rule or import_path)) as store:
        if import_path is not None:
            try:
                with import_path.open(encoding="utf-8") as lines:
                    found = api.read_rules(store, lines, str(import_path))
            except (OSError, UnicodeDecodeError) as error:
                raise UserError(f"{import_path}: cannot read ({error})") from None
            say(f"{api.import_rules(store, found)} corrections imported from {import_path}")
            return
        if set_rule:
            text, label = set_rule
            label = None if label == "-" else api.check_label(label)
            rule = api.Rule(text, label, annotator=settings.who())
            api.correct(store, rule)
            say(rule.describe())
            return
        if forget:
            if not api.forget_correction(store, api.Rule(forget, None)):
                raise UserError(f"{forget}: no correction everywhere for this text")
            say(f"{forget}: the model's entities show again")
            return
        rules = api.correction_rules(store)
    if patterns:
        _write_patterns(api.correction_patterns(rules), patterns)
        return
    for rule in rules:
        if as_json:
            echo(api.rule_json(rule))
        else:
            where = "everywhere" if rule.doc_id is None else (
                f"{short_id(rule.doc_id)} {rule.start}-{rule.end}")  # fmt: skip
            echo_fields(rule.id, rule.text, rule.label or "-", where, rule.annotator,
                        rule.created_at)  # fmt: skip


def _write_patterns(found: tuple[list[dict], int], target: str) -> None:
    patterns, skipped = found
    lines = [json.dumps(p, ensure_ascii=False) for p in patterns]
    if target == "-":
        for line in lines:
            echo(line)
    else:
        try:
            Path(target).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        except OSError as error:
            raise UserError(f"{target}: cannot write ({error.strerror or error})") from None
    if skipped:
        say(f"{skipped} corrections are not patterns (removals, or one span of one article)")
    if target != "-":
        say(f"{len(patterns)} patterns written to {target}")
