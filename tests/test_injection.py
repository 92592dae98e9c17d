"""Hostile text never reaches the terminal: the reader in tmux, on a store whose labels,
notes, annotator names, titles, sources and file names hold escape sequences and bidi
controls, emits none of them, as the raw bytes the pane received show."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from terminal import Terminal

from newsgloss.corpus import load_file

NEWSGLOSS = Path(sys.executable).with_name("newsgloss")
CLIPBOARD = "\x1b]52;c;aGk=\x07"  # OSC 52: set the clipboard
TITLE = "\x1b]0;pwned\x07"  # OSC 0: set the window title
LINK = "\x1b]8;;https://evil.example\x1b\\here\x1b]8;;\x1b\\"  # OSC 8: a hyperlink
CLEAR = "\x1b[2J"  # CSI 2J: clear the screen
HOSTILE = f"{CLIPBOARD}{TITLE}{LINK}{CLEAR}\u202eesrever\u202c"
pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def test_hostile_strings_emit_no_escape_sequence(tmp_path: Path) -> None:
    article = tmp_path / f"news{CLIPBOARD}.txt"
    article.write_text(
        f"Headline {HOSTILE}\nOriginal url: https://x.org/{CLIPBOARD}\n"
        f"The minister said {HOSTILE} on Monday that talks would resume.\n"
    )
    bad = tmp_path / f"bad{CLIPBOARD}{TITLE}.txt"
    bad.write_bytes(b"\x00")
    db = tmp_path / "hostile.db"
    subprocess.run([NEWSGLOSS, "--db", db, "add", "--no-analysis", article], check=True)
    (document,) = load_file(article)
    start = document.text.index("The minister")
    line = {
        "id": "6f1c2a8e-0000-4000-8000-0000000000aa", "doc_id": document.id,
        "start": start, "end": start + 12, "label": f"claim{HOSTILE}",
        "quote": document.text[start : start + 12], "note": f"note {HOSTILE}",
        "annotator": f"ann{HOSTILE}",
    }  # fmt: skip
    tags = tmp_path / "tags.jsonl"
    tags.write_text(json.dumps(line) + "\n")
    subprocess.run([NEWSGLOSS, "--db", db, "import", tags], check=True, capture_output=True)

    raw = tmp_path / "raw.log"
    env = {"NEWSGLOSS_DB": str(db), "TERM": "xterm-256color"}
    term = Terminal([NEWSGLOSS, str(article), str(bad)], env, size=(100, 30))
    try:
        term.tmux("pipe-pane", "-o", f"cat >> {raw}")  # every byte the pane receives
        title_before = term.tmux("display", "-p", "#{pane_title}")
        term.wait_for("The minister said")
        term.wait_for("binary file")  # the toast naming the bad file
        term.press("A")  # the tags panel: the label and the note
        term.wait_for("tag:")
        term.press("o")  # the picker: titles and sources
        term.wait_for("Filter: title")
        term.press("Escape")
        term.wait_gone("Filter: title")
        title_after = term.tmux("display", "-p", "#{pane_title}")
        buffers = term.tmux("list-buffers")
        term.press("q")
        term.wait_until_closed()
    finally:
        term.close()
    output = raw.read_bytes()
    assert len(output) > 10_000  # the reader drew its screens
    oscs = set(re.findall(rb"\x1b\](\d+)", output))
    assert oscs <= {b"22"}, oscs  # only Textual's own pointer shape: no 52, 0 or 8
    assert b"\x1b[2J" not in output
    assert "\u202e".encode() not in output and "\u202c".encode() not in output
    assert title_after == title_before and "pwned" not in title_after
    assert buffers == ""  # tmux's clipboard was never set
