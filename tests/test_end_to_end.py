"""End to end: the installed ``newsgloss`` in a real terminal (tmux), read with capture-pane."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from terminal import Terminal

from newsgloss.annotations import Store

NEWSGLOSS = Path(sys.executable).with_name("newsgloss")
pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


@pytest.fixture
def terminal(tmp_path: Path):
    started: list[Terminal] = []

    def start(*args: str) -> Terminal:
        env = {"NEWSGLOSS_DB": str(tmp_path / "e2e.db"), "TERM": "xterm-256color"}
        started.append(Terminal([NEWSGLOSS, *args], env))
        return started[-1]

    yield start
    for term in started:
        term.close()


def test_newsgloss_reads_the_sample_corpus_in_a_real_terminal(terminal, tmp_path: Path) -> None:
    term = terminal("--db", str(tmp_path / "e2e.db"))  # options alone still open the reader
    screen = term.wait_for("Moscow, Russia – Russian President")  # the second pane
    assert "MOSCOW — Russian President Vladimir Putin" in screen
    screen = term.wait_for("■ GPE")  # the legend, once the analysis subprocess is done
    assert "Analysing" not in screen
    term.press("w", "w")
    term.wait_for("17/2110")  # the first pane's status line: the cursor's offset
    term.press("Tab", "/")
    term.press("Putin", "Enter")
    screen = term.wait_for("match 1 of")
    term.press("q")
    term.wait_until_closed()
    docs = subprocess.run(
        [NEWSGLOSS, "docs"],
        capture_output=True,
        text=True,
        env={**os.environ, "NEWSGLOSS_DB": str(tmp_path / "e2e.db")},
        timeout=60,
    )
    assert len(docs.stdout.splitlines()) == 5  # read stored the corpus


def test_tagging_in_both_panes_then_export(terminal, tmp_path: Path) -> None:
    db = tmp_path / "e2e.db"
    term = terminal("--db", str(db), "--annotator", "e2e")
    term.wait_for("■ GPE")  # sentences come from the analysis
    term.press("c")  # the first sentence of the left article
    term.wait_for("0/2110   claim ")  # the status line names the tag under the cursor
    term.press("Enter")
    term.wait_for("ctrl+s saves")
    term.press("-l", "needs a second source")
    term.press("C-s")
    term.wait_for("✎")
    term.press("Tab", ")", "a")  # the second sentence of the right article
    term.wait_for("/2085   attribution ")
    term.press("q")
    term.wait_until_closed()
    exported = subprocess.run(
        [NEWSGLOSS, "--db", str(db), "export"], capture_output=True, text=True, timeout=60
    )
    lines = [json.loads(line) for line in exported.stdout.splitlines()]
    assert sorted((line["label"], line["note"]) for line in lines) == [
        ("attribution", ""),
        ("claim", "needs a second source"),
    ]
    with Store.open(db) as store:
        for line in lines:
            text = store.document(line["doc_id"]).text
            assert line["quote"] == text[line["start"] : line["end"]]
            assert line["annotator"] == "e2e"
        assert {line["doc_id"] for line in lines} == {d.id for d in store.documents()[:2]}


def test_a_drawn_tag_survives_sigkill(terminal, tmp_path: Path) -> None:
    db = tmp_path / "kill.db"
    term = terminal("--db", str(db))
    term.wait_for("0/2110")
    term.press("v", "w", "w", "c")
    term.wait_for("0/2110   claim ")  # drawn: the status line names the tag under the cursor
    pid = term.tmux("list-panes", "-F", "#{pane_pid}").strip()
    reader = subprocess.run(
        ["pgrep", "-P", pid, "-f", "newsgloss"], capture_output=True, text=True
    ).stdout.split()
    assert reader, "the reader process was not found"
    for process in reader:
        os.kill(int(process), signal.SIGKILL)
    term.wait_until_closed()
    with Store.open(db) as store:
        assert [(a.start, a.end, a.label) for a in store.annotations()] == [(0, 16, "claim")]


def test_the_reader_comes_back_where_it_was_left_after_a_restart(
    terminal, no_user_config: Path
) -> None:
    no_user_config.parent.mkdir()
    no_user_config.write_text('[keymap]\ntag-undo = "z"\n')
    term = terminal()
    term.wait_for("0/2110")
    term.press("Tab", "G", "q")  # the second article, at its end; quit at once
    term.wait_until_closed()
    again = terminal()  # `newsgloss` with no path: the saved session
    screen = again.wait_for("100%  2085/2085")
    assert "z Undo" in screen and "u Undo" not in screen  # the config's keymap
    again.press("q")
    again.wait_until_closed()
    fresh = terminal("--fresh")
    screen = fresh.wait_for("0/2085")
    assert "2085/2085" not in screen


def test_a_store_filled_by_add_opens_its_own_articles_and_never_the_sample(
    terminal, tmp_path: Path
) -> None:
    """No session: the newest articles of the store, not the sample corpus (which is
    neither opened nor added); --fresh opens the samples in a store of their own."""
    db = tmp_path / "e2e.db"
    mine = [tmp_path / f"mine-{n}.txt" for n in range(3)]
    for n, path in enumerate(mine):
        path.write_text(f"Desk story {n}\nThe council met on Tuesday to discuss item {n}.\n")
    env = {**os.environ, "NEWSGLOSS_DB": str(db)}
    for path in mine:
        subprocess.run([NEWSGLOSS, "add", "--no-analysis", path], env=env, timeout=60, check=True)
    term = terminal()
    screen = term.wait_for("Desk story 2")
    assert "Desk story 0" in screen and "MOSCOW" not in screen
    term.press("q")
    term.wait_until_closed()
    with Store.open(db) as store:
        assert sorted(d.title for d in store.listing()) == [f"Desk story {n}" for n in range(3)]
    again = subprocess.run([NEWSGLOSS, "add"], env=env, capture_output=True, text=True, timeout=60)
    assert again.returncode == 1 and "only added to an empty store" in again.stderr
    fresh = terminal("--fresh")
    screen = fresh.wait_for("MOSCOW — Russian President")
    fresh.press("q")
    fresh.wait_until_closed()
    samples = tmp_path / "newsgloss-samples.db"
    with Store.open(samples) as store, Store.open(db) as own:
        assert len(list(store.listing())) == 5 and len(list(own.listing())) == 3
