"""The store's label set: its SQL, and the rules of ``labels.checked`` applied to it.

Held by the store as ``store.labels``: ``store.labels()`` lists the set, and each
change is one transaction that also moves the annotations that carry the label.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from newsgloss.annotations.connection import StoreError
from newsgloss.annotations.labels import Label, LabelError, checked, label_name, spare_colour
from newsgloss.annotations.model import utc_now

if TYPE_CHECKING:
    from contextlib import AbstractContextManager
    from pathlib import Path

    from sqlite_utils import Database


class LabelSet:
    def __init__(
        self,
        db: Database,
        transaction: Callable[[], AbstractContextManager[Database]],
        path: Path,
    ) -> None:
        """``transaction``: the store's write transaction (``Store.transaction``);
        ``path``: the store file, named when its labels are damaged."""
        self.db, self.transaction, self.path = db, transaction, path

    def __call__(self) -> list[Label]:
        """The label set, in the reader's order."""
        rows = self.db.execute(
            "SELECT name, key, colour, description FROM labels ORDER BY position, name"
        )
        labels = [Label(*row) for row in rows]
        if any(not isinstance(label.name, str) or not label.name for label in labels):
            raise StoreError(
                f"{self.path}: a damaged store (a label without a name); "
                f"sqlite3 {self.path} .recover may save what is left"
            )
        return labels

    def counts(self) -> dict[str, int]:
        """How many annotations carry each label of the set (and any label outside it)."""
        counts = {label.name: 0 for label in self()}
        for name, count in self.db.execute(
            "SELECT label, count(*) FROM annotations GROUP BY label"
        ):
            counts[name] = count
        return counts

    def replace(self, labels: Iterable[Label]) -> None:
        """Replace the label set (a new store's, from the configuration); every label
        already in use stays in it."""
        chosen: list[Label] = []
        for label in labels:
            chosen.append(checked(label, chosen))
        with self.transaction():
            used = [row[0] for row in self.db.execute("SELECT DISTINCT label FROM annotations")]
            for name in used:
                if all(label.name != name for label in chosen):
                    chosen.append(Label(name, "", spare_colour(chosen)))
            self.db.execute("DELETE FROM labels")
            self._insert_labels(chosen, 0)

    def add(self, label: Label, reserved: Mapping[str, str] | None = None) -> Label:
        """Add a label at the end of the set; LabelError if its name, key or colour cannot be."""
        with self.transaction():
            label = checked(label, self(), reserved)
            self._insert_labels([label], self._next_position())
        return label

    def add_missing(self, names: Iterable[str]) -> list[str]:
        """Add the labels of ``names`` the set lacks (an import's), with spare colours."""
        with self.transaction():
            labels = self()
            known = {label.name for label in labels}
            added = []
            for name in dict.fromkeys(names):
                if name not in known:
                    labels.append(Label(name, "", spare_colour(labels)))
                    known.add(name)
                    added.append(labels[-1])
            self._insert_labels(added, self._next_position())
        return [label.name for label in added]

    def _next_position(self) -> int:
        return self.db.execute("SELECT coalesce(max(position) + 1, 0) FROM labels").fetchone()[0]

    def _insert_labels(self, labels: list[Label], first: int) -> None:
        self.db.conn.executemany(
            "INSERT INTO labels (name, key, colour, description, position) VALUES (?, ?, ?, ?, ?)",
            [(x.name, x.key, x.colour, x.description, first + i) for i, x in enumerate(labels)],
        )

    def get(self, name: str) -> Label:
        """The label of the set called ``name`` (any case); LabelError naming the set if none."""
        labels = self()
        wanted = label_name(name).casefold()
        for label in labels:
            if label.name.casefold() == wanted:
                return label
        have = ", ".join(label.name for label in labels) or "none"
        raise LabelError(f"no label {name!r} (the labels: {have})")

    def edit(
        self,
        name: str,
        *,
        key: str | None = None,
        colour: str | None = None,
        description: str | None = None,
        reserved: Mapping[str, str] | None = None,
    ) -> Label:
        """Change a label's key, colour or description (None: as it is)."""
        with self.transaction():
            label = self.get(name)
            others = [other for other in self() if other.name != label.name]
            changed = Label(
                label.name,
                label.key if key is None else key,
                label.colour if colour is None else colour,
                label.description if description is None else description,
            )
            changed = checked(changed, others, reserved)
            self.db.execute(
                "UPDATE labels SET key = ?, colour = ?, description = ? WHERE name = ?",
                [changed.key, changed.colour, changed.description, label.name],
            )
        return changed

    def rename(self, old: str, new: str) -> Label:
        """Rename a label and every annotation that carries it, in one transaction."""
        with self.transaction():
            label = self.get(old)
            new = label_name(new)
            others = [other for other in self() if other.name != label.name]
            renamed = checked(Label(new, label.key, label.colour, label.description), others)
            self.db.execute("UPDATE labels SET name = ? WHERE name = ?", [new, label.name])
            self._relabel(label.name, new)
        return renamed

    def merge(self, source: str, target: str) -> tuple[int, int]:
        """Move every annotation of ``source`` to ``target`` and drop ``source`` from the set,
        in one transaction. A span that has both keeps one tag, ``target``'s. Returns how
        many moved and how many were such doubles."""
        with self.transaction():
            a, b = self.get(source), self.get(target)
            if a.name == b.name:
                raise LabelError(f"{a.name}: a label cannot be merged into itself")
            doubles = self.db.execute(
                "DELETE FROM annotations AS a WHERE label = ? AND EXISTS (SELECT 1 FROM "
                "annotations b WHERE b.doc_id = a.doc_id AND b.start = a.start "
                "AND b.[end] = a.[end] AND b.label = ?)",
                [a.name, b.name],
            ).rowcount
            moved = self._relabel(a.name, b.name)
            self.db.execute("DELETE FROM labels WHERE name = ?", [a.name])
        return moved, doubles

    def remove(self, name: str, *, force: bool = False) -> int:
        """Remove a label from the set; refused while annotations carry it, unless ``force``,
        which deletes them too. Returns how many annotations were deleted."""
        with self.transaction():
            label = self.get(name)
            used = self.db["annotations"].count_where("label = ?", [label.name])
            if used and not force:
                raise LabelError(
                    f"{label.name}: {used} annotation{'s carry' if used != 1 else ' carries'} it "
                    "(merge it into another label, or remove it with --force to delete them)"
                )
            self.db.execute("DELETE FROM annotations WHERE label = ?", [label.name])
            self.db.execute("DELETE FROM labels WHERE name = ?", [label.name])
        return used

    def _relabel(self, old: str, new: str) -> int:
        return self.db.execute(
            "UPDATE annotations SET label = ?, updated_at = ? WHERE label = ?",
            [new, utc_now(), old],
        ).rowcount
