"""Issue 21's new user, end to end in a real terminal with the installed ``newsgloss``:
Kyiv fixed to GPE everywhere with ``R``, and the model's "Yury" (ORG) "Ushakov" (PERSON)
made one person; the names browsed with Yury and Yuri Ushakov merged, and the two
spellings of Arakhamia, and a mention opened; the corpus searched and a hit opened and tagged,
every tag listed with ``T``; then the fix still there after ``newsgloss analyze --again``,
and the tagged article removed with its tags backed up and imported back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from terminal import NEWSGLOSS, Terminal, newsgloss

from newsgloss.annotations import Store
from newsgloss.corpus import sample_paths


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_search_names_correct_tags_and_remove(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    samples = [str(p) for p in sample_paths()]
    added = newsgloss(db, "add", *samples)
    assert added.returncode == 0, added.stderr
    env = {"TERM": "xterm-256color", "HOME": str(tmp_path)}
    istanbul = samples[3]  # "Istanbul Talks Revisited": Kyiv is a PERSON there

    term = Terminal([NEWSGLOSS, "--db", str(db), istanbul], env, size=(120, 36))
    try:
        term.wait_for("■ PERSON")  # the store open and the cached analysis shown
        term.press("/")
        term.wait_for("Find (enter; escape closes)")  # keys typed before it go to the pane
        term.press(*"Kyiv", "Enter")
        term.wait_for("match 1 of 3   PERSON  Kyiv")
        term.press("R")
        term.wait_for("'Kyiv' is PERSON: correct it to")
        term.press("Down", "Enter")  # ORG, GPE
        term.wait_for("'Kyiv' is GPE everywhere")
        term.wait_for("GPE  Kyiv")  # the status line: the entity under the cursor
        term.press("/")  # the model's "Yury" ORG, "Ushakov" PERSON
        term.wait_for("Find (enter; escape closes)")
        term.press(*"Yury Ushakov", "Enter")
        term.wait_for("match 1 of 1")
        term.press("v", "w", "w")  # the two words selected (and the space after them)
        term.wait_for("selecting 13")
        term.press("R")  # made one entity, everywhere
        term.wait_for("Make 'Yury Ushakov' an entity:")
        term.press("Enter")  # PERSON, the first
        term.wait_for("'Yury Ushakov' is PERSON everywhere")

        term.press("E")
        term.wait_for("Names · label: any")
        term.press(*"ushakov")  # the two spellings merged, across the articles
        term.wait_for("Yury Ushakov  PERSON  3 mentions in 3 articles  also Yuri Ushakov")
        term.press(*["BSpace"] * len("ushakov"))
        term.wait_for("part of a name")  # the query empty again
        term.press(*"arakh")
        term.wait_for("David Arakhamia  PERSON  3 mentions in 3 articles  also Davyd Arakhamia")
        term.press("Enter")
        term.wait_for("3 mentions in 3 articles · enter opens")
        term.press("Down", "Enter")
        term.wait_for("PERSON  David Arakhamia")  # opened, the cursor on the mention

        term.press("F")
        term.wait_for("Search every article")
        term.press(*"Ushakov")
        term.wait_for("3 articles match")
        term.press("Enter")
        term.wait_gone("Search every article")
        term.wait_for("PERSON  Yuri Ushakov")  # the first hit's article, the cursor on it
        term.press("c")  # the sentence at the hit is a claim
        term.wait_for(" claim ")
        term.press("T")
        term.wait_for("Tags · label: any")
        screen = term.wait_for("claim")
        assert "Ushakov" in screen
        term.press("Escape")  # alone: escape then q at once would be alt+q
        term.wait_gone("Tags · label: any")
        term.press("q")
        term.wait_until_closed()
    finally:
        term.close()

    with Store.open(db) as store:
        (tag,) = store.annotations()
    assert "Ushakov" in tag.quote
    again = newsgloss(db, "analyze", "--again")
    assert again.returncode == 0 and "Analysed 5 documents" in again.stdout, again.stderr
    rows = [line.split("\t") for line in newsgloss(db, "entities").stdout.splitlines()]
    assert {label for *_, label, text in rows if text == "Kyiv"} == {"GPE"}

    removed = newsgloss(db, "rm", tag.doc_id[7:19], "--with-tags")
    assert removed.returncode == 0, removed.stderr
    (backup,) = tmp_path.glob("desk-removed-*.jsonl")
    assert str(backup) in removed.stderr
    assert newsgloss(db, "import", str(backup)).returncode == 0
    with Store.open(db) as store:
        assert [t.quote for t in store.annotations()] == [tag.quote]
