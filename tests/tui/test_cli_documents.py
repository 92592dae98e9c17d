"""``docs`` and ``meta``: what an article is cited by, listed, shown and corrected, and
carried by the ``documents`` export and import."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import runner_for
from sqlite_utils import Database

from newsgloss.annotations.schema import MIGRATIONS
from newsgloss.annotations.store import Store

PAGES = Path(__file__).parents[1] / "data" / "pages"


def test_docs_lists_date_and_outlet_and_json_for_scripts(run) -> None:
    assert run("add", "--no-analysis", str(PAGES / "daily.html")).exit_code == 0
    (line,) = run("docs").stdout.splitlines()
    assert line.split("\t")[1:] == ["0", "2025-02-03", "The Daily Example", "Floods close schools"]
    (record,) = map(json.loads, run("docs", "--json").stdout.splitlines())
    assert record["outlet"] == "The Daily Example" and record["authors"] == ["Priya Nair"]
    assert record["url"] == "https://daily.example.com/news/floods-close-schools"
    assert record["published"] == "2025-02-03" and record["language"] == "en"


def test_meta_shows_corrects_and_clears_and_refuses_what_cannot_be_read(run) -> None:
    run("add", "--no-analysis", str(PAGES / "daily.html"))
    short = run("docs").stdout.split("\t")[0]
    changed = run("meta", short, "--title", "Schools shut by floods", "--outlet", "Daily",
                  "--published", "2025-02-04T09:00:00Z",
                  "--author", "Ann", "--author", "Bo")  # fmt: skip
    assert changed.exit_code == 0
    fields = dict(line.split("\t", 1) for line in changed.stdout.splitlines())
    assert fields["title"] == "Schools shut by floods" and fields["outlet"] == "Daily"
    assert fields["published"] == "2025-02-04" and fields["authors"] == "Ann; Bo"
    assert fields["language"] == "en"  # not given: kept
    cleared = json.loads(run("meta", short, "--outlet", "", "--author", "", "--json").stdout)
    assert cleared["outlet"] is None and cleared["authors"] == []
    assert cleared["title"] == "Schools shut by floods"
    bad = run("meta", short, "--published", "last Tuesday")
    assert bad.exit_code == 1 and bad.stderr.startswith('Error: "published" is not a date')
    assert json.loads(run("meta", short, "--json").stdout)["published"] == "2025-02-04"
    assert "Schools shut by floods" in run("docs").stdout


def test_documents_export_and_import_carry_metadata_same_bytes(run, tmp_path: Path) -> None:
    run("add", "--no-analysis", str(PAGES / "daily.html"), str(PAGES / "cyrillic-1251.html"))
    short = run("docs").stdout.split("\t")[0]
    run("meta", short, "--author", "Ann", "--author", "Bo", "--outlet", "")  # cleared stays so
    first = tmp_path / "first.jsonl"
    assert run("export", "--format", "documents", "-o", str(first)).exit_code == 0
    other = runner_for(tmp_path / "other.db")
    assert other("import", str(first)).exit_code == 0
    second = tmp_path / "second.jsonl"
    other("export", "--format", "documents", "-o", str(second))
    assert second.read_bytes() == first.read_bytes()
    assert '"authors": ["Ann", "Bo"]' in first.read_text()


def test_a_store_from_before_metadata_keeps_working(tmp_path: Path, sample_documents) -> None:
    path = tmp_path / "v5.db"
    document = sample_documents[0]
    with Database(path) as db:  # a store as schema version 5 wrote it
        for step in MIGRATIONS[:5]:
            step(db)
        db["meta"].insert({"key": "schema_version", "value": "5"})
        db["documents"].insert(
            {"id": document.id, "title": document.title, "source": document.source,
             "text": document.text, "added_at": "2026-01-01T00:00:00.000Z"}
        )  # fmt: skip
    run = runner_for(path)
    assert run("docs").stdout.split("\t")[1:4] == ["0", "", ""]
    assert run("meta", document.short_id, "--outlet", "Wire").exit_code == 0
    with Store.open(path) as store:
        assert store.document(document.id).meta.outlet == "Wire"
