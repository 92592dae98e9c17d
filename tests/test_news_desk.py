"""A fact-checker's desk, end to end with the installed ``newsgloss``: five saved pages
from different sites, two URLs and a feed from a server on 127.0.0.1, outlet, date and
author in the listing, the worksheet and a real terminal's panes, an updated page that
keeps its tags, and no sample article anywhere."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from http_server import serve
from terminal import NEWSGLOSS, Terminal, newsgloss

from newsgloss.annotations import Annotation, Store

SITES = Path(__file__).parent / "data" / "pages" / "sites"
TAGGED = "President Vladimir Putin has put forth the idea of reigniting discussions"


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_a_desk_of_real_news_from_pages_urls_and_a_feed(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    pages = sorted(SITES.glob("*.html"))
    added = newsgloss(db, "add", "--no-analysis", *map(str, pages))
    assert added.returncode == 0, added.stderr
    server, base = serve()
    try:
        fetched = newsgloss(db, "add", "--no-analysis", f"{base}/article", f"{base}/cyrillic",
                            "--feed", f"{base}/feed", "--limit", "2")  # fmt: skip
    finally:
        server.shutdown()
    assert fetched.returncode == 0, fetched.stderr
    listed = {row[4]: row for row in (line.split("\t") for line in
                                      newsgloss(db, "docs").stdout.splitlines())}  # fmt: skip
    assert len(listed) == 8  # the feed's first entry is the article fetched already
    outlets = {row[3] for row in listed.values()}
    assert {"The Morning Ledger", "Wire Service International", "dailybugle.example",
            "Statetimes", "Notes from the Newsroom", "The Daily Example"} <= outlets  # fmt: skip
    records = [json.loads(line) for line in newsgloss(db, "docs", "--json").stdout.splitlines()]
    assert not any((r["source"] or "").startswith("sample/") for r in records)
    by_url = {r["url"]: r for r in records}
    assert by_url[f"{base}/plain"]["published"] == "2025-02-05"  # from the feed entry
    assert by_url[f"{base}/plain"]["authors"] == ["Feed Writer 1"]

    statetimes = next(r for r in records if r["outlet"] == "Statetimes")
    with Store.open(db) as store:
        document = store.document(statetimes["doc_id"])
        start = document.text.index(TAGGED)
        store.add_annotation(Annotation.create(document, start, start + len(TAGGED), "claim"))
    sheet = newsgloss(db, "claims", "--format", "markdown").stdout
    assert "| Statetimes | 2025-05-14 | Istanbul Talks Revisited" in sheet
    assert "| Notes from the Newsroom | 2025-05-12 |" in sheet  # the same claim, elsewhere

    # An updated page: the tagged sentence corrected, another one gone.
    updated = tmp_path / "statetimes.html"
    page = (SITES / "statetimes.html").read_text(encoding="utf-8")
    updated.write_text(page.replace("reigniting discussions", "restarting discussions"))
    again = newsgloss(db, "add", "--no-analysis", str(updated))
    assert again.returncode == 0 and "is a new version of" in again.stderr, again.stderr
    assert "1 tag carried (1 changed)" in again.stderr
    (tag,) = [json.loads(line) for line in newsgloss(db, "export").stdout.splitlines()]
    assert tag["status"] == "changed" and tag["quote"].startswith("President Vladimir Putin")
    assert "restarting discussions" in tag["quote"]

    env = {"TERM": "xterm-256color", "HOME": str(tmp_path)}
    term = Terminal([NEWSGLOSS, "--db", str(db)], env, size=(120, 30))
    try:
        # the newest articles (the fetched ones first of them), each with its byline
        screen = term.wait_for("The Daily Example · 2025-02-03  by")
        assert "127.0.0.1 · 2025-02-05  by Feed Wri" in screen
        term.press("q")
        term.wait_until_closed()
    finally:
        term.close()
