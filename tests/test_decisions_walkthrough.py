"""A fact-checker's decisions on the loose rewrite pair, end to end in a real terminal
with the installed ``newsgloss``: two suggestions confirmed and one rejected with ``L``,
a claim copied to the one counterpart left ticked, the discrepancies scanned with ``!``,
and every decision there after quitting, in the store, in ``newsgloss align`` and in the
reader opened again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from terminal import NEWSGLOSS, Terminal, newsgloss

from newsgloss.annotations import Store, api
from newsgloss.corpus import sample_paths


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_confirm_reject_copy_scan_and_find_it_all_kept(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    loose = [str(p) for p in sample_paths()[:2]]  # 000 and 001: one statement told twice
    added = newsgloss(db, "add", *loose)
    assert added.returncode == 0, added.stderr
    with Store.open(db) as store:
        a, b = store.document_ids()[:2]
        by_title = {store.document(d).text[:6]: d for d in (a, b)}
    first, second = by_title["MOSCOW"], by_title["Moscow"]
    env = {"TERM": "xterm-256color", "HOME": str(tmp_path)}

    term = Terminal([NEWSGLOSS, "--db", str(db), *loose], env, size=(120, 36))
    try:
        # the lead sums up three sentences of the other: each linked ``related``, lit at once
        term.wait_for("3 counterparts")
        term.press("L")  # the lead's links and candidates in the other pane, best first
        term.wait_for("~ related")
        term.press("Enter")  # confirm the best
        term.wait_for("✓ confirmed")
        term.press("Down", "Down", "Enter")  # and the third ("The Russian President noted…")
        term.press("Up", "x")  # reject the second
        screen = term.wait_for("✗ rejected")
        assert screen.count("✓ confirmed") == 2, screen
        term.press("Escape")
        term.wait_for("2 counterparts")

        term.press("c")  # the lead is a claim
        term.wait_for(" claim ")
        term.press("C")
        term.wait_for("Claims: 1 of 1")
        term.press("y")  # which counterparts receive the tag: both confirmed ticked
        screen = term.wait_for("Copy the claim's tags to")
        assert screen.count("▐X▌ claim (confirmed)") == 2, screen
        term.press("Down", "Space")  # untick the second
        term.press("y")
        term.wait_for("Tagged 1 counterpart passage claim")
        term.press("Escape")
        term.wait_gone("Claims: 1 of 1")

        term.wait_for("differs: Kremlin / President")  # the lead: another speaker there
        term.press("!")  # none further in this pane: the other's, opposite
        term.wait_for("differs: President / Kremlin")
        term.press("q")
        term.wait_until_closed()
    finally:
        term.close()

    with Store.open(db) as store:  # every decision kept after quitting
        decided = sorted(d for *_, d in api.decisions_between(store, first, second))
        tags = {(t.doc_id, t.label) for t in store.annotations()}
    assert decided == ["confirmed", "confirmed", "rejected"]
    assert tags == {(first, "claim"), (second, "claim")}  # the one ticked counterpart
    aligned = newsgloss(db, "align", first[7:19], second[7:19])
    assert aligned.returncode == 0, aligned.stderr
    assert [line.split("\t")[-1] for line in aligned.stdout.splitlines()].count("confirmed") == 2

    term = Terminal([NEWSGLOSS, "--db", str(db), *loose], env, size=(120, 36))
    try:  # the reader opened again: the decisions are there, and what was rejected
        term.wait_for("2 counterparts")  # the lead: its rejected counterpart gone
        term.press("L")
        screen = term.wait_for("✗ rejected")
        assert screen.count("✓ confirmed") == 2, screen
    finally:
        term.close()
