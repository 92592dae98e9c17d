"""The last holes for hostile input (issue 18, item 8): where an export may write, a
config file that is no file, a label renamed while a tag waits for the write lock, names
and text printed through the one sanitiser, damaged and read-only stores, and a
worksheet whose notes are text, never markup."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from conftest import runner_for

from newsgloss.annotations import Store, api
from newsgloss.annotations.claims import Claim, Passage, markdown
from newsgloss.annotations.model import Annotation
from newsgloss.corpus import Document, UserError


def one_error_line(result, *needles: str) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("Error: "), result.stderr
    for needle in needles:
        assert needle in result.stderr, result.stderr
    return result.stderr


@pytest.fixture
def tagged(run, db_path, sample_documents) -> Path:
    run("add", "--no-analysis")
    with Store.open(db_path) as store:
        store.add_annotation(Annotation.create(sample_documents[0], 0, 9, "claim"))
    return db_path


# ---- where an export writes ----
def test_export_through_a_symlink_writes_its_target_and_keeps_the_link(tagged, run, tmp_path):
    target = tmp_path / "elsewhere" / "real.jsonl"
    target.parent.mkdir()
    target.write_text("old\n")
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    assert run("export", "--output", str(link)).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text().count('"label": "claim"') == 1
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".")]  # no temporary


def test_export_to_a_fifo_streams_into_it(tagged, run, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    assert run("export", "--output", str(fifo)).exit_code == 0
    reader.join(timeout=30)
    assert fifo.is_fifo() and received and '"label": "claim"' in received[0]


def test_export_to_a_character_device_leaves_the_device(tagged, run):
    assert run("export", "--output", "/dev/null").exit_code == 0
    assert Path("/dev/null").is_char_device()


def test_export_to_a_folder_is_refused(tagged, run, tmp_path):
    result = run("export", "--output", str(tmp_path))
    assert result.exit_code == 1 and f"{tmp_path}: cannot write (a folder)" in result.output
    with pytest.raises(UserError, match="a folder"), Store.open(tagged) as store:
        api.export(store, "annotations", tmp_path)


# ---- a config file that is no file ----
def test_a_config_that_is_a_fifo_a_device_or_too_deep_is_one_line(run, tmp_path, monkeypatch):
    fifo = tmp_path / "config-fifo.toml"
    os.mkfifo(fifo)
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    huge = tmp_path / "huge.toml"
    huge.write_text("# " + "x" * (2 * 1024 * 1024) + "\n")
    for path, problem in [
        (fifo, "named pipe"),
        (Path("/dev/zero"), "device"),
        (deep, "nested too deeply"),
        (huge, "too large"),
    ]:
        monkeypatch.setenv("NEWSGLOSS_CONFIG", str(path))
        started = time.monotonic()
        one_error_line(run("docs"), str(path), problem)
        assert time.monotonic() - started < 10  # never waits for a writer


# ---- the label a tag takes is read under the write lock ----
def test_a_label_renamed_while_a_tag_waits_for_the_lock(db_path, sample_documents):
    document = sample_documents[0]
    with Store.open(db_path) as store:
        store.add_documents([document])
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process renames claim, holding the lock
    other.execute("UPDATE labels SET name = 'assertion' WHERE name = 'claim'")
    outcome = []

    def tag() -> None:
        with Store.open(db_path) as store:
            try:
                outcome.append(api.Tagging(store, "ana").tag(document, 0, 9, "claim"))
            except UserError as error:
                outcome.append(error)

    tagger = threading.Thread(target=tag)
    tagger.start()
    time.sleep(0.5)  # the tagger is now waiting for the write lock (no event says so)
    other.execute("COMMIT")
    other.close()
    tagger.join(timeout=30)
    assert isinstance(outcome[0], UserError) and "no label 'claim'" in str(outcome[0])
    with Store.open(db_path) as store:
        names = {label.name for label in store.labels()}
        assert all(a.label in names for a in store.annotations())


# ---- printed through the one sanitiser ----
def test_import_names_its_file_sanitised(run, tmp_path, tagged):
    source = tmp_path / "export.jsonl"
    assert run("export", "--output", str(source)).exit_code == 0
    hostile = tmp_path / "in\x1b]0;pwned\x07\u202egol.jsonl"
    source.rename(hostile)
    result = run("import", str(hostile))
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\u202e" not in result.output
    assert "\\x1b]0;pwned\\x07\\u202egol.jsonl" in result.stdout


def test_sentences_and_entities_escape_bidi_controls(run, tmp_path):
    article = tmp_path / "bidi.txt"
    article.write_text("Vladimir Pu\u200etin met Donald Trump in Moscow on Monday.\n")
    run("add", "--no-analysis", str(article))
    for args in (["sentences", str(article)], ["entities", str(article)]):
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert "\u200e" not in result.stdout and "\\u200e" in result.stdout, result.stdout


# ---- damaged and read-only stores ----
def test_a_label_without_a_name_is_a_damaged_store(run, db_path):
    run("add", "--no-analysis")
    connection = sqlite3.connect(db_path)
    connection.execute("PRAGMA writable_schema = ON")  # what a damaged file may hold
    connection.execute("UPDATE labels SET name = NULL WHERE name = 'claim'")
    connection.commit()
    connection.close()
    one_error_line(run("labels"), "a damaged store (a label without a name)", ".recover")


def test_a_damaged_store_in_rollback_mode_is_not_switched_to_wal(run, db_path, tmp_path):
    run("add", "--no-analysis")
    connection = sqlite3.connect(db_path)
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.close()
    data = bytearray(db_path.read_bytes())
    data[4096 * 3 : 4096 * 3 + 600] = b"\xa5" * 600  # a page in the middle ruined
    db_path.write_bytes(bytes(data))
    for args in (["add", "--no-analysis"], ["docs"]):
        one_error_line(run(*args), "a damaged store")
        assert db_path.read_bytes() == bytes(data)  # the header says rollback still


def test_commands_that_only_read_change_nothing(run, db_path):
    run("add", "--no-analysis")
    connection = sqlite3.connect(db_path)
    connection.execute("PRAGMA journal_mode = DELETE")  # a writer would switch it to WAL
    connection.close()
    before, stamp = db_path.read_bytes(), db_path.stat().st_mtime_ns
    for args in (["docs"], ["export"], ["labels"]):
        assert run(*args).exit_code == 0
    assert db_path.read_bytes() == before and db_path.stat().st_mtime_ns == stamp
    assert not list(db_path.parent.glob("*-wal"))


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("setpriv") is None, reason="as root")
def test_a_store_in_a_read_only_folder_is_read_by_a_user_who_cannot_write_it():
    """As root nothing is read-only: the commands run as nobody, who may only read."""
    folder = Path(tempfile.mkdtemp(prefix="newsgloss-ro-"))  # pytest's tmp_path is root's alone
    try:
        db = folder / "store" / "s.db"
        runner_for(db)("add", "--no-analysis")
        for stale in db.parent.glob("*-*"):  # the folder as a reader finds it: no WAL files
            stale.unlink()
        for path in (folder, db.parent):
            path.chmod(0o755)
        db.chmod(0o644)
        nobody = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
        newsgloss = [*nobody, sys.executable, "-m", "newsgloss.tui.cli"]
        env = {**os.environ, "HOME": str(folder), "NEWSGLOSS_CONFIG": str(folder / "none.toml")}
        run_as = {"capture_output": True, "text": True, "timeout": 60, "env": env, "cwd": folder}
        probe = subprocess.run([*newsgloss, "--version"], **run_as)
        if probe.returncode != 0:  # the environment lives in a folder only root may read
            pytest.skip(f"nobody cannot run this newsgloss: {probe.stderr.strip()[-200:]}")
        for command in ("docs", "export", "labels"):
            result = subprocess.run([*newsgloss, "--db", str(db), command], **run_as)
            assert result.returncode == 0, result.stderr
        assert sorted(p.name for p in db.parent.iterdir()) == ["s.db"]
    finally:
        shutil.rmtree(folder)


# ---- the worksheet ----
def test_the_worksheet_escapes_html_links_and_images_in_notes_and_titles():
    document = Document.from_text("Putin said so.\n", title="<script>alert(1)</script>")
    note = 'see ![x](https://evil.example/p.png) <img src=x onerror="y"> [l](u) | ok'
    tag = Annotation.create(document, 0, 14, "claim", note=note)
    passage = Passage(document.id, document.title, 0, 14, "Putin said so.", [tag])
    sheet = "\n".join(markdown([Claim([passage])]))
    from markdown_it import MarkdownIt  # rendered as a reader's viewer would, HTML allowed

    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(sheet)
    assert "<td>" in html  # the table is still a table
    for element in ("<script", "<img", "<a "):
        assert element not in html, html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "| ok" in html
