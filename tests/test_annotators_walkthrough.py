"""Two annotators on one article, end to end with the installed ``newsgloss`` in a real
terminal: a colleague's tags come in as a W3C export of their own store, the reader's
compare view (``K``) shows both with the article's agreement figures, three
disagreements are adjudicated, ``newsgloss agreement`` scores an annotator against the
adjudication, and two claims rated with ``newsgloss verdict`` are published as
ClaimReview."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from terminal import NEWSGLOSS, Terminal, newsgloss

from newsgloss.annotations import Annotation, Store
from newsgloss.corpus import load_paths, sample_paths

SPANS = {  # (word, length, label) each annotator gave
    "ana": [("Putin", 5, "claim"), ("Istanbul", 20, "claim"), ("Ukraine", 7, "disputed")],
    "bo": [("Putin", 5, "claim"), ("Istanbul", 8, "claim"), ("Kremlin", 7, "attribution")],
}


def tag(db: Path, document, who: str) -> None:
    with Store.open(db) as store:
        store.add_documents([document])
        for word, length, label in SPANS[who]:
            start = document.text.index(word)
            store.add_annotation(Annotation.create(document, start, start + length, label,
                                                   annotator=who))  # fmt: skip


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_a_colleagues_tags_compared_adjudicated_scored_and_published(tmp_path: Path) -> None:
    path = sample_paths()[3]
    (document,) = load_paths([path]).documents
    desk, colleague = tmp_path / "desk.db", tmp_path / "colleague.db"
    tag(desk, document, "ana")
    tag(colleague, document, "bo")
    exported = newsgloss(colleague, "export", "--format", "w3c", "-o", str(tmp_path / "bo.jsonl"))
    assert exported.returncode == 0, exported.stderr
    imported = newsgloss(desk, "import", "--format", "w3c", str(tmp_path / "bo.jsonl"))
    assert imported.returncode == 0 and "3 new annotations" in imported.stdout, imported.stderr

    env = {"TERM": "xterm-256color", "HOME": str(tmp_path)}
    term = Terminal([NEWSGLOSS, "--db", str(desk), str(path)], env, size=(120, 36))
    try:
        term.wait_for("■ PERSON")  # the store is open, its cached analysis shown
        term.press("K")
        screen = term.wait_for("disagreements")
        assert "A ana against B bo" in screen and "3 disagreements" in screen
        assert "overlap F1 0.67" in screen and "u-alpha" in screen
        # The three disagreements in text order: Istanbul (A's 20 characters, B's 8),
        # Ukraine (A's only), Kremlin (B's only); the cursor starts on the first.
        istanbul, ukraine, kremlin = (document.text.index(w)
                                      for w in ("Istanbul", "Ukraine", "Kremlin"))  # fmt: skip
        regions = [(istanbul, istanbul + 20), (ukraine, ukraine + 7), (kremlin, kremlin + 7)]
        for keys, who, (start, end) in zip((["B"], ["d", "A"], ["d", "B"]), ("bo", "ana", "bo"),
                                           regions, strict=True):  # fmt: skip
            term.press(*keys)
            term.wait_for(f"accepted {who}'s version at {start}-{end}")
        term.press("Y")  # and the claim both gave Putin
        term.wait_for("accepted 1 agreed tag")
        term.press("Escape")
        term.wait_gone("disagreements")
        term.press("q")
        term.wait_until_closed()
    finally:
        term.close()
    with Store.open(desk) as store:
        adjudicated = sorted((t.quote, t.label) for t in store.annotations()
                             if t.annotator == "adjudicated")  # fmt: skip
    assert adjudicated == sorted([("Istanbul", "claim"), ("Ukraine", "disputed"),
                                  ("Kremlin", "attribution"), ("Putin", "claim")])  # fmt: skip
    scored = newsgloss(desk, "agreement", "--annotators", "ana", "adjudicated", "--json")
    assert scored.returncode == 0, scored.stderr
    overall = json.loads(scored.stdout.splitlines()[-1])
    assert overall["label"] == "" and overall["a_tags"] == 3 and overall["b_tags"] == 4
    assert overall["exact_recall"] == pytest.approx(2 / 3)  # Putin and Ukraine kept as ana had
    assert overall["overlap_recall"] == 1.0  # and her Istanbul, shortened

    doc = document.id[7:19]
    for word, rating in (("Putin", "mostly true"), ("Istanbul", "unproven")):
        start = document.text.index(word)
        rated = newsgloss(desk, "verdict", doc, str(start), str(start + 5), rating)
        assert rated.returncode == 0, rated.stderr
    published = newsgloss(desk, "export", "--format", "claimreview")
    assert published.returncode == 0, published.stderr
    reviews = [json.loads(line) for line in published.stdout.splitlines()]
    assert sorted(r["reviewRating"]["alternateName"] for r in reviews) == [
        "mostly true", "unproven"]  # fmt: skip
    assert all(r["@type"] == "ClaimReview" for r in reviews)
