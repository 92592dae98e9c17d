"""Corrections to the model's entities, kept as rules and laid over every analysis read.

A rule is a text and a label (``None``: "not an entity"), either everywhere that text
appears or at one span of one document. The analyses in the cache stay the model's own;
the rules are applied whenever they are read (``analysis_cache.cached_analyses``), so a
correction outlives a new analysis and a new version of the pipeline. A rule at a span
wins over one everywhere; a new rule for the same text (or span) replaces the old.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING

from newsgloss.annotations import name_rows
from newsgloss.annotations.model import utc_now
from newsgloss.corpus import UserError
from newsgloss.corpus.analysis import Entity

if TYPE_CHECKING:
    from newsgloss.annotations.store import Store

LABEL = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,39}")
_COLUMNS = "id, text, label, doc_id, start, [end], annotator, created_at"


@dataclass(frozen=True)
class Rule:
    """``label`` None: not an entity. ``doc_id`` None: everywhere ``text`` appears as a
    whole word; else only at ``start``-``end`` of that document."""

    text: str
    label: str | None
    doc_id: str | None = None
    start: int | None = None
    end: int | None = None
    annotator: str = ""
    created_at: str = ""
    id: int | None = None

    def describe(self) -> str:
        what = f"is {self.label}" if self.label else "is not an entity"
        where = "everywhere" if self.doc_id is None else f"at {self.start}-{self.end}"
        return f"{self.text!r} {what} {where}"


def check_label(label: str) -> str:
    """The label as stored (upper case); UserError for one spaCy could not name."""
    label = label.strip()
    if not LABEL.fullmatch(label):
        raise UserError(
            f"{label[:40]!r}: an entity label is a letter, then letters, digits, - or _"
        )
    return label.upper()


def rules(store: Store) -> list[Rule]:
    """Every rule, oldest first."""
    rows = store.db.execute(f"SELECT {_COLUMNS} FROM entity_rules ORDER BY id")
    return [_rule(row) for row in rows]


def _rule(row: tuple) -> Rule:
    rule_id, text, label, doc_id, start, end, annotator, created_at = row
    return Rule(text, label, doc_id, start, end, annotator, created_at, rule_id)


def correct(store: Store, rule: Rule) -> Rule | None:
    """Store ``rule`` in place of the one for the same text everywhere (or the same span);
    returns the rule it replaced, for undo."""
    with store.transaction():
        old = _store(store, rule)
        _stale(store, [rule, old])
    return old


def _store(store: Store, rule: Rule) -> Rule | None:
    db = store.db
    old = _same_place(db, rule)
    if old is not None:
        db.execute("DELETE FROM entity_rules WHERE id = ?", [old.id])
    db.execute(
        "INSERT INTO entity_rules (text, label, doc_id, start, [end], annotator, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [rule.text, rule.label, rule.doc_id, rule.start, rule.end,
         rule.annotator, rule.created_at or utc_now()],
    )  # fmt: skip
    return old


def _stale(store: Store, changed: Iterable[Rule | None]) -> None:
    """The index of names counts again, when next read, every article these rules can
    touch: a span rule's, and those the search index finds for a rule's text as a phrase
    (a superset of where it appears as whole words)."""
    found: set[str] = set()
    for rule in filter(None, changed):
        if rule.doc_id is not None:
            found.add(rule.doc_id)
        elif not any(c.isalnum() for c in rule.text):  # no word to search by: all of them
            found.update(store.document_ids())
        else:
            phrase = '"' + rule.text.replace('"', '""') + '"'
            rows = store.db.execute(
                "SELECT id FROM documents WHERE rowid IN "
                "(SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)",
                [phrase],
            )
            found.update(doc_id for (doc_id,) in rows)
    name_rows.mark_stale(store.db, found)


def _same_place(db, rule: Rule) -> Rule | None:
    if rule.doc_id is None:
        where, params = "doc_id IS NULL AND text = ?", [rule.text]
    else:
        where, params = (
            "doc_id = ? AND start = ? AND [end] = ?",
            [rule.doc_id, rule.start, rule.end],
        )
    row = db.execute(f"SELECT {_COLUMNS} FROM entity_rules WHERE {where}", params).fetchone()
    return _rule(row) if row else None


def forget(store: Store, rule: Rule) -> bool:
    """Remove the rule for ``rule``'s text (or span): the model's entities show again."""
    with store.transaction() as db:
        old = _same_place(db, rule)
        if old is not None:
            db.execute("DELETE FROM entity_rules WHERE id = ?", [old.id])
            _stale(store, [old])
    return old is not None


def rule_at(store: Store, doc_id: str, start: int, end: int, text: str) -> Rule | None:
    """The rule that decides the entity ``text`` at ``start``-``end`` of ``doc_id``."""
    here = _same_place(store.db, Rule(text, None, doc_id, start, end))
    return here or _same_place(store.db, Rule(text, None))


class Overlay:
    """The rules, arranged to correct one document's entities at a time."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.everywhere: dict[str, str | None] = {}
        self.here: dict[str, list[Rule]] = {}
        for rule in rules:
            if rule.doc_id is None:
                self.everywhere[rule.text] = rule.label
            else:
                self.here.setdefault(rule.doc_id, []).append(rule)
        adding = sorted((t for t, label in self.everywhere.items() if label), key=len, reverse=True)
        self._adding = (
            re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, adding)) + r")(?!\w)")
            if adding
            else None
        )

    def __bool__(self) -> bool:
        return bool(self.everywhere or self.here)

    @property
    def reads_text(self) -> bool:
        """Whether ``apply`` reads the document's text (a label rule everywhere may add)."""
        return self._adding is not None

    def apply(
        self, doc_id: str, entities: Sequence[Entity], text: Callable[[], str]
    ) -> tuple[Entity, ...]:
        """``entities`` as corrected; ``text()`` (the document's) is read only when a rule
        everywhere may add entities the model missed."""
        here = self.here.get(doc_id, ())
        if not self.everywhere and not here:
            return tuple(entities)
        kept = []
        for entity in entities:
            label = self.everywhere.get(entity.text, entity.label)
            if label:
                kept.append(entity if label == entity.label else replace(entity, label=label))
        if self._adding is not None:
            kept = self._with_rule_texts(kept, text())
        for rule in here:
            kept = [e for e in kept if e.end <= rule.start or e.start >= rule.end]
            if rule.label:
                kept.append(Entity(rule.start, rule.end, rule.label, rule.text))
        return tuple(sorted(kept, key=lambda e: (e.start, e.end)))

    def _with_rule_texts(self, entities: list[Entity], text: str) -> list[Entity]:
        """Each whole-word occurrence of a label rule's text made an entity, unless an
        entity reaches beyond it (Kyiv in "Kyiv Oblast" stays the bigger one's); the
        model's pieces of it ("Yury" an ORG, "Ushakov" a PERSON) give way to the whole."""
        entities = sorted(entities, key=lambda e: e.start)  # they never overlap
        starts = [e.start for e in entities]
        dropped: set[int] = set()
        added = []
        for match in self._adding.finditer(text):
            start, end = match.span()
            low = bisect_right(starts, start) - 1
            if low < 0 or entities[low].end <= start:
                low += 1
            touching = range(low, bisect_left(starts, end))
            if any(entities[i].start < start or entities[i].end > end for i in touching):
                continue
            dropped.update(touching)
            added.append(Entity(start, end, self.everywhere[match.group()], match.group()))
        return [e for i, e in enumerate(entities) if i not in dropped] + added


