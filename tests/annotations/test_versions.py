"""An updated article keeps its tags: a newer version carries them, the ones it cannot
place stay, orphaned, on the older version, and everything says so."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import runner_for

from newsgloss.annotations import Annotation, Store, api
from newsgloss.annotations.versions import predecessor
from newsgloss.corpus import Document
from newsgloss.corpus.metadata import Metadata

OLD = (
    "Talks resume in Istanbul\n"
    "Yuri Ushakov said the talks would resume in Istanbul on Thursday.\n"
    "Markets in Moscow rose sharply on the news.\n"
    "Officials in Kyiv declined to comment on the draft.\n"
)
NEW = (  # a heading and a sentence rewritten, a sentence deleted
    "Talks resume in Istanbul (updated)\n"
    "Yuri Ushakov said on Tuesday the talks could resume in Istanbul on Thursday.\n"
    "Officials in Kyiv declined to comment on the draft.\n"
)
URL = Metadata(url="https://wire.example/talks")


def tagged(store: Store) -> tuple[Document, dict[str, Annotation]]:
    old = Document.from_text(OLD, source="https://wire.example/talks", meta=URL)
    store.add_documents([old])
    tags = {}
    for quote, label in (
        ("Yuri Ushakov said the talks would resume in Istanbul on Thursday.", "claim"),
        ("Markets in Moscow rose", "claim"),
        ("Officials in Kyiv declined to comment on the draft.", "attribution"),
    ):
        start = OLD.index(quote)
        tags[quote] = store.add_annotation(Annotation.create(old, start, start + len(quote), label))
    return old, tags


def test_a_newer_version_carries_what_it_can_and_orphans_the_rest(tmp_path: Path) -> None:
    with Store.open(tmp_path / "v.db") as store:
        old, tags = tagged(store)
        new = Document.from_text(NEW, meta=URL)
        assert predecessor(store, new) == old.id  # the same URL
        (report,) = api.carry_versions(store, [new])
        assert report.describe().endswith(
            "2 tags carried (1 changed), 1 could not be placed (kept on the old version)"
        )
        carried = {a.quote: a for a in store.annotations([new.id])}
        assert set(carried) == {
            "Officials in Kyiv declined to comment on the draft.",
            "Yuri Ushakov said on Tuesday the talks could resume in Istanbul on Thursday.",
        }
        changed = carried["Yuri Ushakov said on Tuesday the talks could resume in Istanbul on "
                           "Thursday."]  # fmt: skip
        assert changed.id == tags[OLD.splitlines()[1]].id  # the same tag, moved on
        statuses = api.anchor_statuses(store, new.id)
        assert statuses[changed.id] == ("changed", OLD.splitlines()[1])
        assert [a.quote for a in api.orphans(store, new.id)] == ["Markets in Moscow rose"]
        assert [a.quote for a in store.annotations([old.id])] == ["Markets in Moscow rose"]
        assert [d for d, _ in api.version_chain(store, old.id)] == [old.id, new.id]
        assert api.replaced_ids(store) == {old.id}
        # nothing replaces the newest; a third text replaces it, not the first
        third = Document.from_text(NEW + "Correction: the talks are on Friday.\n", meta=URL)
        (again,) = api.carry_versions(store, [third])
        assert (again.old_id, len(again.orphaned)) == (new.id, 0)
        assert [a.quote for a in api.orphans(store, third.id)] == ["Markets in Moscow rose"]


def test_a_jsonl_line_or_another_text_is_never_taken_for_a_version(tmp_path: Path) -> None:
    with Store.open(tmp_path / "v.db") as store:
        first = Document.from_text("One story.\n", source="corpus.jsonl:3")
        store.add_documents([first])
        other = Document.from_text("Another story.\n", source="corpus.jsonl:3")
        assert api.carry_versions(store, [other]) == []
        unrelated = Document.from_text("A third story.\n", source="elsewhere.txt")
        assert api.carry_versions(store, [unrelated]) == []


def test_add_replaces_versions_and_the_exports_say_where_each_tag_stands(
    tmp_path: Path,
) -> None:
    db = tmp_path / "v.db"
    with Store.open(db) as store:
        old, _ = tagged(store)
    run = runner_for(db)
    page = tmp_path / "talks.txt"
    page.write_text(NEW)
    added = run("add", "--no-analysis", "--replaces", old.short_id, str(page))
    assert added.exit_code == 0, added.output
    assert f"is a new version of {old.short_id}: 2 tags carried" in added.stderr
    new_id = Document.from_text(NEW).short_id
    listed = [line.split("\t") for line in run("versions", new_id).stdout.splitlines()]
    assert [(row[0], row[1], row[2]) for row in listed] == [
        (old.short_id, "first", "1"), (f"{new_id}*", listed[1][1], "2")
    ]  # fmt: skip
    statuses = {
        json.loads(line)["quote"][:12]: json.loads(line)["status"]
        for line in run("export").stdout.splitlines()
    }
    assert statuses == {"Markets in M": "orphaned", "Officials in": None,
                        "Yuri Ushakov": "changed"}  # fmt: skip
    first = tmp_path / "documents.jsonl"
    run("export", "--format", "documents", "-o", str(first))
    other = runner_for(tmp_path / "other.db")
    assert other("import", str(first)).exit_code == 0
    second = tmp_path / "again.jsonl"
    other("export", "--format", "documents", "-o", str(second))
    assert second.read_bytes() == first.read_bytes()  # versions and statuses too
    refused = run("add", "--no-analysis", "--replaces", old.short_id, str(page), str(page) + "x")
    assert refused.exit_code == 1
    unknown = run("add", "--no-analysis", "--replaces", "ffffffff", str(page))
    assert unknown.exit_code == 1 and "ffffffff" in unknown.stderr