def overlay(store: Store) -> Overlay:
    return Overlay(rules(store))


# ---- export, import, spaCy patterns ----
def as_json(rule: Rule) -> str:
    fields = {k: v for k, v in asdict(rule).items() if k != "id"}
    return json.dumps(fields, ensure_ascii=False)


def read_rules(store: Store, lines: Iterable[str], source: str) -> list[Rule]:
    """Rules from JSON lines (``as_json``), every one checked: UserError naming the line."""
    found = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{source}, line {number}"
        try:
            fields = json.loads(line)
            rule = Rule(**{k: fields[k] for k in fields if k not in ("id", "scope")})
        except (ValueError, TypeError) as error:
            raise UserError(f"{where}: not a correction ({str(error)[:80]})") from None
        found.append(_checked(store, rule, where))
    return found


def _checked(store: Store, rule: Rule, where: str) -> Rule:
    if not isinstance(rule.text, str) or not rule.text.strip():
        raise UserError(f"{where}: a correction needs the text it corrects")
    try:
        label = check_label(str(rule.label)) if rule.label is not None else None
    except UserError as error:
        raise UserError(f"{where}: {error}") from None
    if rule.doc_id is not None:
        document = store.document(rule.doc_id)
        if document is None:
            raise UserError(f"{where}: no stored document {str(rule.doc_id)[:80]!r}")
        if not (isinstance(rule.start, int) and isinstance(rule.end, int)) or (
            document.text[rule.start : rule.end] != rule.text or rule.start < 0
        ):
            raise UserError(f"{where}: {rule.text[:40]!r} is not at {rule.start}-{rule.end}")
    return replace(rule, label=label)


def import_rules(store: Store, rules: Sequence[Rule]) -> int:
    """Store checked rules in one transaction (each replacing its text's or span's)."""
    with store.transaction():
        replaced = [_store(store, rule) for rule in rules]
        _stale(store, [*rules, *replaced])
    return len(rules)


def patterns(rules: Iterable[Rule]) -> tuple[list[dict], int]:
    """The rules everywhere with a label, as spaCy ``EntityRuler`` patterns (JSON lines for
    ``ruler.from_disk``), and how many rules a pattern cannot say (removals, single spans)."""
    found, skipped = [], 0
    for rule in rules:
        if rule.doc_id is None and rule.label:
            found.append({"label": rule.label, "pattern": rule.text})
        else:
            skipped += 1
    return found, skipped
